/**
 * Headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core): a page on localhost loads
 * the browser bundle and runs the scenario against the fake on 127.0.0.1, another origin, so every
 * request goes through CORS.
 */
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { chromium } from "playwright-core";
import type { ScenarioConfig, StepResult } from "../scenario.ts";
import { complete } from "../results.ts";

const TIMEOUT_MS = 60_000;
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const PAGE = `<!doctype html><meta charset="utf-8"><title>asana-fetch runtime matrix</title>
<pre></pre><script type="module" src="/app.js"></script>`;

/** Serves the page and the bundle, nothing else. */
function servePage(dir: string): Promise<Server> {
  const app = readFileSync(join(dir, "app.js"));
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    if (path === "/") response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(PAGE);
    else if (path === "/app.js") response.writeHead(200, { "content-type": "text/javascript" }).end(app);
    else response.writeHead(404).end();
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

export async function runChromium(dir: string, config: ScenarioConfig): Promise<StepResult[]> {
  const server = await servePage(dir);
  const { port } = server.address() as AddressInfo;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 30_000 }).catch((error: Error) => error);
  if (browser instanceof Error) {
    server.close();
    return complete([], `could not launch ${CHROMIUM}: ${browser.message.split("\n")[0]}`);
  }
  const problems: string[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const page = await browser.newPage();
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console: ${message.text()}`);
    });
    const query = new URLSearchParams({ config: JSON.stringify({ ...config, runtime: "chromium" }) });
    // localhost, while the fake is on 127.0.0.1: a different origin.
    await page.goto(`http://localhost:${port}/?${query}`, { timeout: 30_000 });
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no results after ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
    });
    const results = await Promise.race([page.evaluate(() => window.scenarioResults), timeout]);
    return complete(results, problems.join("; ") || "the page did not report it");
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0]! : String(error);
    return complete([], [message, ...problems].join("; "));
  } finally {
    clearTimeout(timer);
    await browser.close();
    server.close();
  }
}

/**
 * Cloudflare workerd through miniflare: the bundled worker runs the scenario inside fetch() and answers
 * the results as JSON. Its outbound fetches go straight to the loopback fake.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import type { ScenarioConfig, StepResult } from "../scenario.ts";
import { complete } from "../results.ts";

const TIMEOUT_MS = 60_000;

export async function runWorkerd(dir: string, config: ScenarioConfig): Promise<StepResult[]> {
  const mf = new Miniflare({
    modules: true,
    script: readFileSync(join(dir, "worker.mjs"), "utf8"),
    scriptPath: join(dir, "worker.mjs"),
    modulesRoot: dir,
    compatibilityDate: "2025-09-01",
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer after ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
    });
    const response = await Promise.race([
      mf.dispatchFetch("http://worker.local/", { method: "POST", body: JSON.stringify({ ...config, runtime: "workerd" }) }),
      timeout,
    ]);
    const text = await response.text();
    if (!response.ok) return complete([], `worker answered ${response.status}: ${text.slice(0, 300)}`);
    return complete(JSON.parse(text) as StepResult[], "the worker did not report it");
  } catch (error) {
    return complete([], error instanceof Error ? error.message : String(error));
  } finally {
    clearTimeout(timer);
    // A runtime that failed to start rejects here too: already reported above.
    await mf.dispose().catch(() => undefined);
  }
}

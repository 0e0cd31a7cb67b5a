/**
 * The runtime matrix: the built package, packed and installed as a user gets it, runs one scenario in
 * Node (ESM and CommonJS), Deno, Bun, Cloudflare workerd and headless Chromium against the fake Asana.
 *
 *   npm run build && npm run test:runtimes [-- --only node,deno]
 *
 * Exit code 1 if any step fails in any runtime. Every child and browser is bounded by a timeout.
 * Chromium is Debian's /usr/bin/chromium (apt-get install chromium); CHROMIUM_PATH overrides it.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleEntries } from "./bundle.ts";
import { startFake } from "./fake.ts";
import { installPackedPackage } from "./install.ts";
import { printRuntime, printSummary, type Row } from "./results.ts";
import type { ScenarioConfig } from "./scenario.ts";
import { runChromium } from "./targets/chromium.ts";
import { cliRuntimes, runCli } from "./targets/cli.ts";
import { runWorkerd } from "./targets/workerd.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const bin = join(root, "node_modules", ".bin");

type Runner = (dir: string, config: ScenarioConfig) => Promise<Row[]>;

const RUNTIMES: [string, Runner][] = [
  ...cliRuntimes.map((r): [string, Runner] => [r.name, (dir, config) => runCli(r, dir, bin, config)]),
  ["workerd", runWorkerd],
  ["chromium", runChromium],
];

/** `--only node,deno`: "node" selects node-esm and node-cjs. */
function selected(argv: string[]): [string, Runner][] {
  const at = argv.findIndex((a) => a === "--only" || a.startsWith("--only="));
  if (at === -1) return RUNTIMES;
  const value = argv[at]!.includes("=") ? argv[at]!.split("=")[1]! : (argv[at + 1] ?? "");
  const wanted = value.split(",").map((s) => s.trim()).filter(Boolean);
  const names = RUNTIMES.map(([name]) => name);
  const unknown = wanted.filter((w) => !names.some((n) => n === w || n.startsWith(`${w}-`)));
  if (wanted.length === 0 || unknown.length > 0) {
    console.error(`--only: unknown runtime ${JSON.stringify(unknown.join(","))}; choose from ${names.join(", ")}`);
    process.exit(2);
  }
  return RUNTIMES.filter(([name]) => wanted.some((w) => name === w || name.startsWith(`${w}-`)));
}

async function main(): Promise<number> {
  const runtimes = selected(process.argv.slice(2));
  if (!existsSync(join(root, "dist", "index.js")) || !existsSync(join(root, "dist", "testing", "node.js"))) {
    console.error("test:runtimes: dist/ is missing or incomplete; run `npm run build` first.");
    return 1;
  }
  const dir = mkdtempSync(join(tmpdir(), "asana-fetch-runtimes-"));
  const fake = await startFake();
  try {
    installPackedPackage(root, dir);
    await bundleEntries(dir);
    console.log(`package packed and installed in ${dir}; fake Asana at ${fake.config.baseUrl}`);

    const all = new Map<string, Row[]>();
    for (const [name, run] of runtimes) {
      const started = performance.now();
      const results = await run(dir, { ...fake.config, runtime: name });
      all.set(name, results);
      printRuntime(name, results, (performance.now() - started) / 1000);
    }
    printSummary(all);
    const failed = [...all].filter(([, results]) => results.some((r) => !r.ok)).map(([name]) => name);
    console.log(failed.length === 0 ? `\nPASS all ${all.size} runtimes` : `\nFAIL ${failed.join(", ")}`);
    return failed.length === 0 ? 0 : 1;
  } finally {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main();

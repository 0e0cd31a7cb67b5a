/**
 * Entry for the command-line runtimes (Node ESM, Node CommonJS, Deno, Bun). Bundled with "asana-fetch"
 * left external, so each runtime resolves the installed package itself: `import` or `require`.
 * Prints one `PASS step detail` / `FAIL step detail` line per step.
 */
import { AsanaError, createAsanaClient } from "../../../src/index.ts"; // swapped for the built package by bundle.ts
import { runScenario, type ScenarioConfig } from "../scenario.ts";

declare const Deno: { args: string[] } | undefined;
declare const process: { argv: string[] } | undefined;

const args = typeof Deno !== "undefined" ? Deno.args : process!.argv.slice(2);
const config = JSON.parse(args[0] ?? "{}") as ScenarioConfig;

runScenario({
  ...config,
  createAsanaClient,
  AsanaError,
  report: (step, ok, detail) => console.log(`${ok ? "PASS" : "FAIL"} ${step} ${detail.replace(/\s+/g, " ")}`),
}).catch((error: unknown) => console.log(`FAIL scenario ${String(error)}`));

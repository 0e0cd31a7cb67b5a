/**
 * `npm run bench`: asana-fetch beside raw fetch, bare openapi-fetch and the official `asana` client.
 * Each section runs in a fresh process; the tables are printed as they come and, for a full run,
 * written to BENCHMARKS.md. Fails only when a section crashes, never on the numbers.
 *
 *   npm run bench                          full run, about 15 minutes, writes BENCHMARKS.md
 *   npm run bench -- --quick               about a minute (CI), prints only
 *   npm run bench -- --only quota,prefetch some sections (quota, quota-60s, quota-shared, quota-store, ...)
 *   npm run bench -- --out FILE            where to write the Markdown (also in quick mode)
 */
import { fork } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ABLATIONS, CASES } from "./cases.ts";
import { markdown, sections, targets, targetsSection, type Results } from "./report.ts";

const { values: args } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    only: { type: "string" },
    out: { type: "string" },
  },
});

const quick = args.quick === true;

/** Several processes, one token: with the store at 2, 4 and 8 processes, without it for comparison. */
const SHARED_RUNS = [
  ...[2, 4, 8].flatMap((processes) => [30, 100].flatMap((latencyMs) => [[processes, latencyMs, "store"], [processes, latencyMs, "none"]])),
  [4, 300, "store"],
  [4, 100, "store-declared"],
  [4, 100, "none-declared-full"],
  [4, 100, "none-declared-share"],
];

/** Rounds and sizes: the full run takes about 15 minutes (the quota sections wait out real windows), --quick about one. */
const OPTIONS: Record<string, Record<string, unknown>> = quick
  ? {
      throughput: { rounds: 3, sliceMs: 150, concurrencies: [1, 16] },
      overhead: { rounds: 3, iterations: 300, ablations: false },
      paginate: { rounds: 1, sampleEvery: 20, warmUp: false },
      quota: { rounds: 1, tasks: 300, requests: 100, windowMs: 1000, latenciesMs: [0, 100], official: true },
      "quota-shared": { tasks: 300, requests: 100, windowMs: 1000, runs: [[2, 30, "store"], [2, 30, "none"]] },
      "quota-store": { iterations: 300, concurrencies: [1, 16] },
      prefetch: { rounds: 2 },
      bundle: {},
    }
  : {
      throughput: { rounds: 6, sliceMs: 700, concurrencies: [1, 16] },
      overhead: { rounds: 9, iterations: 2000, ablations: true },
      // callgrind: openapi-fetch's GET, tasks.get with a custom fetch, with the global fetch, and without a timeout.
      instructions: { cases: [CASES.bareGet, CASES.facadeGet, CASES.facadeGetGlobal, ABLATIONS.noTimeout] },
      paginate: { rounds: 5, sampleEvery: 5, warmUp: true },
      quota: { rounds: 2, tasks: 600, requests: 100, windowMs: 1000, latenciesMs: [0, 30, 100, 300], official: true },
      // Asana's paid quota, 1,500 per 60 s, with time ÷ 10; latencies as on the real API.
      "quota-60s": { rounds: 1, tasks: 3001, requests: 1500, windowMs: 6000, scale: 10, latenciesMs: [0, 30, 100, 300] },
      "quota-shared": { tasks: 3001, requests: 1500, windowMs: 6000, scale: 10, runs: SHARED_RUNS },
      "quota-store": { iterations: 3000, concurrencies: [1, 16] },
      prefetch: { rounds: 6 },
      bundle: {},
    };

const only = args.only?.split(",").map((s) => s.trim()).filter(Boolean);
for (const name of only ?? []) if (!(name in OPTIONS)) throw new Error(`--only: unknown section ${name}; known: ${Object.keys(OPTIONS).join(", ")}`);
const chosen = Object.keys(OPTIONS).filter((name) => !only || only.includes(name));

/** A section that has not answered by then has hung: it is stopped and reported as a crash. */
const SECTION_TIMEOUT_MS = quick ? 90_000 : 300_000;
/** The quota sections wait out many real windows. */
const LONG_SECTION_TIMEOUT_MS: Record<string, number> = quick ? {} : { "quota-60s": 600_000, "quota-shared": 1_200_000, instructions: 900_000 };
const runner = fileURLToPath(new URL("./run-section.ts", import.meta.url));
const root = fileURLToPath(new URL("../..", import.meta.url));

type Reply = { ok: true; result: unknown } | { ok: false; error: string };

function runSection(name: string): Promise<Reply> {
  return new Promise((resolve) => {
    const child = fork(runner, [name, JSON.stringify(OPTIONS[name])], {
      cwd: root,
      execArgv: ["--import", "tsx", "--expose-gc"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    let reply: Reply | undefined;
    const timeoutMs = LONG_SECTION_TIMEOUT_MS[name] ?? SECTION_TIMEOUT_MS;
    const timer = setTimeout(() => {
      reply ??= { ok: false, error: `timed out after ${timeoutMs / 1000} s` };
      child.kill("SIGKILL");
    }, timeoutMs);
    child.on("message", (message) => {
      reply = message as Reply;
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      resolve(reply ?? { ok: false, error: `exited with ${signal ?? `code ${code}`} before reporting` });
    });
  });
}

const results: Results = {
  mode: quick ? "quick" : "full",
  machine: {
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    loadBefore: os.loadavg(),
  },
  options: OPTIONS,
  errors: {},
};

console.log(`asana-fetch bench (${results.mode}): ${results.machine.cpu}, ${results.machine.cores} cores, Node ${results.machine.node}, load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}\n`);
const started = performance.now();
for (const name of chosen) {
  const t0 = performance.now();
  process.stdout.write(`running ${name}... `);
  const reply = await runSection(name);
  console.log(`${((performance.now() - t0) / 1000).toFixed(1)} s`);
  if (!reply.ok) {
    results.errors[name] = reply.error;
    console.error(`\n${name} crashed:\n${reply.error}\n`);
    continue;
  }
  (results as unknown as Record<string, unknown>)[name] = reply.result;
  console.log(`\n${sections(results)[name] ?? ""}\n`);
}
results.machine.loadAfter = os.loadavg();

const list = targets(results);
console.log(`${targetsSection(list)}\n`);
console.log(`total ${((performance.now() - started) / 1000).toFixed(0)} s`);

const out = args.out ?? (quick || only ? undefined : "BENCHMARKS.md");
if (out) {
  const findingsFile = new URL("./FINDINGS.md", import.meta.url);
  const findings = existsSync(findingsFile) ? readFileSync(findingsFile, "utf8") : undefined;
  const path = resolve(root, out);
  // `npm run bench:types` owns its own section of the file: carried over as it stands.
  const previous = existsSync(path) ? readFileSync(path, "utf8") : "";
  const types = /<!-- bench:types -->[\s\S]*?<!-- \/bench:types -->\n?/.exec(previous)?.[0];
  writeFileSync(path, markdown(results, findings) + (types ? `\n${types}` : ""));
  console.log(`wrote ${out}`);
}
if (Object.keys(results.errors).length > 0) process.exitCode = 1;

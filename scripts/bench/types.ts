/**
 * `npm run bench:types`: what typed field selection costs the type checker. Type-checks a generated
 * consumer (types-consumer.ts: 200 varied selections) and the same calls without opt_fields, with the
 * project's compiler options (`tsc --extendedDiagnostics --noEmit`), and writes the instantiation
 * counts and check times into BENCHMARKS.md (its own section, replaced on each run).
 * Check time is tsc's own, read twice: on the main thread's CPU clock (tsc-cpu-clock.cjs; what the
 * target is judged on, since other work on a shared machine inflates wall time, not CPU time) and on
 * the wall clock. Each is the fastest of the runs.
 * Exits 1 (after printing) when the selections add more than 1 s of check time or 2,000,000
 * instantiations, or when either file has a type error ("excessively deep" included).
 *
 *   npm run bench:types                 3 runs of each file and clock, writes BENCHMARKS.md
 *   npm run bench:types -- --runs 5 --out FILE
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, promisify } from "node:util";
import { consumerSource, SELECTIONS } from "./types-consumer.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const { values: args } = parseArgs({ options: { runs: { type: "string", default: "3" }, out: { type: "string", default: "BENCHMARKS.md" } } });
const RUNS = Number(args.runs);
const TARGET = { checkSeconds: 1, instantiations: 2_000_000 };
const START = "<!-- bench:types -->";
const END = "<!-- /bench:types -->";
const TSC = join(root, "node_modules/typescript/lib/tsc.js");
const CPU_CLOCK = fileURLToPath(new URL("./tsc-cpu-clock.cjs", import.meta.url));
const HAS_CPU_CLOCK = existsSync("/proc/self/task");

interface Check {
  instantiations: number;
  checkSeconds: number;
  errors: string[];
}

/** One tsc run over `file` with the project's options (their `paths` map asana-fetch to src/). */
async function typeCheck(config: string, clock: "cpu" | "wall"): Promise<Check> {
  const command = clock === "cpu" ? [CPU_CLOCK, TSC] : [TSC];
  const output = await promisify(execFile)(process.execPath, [...command, "--noEmit", "--extendedDiagnostics", "-p", config], { cwd: root, maxBuffer: 64 << 20 })
    .then(({ stdout }) => stdout)
    .catch((error: { stdout?: string }) => error.stdout ?? String(error));
  const number = (label: string) => Number(new RegExp(`^${label}:\\s+([\\d.]+)`, "m").exec(output)?.[1] ?? NaN);
  return {
    instantiations: number("Instantiations"),
    checkSeconds: number("Check time"),
    errors: output.split("\n").filter((line) => /error TS\d+/.test(line)),
  };
}

interface Measured {
  instantiations: number;
  errors: string[];
  /** The fastest run on each clock, and every run. */
  cpu: number;
  wall: number;
  cpuRuns: number[];
  wallRuns: number[];
}

async function measure(dir: string, file: string, source: string): Promise<Measured> {
  writeFileSync(join(dir, file), source);
  const config = join(dir, `tsconfig.${file}.json`);
  // typeRoots: the project's @types, found from the temp dir.
  writeFileSync(config, JSON.stringify({ extends: join(root, "tsconfig.json"), compilerOptions: { typeRoots: [join(root, "node_modules/@types")] }, include: [join(dir, file)] }));
  const cpu: Check[] = [];
  const wall: Check[] = [];
  // One at a time: parallel runs would share the cores and slow each other.
  for (let i = 0; i < RUNS; i++) {
    if (HAS_CPU_CLOCK) cpu.push(await typeCheck(config, "cpu"));
    wall.push(await typeCheck(config, "wall"));
  }
  const cpuRuns = cpu.map((run) => run.checkSeconds);
  const wallRuns = wall.map((run) => run.checkSeconds);
  return {
    instantiations: wall[0]!.instantiations,
    errors: wall[0]!.errors,
    cpu: HAS_CPU_CLOCK ? Math.min(...cpuRuns) : Math.min(...wallRuns),
    wall: Math.min(...wallRuns),
    cpuRuns,
    wallRuns,
  };
}

const dir = mkdtempSync(join(os.tmpdir(), "asana-fetch-bench-types-"));
let plain: Measured;
let selected: Measured;
try {
  plain = await measure(dir, "plain.ts", consumerSource(false));
  selected = await measure(dir, "selected.ts", consumerSource(true));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const added = { instantiations: selected.instantiations - plain.instantiations, cpu: selected.cpu - plain.cpu, wall: selected.wall - plain.wall };
const errors = [...plain.errors, ...selected.errors];
const deep = errors.filter((line) => line.includes("TS2589"));
const met = added.instantiations <= TARGET.instantiations && added.cpu <= TARGET.checkSeconds && errors.length === 0;

const int = (n: number) => n.toLocaleString("en-US");
const seconds = (n: number) => `${n.toFixed(2)} s`;
const runs = (values: number[]) => values.map((s) => s.toFixed(2)).join(", ");
const row = (name: string, m: Measured) =>
  `| ${name} | ${int(m.instantiations)} | ${seconds(m.cpu)} (${runs(m.cpuRuns)}) | ${seconds(m.wall)} (${runs(m.wallRuns)}) |`;
const version = JSON.parse(readFileSync(join(root, "node_modules/typescript/package.json"), "utf8")).version;
const section = [
  START,
  "### Type-checking cost of typed field selection",
  "",
  `Generated by \`npm run bench:types\` (scripts/bench/types.ts) on ${new Date().toISOString().slice(0, 19)}Z: ${os.cpus()[0]?.model.trim() ?? "unknown CPU"}, ` +
    `${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(", ")}, TypeScript ${version}.`,
  `\`tsc --extendedDiagnostics --noEmit\` with the project's options on a generated consumer: ${SELECTIONS} calls to every method that`,
  "takes opt_fields (single tasks, lists, pages, search, jobs), each with its own literal selection of 1 to 8 paths (nesting, arrays,",
  "references, embedded objects), every requested path then read; and the same calls without opt_fields. tsc's check time on",
  "the main thread's CPU clock (what the target is judged on: other work on a shared machine inflates wall time, not CPU time)",
  `and on the wall clock, each the fastest of ${RUNS} runs; instantiations do not vary.`,
  "",
  `| file | instantiations | check time, CPU${HAS_CPU_CLOCK ? "" : " (unavailable: wall)"} (runs) | check time, wall (runs) |`,
  "| --- | ---: | ---: | ---: |",
  row(`${SELECTIONS} calls without opt_fields`, plain),
  row(`the same calls with ${SELECTIONS} selections`, selected),
  `| **added by the selections** | **${int(added.instantiations)}** | **${seconds(added.cpu)}** | ${seconds(added.wall)} |`,
  "",
  `Target: at most ${int(TARGET.instantiations)} instantiations and ${TARGET.checkSeconds} s of check time added, no type error: **${met ? "met" : "missed"}**` +
    ` (${errors.length} type errors, ${deep.length} "excessively deep").`,
  END,
].join("\n");

console.log(section);
for (const line of errors.slice(0, 20)) console.error(line);

const out = resolve(root, args.out);
const current = existsSync(out) ? readFileSync(out, "utf8") : "";
const at = current.indexOf(START);
const end = current.indexOf(END);
const next =
  at >= 0 && end > at
    ? current.slice(0, at) + section + current.slice(end + END.length)
    : current.includes("\n## Findings")
      ? current.replace("\n## Findings", `\n${section}\n\n## Findings`)
      : `${current.trimEnd()}\n\n${section}\n`;
writeFileSync(out, next);
console.log(`wrote ${args.out}`);
if (!met) process.exitCode = 1;

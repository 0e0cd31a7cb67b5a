/**
 * Instructions per call, counted by callgrind: unlike time, nearly the same on a busy machine. Each
 * case runs twice under valgrind (N1 and N2 calls after the same warm-up); the difference in
 * instructions divided by N2 − N1 is the cost of one call, start-up and warm-up cancelled out.
 * V8 runs in predictable mode with a fixed hash seed and a young generation large enough that short-
 * lived call objects die there: with 5,000 calls and V8's defaults, whether a major GC fell in one
 * run moved the count by ±10 % from run to run on a loaded machine; so, three runs agree within 2 %.
 * About two minutes per case: a bench section of the full run (skipped when valgrind is missing), and
 * a profiling aid on its own:
 *
 *   npx tsx scripts/bench/instructions.ts ["case name" ...]
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ABLATIONS, CASES } from "./cases.ts";

const N1 = 1_000;
const N2 = 9_000;
const V8_FLAGS = ["--single-threaded", "--predictable", "--hash-seed=1", "--max-semi-space-size=32"];
const loop = fileURLToPath(new URL("./loop-case.ts", import.meta.url));

export interface InstructionsOptions {
  /** Case names of overhead.ts; by default openapi-fetch's GET and tasks.get. */
  cases?: string[];
}

export interface InstructionsResult {
  /** case → instructions per call; empty when valgrind is not installed. */
  perCall: Record<string, number>;
  skipped?: string;
}

function count(name: string, n: number, dir: string): number {
  const out = join(dir, `cg.${n}.out`);
  execFileSync(
    "valgrind",
    ["--tool=callgrind", "--smc-check=all-non-file", `--callgrind-out-file=${out}`, process.execPath, ...V8_FLAGS, "--import", "tsx", loop, name, String(n)],
    { stdio: ["ignore", "ignore", "ignore"] },
  );
  const summary = /^summary:\s+(\d+)/m.exec(readFileSync(out, "utf8"));
  if (!summary) throw new Error(`no summary in ${out}`);
  return Number(summary[1]);
}

function hasValgrind(): boolean {
  try {
    execFileSync("valgrind", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

export async function runInstructions(options: InstructionsOptions = {}): Promise<InstructionsResult> {
  if (!hasValgrind()) return { perCall: {}, skipped: "valgrind is not installed" };
  const names = options.cases ?? [CASES.bareGet, CASES.facadeGet];
  const dir = mkdtempSync(join(tmpdir(), "bench-cg-"));
  const perCall: Record<string, number> = {};
  try {
    for (const name of names) perCall[name] = (count(name, N2, dir) - count(name, N1, dir)) / (N2 - N1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { perCall };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const names = process.argv.length > 2 ? process.argv.slice(2) : [CASES.floor, CASES.bareGet, CASES.facadeGet, ...Object.values(ABLATIONS)];
  for (const name of names) {
    const { perCall, skipped } = await runInstructions({ cases: [name] });
    if (skipped) throw new Error(skipped);
    console.log(`${(perCall[name]! / 1000).toFixed(1).padStart(8)} k instructions/call  ${name}`);
  }
}

/**
 * Instructions per call, counted by callgrind: unlike time, the same on a busy machine. Each case runs
 * twice under valgrind (N1 and N2 calls after the same warm-up); the difference in instructions
 * divided by N2 − N1 is the cost of one call, start-up and warm-up cancelled out. Slow (about a
 * minute per run): a profiling aid, not part of `npm run bench`.
 *
 *   npx tsx scripts/bench/instructions.ts ["case name" ...]
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ABLATIONS, CASES } from "./overhead.ts";

const N1 = 1_000;
const N2 = 5_000;
const loop = fileURLToPath(new URL("./loop-case.ts", import.meta.url));

function instructions(name: string, n: number, dir: string): number {
  const out = join(dir, `cg.${n}.out`);
  execFileSync(
    "valgrind",
    ["--tool=callgrind", "--smc-check=all-non-file", `--callgrind-out-file=${out}`, process.execPath, "--single-threaded", "--import", "tsx", loop, name, String(n)],
    { stdio: ["ignore", "ignore", "ignore"] },
  );
  const summary = /^summary:\s+(\d+)/m.exec(readFileSync(out, "utf8"));
  if (!summary) throw new Error(`no summary in ${out}`);
  return Number(summary[1]);
}

const names = process.argv.length > 2 ? process.argv.slice(2) : [CASES.floor, CASES.bareGet, CASES.facadeGet, ...Object.values(ABLATIONS)];
const dir = mkdtempSync(join(tmpdir(), "bench-cg-"));
try {
  for (const name of names) {
    const perCall = (instructions(name, N2, dir) - instructions(name, N1, dir)) / (N2 - N1);
    console.log(`${(perCall / 1000).toFixed(1).padStart(8)} k instructions/call  ${name}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

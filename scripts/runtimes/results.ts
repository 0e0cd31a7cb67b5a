/** Step results: parsing a child's PASS/FAIL lines, filling in steps it never reported, and the tables. */
import { STEPS, type Step, type StepResult } from "./scenario.ts";

/** A scenario step, or a check the orchestrator adds (such as a child's clean exit). */
export interface Row {
  step: string;
  ok: boolean;
  detail: string;
}

const LINE = /^(PASS|FAIL) (\S+) ?(.*)$/;

/** Reads `PASS step detail` / `FAIL step detail` lines; anything else is ignored. */
export function parseLines(output: string): StepResult[] {
  const results: StepResult[] = [];
  for (const line of output.split("\n")) {
    const match = LINE.exec(line.trim());
    if (match && (STEPS as readonly string[]).includes(match[2]!)) {
      results.push({ step: match[2] as Step, ok: match[1] === "PASS", detail: match[3] ?? "" });
    }
  }
  return results;
}

/** One result per step, in order: a step reported twice or never is a failure. */
export function complete(results: StepResult[], why: string): StepResult[] {
  return STEPS.map((step) => {
    const mine = results.filter((r) => r.step === step);
    if (mine.length === 1) return mine[0]!;
    return { step, ok: false, detail: mine.length === 0 ? `not reported (${why})` : "reported more than once" };
  });
}

export function printRuntime(runtime: string, results: Row[], seconds: number): void {
  console.log(`\n── ${runtime} (${seconds.toFixed(1)} s)`);
  for (const r of results) console.log(`${r.ok ? "PASS" : "FAIL"} ${r.step.padEnd(9)} ${r.detail}`);
}

export function printSummary(all: Map<string, Row[]>): void {
  const runtimes = [...all.keys()];
  const steps = [...new Set([...all.values()].flatMap((rows) => rows.map((r) => r.step)))];
  const width = Math.max(8, ...runtimes.map((r) => r.length));
  const row = (first: string, cells: string[]) => `${first.padEnd(10)}${cells.map((c) => c.padEnd(width + 2)).join("")}`;
  console.log(`\n${row("step", runtimes)}`);
  for (const step of steps) {
    const cell = (runtime: string) => {
      const found = all.get(runtime)!.find((x) => x.step === step);
      return found === undefined ? "-" : found.ok ? "PASS" : "FAIL";
    };
    console.log(row(step, runtimes.map(cell)));
  }
}

/**
 * Runs one stub-fetch case N times after a warm-up, for instruction counting under callgrind
 * (see instructions.ts): the difference between two N gives instructions per call.
 */
import { overheadCases } from "./overhead.ts";

const [name, n] = [process.argv[2] ?? "", Number(process.argv[3] ?? 1000)];
const found = overheadCases(true).find((c) => c.name === name);
if (!found) throw new Error(`unknown case ${JSON.stringify(name)}`);
for (let i = 0; i < 3000; i++) await found.call();
for (let i = 0; i < n; i++) await found.call();

// Runs tsc (argv[2], then its arguments) with tsc's phase timer reading the main thread's CPU time
// (Linux /proc, 10 ms ticks) instead of the wall clock, so that other work on a busy machine does not
// inflate "Check time". Used by `npm run bench:types` (types.ts); elsewhere the wall clock stays.
const { existsSync, readFileSync } = require("node:fs");
const { performance } = require("node:perf_hooks");

const stat = `/proc/self/task/${process.pid}/stat`;
if (existsSync(stat)) {
  // Fields after the command name: utime and stime are the 12th and 13th, in clock ticks (100 a second).
  performance.now = () => {
    const fields = readFileSync(stat, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  };
}
const tsc = process.argv[2];
process.argv.splice(1, 2, tsc);
require(tsc);

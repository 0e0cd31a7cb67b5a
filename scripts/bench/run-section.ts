/**
 * One bench section in a fresh process (forked by index.ts with --expose-gc), so no section's JIT
 * state, heap or sockets colour another's. Sends the result back over IPC.
 *
 *   argv: <section> <options as JSON>
 */
import { runBundle } from "./bundle.ts";
import { runInstructions } from "./instructions.ts";
import { runOverhead } from "./overhead.ts";
import { runPaginate } from "./paginate.ts";
import { runPrefetch } from "./prefetch.ts";
import { runQuota } from "./quota.ts";
import { runQuotaShared } from "./quota-shared.ts";
import { runQuotaStore } from "./quota-store.ts";
import { runThroughput } from "./throughput.ts";

const SECTIONS: Record<string, (options: never) => Promise<unknown>> = {
  throughput: runThroughput,
  overhead: runOverhead,
  instructions: runInstructions,
  paginate: runPaginate,
  quota: runQuota,
  "quota-60s": runQuota,
  "quota-shared": runQuotaShared,
  "quota-store": runQuotaStore,
  prefetch: runPrefetch,
  bundle: runBundle,
};

const [name = "", json = "{}"] = process.argv.slice(2);
const run = SECTIONS[name];

function reply(message: unknown, code: number): void {
  if (process.send) process.send(message, () => process.exit(code));
  else {
    console.log(JSON.stringify(message, null, 2));
    process.exit(code);
  }
}

if (!run) reply({ ok: false, error: `unknown section ${JSON.stringify(name)}` }, 1);
else {
  try {
    reply({ ok: true, result: await run(JSON.parse(json) as never) }, 0);
  } catch (error) {
    reply({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }, 1);
  }
}

/**
 * Single GETs against the loopback server at concurrency 1 and 16: every contender runs for the same
 * time slice in each round, in a different order each round; a GC before each slice keeps one
 * contender's garbage off the next one's clock.
 */
import { asanaFetch, official, openapiFetch, rawFetch, type Contender } from "./clients.ts";
import { gc, roundOrder, sleep, taskGid } from "./common.ts";
import { startServer } from "./server-process.ts";

export interface ThroughputOptions {
  rounds: number;
  sliceMs: number;
  concurrencies: number[];
}

export interface ThroughputResult {
  /** contender name → concurrency → req/s per round */
  rps: Record<string, Record<string, number[]>>;
  /** TCP connections each contender opened over the whole section. */
  connections: Record<string, number>;
  errors: Record<string, number>;
}

/** Runs `concurrency` loops of sequential GETs until the slice ends; req/s over the time to the last answer. */
async function slice(contender: Contender, concurrency: number, sliceMs: number, errors: { n: number }): Promise<number> {
  let done = 0;
  let next = 0;
  const start = performance.now();
  const deadline = start + sliceMs;
  const worker = async () => {
    while (performance.now() < deadline) {
      try {
        await contender.get(taskGid(next++));
        done++;
      } catch {
        errors.n++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return done / ((performance.now() - start) / 1000);
}

export async function runThroughput(options: ThroughputOptions): Promise<ThroughputResult> {
  const server = await startServer();
  try {
    const base = server.baseUrl;
    const contenders: Contender[] = [
      rawFetch("raw fetch", base),
      rawFetch("raw fetch #2", base),
      openapiFetch(base),
      asanaFetch(base),
      official(base),
      official(base, { keepAlive: true }),
    ];
    const rps: ThroughputResult["rps"] = {};
    const connections: Record<string, number> = {};
    const errors: Record<string, { n: number }> = {};
    for (const c of contenders) {
      rps[c.name] = {};
      connections[c.name] = 0;
      errors[c.name] = { n: 0 };
    }

    for (const concurrency of options.concurrencies) {
      // Warm-up: JIT, connection pools and the server's caches, not measured.
      for (const c of contenders) await slice(c, concurrency, Math.min(300, options.sliceMs), { n: 0 });
      for (const c of contenders) rps[c.name]![concurrency] = [];
      for (let round = 0; round < options.rounds; round++) {
        for (const c of roundOrder(contenders, round)) {
          gc();
          await sleep(20);
          const before = await server.connections();
          rps[c.name]![concurrency]!.push(await slice(c, concurrency, options.sliceMs, errors[c.name]!));
          connections[c.name]! += (await server.connections()) - before;
        }
      }
    }
    return { rps, connections, errors: Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, v.n])) };
  } finally {
    await server.close();
  }
}

/**
 * Walking 20,000 tasks (200 pages of 100) from the loopback server: wall time over interleaved rounds,
 * then, for each contender, the live heap after a full GC sampled between pages while the walk is
 * under way. A client that buffers pages (or leaks per request) shows as a climbing heap.
 */
import { asanaFetch, official, openapiFetch, rawFetch, type Contender } from "./clients.ts";
import { BIG_PROJECT, BIG_PROJECT_TASKS, gc, roundOrder, sleep } from "./common.ts";
import { startServer } from "./server-process.ts";

export interface PaginateOptions {
  rounds: number;
  /** Heap sample every this many pages. */
  sampleEvery: number;
  /** An unmeasured walk per client first (JIT, connections, the server's page cache). */
  warmUp: boolean;
}

export interface HeapTrace {
  start: number;
  max: number;
  end: number;
  samples: number;
}

export interface PaginateResult {
  /** contender → ms per walk, per round */
  ms: Record<string, number[]>;
  heap: Record<string, HeapTrace>;
  items: number;
  pages: number;
}

function heapNow(): number {
  gc();
  return process.memoryUsage().heapUsed;
}

async function traceHeap(contender: Contender, sampleEvery: number): Promise<HeapTrace> {
  const start = heapNow();
  let max = start;
  let samples = 1;
  const count = await contender.walk(BIG_PROJECT, (pages) => {
    if (pages % sampleEvery !== 0) return;
    max = Math.max(max, heapNow());
    samples++;
  });
  if (count !== BIG_PROJECT_TASKS) throw new Error(`${contender.name} walked ${count} tasks, expected ${BIG_PROJECT_TASKS}`);
  const end = heapNow();
  return { start, max: Math.max(max, end), end, samples: samples + 1 };
}

export async function runPaginate(options: PaginateOptions): Promise<PaginateResult> {
  const server = await startServer();
  try {
    const base = server.baseUrl;
    const contenders: Contender[] = [rawFetch("raw fetch", base), openapiFetch(base), asanaFetch(base), official(base)];
    const ms: Record<string, number[]> = Object.fromEntries(contenders.map((c) => [c.name, []]));

    if (options.warmUp) for (const c of contenders) await c.walk(BIG_PROJECT);
    for (let round = 0; round < options.rounds; round++) {
      for (const c of roundOrder(contenders, round)) {
        gc();
        await sleep(20);
        const start = performance.now();
        const count = await c.walk(BIG_PROJECT);
        ms[c.name]!.push(performance.now() - start);
        if (count !== BIG_PROJECT_TASKS) throw new Error(`${c.name} walked ${count} tasks, expected ${BIG_PROJECT_TASKS}`);
      }
    }

    const heap: Record<string, HeapTrace> = {};
    for (const c of contenders) heap[c.name] = await traceHeap(c, options.sampleEvery);
    return { ms, heap, items: BIG_PROJECT_TASKS, pages: BIG_PROJECT_TASKS / 100 };
  } finally {
    await server.close();
  }
}

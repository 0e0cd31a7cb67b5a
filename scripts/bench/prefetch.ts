/**
 * Page prefetch: 20 pages, each answered after 20 ms by the server, each taking the consumer 20 ms
 * (a timer). Without prefetch a page costs latency + work; with it the next page is on its way while
 * the consumer works, so a page costs about max(latency, work).
 */
import { createAsanaClient } from "./built.ts";
import { roundOrder, sleep, SLOW_PAGE_LATENCY_MS, SLOW_PROJECT, SLOW_PROJECT_TASKS, TOKEN } from "./common.ts";
import { startServer } from "./server-process.ts";

export const CONSUMER_MS = 20;

export interface PrefetchOptions {
  rounds: number;
}

export interface PrefetchResult {
  /** "none" | "prefetch" → ms per walk, per round */
  ms: Record<string, number[]>;
  pages: number;
  latencyMs: number;
  consumerMs: number;
}

export async function runPrefetch(options: PrefetchOptions): Promise<PrefetchResult> {
  const server = await startServer();
  try {
    const asana = createAsanaClient({ token: TOKEN, baseUrl: server.baseUrl });
    const walk = async (prefetch: boolean): Promise<number> => {
      const start = performance.now();
      let items = 0;
      for await (const page of asana.tasks.forProject(SLOW_PROJECT, { limit: 100, prefetch }).pages()) {
        items += page.data.length;
        await sleep(CONSUMER_MS);
      }
      if (items !== SLOW_PROJECT_TASKS) throw new Error(`walked ${items} tasks, expected ${SLOW_PROJECT_TASKS}`);
      return performance.now() - start;
    };
    const modes = [
      { name: "none", prefetch: false },
      { name: "prefetch", prefetch: true },
    ];
    await walk(false); // warm-up: connections and the server's page cache
    const ms: Record<string, number[]> = { none: [], prefetch: [] };
    for (let round = 0; round < options.rounds; round++) {
      for (const mode of roundOrder(modes, round)) ms[mode.name]!.push(await walk(mode.prefetch));
    }
    return { ms, pages: SLOW_PROJECT_TASKS / 100, latencyMs: SLOW_PAGE_LATENCY_MS, consumerMs: CONSUMER_MS };
  } finally {
    await server.close();
  }
}

/**
 * What the Redis store costs per request, beside the in-memory limiter: acquire → release → observe
 * (200) in a loop, one request at a time and several at once, with nothing else in the way (no
 * budget reached, no cap reached). µs per request is wall time over the requests; round trips are
 * Redis's own count of script calls (INFO commandstats: evalsha + eval) over the requests.
 */
import Redis from "ioredis";
import { createClient } from "redis";
import { Limiter } from "../../src/core/quota/limiter.ts";
import type { QuotaLimiter, QuotaStoreContext } from "../../src/core/quota/types.ts";
import { createRedisQuotaStore, type RedisClientLike } from "../../src/redis/index.ts";
import { startRedisServer } from "./redis-server.ts";
import { TOKEN } from "./common.ts";

export interface QuotaStoreBenchOptions {
  iterations: number;
  /** Requests in flight at once. */
  concurrencies: number[];
}

export interface QuotaStoreRow {
  limiter: string;
  concurrency: number;
  usPerRequest: number;
  /** undefined for the in-memory limiter */
  roundTripsPerRequest?: number;
}

export interface QuotaStoreResult {
  iterations: number;
  rows: QuotaStoreRow[];
}

async function drive(limiter: QuotaLimiter, iterations: number, concurrency: number): Promise<number> {
  let left = iterations;
  const lane = async () => {
    while (left-- > 0) {
      const admitted = limiter.acquire("GET", undefined, TOKEN);
      const ticket = admitted instanceof Promise ? await admitted : admitted;
      ticket.release();
      limiter.observe(ticket, 200, undefined);
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, lane));
  return ((performance.now() - start) * 1000) / iterations;
}

async function scriptCalls(redis: Redis): Promise<number> {
  const info = await redis.info("commandstats");
  return [...info.matchAll(/^cmdstat_(?:evalsha|eval):calls=(\d+)/gm)].reduce((n, m) => n + Number(m[1]), 0);
}

export async function runQuotaStore(options: QuotaStoreBenchOptions): Promise<QuotaStoreResult> {
  const server = await startRedisServer();
  const io = new Redis(server.url);
  const node = createClient({ url: server.url });
  await node.connect();
  const admin = new Redis(server.url);
  const rows: QuotaStoreRow[] = [];
  try {
    const context = (local: QuotaLimiter): QuotaStoreContext => ({ concurrency: {}, rateLimit: undefined, local, leaseMs: 60_000, onWarning: () => {} });
    const contenders: Array<[string, (() => QuotaLimiter), RedisClientLike | undefined]> = [
      ["in-memory limiter", () => new Limiter({}, undefined), undefined],
      ["Redis store via ioredis", () => createRedisQuotaStore(io, { prefix: `cost${rows.length}:` }).limiter(context(new Limiter())), io],
      ["Redis store via node-redis", () => createRedisQuotaStore(node, { prefix: `cost${rows.length}:` }).limiter(context(new Limiter())), node],
    ];
    for (const concurrency of options.concurrencies) {
      for (const [name, make, redis] of contenders) {
        const limiter = make();
        await drive(limiter, Math.min(200, options.iterations), concurrency); // warm-up: script loaded, JIT
        const before = redis ? await scriptCalls(admin) : 0;
        const usPerRequest = await drive(limiter, options.iterations, concurrency);
        await new Promise((resolve) => setTimeout(resolve, 20)); // the last releases reach Redis
        const calls = redis ? (await scriptCalls(admin)) - before : undefined;
        rows.push({ limiter: name, concurrency, usPerRequest, ...(calls === undefined ? {} : { roundTripsPerRequest: calls / options.iterations }) });
      }
    }
    return { iterations: options.iterations, rows };
  } finally {
    io.disconnect();
    admin.disconnect();
    node.destroy();
    await server.stop();
  }
}

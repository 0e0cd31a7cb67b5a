/**
 * A child process for the multi-process quota tests (test/quota/) and benchmarks (quota-shared.ts): one client with the token and the
 * Redis store given in its environment. Run as `node --import tsx scripts/bench/quota-worker.ts`.
 *
 *   BASE_URL, TOKEN, REDIS_URL           where to send, with what, and which Redis (none: no store)
 *   REDIS_CLIENT=ioredis|node-redis      which client the store is given (default ioredis)
 *   GIDS=1,2,3                           tasks.get each, all at once
 *   MODE=bulk                            run them, print one line of JSON ({ ms, failures, warnings }), exit;
 *                                        forked with IPC, it first says "ready" and waits for "go"
 *   MODE=hold                            send them and never exit (the parent kills it)
 *   CONCURRENCY_READS, TIMEOUT_MS, RATE_REQUESTS, RATE_WINDOW_MS, PREFIX   client and store options
 */
import Redis from "ioredis";
import { createClient } from "redis";
import { createAsanaClient, type AsanaClientOptions, type AsanaWarning } from "../../src/index.ts";
import { createRedisQuotaStore, type RedisClientLike } from "../../src/redis/index.ts";

const env = process.env;
const number = (name: string): number | undefined => (env[name] ? Number(env[name]) : undefined);

async function redisClient(url: string): Promise<{ client: RedisClientLike; close(): void }> {
  if (env.REDIS_CLIENT === "node-redis") {
    const client = createClient({ url });
    client.on("error", () => {});
    await client.connect();
    return { client, close: () => client.destroy() };
  }
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  client.on("error", () => {});
  return { client, close: () => client.disconnect() };
}

const redis = env.REDIS_URL ? await redisClient(env.REDIS_URL) : undefined;
const warnings: AsanaWarning[] = [];
const requests = number("RATE_REQUESTS");
const options: AsanaClientOptions = {
  token: env.TOKEN!,
  baseUrl: env.BASE_URL!,
  onWarning: (warning) => warnings.push(warning),
  ...(redis ? { quotaStore: createRedisQuotaStore(redis.client, env.PREFIX ? { prefix: env.PREFIX } : {}) } : {}),
  ...(number("CONCURRENCY_READS") ? { concurrency: { reads: number("CONCURRENCY_READS")! } } : {}),
  ...(number("TIMEOUT_MS") ? { timeoutMs: number("TIMEOUT_MS")! } : {}),
  ...(requests ? { rateLimit: { requests, windowMs: number("RATE_WINDOW_MS")! } } : {}),
};
const asana = createAsanaClient(options);
const gids = (env.GIDS ?? "").split(",").filter(Boolean);

if (env.MODE === "hold") {
  for (const gid of gids) asana.tasks.get(gid).catch(() => {});
  setInterval(() => {}, 60_000); // stays until killed
} else {
  // Forked by a benchmark: every worker starts its burst at the same moment, once all are loaded.
  if (process.send) {
    const go = new Promise((resolve) => process.once("message", resolve));
    process.send("ready");
    await go;
  }
  const start = performance.now();
  const results = await Promise.allSettled(gids.map((gid) => asana.tasks.get(gid)));
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
  const summary = {
    ms: performance.now() - start,
    calls: gids.length,
    failures: failed.length,
    firstFailure: failed[0] ? String((failed[0].reason as Error)?.message ?? failed[0].reason).slice(0, 120) : undefined,
    warnings: warnings.map((w) => w.name),
  };
  const exit = () => {
    redis?.close();
    process.exit(0);
  };
  if (process.send) process.send(summary, exit);
  else {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    exit();
  }
}

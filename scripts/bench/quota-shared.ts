/**
 * Several processes, one token: P worker processes (quota-worker.ts), each firing its share of N
 * tasks.get at the same moment, against one fake Asana on loopback that enforces the token's quota
 * (sliding window, rejected requests counting too, 50 GETs in flight). With a Redis store they share
 * one budget, the caps and the pause; without one each process limits only itself.
 *
 * Setups: "store" (default options: the budget is learned, and shared), "store, rateLimit declared",
 * "no store" (each learns on its own), "no store, each declares the full budget", "no store, each
 * declares 1/P of it".
 */
import { minimumMs, quotaRun, quotaServer, type QuotaRun } from "./quota.ts";
import { startWorker, type WorkerSummary } from "./quota-children.ts";
import { startRedisServer } from "./redis-server.ts";
import { sleep, TOKEN } from "./common.ts";

/** A run still going after this long has hung. */
const RUN_TIMEOUT_MS = 180_000;

export type SharedSetup = "store" | "store-declared" | "none" | "none-declared-full" | "none-declared-share";

export const SETUP_NAMES: Record<SharedSetup, string> = {
  store: "Redis store, default options (learned, shared)",
  "store-declared": "Redis store, rateLimit declared",
  none: "no store, default options",
  "none-declared-full": "no store, each declares the full budget",
  "none-declared-share": "no store, each declares 1/P of it",
};

export interface QuotaSharedOptions {
  tasks: number;
  requests: number;
  windowMs: number;
  /** Time divided by this much (1: none); latencies are divided too, as in quota.ts. */
  scale?: number;
  /** [processes, latency ms as on the real API, setup] */
  runs: Array<[number, number, SharedSetup]>;
}

export interface SharedRun extends QuotaRun {
  processes: number;
  latencyMs: number;
  setup: SharedSetup;
  /** Store warnings told to onWarning, over all processes. */
  warnings: number;
}

export interface QuotaSharedResult {
  minimumMs: number;
  tasks: number;
  quota: { requests: number; windowMs: number };
  scale: number;
  runs: SharedRun[];
}

function workerEnv(setup: SharedSetup, processes: number, options: QuotaSharedOptions, redisUrl: string, prefix: string, index: number): Record<string, string> {
  const env: Record<string, string> = {};
  if (setup.startsWith("store")) Object.assign(env, { REDIS_URL: redisUrl, PREFIX: prefix, REDIS_CLIENT: index % 2 === 0 ? "ioredis" : "node-redis" });
  if (setup === "store-declared" || setup === "none-declared-full") Object.assign(env, { RATE_REQUESTS: String(options.requests), RATE_WINDOW_MS: String(options.windowMs) });
  if (setup === "none-declared-share") Object.assign(env, { RATE_REQUESTS: String(Math.floor(options.requests / processes)), RATE_WINDOW_MS: String(options.windowMs) });
  return env;
}

async function once(options: QuotaSharedOptions, [processes, latencyMs, setup]: [number, number, SharedSetup], redisUrl: string, run: number): Promise<SharedRun> {
  const scale = options.scale ?? 1;
  const { server, fake, gids, baseUrl } = await quotaServer({ requests: options.requests, windowMs: options.windowMs }, latencyMs / scale, options.tasks, scale);
  const share = Math.ceil(gids.length / processes);
  const workers = Array.from({ length: processes }, (_, i) =>
    startWorker(
      { BASE_URL: baseUrl, TOKEN, GIDS: gids.slice(i * share, (i + 1) * share).join(","), ...workerEnv(setup, processes, options, redisUrl, `bench${run}:`, i) },
      { ipc: true },
    ),
  );
  try {
    await Promise.all(workers.map((w) => w.ready));
    const start = performance.now();
    workers.forEach((w) => w.go());
    // A run that hangs is stopped (its workers killed) instead of stalling the whole section.
    const deadline = setTimeout(() => workers.forEach((w) => w.child.kill("SIGKILL")), RUN_TIMEOUT_MS);
    const summaries: WorkerSummary[] = await Promise.all(workers.map((w) => w.done)).finally(() => clearTimeout(deadline));
    const ms = performance.now() - start;
    const failures = summaries.reduce((n, s) => n + s.failures, 0);
    const firstFailure = summaries.find((s) => s.firstFailure)?.firstFailure;
    return { ...quotaRun(ms, failures, firstFailure, fake.stats), processes, latencyMs, setup, warnings: summaries.reduce((n, s) => n + s.warnings.length, 0) };
  } finally {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill("SIGKILL");
    await server.close();
  }
}

export async function runQuotaShared(options: QuotaSharedOptions): Promise<QuotaSharedResult> {
  const redis = await startRedisServer();
  try {
    const runs: SharedRun[] = [];
    for (const [i, run] of options.runs.entries()) {
      runs.push(await once(options, run, redis.url, i));
      await sleep(100);
    }
    const quota = { requests: options.requests, windowMs: options.windowMs };
    return { minimumMs: minimumMs(options.tasks, options.requests, options.windowMs), tasks: options.tasks, quota, scale: options.scale ?? 1, runs };
  } finally {
    await redis.stop();
  }
}

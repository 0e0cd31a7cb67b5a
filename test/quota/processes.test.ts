/**
 * Several processes, one token, one store: child processes (scripts/bench/quota-worker.ts) against the
 * fake's loopback server with Asana's quota on (a sliding window counting rejected requests, 50 GETs
 * in flight). And a process killed while holding slots: its leases run out and free them.
 */
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { createAsanaClient } from "asana-fetch";
import { createFakeAsanaServer, type FakeAsanaServer } from "asana-fetch/testing/node";
import { createRedisQuotaStore } from "asana-fetch/redis";
import { killWorker, startWorker } from "../../scripts/bench/quota-children.ts";
import { startRedis, TOKEN, until, type RedisWorld } from "./harness.ts";

let world: RedisWorld;
const servers: FakeAsanaServer[] = [];
beforeAll(async () => {
  world = await startRedis();
}, 20_000);
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await world?.stop();
});

async function fakeServer(options: Parameters<typeof createFakeAsanaServer>[0]) {
  const server = createFakeAsanaServer(options);
  servers.push(server);
  const workspace = server.fake.seed.workspace().gid;
  const project = server.fake.seed.project({ workspace }).gid;
  return { server, baseUrl: await server.listen(), seed: (n: number) => server.fake.seed.tasks(n, { projects: [project] }) };
}

describe("four processes sharing one token through Redis", () => {
  test("no failures, never more than 50 GETs in flight, and only the burst before the budget is learned is refused", async () => {
    // 60 requests per sliding second, the real ratio of latency to window kept small; 4 × 45 calls.
    const { server, baseUrl, seed } = await fakeServer({ token: TOKEN, quota: { requests: 60, windowMs: 1_000 }, latencyMs: 20 });
    const gids = seed(180);
    const workers = [0, 1, 2, 3].map((i) =>
      startWorker({
        BASE_URL: baseUrl,
        TOKEN,
        REDIS_URL: world.server.url,
        REDIS_CLIENT: i % 2 === 0 ? "ioredis" : "node-redis",
        PREFIX: "processes:",
        GIDS: gids.slice(i * 45, (i + 1) * 45).join(","),
      }),
    );
    const summaries = await Promise.all(workers.map((w) => w.done));
    expect(summaries.map((s) => s.failures)).toEqual([0, 0, 0, 0]);
    expect(summaries.map((s) => s.warnings)).toEqual([[], [], [], []]);
    const { stats } = server.fake;
    expect(stats.maxInFlight.get).toBeLessThanOrEqual(50);
    expect(stats.total - stats.rejected429).toBe(180);
    // Before the first 429 no budget is known. The fake counts a request on arrival and answers after
    // its latency, so in the latency between the first refusal and its answer, the shared cap lets at
    // most 50 more requests out, all refused; the answer then pauses all four processes. Allow half a
    // cap more for the time that 429 takes to reach Redis on a busy machine. After it the learned
    // budget is shared, so nothing more is refused. (Without the store, the same run gets ~170.)
    expect(stats.rejected429).toBeLessThanOrEqual(75);
  }, 60_000);
});

describe("a process killed while holding slots", () => {
  test("its leases run out after the client's timeout, and the slots serve others", async () => {
    const hung = await fakeServer({ token: TOKEN, latencyMs: 60_000 });
    const live = await fakeServer({ token: TOKEN });
    const prefix = "killed:";
    const spawnedAt = Date.now();
    const holder = startWorker({
      BASE_URL: hung.baseUrl,
      TOKEN,
      REDIS_URL: world.server.url,
      PREFIX: prefix,
      MODE: "hold",
      CONCURRENCY_READS: "5",
      TIMEOUT_MS: "1500",
      GIDS: hung.seed(5).join(","),
    });
    await until(() => hung.server.fake.stats.inFlight.get === 5, "the child holding five GETs", 20_000);
    await killWorker(holder);
    const readsKey = (await world.io.keys(`${prefix}*:r`))[0]!;
    expect(await world.io.zcard(readsKey)).toBe(5); // the dead process's slots, still held

    const asana = createAsanaClient({
      token: TOKEN,
      baseUrl: live.baseUrl,
      concurrency: { reads: 5 },
      quotaStore: createRedisQuotaStore(world.io, { prefix }),
      onWarning: () => {},
    });
    const gids = live.seed(5);
    const tasks = await Promise.all(gids.map((gid) => asana.tasks.get(gid)));
    expect(tasks.map((t) => t.gid)).toEqual(gids);
    // None went out before the dead process's leases ran out (admitted after spawning, held 1.5 s).
    for (const request of live.server.fake.requests) expect(request.at).toBeGreaterThanOrEqual(spawnedAt + 1_500);
    expect(await world.io.zcard(readsKey)).toBe(0);
  }, 60_000);
});

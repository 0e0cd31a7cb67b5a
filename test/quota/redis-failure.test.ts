/**
 * The store never makes a call fail: with Redis never started, killed mid-run, hung, or answering
 * with an error, every call succeeds under the client's own limiter, `onWarning` is told exactly
 * once, and the client goes back to the store when it answers again.
 */
import { afterEach, describe, expect, test } from "@jest/globals";
import Redis from "ioredis";
import { createClient } from "redis";
import { createAsanaClient, type AsanaWarning } from "asana-fetch";
import { createRedisQuotaStore, type RedisClientLike } from "asana-fetch/redis";
import { freePort, startRedisServer, type RedisServer } from "../../scripts/bench/redis-server.ts";
import { quickWire, sleep, TOKEN, until } from "./harness.ts";

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function ioredis(url: string): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: 1, retryStrategy: () => 50 });
  client.on("error", () => {});
  cleanup.push(() => client.disconnect());
  return client;
}

async function redisServer(port?: number): Promise<RedisServer> {
  const server = await startRedisServer(port === undefined ? {} : { port });
  cleanup.push(() => server.kill());
  return server;
}

/** A client over a quick fake wire with the store, collecting warnings. */
function client(redis: RedisClientLike, options: { commandTimeoutMs?: number; concurrency?: { reads: number } } = {}) {
  const warnings: AsanaWarning[] = [];
  const wire = quickWire(undefined, 5);
  const asana = createAsanaClient({
    token: TOKEN,
    fetch: wire.fetch,
    quotaStore: createRedisQuotaStore(redis, { prefix: "failure:", ...(options.commandTimeoutMs ? { commandTimeoutMs: options.commandTimeoutMs } : {}) }),
    concurrency: options.concurrency ?? { reads: 5 },
    onWarning: (warning) => warnings.push(warning),
  });
  const run = (n: number, from = 0) => Promise.all(Array.from({ length: n }, (_, i) => asana.tasks.get(String(from + i + 1))));
  return { asana, wire, warnings, run };
}

function expectOneStoreWarning(warnings: AsanaWarning[]): void {
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toMatchObject({ kind: "quota-store", name: "quota-store-unavailable", affected: false });
  expect(warnings[0]!.message).not.toContain(TOKEN);
}

describe("Redis failing never fails a call", () => {
  test("Redis never started (ioredis): every call succeeds, one warning, the local caps still hold", async () => {
    const { run, wire, warnings } = client(ioredis(`redis://127.0.0.1:${await freePort()}`));
    const tasks = await run(30);
    expect(tasks).toHaveLength(30);
    expect(wire.arrivals).toHaveLength(30);
    expect(wire.maxInFlight).toBe(5);
    expectOneStoreWarning(warnings);
  });

  test("node-redis never connected: every call succeeds, one warning", async () => {
    const node = createClient({ url: `redis://127.0.0.1:${await freePort()}` });
    node.on("error", () => {});
    const { run, warnings } = client(node);
    expect(await run(10)).toHaveLength(10);
    expectOneStoreWarning(warnings);
  });

  test("Redis killed mid-run: every call succeeds, one warning; restarted, the client goes back to the store", async () => {
    const server = await redisServer();
    const redis = ioredis(server.url);
    const { run, wire, warnings } = client(redis);
    const first = run(60);
    await until(() => wire.arrivals.length >= 10, "ten calls admitted through the store");
    await server.kill();
    expect(await first).toHaveLength(60);
    expect(await run(20, 60)).toHaveLength(20);
    expectOneStoreWarning(warnings);

    // Back on the same port: once ioredis reconnects and a probe succeeds, admissions go through Redis again.
    await redisServer(server.port);
    await until(() => redis.status === "ready", "ioredis to reconnect", 10_000);
    let seq = 0;
    for (let round = 0; round < 100 && seq === 0; round++) {
      await run(2, 100 + 2 * round);
      const state = (await redis.keys("failure:*:s"))[0];
      seq = state ? Number(await redis.hget(state, "seq")) : 0;
      if (seq === 0) await sleep(100);
    }
    expect(seq).toBeGreaterThan(0);
    expect(warnings).toHaveLength(1);
  }, 30_000);

  test("Redis hung (SIGSTOP): calls go on after the store's timeout, one warning", async () => {
    const server = await redisServer();
    const redis = ioredis(server.url);
    const { run, warnings } = client(redis, { commandTimeoutMs: 100 });
    await run(5);
    process.kill(server.pid, "SIGSTOP");
    cleanup.push(() => process.kill(server.pid, "SIGCONT"));
    expect(await run(20, 5)).toHaveLength(20);
    expectOneStoreWarning(warnings);
  });

  test("a script error (the state key holds something else): every call succeeds, one warning", async () => {
    const server = await redisServer();
    const redis = ioredis(server.url);
    const { run, warnings } = client(redis);
    await run(3);
    const [state] = await redis.keys("failure:*:s");
    await redis.del(state!);
    await redis.set(state!, "not a hash");
    expect(await run(10, 3)).toHaveLength(10);
    expectOneStoreWarning(warnings);
    expect(warnings[0]!.message).toMatch(/WRONGTYPE/);
  });
});

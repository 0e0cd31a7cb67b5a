/**
 * What only a shared store does: clients with one token and one store act as one client (caps, pause,
 * learned budget), keys derive from a digest and never hold the token, any Redis client shape works,
 * and the script survives Redis forgetting it.
 */
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { createHash } from "node:crypto";
import { createAsanaClient, type AsanaChangeWarning, type AsanaClientOptions, type QuotaStore } from "asana-fetch";
import { createFakeAsana } from "asana-fetch/testing";
import { createRedisQuotaStore, type RestRedisLike } from "asana-fetch/redis";
import { heldWire, ok, quickWire, sleep, startRedis, TOKEN, tooMany, until, type RedisWorld } from "./harness.ts";

let world: RedisWorld;
beforeAll(async () => {
  world = await startRedis();
}, 20_000);
afterAll(async () => {
  await world?.stop();
});

let prefixes = 0;
const freshPrefix = () => `store${++prefixes}-${Date.now()}:`;

function clientOver(store: QuotaStore, fetch: (request: Request) => Promise<Response>, options: Partial<AsanaClientOptions> = {}) {
  return createAsanaClient({ token: TOKEN, fetch, quotaStore: store, retry: { baseDelayMs: 1, maxDelayMs: 5 }, onWarning: () => {}, ...options });
}

/** Every key and every value (hash fields, set members and scores, strings) in the Redis database. */
async function everything(): Promise<string[]> {
  const out: string[] = [];
  for (const key of await world.io.keys("*")) {
    out.push(key);
    const type = await world.io.type(key);
    if (type === "hash") out.push(...Object.entries(await world.io.hgetall(key)).flat());
    else if (type === "zset") out.push(...(await world.io.zrange(key, "0", "-1", "WITHSCORES")));
    else if (type === "string") out.push((await world.io.get(key)) ?? "");
    else out.push(`<${type}>`);
  }
  return out;
}

describe("clients sharing one token and one store act as one", () => {
  test("the in-flight cap is shared: two clients with reads: 3 have 3 in flight together", async () => {
    const store = createRedisQuotaStore(world.io, { prefix: freshPrefix() });
    const wire = heldWire();
    const a = clientOver(store, wire.fetch, { concurrency: { reads: 3 } });
    const b = clientOver(store, wire.fetch, { concurrency: { reads: 3 } });
    const all = Promise.all([..."12345".split("").map((g) => a.tasks.get(g)), ..."6789".split("").map((g) => b.tasks.get(g))]);
    await until(() => wire.held.length === 3, "three in flight");
    await sleep(100);
    expect(wire.arrivals).toHaveLength(3);
    while (wire.arrivals.length < 9 || wire.held.length > 0) {
      wire.letGo(1);
      await sleep(2);
    }
    await all;
    expect(wire.maxInFlight).toBe(3);
  });

  test("one client's 429 pauses the other until Retry-After", async () => {
    const store = createRedisQuotaStore(world.io, { prefix: freshPrefix() });
    const refusing = quickWire(() => tooMany(1));
    const other = quickWire();
    const a = clientOver(store, refusing.fetch, { retry: false });
    const b = clientOver(store, other.fetch);
    await a.tasks.get("1").catch(() => {});
    await b.tasks.get("2");
    expect(other.arrivals[0]!.at).toBeGreaterThanOrEqual(refusing.answeredAt[0]! + 1_000 - 2);
  });

  test("a budget learned by one client is used by the next: it sends within the budget from its first request", async () => {
    const store = createRedisQuotaStore(world.io, { prefix: freshPrefix() });
    const fake = createFakeAsana({ token: TOKEN, quota: { requests: 15, windowMs: 400 } });
    const workspace = fake.seed.workspace().gid;
    const gids = fake.seed.tasks(30, { projects: [fake.seed.project({ workspace }).gid] });
    const teacher = clientOver(store, fake.fetch, { concurrency: { reads: 5 } });
    await Promise.all(gids.map((gid) => teacher.tasks.get(gid)));
    expect(fake.stats.rejected429).toBeGreaterThan(0);
    fake.reset();
    const learner = clientOver(store, fake.fetch, { concurrency: { reads: 5 } });
    await Promise.all(gids.map((gid) => learner.tasks.get(gid)));
    expect(fake.stats.rejected429).toBe(0);
    expect(fake.stats.total).toBe(30);
  });

  test("different tokens have separate quotas", async () => {
    const store = createRedisQuotaStore(world.io, { prefix: freshPrefix() });
    const wire = heldWire();
    const a = clientOver(store, wire.fetch, { concurrency: { reads: 2 } });
    const b = clientOver(store, wire.fetch, { concurrency: { reads: 2 }, token: "0/another-token-7c1d" });
    const all = Promise.all([a.tasks.get("1"), a.tasks.get("2"), b.tasks.get("3"), b.tasks.get("4")]);
    await until(() => wire.held.length === 4, "two in flight per token");
    wire.letGo();
    await all;
  });
});

describe("keys", () => {
  test("derive from a digest of the token under the prefix; the token is nowhere in Redis, in any form", async () => {
    const prefix = freshPrefix();
    const store = createRedisQuotaStore(world.io, { prefix });
    const wire = quickWire((_, index) => (index === 3 ? tooMany(1) : ok()));
    const asana = clientOver(store, wire.fetch, { rateLimit: { requests: 50, windowMs: 1_000 } });
    await Promise.all(["1", "2", "3", "4", "5"].map((g) => asana.tasks.get(g)));
    const keys = await world.io.keys(`${prefix}*`);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key).toMatch(new RegExp(`^${prefix}\\{[0-9a-f]{64}\\}:(r|w|log|s)$`));

    const contents = (await everything()).join("\n");
    const secret = TOKEN.split("/")[1]!;
    const forms = [
      TOKEN,
      secret,
      Buffer.from(TOKEN).toString("base64"),
      Buffer.from(TOKEN).toString("base64url"),
      Buffer.from(TOKEN).toString("hex"),
      encodeURIComponent(TOKEN),
      createHash("sha256").update(TOKEN).digest("hex"),
      createHash("sha1").update(TOKEN).digest("hex"),
      createHash("md5").update(TOKEN).digest("hex"),
    ];
    for (const form of forms) expect(contents.toLowerCase()).not.toContain(form.toLowerCase());
  });

  test("a token function that changes its token moves to the new token's keys", async () => {
    const prefix = freshPrefix();
    const store = createRedisQuotaStore(world.io, { prefix });
    let token = "0/first-token-aaaa";
    const asana = clientOver(store, quickWire().fetch, { token: () => token });
    await asana.tasks.get("1");
    token = "0/second-token-bbbb";
    await asana.tasks.get("2");
    const states = await world.io.keys(`${prefix}*:s`);
    expect(states).toHaveLength(2);
  });
});

describe("Redis clients, by shape", () => {
  test("an HTTP-style client (evalsha(sha, keys, args), as Upstash's) works the same", async () => {
    const rest: RestRedisLike = {
      evalsha: (sha, keys, args) => world.io.evalsha(sha, keys.length, ...keys, ...args),
      eval: (script, keys, args) => world.io.eval(script, keys.length, ...keys, ...args),
    };
    const wire = heldWire();
    const asana = clientOver(createRedisQuotaStore(rest, { prefix: freshPrefix() }), wire.fetch, { concurrency: { reads: 2 } });
    const all = Promise.all(["1", "2", "3"].map((g) => asana.tasks.get(g)));
    await until(() => wire.held.length === 2, "two in flight");
    await sleep(50);
    expect(wire.arrivals).toHaveLength(2);
    wire.letGo();
    await until(() => wire.held.length === 1, "the third");
    wire.letGo();
    await all;
  });

  test("after Redis forgets the script (SCRIPT FLUSH), EVAL brings it back: no warning, nothing lost", async () => {
    const warnings: unknown[] = [];
    const store = createRedisQuotaStore(world.node, { prefix: freshPrefix() });
    const asana = clientOver(store, quickWire().fetch, { onWarning: (w) => warnings.push(w) });
    await asana.tasks.get("1");
    await world.io.script("FLUSH");
    await asana.tasks.get("2");
    await asana.tasks.get("3");
    expect(warnings).toEqual([]);
  });

  test("something that is not a Redis client, or bad options, are refused at once", () => {
    expect(() => createRedisQuotaStore({} as never)).toThrow(TypeError);
    expect(() => createRedisQuotaStore(null as never)).toThrow(TypeError);
    expect(() => createRedisQuotaStore(world.io, { prefix: 1 as never })).toThrow(TypeError);
    expect(() => createRedisQuotaStore(world.io, { commandTimeoutMs: 0 })).toThrow(RangeError);
    expect(() => createAsanaClient({ token: TOKEN, quotaStore: {} as never })).toThrow(/quotaStore/);
  });

  test("an onWarning written for Asana-Change warnings alone still fits", () => {
    const seen: AsanaChangeWarning[] = [];
    const onWarning = (warning: AsanaChangeWarning) => seen.push(warning);
    expect(() => createAsanaClient({ token: TOKEN, onWarning })).not.toThrow();
  });
});

/**
 * One behaviour, whatever keeps the state: the same suite runs against the in-memory limiter and the
 * Redis store (through ioredis and through node-redis). Real time with small windows, since Redis
 * keeps its own clock; assertions are on order, counts and lower bounds, never on speed.
 */
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { createFakeAsana } from "asana-fetch/testing";
import { busiestWindow, flavours, heldWire, ok, quickWire, sleep, startRedis, TOKEN, tooMany, until, type RedisWorld } from "./harness.ts";

let world: RedisWorld | undefined;
beforeAll(async () => {
  world = await startRedis();
}, 20_000);
afterAll(async () => {
  await world?.stop();
});

const range = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1));

/** Lets held requests go one at a time until `total` have arrived and none is held. */
async function drain(wire: ReturnType<typeof heldWire>, total: number): Promise<void> {
  while (wire.arrivals.length < total || wire.held.length > 0) {
    wire.letGo(1);
    await sleep(2);
  }
}

describe.each(flavours(() => world!))("$name", (flavour) => {
  test("never more than `reads` GETs in flight; the rest queue, and all complete", async () => {
    const wire = heldWire();
    const asana = flavour.limits().client(wire.fetch, { concurrency: { reads: 3, writes: 2 } });
    const all = Promise.all(range(10).map((gid) => asana.tasks.get(gid)));
    await until(() => wire.held.length === 3, "three GETs in flight");
    await sleep(100);
    expect(wire.arrivals).toHaveLength(3); // the other seven wait for a slot
    await drain(wire, 10);
    expect(await all).toHaveLength(10);
    expect(wire.maxInFlight).toBe(3);
  });

  test("writes have a cap of their own beside the reads'", async () => {
    const wire = heldWire();
    const asana = flavour.limits().client(wire.fetch, { concurrency: { reads: 3, writes: 2 } });
    const writes = range(5).map((gid) => asana.tasks.update(gid, { name: "x" }));
    const reads = range(4).map((gid) => asana.tasks.get(gid));
    await until(() => wire.held.length === 5, "two writes and three reads in flight");
    await sleep(100);
    expect(wire.arrivals.filter((a) => a.method === "PUT")).toHaveLength(2);
    expect(wire.arrivals.filter((a) => a.method === "GET")).toHaveLength(3);
    await drain(wire, 9);
    await Promise.all([...writes, ...reads]);
    expect(wire.arrivals).toHaveLength(9);
  });

  test("queued requests go out in the order they were made", async () => {
    const wire = heldWire();
    const asana = flavour.limits().client(wire.fetch, { concurrency: { reads: 2, writes: 1 } });
    const all = Promise.all(range(6).map((gid) => asana.tasks.get(`g${gid}`)));
    await until(() => wire.held.length === 2, "two in flight");
    await drain(wire, 6);
    await all;
    expect(wire.arrivals.map((a) => a.path)).toEqual(["g1", "g2", "g3", "g4", "g5", "g6"]);
    expect(wire.maxInFlight).toBe(2);
  });

  test("a request aborted while queued leaves at once, and the next takes its turn", async () => {
    const wire = heldWire();
    const asana = flavour.limits().client(wire.fetch, { concurrency: { reads: 1, writes: 1 } });
    const first = asana.tasks.get("1");
    await until(() => wire.held.length === 1, "the first in flight");
    const controller = new AbortController();
    const second = asana.tasks.get("2", { signal: controller.signal }).catch((error: unknown) => error);
    const third = asana.tasks.get("3");
    controller.abort(new Error("changed my mind"));
    expect(await second).toEqual(new Error("changed my mind"));
    await drain(wire, 2);
    await Promise.all([first, third]);
    expect(wire.arrivals.map((a) => a.path)).toEqual(["1", "3"]);
  });

  test("a declared budget: never more than `requests` in any window, and a start waits for the answer a window back", async () => {
    const wire = quickWire(undefined, 40);
    const asana = flavour.limits().client(wire.fetch, { rateLimit: { requests: 3, windowMs: 300 } });
    await Promise.all(range(9).map((gid) => asana.tasks.get(gid)));
    const times = wire.arrivals.map((a) => a.at);
    expect(times).toHaveLength(9);
    expect(busiestWindow(times, 300)).toBeLessThanOrEqual(3);
    // Asana may count a request as late as its answer: the fourth start waits for the first answer + the window.
    expect(times[3]!).toBeGreaterThanOrEqual(wire.answeredAt[0]! + 300 - 2);
  });

  test("a request aborted while waiting for the budget hands its place on", async () => {
    const wire = quickWire();
    const asana = flavour.limits().client(wire.fetch, { rateLimit: { requests: 2, windowMs: 600 } });
    await Promise.all([asana.tasks.get("1"), asana.tasks.get("2")]);
    const controller = new AbortController();
    const aborted = asana.tasks.get("3", { signal: controller.signal }).catch((error: unknown) => error);
    const fourth = asana.tasks.get("4");
    const fifth = asana.tasks.get("5");
    await sleep(50);
    controller.abort(new Error("changed my mind"));
    expect(await aborted).toEqual(new Error("changed my mind"));
    await Promise.all([fourth, fifth]);
    // The third never goes; the fourth and fifth may arrive in either order (the fifth inherits the
    // place of the third, whose blocker was answered first).
    expect(wire.arrivals.map((a) => a.path).slice(0, 2)).toEqual(["1", "2"]);
    expect(wire.arrivals.map((a) => a.path).slice(2).sort()).toEqual(["4", "5"]);
    // Both go when the next window opens: the fifth does not wait a further window for the one that left.
    const at = (gid: string) => wire.arrivals.find((a) => a.path === gid)!.at;
    expect(Math.min(at("4"), at("5")) - wire.answeredAt[0]!).toBeGreaterThanOrEqual(600 - 2);
    expect(Math.abs(at("5") - at("4"))).toBeLessThan(300);
  });

  test("after a 429, queued requests and the retry wait out Retry-After", async () => {
    const wire = quickWire((_, index) => (index === 0 ? tooMany(1) : ok()));
    const asana = flavour.limits().client(wire.fetch, { concurrency: { reads: 1, writes: 1 } });
    await Promise.all(range(3).map((gid) => asana.tasks.get(gid)));
    // The retry joins the back of the queue.
    expect(wire.arrivals.map((a) => a.path)).toEqual(["1", "2", "3", "1"]);
    const rejectedAt = wire.answeredAt[0]!;
    for (const arrival of wire.arrivals.slice(1)) expect(arrival.at).toBeGreaterThanOrEqual(rejectedAt + 1_000 - 2);
  });

  test("a budget learned from the first 429 holds: no 429 once it is learned, no failure", async () => {
    // An Asana-like quota: 15 requests per sliding 400 ms, rejected ones counting too.
    const fake = createFakeAsana({ token: TOKEN, quota: { requests: 15, windowMs: 400 }, latencyMs: 5 });
    const workspace = fake.seed.workspace().gid;
    const gids = fake.seed.tasks(45, { projects: [fake.seed.project({ workspace }).gid] });
    const rejected: number[] = [];
    const fetch = async (request: Request) => {
      const response = await fake.fetch(request);
      if (response.status === 429) rejected.push(Date.now());
      return response;
    };
    const asana = flavour.limits().client(fetch, { concurrency: { reads: 5, writes: 5 }, retry: { maxRetries: 10, baseDelayMs: 1, maxDelayMs: 5 } });
    const tasks = await Promise.all(gids.map((gid) => asana.tasks.get(gid)));
    expect(tasks.map((t) => t.gid)).toEqual(gids);
    // Only the first burst is refused: the requests in flight when the first 429 came back (at most 5).
    expect(rejected.length).toBeGreaterThan(0);
    expect(rejected.length).toBeLessThanOrEqual(5);
    expect(Math.max(...rejected) - Math.min(...rejected)).toBeLessThan(1_000);
  });

  test("a bad option is refused at creation, store or not", () => {
    const limits = flavour.limits();
    expect(() => limits.client(quickWire().fetch, { concurrency: { reads: 0 } })).toThrow(RangeError);
    expect(() => limits.client(quickWire().fetch, { rateLimit: { requests: 0, windowMs: 1_000 } })).toThrow(RangeError);
  });
});

import { afterEach, describe, expect, jest, test } from "@jest/globals";
import { createFakeAsana } from "../../src/testing/index.ts";
import { Limiter } from "../../src/core/quota/limiter.ts";
import type { Ticket } from "../../src/core/quota/types.ts";
import { clientWith, json, ok, scripted, TOKEN } from "./scripted.ts";

afterEach(() => {
  jest.useRealTimers();
});

/** A fetch that holds every request until released, counting how many are in flight at once. */
function held() {
  const waiting: Array<() => void> = [];
  const wire = scripted([], async () => {
    await new Promise<void>((resolve) => waiting.push(resolve));
    return ok({ gid: "1" });
  });
  const releaseAll = async () => {
    while (waiting.length) {
      waiting.splice(0).forEach((resolve) => resolve());
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  return { wire, waiting, releaseAll };
}

const settle = () => new Promise((r) => setTimeout(r, 5));

describe("in-flight limiter", () => {
  test("never more than 50 GETs in flight; the rest queue and all complete", async () => {
    const { wire, waiting, releaseAll } = held();
    const asana = clientWith(wire.fetch);
    const all = Promise.all(Array.from({ length: 120 }, (_, i) => asana.tasks.get(String(i + 1))));
    await settle();
    expect(waiting).toHaveLength(50);
    await releaseAll();
    expect(await all).toHaveLength(120);
    expect(wire.maxInFlight).toBe(50);
    expect(wire.sent).toHaveLength(120);
  });

  test("never more than 15 writes in flight, while GETs use their own 50", async () => {
    const { wire, waiting, releaseAll } = held();
    const asana = clientWith(wire.fetch);
    const writes = Array.from({ length: 40 }, (_, i) => asana.tasks.update(String(i + 1), { name: "x" }));
    const reads = Array.from({ length: 10 }, (_, i) => asana.tasks.get(String(i + 1)));
    await settle();
    expect(wire.sent.filter((r) => r.method === "PUT")).toHaveLength(15);
    expect(wire.sent.filter((r) => r.method === "GET")).toHaveLength(10);
    expect(waiting).toHaveLength(25);
    await releaseAll();
    await Promise.all([...writes, ...reads]);
    expect(wire.sent).toHaveLength(50);
  });

  test("queued requests keep their order", async () => {
    const { wire, releaseAll } = held();
    const asana = clientWith(wire.fetch, { concurrency: { reads: 2, writes: 1 } });
    const all = Promise.all(Array.from({ length: 6 }, (_, i) => asana.tasks.get(`g${i}`)));
    await settle();
    await releaseAll();
    await all;
    expect(wire.sent.map((r) => r.url.pathname.split("/").pop())).toEqual(["g0", "g1", "g2", "g3", "g4", "g5"]);
    expect(wire.maxInFlight).toBe(2);
  });

  test("concurrency: false switches it off", async () => {
    const { wire, waiting, releaseAll } = held();
    const asana = clientWith(wire.fetch, { concurrency: false });
    const all = Promise.all(Array.from({ length: 80 }, (_, i) => asana.tasks.get(String(i + 1))));
    await settle();
    expect(waiting).toHaveLength(80);
    await releaseAll();
    await all;
  });

  test("after a 429, queued requests wait out Retry-After instead of piling on", async () => {
    jest.useFakeTimers();
    let first = true;
    const wire = scripted([], () => {
      if (first) {
        first = false;
        return json(429, { errors: [{ message: "rate limited" }] }, { "retry-after": "3" });
      }
      return ok({ gid: "1" });
    });
    const asana = clientWith(wire.fetch, { concurrency: { reads: 1, writes: 1 } });
    const all = Promise.all([asana.tasks.get("1"), asana.tasks.get("2"), asana.tasks.get("3")]);
    await jest.advanceTimersByTimeAsync(2_999);
    expect(wire.sent).toHaveLength(1); // neither the retry nor the queued requests went out
    await jest.advanceTimersByTimeAsync(1);
    await all;
    expect(wire.sent).toHaveLength(4);
  });

  test("bad concurrency options are rejected at creation", () => {
    expect(() => clientWith(scripted([]).fetch, { concurrency: { reads: 0 } })).toThrow(RangeError);
  });
});

describe("request budget", () => {
  test("a declared rateLimit spaces starts: never more than `requests` in any window", async () => {
    jest.useFakeTimers();
    const wire = scripted([]);
    const asana = clientWith(wire.fetch, { rateLimit: { requests: 3, windowMs: 1_000 } });
    const all = Promise.all(Array.from({ length: 7 }, (_, i) => asana.tasks.get(String(i + 1))));
    await jest.advanceTimersByTimeAsync(0);
    expect(wire.sent).toHaveLength(3);
    await jest.advanceTimersByTimeAsync(999);
    expect(wire.sent).toHaveLength(3);
    await jest.advanceTimersByTimeAsync(1);
    expect(wire.sent).toHaveLength(6);
    await jest.advanceTimersByTimeAsync(1_000);
    await all;
    expect(wire.sent).toHaveLength(7);
  });

  test("a burst that reaches Asana late still never overfills a window: the next start waits for the answer", async () => {
    jest.useFakeTimers({ now: 0 });
    // The first three sit 400 ms in a proxy queue, so Asana counts them at t=400, not when they left.
    const arrivals: number[] = [];
    const wire = scripted([], async () => {
      const late = arrivals.length < 3;
      if (late) await new Promise((r) => setTimeout(r, 400));
      arrivals.push(Date.now());
      return ok({ gid: "1" });
    });
    const asana = clientWith(wire.fetch, { rateLimit: { requests: 3, windowMs: 1_000 }, timeoutMs: Infinity });
    const all = Promise.all(Array.from({ length: 6 }, (_, i) => asana.tasks.get(String(i + 1))));
    await jest.advanceTimersByTimeAsync(1_399);
    expect(wire.sent).toHaveLength(3); // sending at t=1000 would land a 4th request in Asana's window (400, 1400]
    await jest.advanceTimersByTimeAsync(1);
    await all;
    expect(arrivals).toEqual([400, 400, 400, 1_400, 1_400, 1_400]);
  });

  test("a request aborted while waiting for the budget hands its place on: the next waits no longer than it would have", async () => {
    jest.useFakeTimers({ now: 0 });
    const wire = scripted([]);
    const asana = clientWith(wire.fetch, { rateLimit: { requests: 2, windowMs: 1_000 } });
    await Promise.all([asana.tasks.get("1"), asana.tasks.get("2")]);
    const controller = new AbortController();
    const aborted = asana.tasks.get("3", { signal: controller.signal }).catch((error: unknown) => error);
    const fourth = asana.tasks.get("4");
    const fifth = asana.tasks.get("5");
    controller.abort(new Error("changed my mind"));
    expect(await aborted).toEqual(new Error("changed my mind"));
    await jest.advanceTimersByTimeAsync(1_000);
    await Promise.all([fourth, fifth]); // both within the window that opened at t=1000
    expect(wire.sent.map((r) => r.url.pathname.split("/").pop())).toEqual(["1", "2", "4", "5"]);
    expect(Date.now()).toBe(1_000);
  });

  test("learned from the first 429: a bulk job then runs at the quota's pace with few 429s", async () => {
    jest.useFakeTimers({ now: 0 });
    // An Asana-like quota: 20 requests per fixed 1 s window; rejected requests count too.
    const budget = 20;
    let windowStart = 0;
    let used = 0;
    let rejected = 0;
    const wire = scripted([], () => {
      const now = Date.now();
      if (now - windowStart >= 1_000) {
        windowStart = now - (now % 1_000);
        used = 0;
      }
      used++;
      if (used > budget) {
        rejected++;
        const retryAfter = Math.ceil((windowStart + 1_000 - now) / 1_000);
        return json(429, { errors: [{ message: "rate limited" }] }, { "retry-after": String(retryAfter) });
      }
      return ok({ gid: "1" });
    });
    const asana = clientWith(wire.fetch, { concurrency: { reads: 5, writes: 5 }, timeoutMs: Infinity });
    let done = 0;
    const all = Promise.all(Array.from({ length: 160 }, (_, i) => asana.tasks.get(String(i + 1)).then(() => done++)));
    await jest.advanceTimersByTimeAsync(8_000);
    await all;
    expect(done).toBe(160);
    // 160 requests at 20 per window need windows 0..7; only the first burst's in-flight requests are refused.
    expect(Date.now()).toBeLessThanOrEqual(8_000);
    expect(rejected).toBeLessThanOrEqual(5);
  });

  test("a 429 before any success only pauses: no budget is learned from nothing", async () => {
    jest.useFakeTimers({ now: 0 });
    const wire = scripted([json(429, { errors: [{ message: "rate limited" }] }, { "retry-after": "1" })]);
    const asana = clientWith(wire.fetch, { concurrency: { reads: 50, writes: 15 } });
    const all = Promise.all(Array.from({ length: 30 }, (_, i) => asana.tasks.get(String(i + 1))));
    await jest.advanceTimersByTimeAsync(1_000);
    await all;
    expect(wire.sent).toHaveLength(31);
  });

  test("bad rateLimit options are rejected at creation", () => {
    expect(() => clientWith(scripted([]).fetch, { rateLimit: { requests: 0, windowMs: 1_000 } })).toThrow(RangeError);
  });
});

describe("learning at real latency", () => {
  test("answers that arrive after the first 429 still count: the budget is every request Asana admitted", () => {
    const limiter = new Limiter({ reads: 50 }, undefined);
    const take = (n: number) => Array.from({ length: n }, () => limiter.acquire("GET") as Ticket);
    const admitted = take(30);
    const refused = take(10);
    const answer = (tickets: Ticket[], status: number) =>
      tickets.forEach((ticket) => {
        ticket.release();
        limiter.observe(ticket, status, status === 429 ? 5_000 : undefined);
      });
    answer(admitted.slice(0, 20), 200);
    answer(refused.slice(0, 1), 429);
    expect(limiter.rateLimit?.requests).toBe(20); // what had come back by the first 429
    answer(admitted.slice(20), 200); // in flight then, counted by Asana before the refusal
    answer(refused.slice(1), 429);
    expect(limiter.rateLimit?.requests).toBe(30);
  });

  test("against the fake's quota at 100 ms latency, with slow answers in the first burst, the job runs at the quota's pace", async () => {
    jest.useFakeTimers({ now: 0 });
    // Asana's rules: 40 requests per sliding 10 s, rejected ones counting too; 100 ms per answer, and
    // the first ten answers take 2 s more, so they come back after the first 429 does.
    const fake = createFakeAsana({ token: TOKEN, quota: { requests: 40, windowMs: 10_000 }, latencyMs: 100 });
    const workspace = fake.seed.workspace().gid;
    const gids = fake.seed.tasks(160, { projects: [fake.seed.project({ workspace }).gid] });
    fake.faults.next(10, { kind: "latency", ms: 2_000 });
    const asana = clientWith(fake.fetch, { token: fake.token, concurrency: { reads: 20, writes: 5 }, timeoutMs: Infinity });
    let done = 0;
    const all = Promise.all(gids.map((gid) => asana.tasks.get(gid).then(() => done++)));
    await jest.advanceTimersByTimeAsync(60_000);
    await all;
    expect(done).toBe(160);
    // 160 requests at 40 per window need 3 windows after the first (30 s). A budget learned from the
    // 30 answers in before the first 429 would need 5 windows (over 50 s).
    const last = Math.max(...fake.requests.map((r) => r.at));
    expect(last).toBeLessThan(35_000);
    expect(fake.stats.rejected429).toBeLessThanOrEqual(20);
  });
});

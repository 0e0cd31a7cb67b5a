// Every duration is bounded: options are 0..2³¹−1 ms (or Infinity where documented), timers never
// overflow, a Retry-After past the call's deadline fails at once, and every wait yields.
import { afterEach, describe, expect, jest, test } from "@jest/globals";
import { createAsanaClient, RateLimitError, TimeoutError, type AsanaClient, type AsanaClientOptions } from "../../src/index.ts";
import { sleep } from "../../src/internal/sleep.ts";
import { asanaError, caught, clientWith, ok, scripted } from "./scripted.ts";
import { leaksOf, TOKENS } from "./token-scan.ts";

afterEach(() => {
  jest.useRealTimers();
});

const MAX = 2 ** 31 - 1;
const DAY = 86_400_000;
const bad = [2 ** 31, 30 * DAY, -1, NaN, "100", null];

describe("duration options", () => {
  const creation: [string, (value: unknown) => Partial<AsanaClientOptions>, boolean][] = [
    ["timeoutMs", (v) => ({ timeoutMs: v as number }), true],
    ["retry.baseDelayMs", (v) => ({ retry: { baseDelayMs: v as number } }), false],
    ["retry.maxDelayMs", (v) => ({ retry: { maxDelayMs: v as number } }), false],
    ["rateLimit.windowMs", (v) => ({ rateLimit: { requests: 10, windowMs: v as number } }), false],
  ];

  test.each(creation)("%s: RangeError naming it, at creation, for anything but 0..2³¹−1", (name, options, infinity) => {
    for (const value of [...bad, ...(infinity ? [] : [Infinity])]) {
      expect(() => clientWith(scripted([]).fetch, options(value))).toThrow(RangeError);
      expect(() => clientWith(scripted([]).fetch, options(value))).toThrow(name);
    }
    for (const value of [1, MAX, ...(infinity ? [Infinity] : [])]) expect(() => clientWith(scripted([]).fetch, options(value))).not.toThrow();
  });

  const perCall: [string, (asana: AsanaClient, value: unknown) => Promise<unknown>, boolean][] = [
    ["timeoutMs", (a, v) => a.tasks.get("1", { timeoutMs: v as number }), true],
    ["retry.maxDelayMs", (a, v) => a.tasks.get("1", { retry: { maxDelayMs: v as number } }), false],
    ["intervalMs", (a, v) => a.jobs.wait("1", { intervalMs: v as number }), false],
    ["maxIntervalMs", (a, v) => a.jobs.wait("1", { maxIntervalMs: v as number }), false],
    ["timeoutMs", (a, v) => a.jobs.wait("1", { timeoutMs: v as number }), true],
  ];

  test.each(perCall)("%s per call: RangeError naming it, nothing sent", async (name, run, infinity) => {
    for (const value of [...bad, ...(infinity ? [] : [Infinity])]) {
      const wire = scripted([]);
      const error = await caught(() => run(clientWith(wire.fetch), value));
      expect(error).toBeInstanceOf(RangeError);
      expect((error as Error).message).toContain(name);
      expect(wire.sent).toHaveLength(0);
    }
  });

  test("a string duration is not echoed (it could be anything, a token included)", () => {
    let error: unknown;
    try {
      clientWith(scripted([]).fetch, { timeoutMs: TOKENS.pat as never });
    } catch (e) {
      error = e;
    }
    expect(leaksOf(error, TOKENS.pat)).toEqual([]);
  });

  test("timeoutMs: 2³¹−1 does not fire early", async () => {
    jest.useFakeTimers();
    const wire = scripted(["hang"]);
    const controller = new AbortController();
    const call = caught(() => clientWith(wire.fetch, { timeoutMs: MAX }).tasks.get("1", { signal: controller.signal }));
    await jest.advanceTimersByTimeAsync(60_000);
    controller.abort("stop");
    expect(await call).toBe("stop");
  });
});

describe("Retry-After", () => {
  test("longer than the call's remaining time: the RateLimitError at once, with retryAfterMs, no sleep", async () => {
    jest.useFakeTimers();
    const wire = scripted([asanaError(429, "slow down", { "retry-after": String(30 * 86_400) })]);
    const settled = caught(() => clientWith(wire.fetch).tasks.get("1"));
    await jest.advanceTimersByTimeAsync(0);
    const error = (await settled) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toBe(30 * DAY);
    expect(error.message).toContain("is past the call's timeout");
    expect(wire.sent).toHaveLength(1);
    expect(jest.getTimerCount()).toBe(0);
  });

  test("within the remaining time: waited for, then retried", async () => {
    jest.useFakeTimers();
    const wire = scripted([asanaError(429, "slow", { "retry-after": "30" }), ok({ gid: "1" })]);
    const result = clientWith(wire.fetch, { timeoutMs: 31_000 }).tasks.get("1");
    await jest.advanceTimersByTimeAsync(29_999);
    expect(wire.sent).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(await result).toEqual({ gid: "1" });
  });

  test("30 days with timeoutMs: Infinity is a 30-day wait, not a 1 ms one", async () => {
    jest.useFakeTimers();
    const wire = scripted([asanaError(429, "slow", { "retry-after": String(30 * 86_400) }), ok({ gid: "1" })]);
    const result = clientWith(wire.fetch, { timeoutMs: Infinity, concurrency: false, rateLimit: false }).tasks.get("1");
    await jest.advanceTimersByTimeAsync(MAX + 10);
    expect(wire.sent).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(30 * DAY - MAX - 20);
    expect(wire.sent).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(10);
    expect(await result).toEqual({ gid: "1" });
    expect(wire.sent).toHaveLength(2);
  });

  test("raw gets the 429 itself at once", async () => {
    const wire = scripted([asanaError(429, "slow", { "retry-after": String(86_400) })]);
    const { response } = await clientWith(wire.fetch).raw.GET("/tasks/{task_gid}", { params: { path: { task_gid: "1" } } });
    expect(response.status).toBe(429);
    expect(wire.sent).toHaveLength(1);
  });
});

describe("sleep", () => {
  test("0 ms goes through the timer queue", async () => {
    const order: string[] = [];
    setTimeout(() => order.push("timer queued first"), 0);
    await sleep(0);
    order.push("slept");
    expect(order).toEqual(["timer queued first", "slept"]);
  });

  test("beyond 2³¹−1 ms, timers are chained: neither early nor left behind", async () => {
    jest.useFakeTimers();
    let done = false;
    void sleep(MAX + 5_000).then(() => (done = true));
    await jest.advanceTimersByTimeAsync(MAX);
    expect(done).toBe(false);
    await jest.advanceTimersByTimeAsync(4_999);
    expect(done).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
    expect(jest.getTimerCount()).toBe(0);
  });

  test("an abort ends any sleep at once, Infinity included, with no timer left", async () => {
    jest.useFakeTimers();
    const controller = new AbortController();
    const slept = sleep(Infinity, controller.signal).catch((reason: unknown) => reason);
    await jest.advanceTimersByTimeAsync(10 * MAX);
    controller.abort("enough");
    expect(await slept).toBe("enough");
    expect(jest.getTimerCount()).toBe(0);
  });
});

describe("jobs.wait polls no faster than every 10 ms, and always yields", () => {
  test("intervalMs: 0 counts as 10 ms", async () => {
    jest.useFakeTimers();
    const wire = scripted([], ok({ gid: "j", status: "in_progress" }));
    const controller = new AbortController();
    const waiting = caught(() => clientWith(wire.fetch).jobs.wait("j", { intervalMs: 0, maxIntervalMs: 0, signal: controller.signal }));
    await jest.advanceTimersByTimeAsync(100);
    controller.abort("stop");
    expect(await waiting).toBe("stop");
    expect(wire.sent.length).toBeGreaterThanOrEqual(10);
    expect(wire.sent.length).toBeLessThanOrEqual(11);
  });

  test("against an in-memory fetch, intervalMs: 0 leaves the event loop free: its own timeout fires", async () => {
    const inMemory = async () => Response.json({ data: { gid: "j", status: "in_progress" } });
    const asana = createAsanaClient({ token: "in-memory-token", fetch: inMemory, onWarning: () => {} });
    let polls = 0;
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 1);
    const error = await caught(() => asana.jobs.wait("j", { intervalMs: 0, maxIntervalMs: 0, timeoutMs: 100, onPoll: () => polls++ }));
    clearInterval(ticker);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(ticks).toBeGreaterThan(0);
    expect(polls).toBeLessThanOrEqual(20); // 100 ms / 10 ms, with room for a slow machine's timers
  });
});

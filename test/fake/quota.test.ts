import { afterEach, describe, expect, jest, test } from "@jest/globals";
import { BASE, world } from "./helpers.ts";

afterEach(() => {
  jest.useRealTimers();
});

describe("quota", () => {
  test("over budget answers 429 with Retry-After (whole seconds, ≥ 1) and Asana's body", async () => {
    let now = 1_000_000;
    const { call, fake } = world({ now: () => now, quota: { requests: 3, windowMs: 60_000 } });
    for (let i = 0; i < 3; i++) {
      expect((await call("GET", "/tasks/1")).status).toBe(404);
      now += 1_000;
    }
    // In the window: 1,000,000 / 1,001,000 / 1,002,000 and now this rejected one at 1,003,000. The
    // next request fits when only two remain: once 1,001,000 has left the window, at 1,061,000.
    const limited = await call("GET", "/tasks/1");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("58");
    expect(limited.body).toEqual({ errors: [{ message: "You have made too many requests recently. Please, be chill.", help: expect.any(String) }] });
    expect(fake.stats.rejected429).toBe(1);
    now += 57_000;
    expect((await call("GET", "/tasks/1")).status).toBe(429);
    now += 61_000;
    expect((await call("GET", "/tasks/1")).status).toBe(404);
  });

  test("rejected requests count against the budget too", async () => {
    let now = 0;
    const { call } = world({ now: () => now, quota: { requests: 2, windowMs: 10_000 } });
    await call("GET", "/tasks/1"); // t=0
    await call("GET", "/tasks/1"); // t=0
    now = 5_000;
    expect((await call("GET", "/tasks/1")).status).toBe(429); // t=5000, rejected but counted
    now = 9_000;
    expect((await call("GET", "/tasks/1")).status).toBe(429); // t=9000, rejected but counted
    now = 10_000;
    // The two t=0 requests have left the window, but the rejected t=5000 and t=9000 ones have not:
    // a client that kept hammering is still locked out.
    const still = await call("GET", "/tasks/1");
    expect(still.status).toBe(429);
    // In the window now: 5000, 9000 and 10000, all rejected; room again once 5000 and 9000 are gone.
    expect(still.headers.get("retry-after")).toBe("9");
    now = 20_000;
    expect((await call("GET", "/tasks/1")).status).toBe(404);
  });

  test("a sub-second wait still says Retry-After: 1", async () => {
    let now = 0;
    const { call } = world({ now: () => now, quota: { requests: 1, windowMs: 500 } });
    await call("GET", "/tasks/1");
    now = 100;
    expect((await call("GET", "/tasks/1")).headers.get("retry-after")).toBe("1");
  });

  test("401s and faults do not touch the quota", async () => {
    const { fake, call } = world({ quota: { requests: 1, windowMs: 60_000 } });
    await fake.fetch(`${BASE}/tasks/1`);
    fake.faults.next(1, { status: 503 });
    await call("GET", "/tasks/1");
    expect((await call("GET", "/tasks/1")).status).toBe(404);
    expect((await call("GET", "/tasks/1")).status).toBe(429);
  });

  test("in-flight caps: GETs beyond maxGets and writes beyond maxWrites answer 429", async () => {
    jest.useFakeTimers();
    const { fake, workspace } = world({ latencyMs: 100, quota: { requests: 1_000, windowMs: 60_000, maxGets: 3, maxWrites: 2 } });
    const auth = { authorization: `Bearer ${fake.token}` };
    const gets = Array.from({ length: 5 }, () => fake.fetch(`${BASE}/tasks/1`, { headers: auth }));
    const writes = Array.from({ length: 3 }, () =>
      fake.fetch(`${BASE}/tasks`, { method: "POST", headers: auth, body: JSON.stringify({ data: { workspace } }) }),
    );
    await jest.advanceTimersByTimeAsync(100);
    const getStatuses = (await Promise.all(gets)).map((r) => r.status);
    const writeResponses = await Promise.all(writes);
    expect(getStatuses).toEqual([404, 404, 404, 429, 429]);
    expect(writeResponses.map((r) => r.status)).toEqual([201, 201, 429]);
    expect(writeResponses[2]!.headers.get("retry-after")).toBe("1");
    expect(fake.state.tasks.size).toBe(2);
    expect(fake.stats).toMatchObject({ maxInFlight: { get: 5, write: 3 }, inFlight: { get: 0, write: 0 }, rejected429: 3, total: 8 });
    // Once they are done, there is room again.
    const after = fake.fetch(`${BASE}/tasks/1`, { headers: auth });
    await jest.advanceTimersByTimeAsync(100);
    expect((await after).status).toBe(404);
  });

  test("the default caps are 50 GETs and 15 writes", async () => {
    jest.useFakeTimers();
    const { fake } = world({ latencyMs: 10, quota: { requests: 10_000, windowMs: 60_000 } });
    const auth = { authorization: `Bearer ${fake.token}` };
    const gets = Array.from({ length: 52 }, () => fake.fetch(`${BASE}/tasks/1`, { headers: auth }));
    const deletes = Array.from({ length: 16 }, () => fake.fetch(`${BASE}/tasks/1`, { method: "DELETE", headers: auth }));
    await jest.advanceTimersByTimeAsync(10);
    const count429 = async (all: Promise<Response>[]) => (await Promise.all(all)).filter((r) => r.status === 429).length;
    expect(await count429(gets)).toBe(2);
    expect(await count429(deletes)).toBe(1);
  });

  test("stats track requests in flight even without a quota", async () => {
    jest.useFakeTimers();
    const { fake } = world({ latencyMs: 50 });
    const auth = { authorization: `Bearer ${fake.token}` };
    const all = Array.from({ length: 70 }, () => fake.fetch(`${BASE}/tasks/1`, { headers: auth }));
    await Promise.resolve();
    expect(fake.stats.inFlight.get).toBe(70);
    await jest.advanceTimersByTimeAsync(50);
    expect((await Promise.all(all)).every((r) => r.status === 404)).toBe(true);
    expect(fake.stats).toMatchObject({ inFlight: { get: 0, write: 0 }, maxInFlight: { get: 70, write: 0 }, rejected429: 0 });
  });
});

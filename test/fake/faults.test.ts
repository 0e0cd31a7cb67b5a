import { afterEach, describe, expect, jest, test } from "@jest/globals";
import { BASE, world } from "./helpers.ts";

afterEach(() => {
  jest.useRealTimers();
});

describe("faults", () => {
  test("next(n) faults exactly the next n requests, queued in order, and the request is not processed", async () => {
    const { call, fake, workspace } = world();
    fake.faults.next(2, { status: 503 });
    fake.faults.next(1, { status: 500 });
    const a = await call("POST", "/tasks", { data: { workspace, name: "lost" } });
    const b = await call("GET", "/tasks/1");
    const c = await call("GET", "/tasks/1");
    const d = await call("GET", "/tasks/1");
    expect([a.status, b.status, c.status, d.status]).toEqual([503, 503, 500, 404]);
    expect(a.body).toEqual({ errors: [{ message: "Service Unavailable", help: expect.any(String) }] });
    expect(c.body.errors[0]).toEqual({ message: "Server Error", help: expect.any(String), phrase: expect.stringMatching(/^\d+ \w+ \w+ \w+ \w+$/) });
    expect(fake.state.tasks.size).toBe(0);
    expect(fake.requests).toHaveLength(4); // faulted requests are recorded
  });

  test("each 5xx status is answered as given", async () => {
    const { call, fake } = world();
    for (const status of [500, 502, 503, 504] as const) {
      fake.faults.next(1, { status });
      expect((await call("GET", "/tasks/1")).status).toBe(status);
    }
  });

  test("429 carries Retry-After in seconds (default 1), or an HTTP date", async () => {
    const now = Date.parse("2024-01-01T00:00:00Z");
    const { call, fake } = world({ now: () => now });
    fake.faults.next(1, { status: 429 });
    fake.faults.next(1, { status: 429, retryAfter: 30 });
    fake.faults.next(1, { status: 429, retryAfter: 2.5 });
    fake.faults.next(1, { status: 429, retryAfter: 120, retryAfterDate: true });
    const replies = [await call("GET", "/tasks/1"), await call("GET", "/tasks/1"), await call("GET", "/tasks/1"), await call("GET", "/tasks/1")];
    expect(replies.map((r) => r.status)).toEqual([429, 429, 429, 429]);
    expect(replies.map((r) => r.headers.get("retry-after"))).toEqual(["1", "30", "3", "Mon, 01 Jan 2024 00:02:00 GMT"]);
    expect(replies[0]!.body.errors[0].message).toBe("You have made too many requests recently. Please, be chill.");
    expect(fake.stats.rejected429).toBe(4);
  });

  test("truncated: a 200 whose JSON body is cut in half", async () => {
    const { fake } = world();
    fake.faults.next(1, { kind: "truncated" });
    const res = await fake.fetch(`${BASE}/tasks/1`, { headers: { authorization: `Bearer ${fake.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/json/);
    const text = await res.text();
    expect(text.startsWith('{"data":')).toBe(true);
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
  });

  test("non-json: a 502 HTML page from a proxy", async () => {
    const { fake } = world();
    fake.faults.next(1, { kind: "non-json" });
    const res = await fake.fetch(`${BASE}/tasks/1`, { headers: { authorization: `Bearer ${fake.token}` } });
    expect(res.status).toBe(502);
    expect(res.headers.get("content-type")).toBe("text/html");
    expect(await res.text()).toContain("<h1>502 Bad Gateway</h1>");
  });

  test("drop: fetch rejects like a network failure; handle answers Response.error()", async () => {
    const { fake } = world();
    fake.faults.next(2, { kind: "drop" });
    const failure = await fake.fetch(`${BASE}/tasks/1`).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TypeError);
    expect((failure as TypeError).message).toBe("fetch failed");
    const raw = await fake.handle(new Request(`${BASE}/tasks/1`));
    expect(raw.type).toBe("error");
  });

  test("latency: delays, then answers normally (auth included)", async () => {
    jest.useFakeTimers();
    const { fake, workspace } = world();
    const gid = fake.seed.task({ workspace, name: "slow" }).gid;
    fake.faults.next(1, { kind: "latency", ms: 5_000 });
    let settled = false;
    const pending = fake.fetch(`${BASE}/tasks/${gid}`, { headers: { authorization: `Bearer ${fake.token}` } }).then((r) => {
      settled = true;
      return r;
    });
    await jest.advanceTimersByTimeAsync(4_999);
    expect(settled).toBe(false);
    expect(fake.stats.inFlight.get).toBe(1);
    await jest.advanceTimersByTimeAsync(1);
    const res = await pending;
    expect(res.status).toBe(200);
    expect((await res.json()).data.name).toBe("slow");
    expect(fake.stats.inFlight.get).toBe(0);
  });

  test("an abort during latency rejects with the signal's reason and leaves no timer", async () => {
    jest.useFakeTimers();
    const { fake } = world({ latencyMs: 60_000 });
    const controller = new AbortController();
    const pending = fake.fetch(`${BASE}/tasks/1`, { headers: { authorization: `Bearer ${fake.token}` }, signal: controller.signal });
    await jest.advanceTimersByTimeAsync(10);
    const reason = new Error("stop");
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(jest.getTimerCount()).toBe(0);
    expect(fake.stats.inFlight.get).toBe(0);
  });

  test("path(pattern) matches segments with :param or *, or a RegExp; count and method narrow it", async () => {
    const { call, fake, workspace } = world();
    const gid = fake.seed.task({ workspace }).gid;
    fake.faults.path("/tasks/:gid", { status: 503 }, { method: "put", count: 2 });
    fake.faults.path(/^\/jobs\//, { status: 502 });
    expect((await call("GET", `/tasks/${gid}`)).status).toBe(200);
    expect((await call("GET", `/tasks/${gid}/subtasks`)).status).toBe(200);
    expect((await call("PUT", `/tasks/${gid}`, { data: { name: "a" } })).status).toBe(503);
    expect((await call("PUT", `/tasks/${gid}`, { data: { name: "b" } })).status).toBe(503);
    expect((await call("PUT", `/tasks/${gid}`, { data: { name: "c" } })).status).toBe(200);
    expect((await call("GET", "/jobs/1")).status).toBe(502);
    expect((await call("GET", "/jobs/2")).status).toBe(502);
    fake.faults.clear();
    expect((await call("GET", "/jobs/2")).status).toBe(404);
  });

  test("rate(p) is deterministic for a seed and picks among several faults", async () => {
    const run = async (seed: number) => {
      const { call, fake, workspace } = world();
      const gid = fake.seed.task({ workspace }).gid;
      fake.faults.rate(0.5, [{ status: 503 }, { status: 500 }], { seed });
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) statuses.push((await call("GET", `/tasks/${gid}`)).status);
      return statuses;
    };
    const first = await run(7);
    expect(await run(7)).toEqual(first);
    expect(first).toContain(200);
    expect(first).toContain(503);
    expect(first).toContain(500);
    const faulted = first.filter((s) => s !== 200).length;
    expect(faulted).toBeGreaterThan(5);
    expect(faulted).toBeLessThan(35);
    expect(await run(8)).not.toEqual(first);
  });

  test("bad fault definitions throw at once", () => {
    const { fake } = world();
    expect(() => fake.faults.next(0, { status: 503 })).toThrow(RangeError);
    expect(() => fake.faults.rate(2, { status: 503 })).toThrow(RangeError);
    // @ts-expect-error 418 is not a fault status
    expect(() => fake.faults.next(1, { status: 418 })).toThrow(TypeError);
  });
});

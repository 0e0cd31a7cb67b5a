import { afterEach, describe, expect, jest, test } from "@jest/globals";
import { TimeoutError } from "../../src/index.ts";
import { asanaError, caught, clientWith, json, ok, scripted } from "./scripted.ts";

afterEach(() => {
  jest.useRealTimers();
});

const reason = { why: "user gave up" };

describe("abort and timeout at every stage", () => {
  test("in flight: the request is cancelled and the call rejects with the signal's reason", async () => {
    const wire = scripted(["hang"]);
    const controller = new AbortController();
    const call = clientWith(wire.fetch).tasks.get("7", { signal: controller.signal });
    await new Promise((r) => setTimeout(r, 5));
    controller.abort(reason);
    expect(await caught(() => call)).toBe(reason);
    expect(wire.sent).toHaveLength(1);
  });

  test("an already-aborted signal sends nothing", async () => {
    const wire = scripted([]);
    const error = await caught(() => clientWith(wire.fetch).tasks.get("7", { signal: AbortSignal.abort(reason) }));
    expect(error).toBe(reason);
    expect(wire.sent).toHaveLength(0);
  });

  test("in a retry sleep: rejects at once and sends nothing more", async () => {
    jest.useFakeTimers();
    const wire = scripted([asanaError(503)]);
    const controller = new AbortController();
    const call = clientWith(wire.fetch, { retry: { baseDelayMs: 60_000, maxDelayMs: 60_000 } }).tasks.get("7", { signal: controller.signal });
    const settled = caught(() => call);
    await jest.advanceTimersByTimeAsync(10);
    controller.abort(reason);
    expect(await settled).toBe(reason);
    await jest.advanceTimersByTimeAsync(120_000);
    expect(wire.sent).toHaveLength(1);
    expect(jest.getTimerCount()).toBe(0);
  });

  test("while queued behind the limiter: leaves the queue without sending", async () => {
    const wire = scripted(["hang"]);
    const asana = clientWith(wire.fetch, { concurrency: { reads: 1, writes: 1 } });
    const first = new AbortController();
    const blocker = asana.tasks.get("1", { signal: first.signal });
    const controller = new AbortController();
    const queued = asana.tasks.get("2", { signal: controller.signal });
    await new Promise((r) => setTimeout(r, 5));
    controller.abort(reason);
    expect(await caught(() => queued)).toBe(reason);
    first.abort("done");
    await caught(() => blocker);
    expect(wire.sent.map((r) => r.url.pathname)).toEqual(["/api/1.0/tasks/1"]);
  });

  test("inside a paginator: between pages, nothing more is sent", async () => {
    const wire = scripted([
      json(200, { data: [{ gid: "a" }], next_page: { offset: "o1", path: "/p", uri: "https://x/p" } }),
      json(200, { data: [{ gid: "b" }], next_page: null }),
    ]);
    const controller = new AbortController();
    const seen: string[] = [];
    const error = await caught(async () => {
      for await (const task of clientWith(wire.fetch).tasks.forProject("9", {}, { signal: controller.signal })) {
        seen.push(task.gid);
        controller.abort(reason);
      }
    });
    expect(error).toBe(reason);
    expect(seen).toEqual(["a"]);
    expect(wire.sent).toHaveLength(1);
  });

  test("between polls of jobs.wait: rejects with the reason, no further poll, no timer", async () => {
    jest.useFakeTimers();
    const wire = scripted([], ok({ gid: "j1", status: "in_progress" }));
    const controller = new AbortController();
    const waiting = caught(() => clientWith(wire.fetch).jobs.wait("j1", { intervalMs: 1_000, signal: controller.signal }));
    await jest.advanceTimersByTimeAsync(1_000); // second poll
    expect(wire.sent).toHaveLength(2);
    controller.abort(reason);
    expect(await waiting).toBe(reason);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(wire.sent).toHaveLength(2);
    expect(jest.getTimerCount()).toBe(0);
  });

  test("a timeout is a TimeoutError, distinguishable from an abort, and cancels the request", async () => {
    const wire = scripted(["hang"]);
    const error = await caught(() => clientWith(wire.fetch).tasks.get("7", { timeoutMs: 20 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).timeoutMs).toBe(20);
    expect(wire.sent).toHaveLength(1);
  });

  test("the client's timeoutMs covers retries: a 503 loop ends with TimeoutError", async () => {
    jest.useFakeTimers();
    const wire = scripted([], asanaError(503));
    const call = caught(() =>
      clientWith(wire.fetch, { timeoutMs: 1_000, retry: { maxRetries: 100, baseDelayMs: 300, maxDelayMs: 300 } }).tasks.get("7"),
    );
    await jest.advanceTimersByTimeAsync(1_000);
    expect(await call).toBeInstanceOf(TimeoutError);
    const sent = wire.sent.length;
    await jest.advanceTimersByTimeAsync(10_000);
    expect(wire.sent).toHaveLength(sent);
    expect(jest.getTimerCount()).toBe(0);
  });

  test("raw shares the client's timeout", async () => {
    const wire = scripted(["hang"]);
    const error = await caught(() =>
      clientWith(wire.fetch, { timeoutMs: 20 }).raw.GET("/tasks/{task_gid}", { params: { path: { task_gid: "7" } } }),
    );
    expect(error).toBeInstanceOf(TimeoutError);
  });

  test("a timeout inside a paginator rejects the iteration with TimeoutError", async () => {
    const wire = scripted([json(200, { data: [{ gid: "a" }], next_page: { offset: "o1", path: "/p", uri: "https://x/p" } }), "hang"]);
    const seen: string[] = [];
    const error = await caught(async () => {
      for await (const task of clientWith(wire.fetch).tasks.forProject("9", {}, { timeoutMs: 20 })) seen.push(task.gid);
    });
    expect(error).toBeInstanceOf(TimeoutError);
    expect(seen).toEqual(["a"]);
  });
});

import { afterEach, describe, expect, jest, test } from "@jest/globals";
import { ConnectionError, RateLimitError, ServerError, NotFoundError, BadRequestError } from "../../src/index.ts";
import { asanaError, caught, clientWith, json, ok, scripted } from "./scripted.ts";

afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

const netError = () => new TypeError("fetch failed", { cause: new Error("ECONNRESET") });

describe("idempotent methods are retried after 5xx and network failures", () => {
  test.each([500, 502, 503, 504])("GET after %i, then the answer", async (status) => {
    const wire = scripted([asanaError(status), ok({ gid: "7", name: "ok" })]);
    const task = await clientWith(wire.fetch).tasks.get("7");
    expect(task).toEqual({ gid: "7", name: "ok" });
    expect(wire.sent.map((r) => `${r.method} ${r.url.pathname}`)).toEqual(["GET /api/1.0/tasks/7", "GET /api/1.0/tasks/7"]);
  });

  test("GET after a network failure and a dropped connection", async () => {
    const wire = scripted([netError(), new TypeError("terminated"), ok({ gid: "7" })]);
    expect(await clientWith(wire.fetch).tasks.get("7")).toEqual({ gid: "7" });
    expect(wire.sent).toHaveLength(3);
  });

  test("PUT after a 503 replays the same body; DELETE after a 502", async () => {
    const wire = scripted([asanaError(503), ok({ gid: "7", name: "renamed" }), asanaError(502), ok({})]);
    const asana = clientWith(wire.fetch);
    await asana.tasks.update("7", { name: "renamed", notes: "n" });
    await asana.tasks.delete("7");
    expect(wire.sent.map((r) => r.method)).toEqual(["PUT", "PUT", "DELETE", "DELETE"]);
    expect(JSON.parse(wire.sent[0]!.body)).toEqual({ data: { name: "renamed", notes: "n" } });
    expect(wire.sent[1]!.body).toBe(wire.sent[0]!.body);
    expect(wire.sent[1]!.headers.get("content-type")).toBe("application/json");
  });

  test("a 200 whose JSON body was cut off is fetched again for GET", async () => {
    const wire = scripted([
      new Response('{"data":{"gid":"7","na', { status: 200, headers: { "content-type": "application/json" } }),
      ok({ gid: "7", name: "whole" }),
    ]);
    expect(await clientWith(wire.fetch).tasks.get("7")).toEqual({ gid: "7", name: "whole" });
    expect(wire.sent).toHaveLength(2);
  });

  test("gives up after maxRetries and throws the last error", async () => {
    const wire = scripted([], asanaError(503, "down"));
    const error = await caught(() => clientWith(wire.fetch, { retry: { maxRetries: 3, baseDelayMs: 1 } }).tasks.get("7"));
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).status).toBe(503);
    expect(wire.sent).toHaveLength(4);
  });
});

describe("POST is never retried after a 5xx, a network failure or a cut-off body", () => {
  test("500 on create: one request, ServerError with Asana's phrase", async () => {
    const wire = scripted([asanaError(500)]);
    const error = await caught(() => clientWith(wire.fetch).tasks.create({ name: "once", workspace: "1" }));
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).phrase).toBe("6 sad squid snuggle softly");
    expect(wire.sent).toHaveLength(1);
  });

  test("503 on duplicate and a network failure on createSubtask: one request each", async () => {
    const wire = scripted([asanaError(503), netError()]);
    const asana = clientWith(wire.fetch);
    expect(await caught(() => asana.tasks.duplicate("7", { name: "copy" }))).toBeInstanceOf(ServerError);
    const error = await caught(() => asana.tasks.createSubtask("7", { name: "sub" }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).cause).toBeInstanceOf(TypeError);
    expect(wire.sent.map((r) => r.method)).toEqual(["POST", "POST"]);
  });

  test("a cut-off 201 body is a ConnectionError that says the create may have happened", async () => {
    const wire = scripted([new Response('{"data":{"gid":"9"', { status: 201 })]);
    const error = await caught(() => clientWith(wire.fetch).tasks.create({ name: "x", workspace: "1" }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toContain("may have been carried out");
    expect(wire.sent).toHaveLength(1);
  });
});

describe("429 is retried for every method, after Retry-After", () => {
  test("POST 429 then 201: the same body is sent twice and the task is returned", async () => {
    const wire = scripted([asanaError(429, "rate limited", { "retry-after": "0" }), json(201, { data: { gid: "9", name: "n" } })]);
    const task = await clientWith(wire.fetch).tasks.create({ name: "n", workspace: "1" });
    expect(task).toEqual({ gid: "9", name: "n" });
    expect(wire.sent.map((r) => r.method)).toEqual(["POST", "POST"]);
    expect(wire.sent[1]!.body).toBe(wire.sent[0]!.body);
  });

  test("Retry-After in seconds: nothing is resent before it has passed", async () => {
    jest.useFakeTimers();
    const wire = scripted([asanaError(429, "slow down", { "retry-after": "2" }), ok({ gid: "7" })]);
    const result = clientWith(wire.fetch, { retry: { baseDelayMs: 1, maxDelayMs: 1 } }).tasks.get("7");
    await jest.advanceTimersByTimeAsync(1_999);
    expect(wire.sent).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(await result).toEqual({ gid: "7" });
    expect(wire.sent).toHaveLength(2);
  });

  test("Retry-After as an HTTP date", async () => {
    jest.useFakeTimers({ now: new Date("2026-11-23T10:00:00Z") });
    const wire = scripted([asanaError(429, "slow down", { "retry-after": "Mon, 23 Nov 2026 10:00:03 GMT" }), ok({ gid: "7" })]);
    const result = clientWith(wire.fetch).tasks.get("7");
    await jest.advanceTimersByTimeAsync(2_999);
    expect(wire.sent).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    await result;
    expect(wire.sent).toHaveLength(2);
  });

  test("retries exhausted: RateLimitError carries retryAfterMs", async () => {
    const wire = scripted([], asanaError(429, "rate limited", { "retry-after": "0" }));
    const error = await caught(() => clientWith(wire.fetch, { retry: { maxRetries: 2 } }).tasks.get("7"));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(0);
    expect(wire.sent).toHaveLength(3);
  });
});

describe("backoff", () => {
  test("is capped at maxDelayMs however many attempts (full jitter at its top)", async () => {
    jest.useFakeTimers();
    jest.spyOn(Math, "random").mockReturnValue(0.999999);
    const wire = scripted([asanaError(503), asanaError(503), asanaError(503), asanaError(503), ok({ gid: "7" })]);
    const result = clientWith(wire.fetch, { retry: { maxRetries: 5, baseDelayMs: 1_000, maxDelayMs: 250 } }).tasks.get("7");
    // Uncapped, attempt 3 would wait 8 s. Capped, each wait is under 250 ms.
    for (let attempt = 1; attempt <= 4; attempt++) {
      await jest.advanceTimersByTimeAsync(250);
      expect(wire.sent).toHaveLength(attempt + 1);
    }
    await result;
  });

  test("grows exponentially from baseDelayMs", async () => {
    jest.useFakeTimers();
    jest.spyOn(Math, "random").mockReturnValue(0.999999);
    const wire = scripted([asanaError(503), asanaError(503), ok({ gid: "7" })]);
    const result = clientWith(wire.fetch, { retry: { maxRetries: 5, baseDelayMs: 100, maxDelayMs: 10_000 } }).tasks.get("7");
    await jest.advanceTimersByTimeAsync(98);
    expect(wire.sent).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1); // first wait: floor(0.999999 × 100) = 99 ms
    expect(wire.sent).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(198);
    expect(wire.sent).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(1); // second wait: floor(0.999999 × 200) = 199 ms
    expect(wire.sent).toHaveLength(3);
    await result;
  });
});

describe("retry options", () => {
  test("retry: false on the client sends once", async () => {
    const wire = scripted([asanaError(503)]);
    expect(await caught(() => clientWith(wire.fetch, { retry: false }).tasks.get("7"))).toBeInstanceOf(ServerError);
    expect(wire.sent).toHaveLength(1);
  });

  test("retry per call overrides the client's, both ways", async () => {
    const wire = scripted([asanaError(503), asanaError(503), ok({ gid: "7" })]);
    const strict = clientWith(wire.fetch, { retry: false });
    expect(await strict.tasks.get("7", { retry: { maxRetries: 3, baseDelayMs: 1 } })).toEqual({ gid: "7" });
    expect(wire.sent).toHaveLength(3);

    const again = scripted([asanaError(503)]);
    expect(await caught(() => clientWith(again.fetch).tasks.get("7", { retry: false }))).toBeInstanceOf(ServerError);
    expect(again.sent).toHaveLength(1);
  });

  test("400 and 404 are never retried", async () => {
    const wire = scripted([asanaError(400, "bad"), asanaError(404, "missing")]);
    const asana = clientWith(wire.fetch);
    expect(await caught(() => asana.tasks.get("7"))).toBeInstanceOf(BadRequestError);
    expect(await caught(() => asana.tasks.get("8"))).toBeInstanceOf(NotFoundError);
    expect(wire.sent).toHaveLength(2);
  });

  test("raw shares the retries: a GET 503 is retried and answered as {data}", async () => {
    const wire = scripted([asanaError(503), ok({ gid: "7" })]);
    const { data, error } = await clientWith(wire.fetch).raw.GET("/tasks/{task_gid}", { params: { path: { task_gid: "7" } } });
    expect(error).toBeUndefined();
    expect(data).toEqual({ data: { gid: "7" } });
    expect(wire.sent).toHaveLength(2);
  });

  test("bad retry options are rejected at creation", () => {
    expect(() => clientWith(scripted([]).fetch, { retry: { maxRetries: -1 } })).toThrow(RangeError);
  });
});

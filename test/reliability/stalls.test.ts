// Every stage can be aborted and is bounded by the timeout: the token lookup and reading the body
// included, even when the body or the token function ignores the signal.
import { describe, expect, test } from "@jest/globals";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { TimeoutError } from "../../src/index.ts";
import { BASE, caught as caughtCall, client, http, HttpResponse, useServer } from "../client/helpers.ts";
import { caught, clientWith, scripted } from "./scripted.ts";

const srv = useServer();
const fixture = fileURLToPath(new URL("./fixtures/stalled-call.ts", import.meta.url));
/** Generous: the call ends at 100 ms; node and tsx start-up take the rest. */
const EXIT_WITHIN_MS = 5_000;

/** Runs the fixture; resolves with its output and exit code, or with `killed` if it did not exit in time. */
function runChild(stage: string, end: string): Promise<{ lines: string[]; code: number | null; killed: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", fixture, stage, end], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    let killed = false;
    const guard = setTimeout(() => {
      killed = true;
      child.kill("SIGKILL");
    }, EXIT_WITHIN_MS);
    child.on("exit", (code) => {
      clearTimeout(guard);
      resolve({ lines: out.trim().split("\n"), code, killed });
    });
  });
}

describe("in a child process that must exit promptly (no timer or stream left behind)", () => {
  const TIMED_OUT = "settled TimeoutError: request timed out after 100 ms";
  const ABORTED = "settled Error: caller gave up";

  test.each([
    ["a body", "body", "timeout", TIMED_OUT],
    ["a body", "body", "abort", ABORTED],
    ["raw's body", "raw-body", "timeout", TIMED_OUT],
    ["raw's body", "raw-body", "abort", ABORTED],
  ])("%s that stalls mid-stream [%s, ended by its %s]: the reader is cancelled", async (_label, stage, end, settled) => {
    const { lines, code, killed } = await runChild(stage, end);
    expect({ killed, code }).toEqual({ killed: false, code: 0 });
    expect(lines).toEqual(["fetch GET /api/1.0/tasks/1", "body cancelled", settled]);
  }, 15_000);

  const lateToken = (settled: string) => [settled, "token resolved"];
  const lateAnswer = (settled: string) => ["fetch GET /api/1.0/tasks/1", settled, "fetch answered late", "late body cancelled"];

  test.each([
    ["a pending token function", "token", "timeout", lateToken(TIMED_OUT)],
    ["a pending token function", "token", "abort", lateToken(ABORTED)],
    ["a custom fetch that ignores the signal", "fetch", "timeout", lateAnswer(TIMED_OUT)],
    ["a custom fetch that ignores the signal", "fetch", "abort", lateAnswer(ABORTED)],
  ])("%s [%s, ended by its %s]: settled at once, nothing sent afterwards, a late answer's body cancelled", async (_label, stage, end, expected) => {
    const { lines, code, killed } = await runChild(stage, end);
    expect({ killed, code }).toEqual({ killed: false, code: 0 });
    expect(lines).toEqual(expected);
  }, 15_000);
});

describe("in process", () => {
  test("a pending token function: the abort settles the call, and fetch is never called afterwards", async () => {
    let release!: (token: string) => void;
    const wire = scripted([]);
    const asana = clientWith(wire.fetch, { token: () => new Promise<string>((resolve) => (release = resolve)) });
    const controller = new AbortController();
    const call = caught(() => asana.tasks.get("1", { signal: controller.signal }));
    controller.abort("stop");
    expect(await call).toBe("stop");
    release("0/the-token-arrives-late");
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(wire.sent).toHaveLength(0);
  });

  test("without a timeout, the caller's signal alone ends a pending token, a stalled fetch and a stalled body", async () => {
    const stalledBody = () => new Response(new ReadableStream<Uint8Array>({ start: (c) => c.enqueue(new Uint8Array([123])) }), { status: 200 });
    const cases: [string, Partial<Parameters<typeof clientWith>[1]>, (request: Request) => Promise<Response>][] = [
      ["token", { token: () => new Promise<string>(() => {}) }, async () => stalledBody()],
      ["fetch", {}, () => new Promise<Response>(() => {})],
      ["body", {}, async () => stalledBody()],
    ];
    for (const [stage, options, fetch] of cases) {
      const asana = clientWith(fetch, { timeoutMs: Infinity, ...options });
      const controller = new AbortController();
      const call = caught(() => asana.tasks.get("1", { signal: controller.signal }));
      await new Promise((resolve) => setTimeout(resolve, 5));
      controller.abort(`stop ${stage}`);
      expect(await call).toBe(`stop ${stage}`);
    }
  });

  test("a pending token function: the call's timeout settles it with TimeoutError", async () => {
    const wire = scripted([]);
    const asana = clientWith(wire.fetch, { token: () => new Promise<string>(() => {}) });
    expect(await caught(() => asana.tasks.get("1", { timeoutMs: 20 }))).toBeInstanceOf(TimeoutError);
    expect(wire.sent).toHaveLength(0);
  });

  test("a custom fetch that ignores the abort keeps its in-flight slot until it answers: the caps hold on the wire", async () => {
    let answerFirst!: () => void;
    const started: string[] = [];
    const fetch = async (request: Request) => {
      const path = new URL(request.url).pathname;
      started.push(path);
      if (path.endsWith("/1")) await new Promise<void>((resolve) => (answerFirst = resolve));
      return Response.json({ data: { gid: "x" } });
    };
    const asana = clientWith(fetch, { concurrency: { reads: 1, writes: 1 } });
    const controller = new AbortController();
    const first = caught(() => asana.tasks.get("1", { signal: controller.signal }));
    await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort("stop");
    expect(await first).toBe("stop");
    const second = asana.tasks.get("2");
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(started).toEqual(["/api/1.0/tasks/1"]);
    answerFirst();
    expect(await second).toEqual({ gid: "x" });
    expect(started).toEqual(["/api/1.0/tasks/1", "/api/1.0/tasks/2"]);
  });

  test("the global fetch (msw): a body that stalls is ended by the timeout", async () => {
    srv.use(
      http.get(`${BASE}/tasks/:gid`, () => {
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"data":'));
          },
        });
        return new HttpResponse(body, { status: 200, headers: { "content-type": "application/json" } });
      }),
    );
    expect(await caughtCall(() => client({ retry: false }).tasks.get("1", { timeoutMs: 50 }))).toBeInstanceOf(TimeoutError);
  });

  test("an error body that stalls is ended by the timeout too", async () => {
    const stalled = () =>
      new Response(
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"errors":[{"message":"nope'));
          },
        }),
        { status: 400 },
      );
    const wire = scripted([stalled, stalled]);
    const asana = clientWith(wire.fetch, { retry: false });
    expect(await caught(() => asana.tasks.get("1", { timeoutMs: 20 }))).toBeInstanceOf(TimeoutError);
    expect(await caught(() => asana.raw.GET("/tasks/{task_gid}", { params: { path: { task_gid: "1" } }, signal: AbortSignal.timeout(20) }))).toMatchObject({
      name: "TimeoutError",
    });
  });
});

describe("a signal that is not an AbortSignal", () => {
  test.each<[string, (asana: ReturnType<typeof clientWith>) => Promise<unknown>]>([
    ["tasks.get", (a) => a.tasks.get("1", { signal: { aborted: false } as never })],
    ["a paginator", (a) => a.tasks.forProject("1", {}, { signal: "soon" as never }).toArray()],
    ["jobs.wait", (a) => a.jobs.wait("1", { signal: 42 as never })],
    ["raw", (a) => a.raw.GET("/tasks/{task_gid}", { params: { path: { task_gid: "1" } }, signal: {} as never })],
  ])("%s: a TypeError naming signal, nothing sent", async (_where, run) => {
    const wire = scripted([]);
    const error = await caught(() => run(clientWith(wire.fetch)));
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(/^signal must be an AbortSignal/);
    expect(wire.sent).toHaveLength(0);
  });
});

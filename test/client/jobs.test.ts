/** jobs.get and jobs.wait. wait runs under fake timers: gaps are read off the fake clock, never real time. */
import { afterEach, beforeEach, describe, expect, jest, test } from "@jest/globals";
import { JobFailedError, TimeoutError, type Job, type JobStatus } from "asana-fetch";
import { BASE, TOKEN, caught, client, http, HttpResponse, until, useServer } from "./helpers.ts";

const srv = useServer();

const job = (status: JobStatus, gid = "j1"): Job => ({
  gid,
  resource_type: "job",
  resource_subtype: "duplicate_task",
  status,
  new_task: status === "succeeded" ? { gid: "t2", resource_type: "task", name: "Copy" } : null,
  new_project: null,
  new_project_template: null,
});

/** Answers the statuses in order (the last one repeats) and notes the (fake) time of each poll. */
function serveJob(statuses: JobStatus[]) {
  const times: number[] = [];
  const sent: Job[] = [];
  srv.use(
    http.get(`${BASE}/jobs/:gid`, ({ params }) => {
      times.push(Date.now());
      const body = job(statuses[Math.min(sent.length, statuses.length - 1)]!, String(params.gid));
      sent.push(body);
      return HttpResponse.json({ data: body });
    }),
  );
  return { times, sent };
}

/** Settlement of a promise, observable without awaiting it. */
function track<T>(promise: Promise<T>) {
  const state: { settled: boolean; value?: T; error?: unknown; at?: number } = { settled: false };
  promise.then(
    (value) => Object.assign(state, { settled: true, value, at: Date.now() }),
    (error: unknown) => Object.assign(state, { settled: true, error, at: Date.now() }),
  );
  return state;
}

/**
 * Drives a wait to completion: after each poll, fires the next timer (the sleep, or the deadline)
 * and lets the I/O it starts finish before looking again.
 */
async function drive(state: { settled: boolean }, polls: unknown[], maxSteps = 100) {
  await until(() => polls.length > 0 || state.settled, "first poll");
  for (let i = 0; i < maxSteps && !state.settled; i++) {
    const before = polls.length;
    jest.advanceTimersToNextTimer();
    await until(() => polls.length > before || state.settled, "next poll or settlement");
  }
  if (!state.settled) throw new Error("wait did not settle");
}

const gapsOf = (times: number[]) => times.slice(1).map((t, i) => t - times[i]!);

describe("jobs.get", () => {
  test("GET /jobs/{gid} with opt_fields, job unwrapped", async () => {
    const { sent } = serveJob(["in_progress"]);
    const result = await client().jobs.get("j1", { opt_fields: ["status", "new_task.name"] });

    expect(result).toEqual(sent[0]);
    expect(srv.requests).toHaveLength(1);
    expect(srv.requests[0]!.method).toBe("GET");
    expect(srv.requests[0]!.href).toBe(`${BASE}/jobs/j1?opt_fields=status,new_task.name`);
    expect(srv.requests[0]!.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
  });
});

describe("jobs.wait", () => {
  beforeEach(() => {
    // Only the clock and timers are fake; I/O scheduling stays real so msw can answer.
    jest.useFakeTimers({ doNotFake: ["nextTick", "queueMicrotask", "setImmediate"], now: Date.parse("2024-05-01T10:00:00Z") });
  });
  afterEach(() => {
    jest.clearAllTimers();
    jest.useRealTimers();
  });

  test("polls until succeeded; onPoll sees every job; the first poll goes at once; intervals grow to the cap", async () => {
    const { times, sent } = serveJob(["not_started", "in_progress", "in_progress", "in_progress", "in_progress", "in_progress", "succeeded"]);
    const polls: Job[] = [];
    const start = Date.now();
    const state = track(client().jobs.wait("j1", { intervalMs: 100, maxIntervalMs: 300, onPoll: (j) => polls.push(j) }));

    await until(() => polls.length === 1, "first poll");
    expect(times[0]).toBe(start); // no timer had to fire for the first poll
    await drive(state, polls);

    expect(state.error).toBeUndefined();
    expect(state.value).toEqual(job("succeeded"));
    expect(polls).toEqual(sent); // every job, the last (succeeded) one included
    expect(polls.map((j) => j.status)).toEqual(["not_started", "in_progress", "in_progress", "in_progress", "in_progress", "in_progress", "succeeded"]);
    expect(srv.requests.every((r) => r.href === `${BASE}/jobs/j1`)).toBe(true);

    const gaps = gapsOf(times);
    expect(gaps[0]).toBe(100);
    expect(gaps[1]!).toBeGreaterThan(100); // it grows
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]!).toBeGreaterThanOrEqual(gaps[i - 1]!);
    for (const gap of gaps) expect(gap).toBeLessThanOrEqual(300);
    expect(gaps.at(-1)).toBe(300); // and reaches the cap
  });

  test("defaults: 500 ms first interval, capped at 5,000 ms", async () => {
    const { times } = serveJob([...Array<JobStatus>(11).fill("in_progress"), "succeeded"]);
    const polls: Job[] = [];
    const state = track(client().jobs.wait("j1", { onPoll: (j) => polls.push(j) }));
    await drive(state, polls);

    expect(state.value?.status).toBe("succeeded");
    const gaps = gapsOf(times);
    expect(gaps[0]).toBe(500);
    for (const gap of gaps) expect(gap).toBeLessThanOrEqual(5_000);
    expect(gaps.at(-1)).toBe(5_000);
  });

  test("a job already succeeded is one request and no timer", async () => {
    serveJob(["succeeded"]);
    const polls: Job[] = [];
    const state = track(client().jobs.wait({ gid: "j7" }, { onPoll: (j) => polls.push(j) }));
    await drive(state, polls);

    expect(state.value).toEqual(job("succeeded", "j7"));
    expect(polls).toHaveLength(1);
    expect(srv.requests.map((r) => r.href)).toEqual([`${BASE}/jobs/j7`]);
    expect(jest.getTimerCount()).toBe(0);
  });

  test("accepts the Job that tasks.duplicate returned", async () => {
    srv.use(http.post(`${BASE}/tasks/:gid/duplicate`, () => HttpResponse.json({ data: job("not_started", "dj") }, { status: 201 })));
    serveJob(["in_progress", "succeeded"]);
    const asana = client();
    const created = await asana.tasks.duplicate("t1", { name: "Copy" });
    const polls: Job[] = [];
    const state = track(asana.jobs.wait(created, { intervalMs: 10, onPoll: (j) => polls.push(j) }));
    await drive(state, polls);

    expect(state.value?.gid).toBe("dj");
    expect(srv.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /api/1.0/tasks/t1/duplicate",
      "GET /api/1.0/jobs/dj",
      "GET /api/1.0/jobs/dj",
    ]);
  });

  test("a failed job rejects with JobFailedError carrying the job", async () => {
    const { sent } = serveJob(["in_progress", "in_progress", "failed"]);
    const polls: Job[] = [];
    const state = track(client().jobs.wait("j1", { intervalMs: 50, onPoll: (j) => polls.push(j) }));
    await drive(state, polls);

    expect(state.error).toBeInstanceOf(JobFailedError);
    expect(state.error).toBeInstanceOf(Error);
    expect((state.error as JobFailedError).job).toEqual(job("failed"));
    expect(polls).toEqual(sent);
    expect(jest.getTimerCount()).toBe(0);
  });

  test("rejects with TimeoutError once timeoutMs has passed, not before", async () => {
    serveJob(["in_progress"]);
    const polls: Job[] = [];
    const start = Date.now();
    const state = track(client().jobs.wait("j1", { intervalMs: 100, maxIntervalMs: 100, timeoutMs: 1_000, onPoll: (j) => polls.push(j) }));
    await drive(state, polls);

    expect(state.error).toBeInstanceOf(TimeoutError);
    expect(state.at! - start).toBeGreaterThanOrEqual(1_000);
    expect(state.at! - start).toBeLessThanOrEqual(1_100);
    expect(polls.length).toBeGreaterThanOrEqual(10);
  });

  test("abort during the sleep rejects with the signal's reason", async () => {
    serveJob(["in_progress"]);
    const polls: Job[] = [];
    const controller = new AbortController();
    const reason = { code: "USER_CANCELLED", detail: "stop waiting" };
    const state = track(client().jobs.wait("j1", { intervalMs: 100, signal: controller.signal, onPoll: (j) => polls.push(j) }));

    await until(() => polls.length === 1);
    jest.advanceTimersToNextTimer();
    await until(() => polls.length === 2);
    controller.abort(reason);
    await until(() => state.settled);

    expect(state.error).toBe(reason);
    expect(srv.requests).toHaveLength(2);
  });

  test("abort while a poll is in flight rejects with the signal's reason", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    srv.use(
      http.get(`${BASE}/jobs/:gid`, async () => {
        await gate;
        return HttpResponse.json({ data: job("in_progress") });
      }),
    );
    const controller = new AbortController();
    const reason = new Error("custom reason");
    const state = track(client().jobs.wait("j1", { signal: controller.signal }));

    await until(() => srv.requests.length === 1);
    controller.abort(reason);
    await until(() => state.settled);
    release();

    expect(state.error).toBe(reason);
    expect(srv.requests).toHaveLength(1);
  });

  test("an already aborted signal rejects with its reason and sends nothing", async () => {
    serveJob(["succeeded"]);
    const controller = new AbortController();
    const reason = { why: "already gone" };
    controller.abort(reason);
    const error = await caught(() => client().jobs.wait("j1", { signal: controller.signal }));

    expect(error).toBe(reason);
    expect(srv.requests).toHaveLength(0);
    expect(jest.getTimerCount()).toBe(0);
  });

  test.each([
    ["succeeded", ["in_progress", "succeeded"] as JobStatus[], undefined],
    ["failed", ["in_progress", "failed"] as JobStatus[], undefined],
    ["timed out", ["in_progress"] as JobStatus[], 250],
    ["aborted", ["in_progress"] as JobStatus[], "abort"],
  ] as const)("once %s: no further request and no timer left", async (_name, statuses, end) => {
    serveJob([...statuses]);
    const polls: Job[] = [];
    const controller = new AbortController();
    const state = track(
      client().jobs.wait("j1", {
        intervalMs: 100,
        timeoutMs: typeof end === "number" ? end : 60_000,
        signal: controller.signal,
        onPoll: (j) => {
          polls.push(j);
          if (end === "abort" && polls.length === 2) controller.abort(new Error("enough"));
        },
      }),
    );
    await drive(state, polls);
    expect(state.settled).toBe(true);

    const sent = srv.requests.length;
    expect(jest.getTimerCount()).toBe(0);
    await jest.advanceTimersByTimeAsync(3_600_000);
    await until(() => true);
    expect(srv.requests.length).toBe(sent);
  });
});

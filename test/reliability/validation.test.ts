// Bad input gets a TypeError or RangeError naming the argument, before any request.
import { describe, expect, test } from "@jest/globals";
import type { AsanaClient } from "../../src/index.ts";
import { createAsanaClient } from "../../src/index.ts";
import { clientWith, scripted } from "./scripted.ts";

type Case = [label: string, run: (asana: AsanaClient) => unknown, error: typeof TypeError | typeof RangeError, names: RegExp];

const paginate = (p: AsyncIterable<unknown>) => p[Symbol.asyncIterator]().next();

const cases: Case[] = [
  ["blank gid", (a) => a.tasks.get("  "), TypeError, /taskGid/],
  ["empty gid", (a) => a.tasks.get(""), TypeError, /taskGid/],
  ["'.' gid", (a) => a.tasks.update(".", {}), TypeError, /taskGid/],
  ["'..' gid", (a) => a.tasks.delete(".."), TypeError, /taskGid/],
  ["non-string gid", (a) => a.tasks.get(42 as unknown as string), TypeError, /taskGid/],
  ["blank project gid", (a) => a.tasks.forProject(" "), TypeError, /projectGid/],
  ["blank workspace gid", (a) => a.tasks.search(""), TypeError, /workspaceGid/],
  ["blank job gid", (a) => a.jobs.get(""), TypeError, /jobGid/],
  ["jobs.wait without a gid", (a) => a.jobs.wait({ gid: "" }), TypeError, /job/],
  ["blank subtask parent", (a) => a.tasks.createSubtask("..", { name: "x" }), TypeError, /taskGid/],
  ["blank duplicate source", (a) => a.tasks.duplicate(" "), TypeError, /taskGid/],
  ["limit 0", (a) => a.tasks.forProject("1", { limit: 0 }), RangeError, /limit/],
  ["limit 101", (a) => a.tasks.subtasks("1", { limit: 101 }), RangeError, /limit/],
  ["limit 1.5", (a) => a.tasks.forProject("1", { limit: 1.5 }), RangeError, /limit/],
  ["limit NaN", (a) => a.tasks.list({ project: "1", limit: NaN }), RangeError, /limit/],
  ["search limit -1", (a) => a.tasks.search("1", { limit: -1 }), RangeError, /limit/],
  ["negative maxItems", (a) => a.tasks.forProject("1", { maxItems: -1 }), RangeError, /maxItems/],
  ["fractional maxItems", (a) => a.tasks.forProject("1", { maxItems: 2.5 }), RangeError, /maxItems/],
  // Forced past the types, which refuse both: the run-time check still holds.
  ["list without a filter", (a) => a.tasks.list({} as never), TypeError, /project/],
  ["list with assignee only", (a) => a.tasks.list({ assignee: "me" } as never), TypeError, /workspace/],
  ["due_on not a date", (a) => a.tasks.create({ name: "x", due_on: "tomorrow" }), TypeError, /due_on/],
  ["due_on impossible date", (a) => a.tasks.update("1", { due_on: "2026-02-30" }), TypeError, /due_on/],
  ["start_on with a time", (a) => a.tasks.create({ name: "x", start_on: "2026-01-01T10:00:00Z" }), TypeError, /start_on/],
  ["due_at without a zone", (a) => a.tasks.create({ name: "x", due_at: "2026-01-01T10:00:00" }), TypeError, /due_at/],
  ["due_at a plain date", (a) => a.tasks.createSubtask("1", { due_at: "2026-01-01" }), TypeError, /due_at/],
  ["start_at garbage", (a) => a.tasks.update("1", { start_at: "soon" }), TypeError, /start_at/],
  ["body not an object", (a) => a.tasks.create("x" as never), TypeError, /body/],
  ["body an array", (a) => a.tasks.update("1", [] as never), TypeError, /body/],
  ["unknown include", (a) => a.tasks.duplicate("1", { include: ["notes", "comments" as never] }), TypeError, /include.*comments/],
  ["include not an array", (a) => a.tasks.duplicate("1", { include: "notes" as never }), TypeError, /include/],
  ["negative timeoutMs", (a) => a.tasks.get("1", { timeoutMs: -5 }), RangeError, /timeoutMs/],
  ["bad per-call retry", (a) => a.tasks.get("1", { retry: { maxRetries: -1 } }), RangeError, /maxRetries/],
  ["negative wait interval", (a) => a.jobs.wait("1", { intervalMs: -1 }), RangeError, /intervalMs/],
  ["negative wait timeout", (a) => a.jobs.wait("1", { timeoutMs: -1 }), RangeError, /timeoutMs/],
];

describe("bad input is rejected before any request", () => {
  test.each(cases)("%s", async (_label, run, ErrorClass, names) => {
    const wire = scripted([]);
    const asana = clientWith(wire.fetch);
    let error: unknown;
    try {
      const result = run(asana);
      // Paginators throw at creation; promises reject; a lazy paginator must not get this far.
      if (result && typeof (result as Promise<unknown>).then === "function") await result;
      else if (result && Symbol.asyncIterator in (result as object)) await paginate(result as AsyncIterable<unknown>);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ErrorClass);
    expect((error as Error).message).toMatch(names);
    expect(wire.sent).toHaveLength(0);
  });

  test.each<[string, () => unknown, RegExp]>([
    ["missing token", () => createAsanaClient({} as never), /token/],
    ["blank token", () => createAsanaClient({ token: "   " }), /token/],
    ["numeric token", () => createAsanaClient({ token: 5 as never }), /token/],
    ["fetch not a function", () => createAsanaClient({ token: "t", fetch: "nope" as never }), /fetch/],
    ["http baseUrl off loopback", () => createAsanaClient({ token: "t", baseUrl: "http://app.asana.com/api/1.0" }), /https/],
    ["ftp baseUrl", () => createAsanaClient({ token: "t", baseUrl: "ftp://localhost/" }), /https/],
    // A scheme with a "+" is a scheme too: the https rule names it, not the URL-shape rule.
    ["git+https baseUrl", () => createAsanaClient({ token: "t", baseUrl: "git+https://app.asana.com/api/1.0" }), /must be https: .*got git\+https:\/\/app\.asana\.com$/],
    ["relative baseUrl", () => createAsanaClient({ token: "t", baseUrl: "/api/1.0" }), /baseUrl/],
    ["negative client timeout", () => createAsanaClient({ token: "t", timeoutMs: -1 }), /timeoutMs/],
    ["onWarning not a function", () => createAsanaClient({ token: "t", onWarning: 1 as never }), /onWarning/],
  ])("at creation: %s", (_label, run, names) => {
    expect(run).toThrow(names);
    try {
      run();
    } catch (error) {
      expect(error instanceof TypeError || error instanceof RangeError).toBe(true);
    }
  });

  test("a token function returning nothing fails the call with a TypeError, sending nothing", async () => {
    const wire = scripted([]);
    const asana = clientWith(wire.fetch, { token: () => "" });
    await expect(asana.tasks.get("1")).rejects.toThrow(TypeError);
    expect(wire.sent).toHaveLength(0);
  });

  test("http is allowed on loopback hosts only", () => {
    for (const baseUrl of ["http://localhost:8080/api/1.0", "http://127.0.0.1:1/api/1.0", "http://127.8.9.10/", "http://[::1]:3000/api/1.0"]) {
      expect(() => createAsanaClient({ token: "t", baseUrl })).not.toThrow();
    }
    for (const baseUrl of ["http://localhost.evil.com/", "http://128.0.0.1/", "http://10.0.0.1/"]) {
      expect(() => createAsanaClient({ token: "t", baseUrl })).toThrow(TypeError);
    }
  });
});

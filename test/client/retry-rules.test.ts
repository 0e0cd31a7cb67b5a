/**
 * The retry rule per operation, from the operation table: the add/remove actions and setParent are
 * retried like PUT after a 5xx or a dropped connection, and applied once; create, createSubtask and
 * duplicate never are. The facade and `raw` follow the same rule.
 */
import { describe, expect, test } from "@jest/globals";
import { ConnectionError, createAsanaClient, ServerError } from "asana-fetch";
import { createFakeAsana, type Fault } from "asana-fetch/testing";
import { operations } from "../../generated/operations.ts";
import { isRetrySafe } from "../../src/core/idempotency.ts";

function world() {
  const fake = createFakeAsana();
  const workspace = fake.seed.workspace().gid;
  const user = fake.seed.user({ workspace }).gid;
  const project = fake.seed.project({ workspace }).gid;
  const tag = fake.seed.tag({ workspace }).gid;
  const [task, other] = fake.seed.tasks(2, { projects: [project] }) as [string, string];
  const asana = createAsanaClient({ token: fake.token, fetch: fake.fetch, retry: { maxRetries: 2, baseDelayMs: 0, maxDelayMs: 0 } });
  return { fake, asana, workspace, user, project, tag, task, other };
}

const FAULTS: [string, Fault][] = [
  ["a 503", { status: 503 }],
  ["a dropped connection", { kind: "drop" }],
];

describe("idempotent actions are retried and applied once", () => {
  test.each(FAULTS)("after %s", async (_what, fault) => {
    const w = world();
    const actions: [string, () => Promise<unknown>, () => void][] = [
      ["addTag", () => w.asana.tasks.addTag(w.task, w.tag), () => expect(w.fake.state.tasks.get(w.task)?.tags).toEqual([w.tag])],
      ["removeTag", () => w.asana.tasks.removeTag(w.task, w.tag), () => expect(w.fake.state.tasks.get(w.task)?.tags).toEqual([])],
      ["addFollowers", () => w.asana.tasks.addFollowers(w.task, [w.user]), () => expect(w.fake.state.tasks.get(w.task)?.followers).toEqual([w.user])],
      ["addDependencies", () => w.asana.tasks.addDependencies(w.task, [w.other]), () => expect(w.fake.state.tasks.get(w.other)?.dependents).toEqual([w.task])],
      ["setParent", () => w.asana.tasks.setParent(w.other, { parent: w.task }), () => expect(w.fake.state.subtasks.get(w.task)).toEqual([w.other])],
      ["removeProject", () => w.asana.tasks.removeProject(w.other, w.project), () => expect(w.fake.state.projectTasks.get(w.project)).toEqual([w.task])],
    ];
    for (const [name, run, applied] of actions) {
      w.fake.reset();
      w.fake.faults.next(1, fault);
      await run();
      expect([name, w.fake.requests.map((r) => `${r.method} ${r.path}`)]).toEqual([name, [expect.stringMatching(/^POST /), expect.stringMatching(/^POST /)]]);
      expect(w.fake.requests[0]!.body).toEqual(w.fake.requests[1]!.body);
      applied();
    }
  });

  test("raw follows the same rule", async () => {
    const w = world();
    w.fake.faults.next(1, { status: 502 });
    const { response } = await w.asana.raw.POST("/tasks/{task_gid}/addTag", {
      params: { path: { task_gid: w.task } },
      body: { data: { tag: w.tag } },
    });
    expect(response.status).toBe(200);
    expect(w.fake.requests).toHaveLength(2);
    expect(w.fake.state.tasks.get(w.task)?.tags).toEqual([w.tag]);
  });
});

describe("creating operations are never retried after a 5xx or a dropped connection", () => {
  test("create after a 500: one request, a ServerError, nothing created", async () => {
    const w = world();
    const before = w.fake.state.tasks.size;
    w.fake.faults.next(1, { status: 500 });
    await expect(w.asana.tasks.create({ name: "once", workspace: w.workspace })).rejects.toBeInstanceOf(ServerError);
    expect(w.fake.requests).toHaveLength(1);
    expect(w.fake.state.tasks.size).toBe(before);
  });

  test.each([
    ["createSubtask", (w: ReturnType<typeof world>) => w.asana.tasks.createSubtask(w.task, { name: "once" })],
    ["duplicate", (w: ReturnType<typeof world>) => w.asana.tasks.duplicate(w.task, { name: "once" })],
    ["create", (w: ReturnType<typeof world>) => w.asana.tasks.create({ name: "once", workspace: w.workspace })],
  ])("%s after a dropped connection: one request, a ConnectionError", async (_name, run) => {
    const w = world();
    w.fake.faults.next(1, { kind: "drop" });
    await expect(run(w)).rejects.toBeInstanceOf(ConnectionError);
    expect(w.fake.requests).toHaveLength(1);
  });

  test("raw POST /tasks after a 503: one request, the 503 answered as is", async () => {
    const w = world();
    w.fake.faults.next(1, { status: 503 });
    const { response } = await w.asana.raw.POST("/tasks", { body: { data: { name: "once", workspace: w.workspace } } });
    expect(response.status).toBe(503);
    expect(w.fake.requests).toHaveLength(1);
  });
});

describe("the rule is the operation table's", () => {
  test("for every operation, at any base path, with encoded gids", () => {
    for (const [method, path, idempotent] of Object.values(operations)) {
      const concrete = path.replace(/\{\w+\}/g, "a%2Fb");
      for (const base of ["https://app.asana.com/api/1.0", "http://localhost:8080", "https://proxy.example/asana/api/1.0"]) {
        expect([method, path, base, isRetrySafe(method, `${base}${concrete}?opt_fields=name`)]).toEqual([method, path, base, idempotent]);
      }
    }
  });

  test("a POST outside the table is not retry-safe; GET, PUT and DELETE always are", () => {
    expect(isRetrySafe("POST", "https://app.asana.com/api/1.0/tasks/1/addTagX")).toBe(false);
    expect(isRetrySafe("POST", "https://app.asana.com/api/1.0/tasks/1/addTag/x")).toBe(false);
    expect(isRetrySafe("GET", "https://app.asana.com/api/1.0/anything")).toBe(true);
    expect(isRetrySafe("PUT", "https://app.asana.com/api/1.0/anything")).toBe(true);
    expect(isRetrySafe("DELETE", "https://app.asana.com/api/1.0/anything")).toBe(true);
  });
});

/**
 * Every facade method, one row each: the request on the wire (method, path with percent-encoded
 * gids, exact query, exact `{data: …}` body, auth) and the unwrapped result, against msw.
 */
import { describe, expect, test } from "@jest/globals";
import type { AsanaClient } from "asana-fetch";
import { BASE, TOKEN, client, http, HttpResponse, jsonBody, query, useServer } from "./helpers.ts";
import { settle } from "../settle.ts";

const srv = useServer();

/** A gid that must be percent-encoded, so the path shows that it was. */
const GID = "12/3";
const ENC = "12%2F3";
const TASK = { gid: "12/3", resource_type: "task", name: "Buy catnip", notes: "two bags" };
const LIST = [
  { gid: "1", resource_type: "task", name: "a" },
  { gid: "2", resource_type: "task", name: "b" },
];
const JOB = { gid: "j1", resource_type: "job", resource_subtype: "duplicate_task", status: "not_started", new_task: null };
const FIELDS = { opt_fields: ["name", "assignee.name"] };
const FIELDS_QUERY = { opt_fields: "name,assignee.name" };

interface Row {
  name: string;
  call: (asana: AsanaClient) => Promise<unknown> | AsyncIterable<unknown>;
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  query: Record<string, string>;
  /** The JSON body sent, or undefined for none. */
  body: unknown;
  status?: number;
  answer: unknown;
  result: unknown;
}

const single = (name: string, call: Row["call"], method: Row["method"], path: string, body: unknown, answer = TASK, status = 200): Row => ({
  name,
  call,
  method,
  path,
  query: FIELDS_QUERY,
  body,
  status,
  answer: { data: answer },
  result: answer,
});

const action = (name: string, call: Row["call"], path: string, body: unknown): Row => ({
  name,
  call,
  method: "POST",
  path,
  query: {},
  body,
  answer: { data: {} },
  result: undefined,
});

const list = (name: string, call: Row["call"], path: string, query: Record<string, string>): Row => ({
  name,
  call,
  method: "GET",
  path,
  query,
  body: undefined,
  answer: { data: LIST, next_page: null },
  result: LIST,
});

const ROWS: Row[] = [
  single("tasks.get", (a) => a.tasks.get(GID, FIELDS), "GET", `/tasks/${ENC}`, undefined),
  single(
    "tasks.getByCustomId",
    (a) => a.tasks.getByCustomId("w/1", "ENG 42/x", FIELDS),
    "GET",
    "/workspaces/w%2F1/tasks/custom_id/ENG%2042%2Fx",
    undefined,
  ),
  single("tasks.create", (a) => a.tasks.create({ name: "n", workspace: "9", projects: ["7"] }, FIELDS), "POST", "/tasks", { data: { name: "n", workspace: "9", projects: ["7"] } }, TASK, 201),
  single("tasks.update", (a) => a.tasks.update(GID, { completed: true, due_on: null }, FIELDS), "PUT", `/tasks/${ENC}`, { data: { completed: true, due_on: null } }),
  { ...action("tasks.delete", (a) => a.tasks.delete(GID), `/tasks/${ENC}`, undefined), method: "DELETE" },
  single("tasks.duplicate", (a) => a.tasks.duplicate(GID, { name: "Copy", include: ["notes", "subtasks"] }, FIELDS), "POST", `/tasks/${ENC}/duplicate`, { data: { name: "Copy", include: "notes,subtasks" } }, JOB as never, 201),
  list("tasks.list", (a) => a.tasks.list({ project: "p/1", completed_since: "now" }, FIELDS), "/tasks", { project: "p/1", completed_since: "now", limit: "100", ...FIELDS_QUERY }),
  list("tasks.forProject", (a) => a.tasks.forProject("p/1", { limit: 20 }, FIELDS), "/projects/p%2F1/tasks", { limit: "20", ...FIELDS_QUERY }),
  list("tasks.forSection", (a) => a.tasks.forSection("s/1"), "/sections/s%2F1/tasks", { limit: "100" }),
  list("tasks.forTag", (a) => a.tasks.forTag("t/1", { limit: 3 }), "/tags/t%2F1/tasks", { limit: "3" }),
  list("tasks.forUserTaskList", (a) => a.tasks.forUserTaskList("u/1", { completed_since: "now" }), "/user_task_lists/u%2F1/tasks", { completed_since: "now", limit: "100" }),
  list("tasks.search", (a) => a.tasks.search("w/1", { text: "cat" }), "/workspaces/w%2F1/tasks/search", {
    text: "cat",
    sort_by: "created_at",
    sort_ascending: "false",
    opt_fields: "name,resource_type,resource_subtype,created_at",
    limit: "100",
  }),
  list("tasks.subtasks", (a) => a.tasks.subtasks(GID, {}, FIELDS), `/tasks/${ENC}/subtasks`, { limit: "100", ...FIELDS_QUERY }),
  single("tasks.createSubtask", (a) => a.tasks.createSubtask(GID, { name: "child", assignee: "me" }, FIELDS), "POST", `/tasks/${ENC}/subtasks`, { data: { name: "child", assignee: "me" } }, TASK, 201),
  single("tasks.setParent", (a) => a.tasks.setParent(GID, { parent: "p/2", insert_after: null }, FIELDS), "POST", `/tasks/${ENC}/setParent`, { data: { parent: "p/2", insert_after: null } }),
  list("tasks.dependencies", (a) => a.tasks.dependencies(GID, { limit: 5 }), `/tasks/${ENC}/dependencies`, { limit: "5" }),
  action("tasks.addDependencies", (a) => a.tasks.addDependencies(GID, ["d/1", "d2"]), `/tasks/${ENC}/addDependencies`, { data: { dependencies: ["d/1", "d2"] } }),
  action("tasks.removeDependencies", (a) => a.tasks.removeDependencies(GID, ["d/1"]), `/tasks/${ENC}/removeDependencies`, { data: { dependencies: ["d/1"] } }),
  list("tasks.dependents", (a) => a.tasks.dependents(GID), `/tasks/${ENC}/dependents`, { limit: "100" }),
  action("tasks.addDependents", (a) => a.tasks.addDependents(GID, ["e1"]), `/tasks/${ENC}/addDependents`, { data: { dependents: ["e1"] } }),
  action("tasks.removeDependents", (a) => a.tasks.removeDependents(GID, ["e1", "e2"]), `/tasks/${ENC}/removeDependents`, { data: { dependents: ["e1", "e2"] } }),
  action(
    "tasks.addProject",
    (a) => a.tasks.addProject(GID, { project: "p/1", section: "s1", insert_before: "t9" }),
    `/tasks/${ENC}/addProject`,
    { data: { project: "p/1", section: "s1", insert_before: "t9" } },
  ),
  action("tasks.removeProject", (a) => a.tasks.removeProject(GID, "p/1"), `/tasks/${ENC}/removeProject`, { data: { project: "p/1" } }),
  action("tasks.addTag", (a) => a.tasks.addTag(GID, "t/1"), `/tasks/${ENC}/addTag`, { data: { tag: "t/1" } }),
  action("tasks.removeTag", (a) => a.tasks.removeTag(GID, "t/1"), `/tasks/${ENC}/removeTag`, { data: { tag: "t/1" } }),
  single("tasks.addFollowers", (a) => a.tasks.addFollowers(GID, ["u1", "ann@example.com", "me"], FIELDS), "POST", `/tasks/${ENC}/addFollowers`, { data: { followers: ["u1", "ann@example.com", "me"] } }),
  single("tasks.removeFollowers", (a) => a.tasks.removeFollowers(GID, ["u1"], FIELDS), "POST", `/tasks/${ENC}/removeFollowers`, { data: { followers: ["u1"] } }),
  single("jobs.get", (a) => a.jobs.get("j/1", FIELDS), "GET", "/jobs/j%2F1", undefined, JOB as never),
];

describe("every facade method on the wire", () => {
  test("the table covers every method of tasks and jobs.get", () => {
    const asana = client();
    const names = [...Object.keys(asana.tasks).map((m) => `tasks.${m}`), "jobs.get"].sort();
    expect(ROWS.map((r) => r.name).sort()).toEqual(names);
  });

  test.each(ROWS)("$name", async (row) => {
    srv.use(http.all(`${BASE}/*`, () => HttpResponse.json(row.answer as never, { status: row.status ?? 200 })));
    const result = await settle(row.call(client()));

    expect(result).toEqual(row.result);
    expect(srv.requests).toHaveLength(1);
    const [rec] = srv.requests;
    expect(rec!.method).toBe(row.method);
    expect(rec!.path).toBe(`/api/1.0${row.path}`);
    expect(query(rec!)).toEqual(row.query);
    expect(rec!.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
    if (row.body === undefined) {
      expect(await rec!.text).toBe("");
    } else {
      expect(rec!.headers.get("content-type")).toMatch(/^application\/json/);
      expect(await jsonBody(rec!)).toEqual(row.body);
    }
  });
});

/**
 * Every facade method against the fake Asana, one row each: the request the fake recorded (method,
 * path with percent-encoded gids, query, exact `{data: …}` body), the unwrapped result, and the
 * fake's state afterwards, so each method is shown working end to end.
 */
import { describe, expect, test } from "@jest/globals";
import { createAsanaClient, type AsanaClient } from "asana-fetch";
import { createFakeAsana, type FakeAsana } from "asana-fetch/testing";
import { settle } from "../settle.ts";

interface World {
  fake: FakeAsana;
  asana: AsanaClient;
  workspace: string;
  project: string;
  section: string;
  tag: string;
  user: string;
  userTaskList: string;
  /** A task in the project (in `section`), assigned to `user`, tagged, with custom id ENG-1. */
  task: string;
  /** Two more tasks in the project's first section, for relations. */
  other: string;
  third: string;
}

function world(): World {
  const fake = createFakeAsana({ jobs: { pollsToFinish: 0 } });
  const workspace = fake.seed.workspace({ name: "Acme" }).gid;
  const { gid: user, userTaskList } = fake.seed.user({ name: "Ann", email: "ann@example.com", workspace });
  const project = fake.seed.project({ workspace, name: "Launch" }).gid;
  const untitled = fake.state.projects.get(project)!.section;
  const section = fake.seed.section({ project, name: "Doing" }).gid;
  const tag = fake.seed.tag({ workspace, name: "urgent" }).gid;
  const task = fake.seed.task({ sections: [section], name: "Write post", assignee: user, tags: [tag], custom_id: "ENG-1" }).gid;
  const other = fake.seed.task({ sections: [untitled], name: "Review" }).gid;
  const third = fake.seed.task({ sections: [untitled], name: "Ship" }).gid;
  const asana = createAsanaClient({ token: fake.token, fetch: fake.fetch, retry: false });
  return { fake, asana, workspace, project, section, tag, user, userTaskList, task, other, third };
}

interface Row {
  name: string;
  run: (w: World) => Promise<unknown> | AsyncIterable<unknown>;
  /** What the fake must have recorded: the last request. */
  wire: (w: World) => { method: string; path: string; query: Record<string, string>; body: unknown };
  /** The result, and the state afterwards. */
  check: (w: World, result: unknown) => void;
}

const names = (items: unknown) => (items as { name: string }[]).map((t) => t.name);
const NAME = { opt_fields: ["name"] };

const ROWS: Row[] = [
  {
    name: "tasks.get",
    run: (w) => w.asana.tasks.get(w.task, NAME),
    wire: (w) => ({ method: "GET", path: `/tasks/${w.task}`, query: { opt_fields: "name" }, body: undefined }),
    check: (w, r) => expect(r).toEqual({ gid: w.task, name: "Write post" }),
  },
  {
    name: "tasks.getByCustomId",
    run: (w) => w.asana.tasks.getByCustomId(w.workspace, "ENG-1", NAME),
    wire: (w) => ({ method: "GET", path: `/workspaces/${w.workspace}/tasks/custom_id/ENG-1`, query: { opt_fields: "name" }, body: undefined }),
    check: (w, r) => expect(r).toEqual({ gid: w.task, name: "Write post" }),
  },
  {
    name: "tasks.create",
    run: (w) => w.asana.tasks.create({ name: "New", projects: [w.project], notes: "n" }, NAME),
    wire: (w) => ({ method: "POST", path: "/tasks", query: { opt_fields: "name" }, body: { data: { name: "New", projects: [w.project], notes: "n" } } }),
    check: (w, r) => {
      const gid = (r as { gid: string }).gid;
      expect(r).toEqual({ gid, name: "New" });
      expect(w.fake.state.tasks.get(gid)?.notes).toBe("n");
    },
  },
  {
    name: "tasks.update",
    run: (w) => w.asana.tasks.update(w.task, { completed: true, name: "Done" }, { opt_fields: ["name", "completed"] }),
    wire: (w) => ({ method: "PUT", path: `/tasks/${w.task}`, query: { opt_fields: "name,completed" }, body: { data: { completed: true, name: "Done" } } }),
    check: (w, r) => {
      expect(r).toEqual({ gid: w.task, name: "Done", completed: true });
      expect(w.fake.state.tasks.get(w.task)?.completed).toBe(true);
    },
  },
  {
    name: "tasks.delete",
    run: (w) => w.asana.tasks.delete(w.third),
    wire: (w) => ({ method: "DELETE", path: `/tasks/${w.third}`, query: {}, body: undefined }),
    check: (w, r) => {
      expect(r).toBeUndefined();
      expect(w.fake.state.tasks.has(w.third)).toBe(false);
    },
  },
  {
    name: "tasks.duplicate",
    run: (w) => w.asana.tasks.duplicate(w.task, { name: "Copy", include: ["notes", "tags"] }),
    wire: (w) => ({ method: "POST", path: `/tasks/${w.task}/duplicate`, query: {}, body: { data: { name: "Copy", include: "notes,tags" } } }),
    check: (w, r) => {
      const job = r as { gid: string; status: string; resource_type: string };
      expect(job).toMatchObject({ resource_type: "job", status: "not_started" });
      expect(w.fake.state.jobs.get(job.gid)?.include).toEqual(["notes", "tags"]);
    },
  },
  {
    name: "tasks.list",
    run: (w) => w.asana.tasks.list({ section: w.section }, NAME),
    wire: (w) => ({ method: "GET", path: "/tasks", query: { section: w.section, opt_fields: "name", limit: "100" }, body: undefined }),
    check: (_w, r) => expect(names(r)).toEqual(["Write post"]),
  },
  {
    name: "tasks.forProject",
    run: (w) => w.asana.tasks.forProject(w.project, { limit: 2 }, NAME),
    wire: (w) => ({ method: "GET", path: `/projects/${w.project}/tasks`, query: { opt_fields: "name", limit: "2", offset: expect.any(String) as never }, body: undefined }),
    check: (_w, r) => expect(names(r).sort()).toEqual(["Review", "Ship", "Write post"]),
  },
  {
    name: "tasks.forSection",
    run: (w) => w.asana.tasks.forSection(w.section, {}, NAME),
    wire: (w) => ({ method: "GET", path: `/sections/${w.section}/tasks`, query: { opt_fields: "name", limit: "100" }, body: undefined }),
    check: (_w, r) => expect(names(r)).toEqual(["Write post"]),
  },
  {
    name: "tasks.forTag",
    run: (w) => w.asana.tasks.forTag(w.tag, {}, NAME),
    wire: (w) => ({ method: "GET", path: `/tags/${w.tag}/tasks`, query: { opt_fields: "name", limit: "100" }, body: undefined }),
    check: (_w, r) => expect(names(r)).toEqual(["Write post"]),
  },
  {
    name: "tasks.forUserTaskList",
    run: (w) => w.asana.tasks.forUserTaskList(w.userTaskList, { completed_since: "now" }, NAME),
    wire: (w) => ({ method: "GET", path: `/user_task_lists/${w.userTaskList}/tasks`, query: { completed_since: "now", opt_fields: "name", limit: "100" }, body: undefined }),
    check: (_w, r) => expect(names(r)).toEqual(["Write post"]),
  },
  {
    name: "tasks.search",
    run: (w) => w.asana.tasks.search(w.workspace, { text: "post" }),
    wire: (w) => ({
      method: "GET",
      path: `/workspaces/${w.workspace}/tasks/search`,
      query: { text: "post", sort_by: "created_at", sort_ascending: "false", opt_fields: "name,resource_type,resource_subtype,created_at", limit: "100" },
      body: undefined,
    }),
    check: (_w, r) => expect(names(r)).toEqual(["Write post"]),
  },
  {
    name: "tasks.subtasks",
    run: async function* (w) {
      await w.asana.tasks.createSubtask(w.task, { name: "Draft" });
      yield* w.asana.tasks.subtasks(w.task, {}, NAME);
    },
    wire: (w) => ({ method: "GET", path: `/tasks/${w.task}/subtasks`, query: { opt_fields: "name", limit: "100" }, body: undefined }),
    check: (_w, r) => expect(names(r)).toEqual(["Draft"]),
  },
  {
    name: "tasks.createSubtask",
    run: (w) => w.asana.tasks.createSubtask(w.task, { name: "Draft" }, { opt_fields: ["name", "parent"] }),
    wire: (w) => ({ method: "POST", path: `/tasks/${w.task}/subtasks`, query: { opt_fields: "name,parent" }, body: { data: { name: "Draft" } } }),
    check: (w, r) => {
      expect(r).toMatchObject({ name: "Draft", parent: { gid: w.task } });
      expect(w.fake.state.subtasks.get(w.task)).toEqual([(r as { gid: string }).gid]);
    },
  },
  {
    name: "tasks.setParent",
    run: (w) => w.asana.tasks.setParent(w.other, { parent: w.task }, { opt_fields: ["parent"] }),
    wire: (w) => ({ method: "POST", path: `/tasks/${w.other}/setParent`, query: { opt_fields: "parent" }, body: { data: { parent: w.task } } }),
    check: (w, r) => {
      expect(r).toEqual({ gid: w.other, parent: { gid: w.task, resource_type: "task" } });
      expect(w.fake.state.tasks.get(w.other)?.parent).toBe(w.task);
    },
  },
  {
    name: "tasks.dependencies",
    run: async function* (w) {
      await w.asana.tasks.addDependencies(w.task, [w.other]);
      yield* w.asana.tasks.dependencies(w.task, {}, NAME);
    },
    wire: (w) => ({ method: "GET", path: `/tasks/${w.task}/dependencies`, query: { opt_fields: "name", limit: "100" }, body: undefined }),
    check: (_w, r) => expect(names(r)).toEqual(["Review"]),
  },
  {
    name: "tasks.addDependencies",
    run: (w) => w.asana.tasks.addDependencies(w.task, [w.other, w.third]),
    wire: (w) => ({ method: "POST", path: `/tasks/${w.task}/addDependencies`, query: {}, body: { data: { dependencies: [w.other, w.third] } } }),
    check: (w, r) => {
      expect(r).toBeUndefined();
      expect(w.fake.state.tasks.get(w.task)?.dependencies).toEqual([w.other, w.third]);
      expect(w.fake.state.tasks.get(w.other)?.dependents).toEqual([w.task]);
    },
  },
  {
    name: "tasks.removeDependencies",
    run: async (w) => {
      await w.asana.tasks.addDependencies(w.task, [w.other, w.third]);
      return w.asana.tasks.removeDependencies(w.task, [w.other]);
    },
    wire: (w) => ({ method: "POST", path: `/tasks/${w.task}/removeDependencies`, query: {}, body: { data: { dependencies: [w.other] } } }),
    check: (w, r) => {
      expect(r).toBeUndefined();
      expect(w.fake.state.tasks.get(w.task)?.dependencies).toEqual([w.third]);
      expect(w.fake.state.tasks.get(w.other)?.dependents).toEqual([]);
    },
  },
  {
    name: "tasks.dependents",
    run: async function* (w) {
      await w.asana.tasks.addDependents(w.task, [w.third]);
      yield* w.asana.tasks.dependents(w.task, {}, NAME);
    },
    wire: (w) => ({ method: "GET", path: `/tasks/${w.task}/dependents`, query: { opt_fields: "name", limit: "100" }, body: undefined }),
    check: (_w, r) => expect(names(r)).toEqual(["Ship"]),
  },
  {
    name: "tasks.addDependents",
    run: (w) => w.asana.tasks.addDependents(w.task, [w.third]),
    wire: (w) => ({ method: "POST", path: `/tasks/${w.task}/addDependents`, query: {}, body: { data: { dependents: [w.third] } } }),
    check: (w, r) => {
      expect(r).toBeUndefined();
      expect(w.fake.state.tasks.get(w.third)?.dependencies).toEqual([w.task]);
    },
  },
  {
    name: "tasks.removeDependents",
    run: async (w) => {
      await w.asana.tasks.addDependents(w.task, [w.third]);
      return w.asana.tasks.removeDependents(w.task, [w.third]);
    },
    wire: (w) => ({ method: "POST", path: `/tasks/${w.task}/removeDependents`, query: {}, body: { data: { dependents: [w.third] } } }),
    check: (w, r) => {
      expect(r).toBeUndefined();
      expect(w.fake.state.tasks.get(w.task)?.dependents).toEqual([]);
      expect(w.fake.state.tasks.get(w.third)?.dependencies).toEqual([]);
    },
  },
  {
    name: "tasks.addProject",
    run: (w) => w.asana.tasks.addProject(w.other, { project: w.project, section: w.section, insert_before: w.task }),
    wire: (w) => ({ method: "POST", path: `/tasks/${w.other}/addProject`, query: {}, body: { data: { project: w.project, section: w.section, insert_before: w.task } } }),
    check: (w, r) => {
      expect(r).toBeUndefined();
      expect(w.fake.state.sectionTasks.get(w.section)).toEqual([w.other, w.task]);
    },
  },
  {
    name: "tasks.removeProject",
    run: (w) => w.asana.tasks.removeProject(w.task, w.project),
    wire: (w) => ({ method: "POST", path: `/tasks/${w.task}/removeProject`, query: {}, body: { data: { project: w.project } } }),
    check: (w, r) => {
      expect(r).toBeUndefined();
      expect(w.fake.state.projectTasks.get(w.project)).not.toContain(w.task);
    },
  },
  {
    name: "tasks.addTag",
    run: (w) => w.asana.tasks.addTag(w.other, w.tag),
    wire: (w) => ({ method: "POST", path: `/tasks/${w.other}/addTag`, query: {}, body: { data: { tag: w.tag } } }),
    check: (w, r) => {
      expect(r).toBeUndefined();
      expect(w.fake.state.tasks.get(w.other)?.tags).toEqual([w.tag]);
    },
  },
  {
    name: "tasks.removeTag",
    run: (w) => w.asana.tasks.removeTag(w.task, w.tag),
    wire: (w) => ({ method: "POST", path: `/tasks/${w.task}/removeTag`, query: {}, body: { data: { tag: w.tag } } }),
    check: (w, r) => {
      expect(r).toBeUndefined();
      expect(w.fake.state.tasks.get(w.task)?.tags).toEqual([]);
    },
  },
  {
    name: "tasks.addFollowers",
    run: (w) => w.asana.tasks.addFollowers(w.task, ["ann@example.com"], { opt_fields: ["followers.name"] }),
    wire: (w) => ({ method: "POST", path: `/tasks/${w.task}/addFollowers`, query: { opt_fields: "followers.name" }, body: { data: { followers: ["ann@example.com"] } } }),
    check: (w, r) => {
      expect(r).toEqual({ gid: w.task, followers: [{ gid: w.user, name: "Ann" }] });
      expect(w.fake.state.tasks.get(w.task)?.followers).toEqual([w.user]);
    },
  },
  {
    name: "tasks.removeFollowers",
    run: async (w) => {
      await w.asana.tasks.addFollowers(w.task, [w.user]);
      return w.asana.tasks.removeFollowers(w.task, [w.user], { opt_fields: ["followers"] });
    },
    wire: (w) => ({ method: "POST", path: `/tasks/${w.task}/removeFollowers`, query: { opt_fields: "followers" }, body: { data: { followers: [w.user] } } }),
    check: (w, r) => {
      expect(r).toEqual({ gid: w.task, followers: [] });
      expect(w.fake.state.tasks.get(w.task)?.followers).toEqual([]);
    },
  },
  {
    name: "jobs.get",
    run: async (w) => w.asana.jobs.get((await w.asana.tasks.duplicate(w.task, { name: "Copy" })).gid, { opt_fields: ["status", "new_task.name"] }),
    wire: (w) => ({ method: "GET", path: expect.stringMatching(/^\/jobs\/\d+$/) as never, query: { opt_fields: "status,new_task.name" }, body: undefined }),
    check: (_w, r) => expect(r).toMatchObject({ status: "succeeded", new_task: { name: "Copy" } }),
  },
];

describe("every facade method against the fake", () => {
  test("the table covers every method of tasks and jobs.get", () => {
    const names = [...Object.keys(world().asana.tasks).map((m) => `tasks.${m}`), "jobs.get"].sort();
    expect(ROWS.map((r) => r.name).sort()).toEqual(names);
  });

  test.each(ROWS)("$name", async (row) => {
    const w = world();
    const result = await settle(row.run(w));
    const last = w.fake.requests[w.fake.requests.length - 1]!;
    expect({ method: last.method, path: last.path, query: last.query, body: last.body }).toEqual(row.wire(w));
    expect(last.headers.authorization).toBe(`Bearer ${w.fake.token}`);
    row.check(w, result);
  });
});

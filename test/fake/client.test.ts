// The real client driven through the fake: the user's view of asana-fetch/testing.
import { describe, expect, test } from "@jest/globals";
import { AsanaError, createAsanaClient } from "../../src/index.ts";
import { createFakeAsana } from "../../src/testing/index.ts";

function setup(options?: Parameters<typeof createFakeAsana>[0]) {
  const fake = createFakeAsana(options);
  const workspace = fake.seed.workspace({ name: "Acme" }).gid;
  const project = fake.seed.project({ workspace, name: "Launch" }).gid;
  const user = fake.seed.user({ name: "Ann", workspace }).gid;
  const asana = createAsanaClient({ token: fake.token, fetch: fake.fetch });
  return { fake, asana, workspace, project, user };
}

describe("createAsanaClient over fake.fetch", () => {
  test("create, get, update and delete", async () => {
    const { fake, asana, project, user } = setup();
    const task = await asana.tasks.create({ name: "Ship it", projects: [project], assignee: user, notes: "soon" });
    expect(task).toMatchObject({ name: "Ship it", notes: "soon", assignee: { gid: user, name: "Ann" }, projects: [{ gid: project }] });
    expect(fake.requests[0]).toMatchObject({ method: "POST", path: "/tasks", body: { data: { name: "Ship it", projects: [project], assignee: user, notes: "soon" } } });

    const updated = await asana.tasks.update(task.gid, { completed: true });
    expect(updated).toMatchObject({ name: "Ship it", notes: "soon", completed: true, completed_at: expect.any(String) });

    const read = await asana.tasks.get(task.gid, { opt_fields: ["name", "assignee.name"] });
    expect(read).toEqual({ gid: task.gid, name: "Ship it", assignee: { gid: user, name: "Ann" } });
    expect(fake.requests.at(-1)!.query).toEqual({ opt_fields: "name,assignee.name" });

    await expect(asana.tasks.delete(task.gid)).resolves.toBeUndefined();
    expect(fake.state.tasks.has(task.gid)).toBe(false);
  });

  test("a 404 rejects with AsanaError carrying Asana's message", async () => {
    const { asana } = setup();
    const error = await asana.tasks.get("123").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AsanaError);
    expect(error).toMatchObject({ status: 404, method: "GET", errors: [{ message: "task: Unknown object: 123" }] });
    expect((error as AsanaError).url).toBe("https://app.asana.com/api/1.0/tasks/123");
  });

  test("for await lists a project across pages, following offsets", async () => {
    const { fake, asana, project } = setup();
    const gids = fake.seed.tasks(250, { projects: [project] });
    const seen: string[] = [];
    for await (const task of asana.tasks.forProject(project, { limit: 100 })) seen.push(task.gid);
    expect(seen).toEqual(gids);
    const lists = fake.requests.filter((r) => r.path === `/projects/${project}/tasks`);
    expect(lists).toHaveLength(3);
    expect(lists[0]!.query).toEqual({ limit: "100" });
    expect(lists[1]!.query.offset).toEqual(expect.any(String));

    const viaList = await asana.tasks.list({ project, limit: 40, maxItems: 90 }).toArray();
    expect(viaList.map((t) => t.gid)).toEqual(gids.slice(0, 90));
  });

  test("subtasks and createSubtask", async () => {
    const { asana, workspace } = setup();
    const parent = await asana.tasks.create({ name: "Parent", workspace });
    await asana.tasks.createSubtask(parent.gid, { name: "one" });
    await asana.tasks.createSubtask(parent.gid, { name: "two" });
    const names: string[] = [];
    for await (const sub of asana.tasks.subtasks(parent.gid, { limit: 1 })) names.push(sub.name!);
    expect(names).toEqual(["one", "two"]);
    expect((await asana.tasks.get(parent.gid)).num_subtasks).toBe(2);
  });

  test("search pages by created_at through shared timestamps without loss or repeats", async () => {
    const { fake, asana, workspace } = setup();
    const base = Date.parse("2024-01-01T00:00:00Z");
    const gids = fake.seed.tasks(230, { workspace, name: (i) => `Report ${i}`, created_at: (i) => new Date(base + Math.floor(i / 4)).toISOString() });
    fake.seed.task({ workspace, name: "unrelated" });
    const seen: string[] = [];
    for await (const task of asana.tasks.search(workspace, { text: "report", limit: 50 })) seen.push(task.gid);
    expect(seen).toHaveLength(230);
    expect(new Set(seen)).toEqual(new Set(gids));
    const searches = fake.requests.filter((r) => r.path.endsWith("/tasks/search"));
    expect(searches[0]!.query).toMatchObject({ sort_by: "created_at", text: "report", limit: "50" });
    expect(searches[1]!.query["created_at.before"]).toEqual(expect.any(String));
  });

  test("duplicate, then jobs.wait polls until the copy exists", async () => {
    const { fake, asana, project } = setup({ jobs: { pollsToFinish: 3 } });
    const source = fake.seed.task({ projects: [project], name: "Template", notes: "steps" }).gid;
    fake.seed.task({ parent: source, name: "step 1" });
    const job = await asana.tasks.duplicate(source, { name: "From template", include: ["notes", "subtasks", "projects"] });
    expect(job).toMatchObject({ resource_type: "job", status: "not_started", new_task: null });
    expect(fake.requests.at(-1)!.body).toEqual({ data: { name: "From template", include: "notes,subtasks,projects" } });
    const polled: string[] = [];
    const done = await asana.jobs.wait(job, { intervalMs: 1, maxIntervalMs: 2, onPoll: (j) => polled.push(j.status) });
    expect(polled).toEqual(["not_started", "in_progress", "in_progress", "succeeded"]);
    expect(done.new_task).toMatchObject({ name: "From template", resource_type: "task" });
    const copy = await asana.tasks.get(done.new_task!.gid);
    expect(copy).toMatchObject({ notes: "steps", num_subtasks: 1, projects: [{ gid: project }] });
  });

  test("a failed job rejects jobs.wait", async () => {
    const { fake, asana, workspace } = setup({ jobs: { pollsToFinish: 1, fail: true } });
    const source = fake.seed.task({ workspace }).gid;
    const job = await asana.tasks.duplicate(source);
    await expect(asana.jobs.wait(job.gid, { intervalMs: 1 })).rejects.toMatchObject({ name: "JobFailedError", job: { status: "failed" } });
  });

  test("raw shares the fake too", async () => {
    const { asana, project } = setup();
    const { data, response } = await asana.raw.GET("/projects/{project_gid}/tasks", { params: { path: { project_gid: project }, query: { limit: 5 } } });
    expect(response.status).toBe(200);
    expect(data).toEqual({ data: [], next_page: null });
  });
});

import { describe, expect, test } from "@jest/globals";
import { BASE, world } from "./helpers.ts";

function dupWorld(options?: Parameters<typeof world>[0]) {
  const w = world(options);
  const { fake, project, user, workspace } = w;
  const tag = fake.seed.tag({ workspace, name: "urgent" }).gid;
  const follower = fake.seed.user({ name: "Fay", workspace }).gid;
  const parent = fake.seed.task({ projects: [project], name: "Epic" }).gid;
  const source = fake.seed.task({
    parent,
    projects: [project],
    name: "Original",
    notes: "the notes",
    assignee: user,
    tags: [tag],
    followers: [follower],
    due_on: "2024-09-09",
    start_on: "2024-09-01",
    resource_subtype: "milestone",
  }).gid;
  const child = fake.seed.task({ parent: source, name: "Child", notes: "child notes" }).gid;
  fake.seed.task({ parent: child, name: "Grandchild" });
  return { ...w, tag, follower, parent, source, child };
}

describe("duplicate and jobs", () => {
  test("POST duplicate answers 201 {data: Job} not_started; polls go not_started → in_progress → succeeded", async () => {
    const { call, fake, source } = dupWorld();
    const created = await call("POST", `/tasks/${source}/duplicate`, { data: { name: "Copy", include: "notes" } });
    expect(created.status).toBe(201);
    const job = created.body.data;
    expect(job).toEqual({
      gid: expect.stringMatching(/^\d+$/),
      resource_type: "job",
      resource_subtype: "duplicate_task",
      status: "not_started",
      new_task: null,
      new_project: null,
      new_project_template: null,
    });
    expect(created.headers.get("location")).toBe(`${BASE}/jobs/${job.gid}`);
    const tasksBefore = fake.state.tasks.size;

    const statuses: string[] = [];
    let last;
    for (let i = 0; i < 4; i++) {
      last = (await call("GET", `/jobs/${job.gid}`)).body.data;
      statuses.push(last.status);
    }
    expect(statuses).toEqual(["not_started", "in_progress", "succeeded", "succeeded"]);
    expect(last.new_task).toEqual({ gid: expect.any(String), resource_type: "task", name: "Copy", resource_subtype: "milestone" });
    expect(fake.state.tasks.size).toBe(tasksBefore + 1); // made once, on success
    expect(fake.state.jobs.get(job.gid)).toMatchObject({ status: "succeeded", polls: 3, new_task: last.new_task.gid });
  });

  test("pollsToFinish and fail are configurable; a failed job has no new_task", async () => {
    const quick = dupWorld({ jobs: { pollsToFinish: 0 } });
    const j1 = (await quick.call("POST", `/tasks/${quick.source}/duplicate`, { data: {} })).body.data.gid;
    expect((await quick.call("GET", `/jobs/${j1}`)).body.data.status).toBe("succeeded");

    const slow = dupWorld({ jobs: { pollsToFinish: 4, fail: true } });
    const j2 = (await slow.call("POST", `/tasks/${slow.source}/duplicate`, { data: {} })).body.data.gid;
    const statuses: string[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await slow.call("GET", `/jobs/${j2}`)).body.data.status);
    expect(statuses).toEqual(["not_started", "in_progress", "in_progress", "in_progress", "failed"]);
    expect((await slow.call("GET", `/jobs/${j2}`)).body.data).toMatchObject({ status: "failed", new_task: null });
  });

  test("without include, only the name is copied (default 'Copy of …')", async () => {
    const { call, fake, source } = dupWorld({ jobs: { pollsToFinish: 0 } });
    const job = (await call("POST", `/tasks/${source}/duplicate`, { data: {} })).body.data;
    const done = (await call("GET", `/jobs/${job.gid}`)).body.data;
    const copy = (await call("GET", `/tasks/${done.new_task.gid}`)).body.data;
    expect(copy).toMatchObject({ name: "Copy of Original", notes: "", assignee: null, projects: [], tags: [], followers: [], parent: null, due_on: null, start_on: null, num_subtasks: 0, completed: false });
    expect(fake.state.tasks.get(done.new_task.gid)?.workspace).toBe(fake.state.tasks.get(source)?.workspace);
  });

  test("include copies notes, assignee, projects, tags, followers, dates, parent and subtasks (recursively)", async () => {
    const { call, fake, source, project, user, tag, follower, parent } = dupWorld({ jobs: { pollsToFinish: 1 } });
    const include = "notes,assignee,projects,tags,followers,dates,parent,subtasks,attachments,dependencies";
    const job = (await call("POST", `/tasks/${source}/duplicate`, { data: { name: "Full copy", include } })).body.data;
    await call("GET", `/jobs/${job.gid}`);
    const done = (await call("GET", `/jobs/${job.gid}`)).body.data;
    expect(done.status).toBe("succeeded");
    const gid = done.new_task.gid;
    const copy = (await call("GET", `/tasks/${gid}`)).body.data;
    expect(copy).toMatchObject({
      name: "Full copy",
      notes: "the notes",
      assignee: { gid: user },
      projects: [{ gid: project }],
      tags: [{ gid: tag, name: "urgent" }],
      followers: [{ gid: follower }],
      due_on: "2024-09-09",
      start_on: "2024-09-01",
      parent: { gid: parent },
      num_subtasks: 1,
      resource_subtype: "milestone",
    });
    expect(fake.state.projectTasks.get(project)?.at(-1)).toBe(gid);
    expect(fake.state.subtasks.get(parent)?.at(-1)).toBe(gid);
    const [childCopy] = (await call("GET", `/tasks/${gid}/subtasks?opt_fields=name,notes,num_subtasks`)).body.data;
    expect(childCopy).toMatchObject({ name: "Child", notes: "child notes", num_subtasks: 1 });
    const [grandCopy] = (await call("GET", `/tasks/${childCopy.gid}/subtasks`)).body.data;
    expect(grandCopy.name).toBe("Grandchild");
    // The original is untouched.
    expect(fake.state.subtasks.get(source)).toHaveLength(1);
  });

  test("include may also be an array; unknown include values and bad bodies answer 400", async () => {
    const { call, source } = dupWorld();
    expect((await call("POST", `/tasks/${source}/duplicate`, { data: { include: ["notes", "tags"] } })).status).toBe(201);
    const bad = await call("POST", `/tasks/${source}/duplicate`, { data: { include: "notes,comments" } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].message).toMatch(/^include: Unknown value\(s\) "comments"/);
    expect((await call("POST", `/tasks/${source}/duplicate`, { data: { name: 3 } })).status).toBe(400);
    expect((await call("POST", `/tasks/${source}/duplicate`, {})).status).toBe(400);
    expect((await call("POST", "/tasks/1/duplicate", { data: {} })).status).toBe(404);
  });

  test("a job whose task was deleted before it finished fails; unknown jobs answer 404", async () => {
    const { call, source } = dupWorld({ jobs: { pollsToFinish: 1 } });
    const job = (await call("POST", `/tasks/${source}/duplicate`, { data: {} })).body.data;
    await call("GET", `/jobs/${job.gid}`);
    await call("DELETE", `/tasks/${source}`);
    expect((await call("GET", `/jobs/${job.gid}`)).body.data.status).toBe("failed");
    const missing = await call("GET", "/jobs/31337");
    expect(missing.status).toBe(404);
    expect(missing.body.errors[0].message).toBe("job: Unknown object: 31337");
  });

  test("opt_fields applies to jobs too", async () => {
    const { call, source } = dupWorld({ jobs: { pollsToFinish: 0 } });
    const job = (await call("POST", `/tasks/${source}/duplicate?opt_fields=status`, { data: {} })).body.data;
    expect(job).toEqual({ gid: expect.any(String), status: "not_started" });
    const done = (await call("GET", `/jobs/${job.gid}?opt_fields=status,new_task.notes`)).body.data;
    expect(done).toEqual({ gid: job.gid, status: "succeeded", new_task: { gid: expect.any(String), notes: "" } });
  });

  test("include=projects copies each membership with its section, dependencies links the copy both ways, tags lists it under the tag", async () => {
    const { call, fake, project, workspace, source, tag } = dupWorld({ jobs: { pollsToFinish: 0 } });
    const doing = fake.seed.section({ project, name: "Doing" }).gid;
    await call("POST", `/tasks/${source}/addProject`, { data: { project, section: doing } });
    const blocker = fake.seed.task({ workspace, name: "blocker" }).gid;
    const blocked = fake.seed.task({ workspace, name: "blocked" }).gid;
    await call("POST", `/tasks/${source}/addDependencies`, { data: { dependencies: [blocker] } });
    await call("POST", `/tasks/${source}/addDependents`, { data: { dependents: [blocked] } });
    const job = (await call("POST", `/tasks/${source}/duplicate`, { data: { include: "projects,dependencies,tags" } })).body.data;
    const copy = (await call("GET", `/jobs/${job.gid}`)).body.data.new_task.gid;
    expect(fake.state.tasks.get(copy)).toMatchObject({ memberships: [{ project, section: doing }], dependencies: [blocker], dependents: [] });
    expect(fake.state.sectionTasks.get(doing)).toEqual([source, copy]);
    expect(fake.state.tasks.get(blocker)!.dependents).toEqual([source, copy]);
    expect(fake.state.tagTasks.get(tag)).toEqual([source, copy]);
    expect((await call("GET", `/tasks/${copy}?opt_fields=memberships.section.name,dependencies`)).body.data).toEqual({
      gid: copy,
      memberships: [{ section: { gid: doing, name: "Doing" } }],
      dependencies: [{ gid: blocker, resource_type: "task" }],
    });
    // Without include, the copy has neither.
    const plain = (await call("POST", `/tasks/${source}/duplicate`, { data: {} })).body.data;
    const bare = (await call("GET", `/jobs/${plain.gid}`)).body.data.new_task.gid;
    expect(fake.state.tasks.get(bare)).toMatchObject({ memberships: [], dependencies: [] });
  });
});

import { describe, expect, test } from "@jest/globals";
import { BASE, world } from "./helpers.ts";

const HELP = expect.stringContaining("developers.asana.com/docs/errors");

describe("auth and routing", () => {
  test("a missing or wrong bearer token answers 401 Not Authorized", async () => {
    const { fake, call } = world();
    const none = await fake.fetch(`${BASE}/tasks/1`);
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ errors: [{ message: "Not Authorized", help: HELP }] });
    const wrong = await call("GET", "/tasks/1", undefined, { authorization: "Bearer nope" });
    expect(wrong.status).toBe(401);
    const basic = await call("GET", "/tasks/1", undefined, { authorization: `Basic ${fake.token}` });
    expect(basic.status).toBe(401);
  });

  test("the token is configurable", async () => {
    const { fake } = world({ token: "t-123" });
    expect(fake.token).toBe("t-123");
    const ok = await fake.fetch(`${BASE}/tasks?project=1`, { headers: { authorization: "Bearer t-123" } });
    expect(ok.status).toBe(404); // past auth: the project does not exist
  });

  test("unknown routes, wrong methods and a doubled /api/1.0 answer 404", async () => {
    const { fake, call } = world();
    expect((await call("GET", "/nope")).body).toEqual({ errors: [{ message: "No matching route for request", help: HELP }] });
    expect((await call("PATCH", "/tasks/1")).status).toBe(404);
    expect((await call("GET", "/api/1.0/tasks/1")).status).toBe(404);
    const noPrefix = await fake.fetch("https://app.asana.com/tasks/1", { headers: { authorization: `Bearer ${fake.token}` } });
    expect(noPrefix.status).toBe(404);
  });

  test("any origin and any prefix before /api/1.0 is routed", async () => {
    const { fake, workspace } = world();
    const gid = fake.seed.task({ workspace, name: "here" }).gid;
    const auth = { authorization: `Bearer ${fake.token}` };
    for (const root of ["http://localhost:9999/api/1.0", "https://proxy.example/asana/api/1.0"]) {
      const res = await fake.fetch(`${root}/tasks/${gid}`, { headers: auth });
      expect(res.status).toBe(200);
      expect((await res.json()).data.name).toBe("here");
    }
  });
});

describe("create", () => {
  test("POST /tasks answers 201, a Location and the full record in {data}", async () => {
    const now = Date.parse("2024-05-01T12:00:00.123Z");
    const { fake, call, workspace, project, user } = world({ now: () => now });
    const res = await call("POST", "/tasks", { data: { name: "Write spec", notes: "n", projects: [project], assignee: user, due_on: "2024-06-01" } });
    expect(res.status).toBe(201);
    const task = res.body.data;
    expect(res.headers.get("location")).toBe(`${BASE}/tasks/${task.gid}`);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(task).toMatchObject({
      gid: expect.stringMatching(/^\d+$/),
      resource_type: "task",
      resource_subtype: "default_task",
      name: "Write spec",
      notes: "n",
      completed: false,
      completed_at: null,
      created_at: "2024-05-01T12:00:00.123Z",
      modified_at: "2024-05-01T12:00:00.123Z",
      due_on: "2024-06-01",
      due_at: null,
      start_on: null,
      start_at: null,
      assignee: { gid: user, name: "Ann Lee", resource_type: "user" },
      parent: null,
      num_subtasks: 0,
      projects: [{ gid: project, name: "Launch", resource_type: "project" }],
      memberships: [{ project: { gid: project, name: "Launch", resource_type: "project" }, section: expect.objectContaining({ resource_type: "section" }) }],
      workspace: { gid: workspace, name: "Acme", resource_type: "workspace" },
      tags: [],
      followers: [],
      permalink_url: expect.stringContaining(task.gid),
    });
    expect(fake.state.tasks.get(task.gid)).toMatchObject({ name: "Write spec", projects: [project], assignee: user });
    expect(fake.state.projectTasks.get(project)).toEqual([task.gid]);
  });

  test("gids are numeric strings that only grow", async () => {
    const { call, workspace } = world();
    const a = (await call("POST", "/tasks", { data: { workspace } })).body.data.gid;
    const b = (await call("POST", "/tasks", { data: { workspace } })).body.data.gid;
    expect(BigInt(b)).toBeGreaterThan(BigInt(a));
  });

  test("the workspace comes from projects or parent; without any of them it is 400", async () => {
    const { call, fake, workspace, project } = world();
    const parent = fake.seed.task({ workspace }).gid;
    expect((await call("POST", "/tasks", { data: { projects: [project] } })).body.data.workspace.gid).toBe(workspace);
    expect((await call("POST", "/tasks", { data: { parent } })).body.data.workspace.gid).toBe(workspace);
    const none = await call("POST", "/tasks", { data: { name: "orphan" } });
    expect(none.status).toBe(400);
    expect(none.body.errors[0].message).toBe("You should specify one of workspace, parent, projects");
  });

  test("bad bodies answer 400 with Asana-style messages", async () => {
    const { call, workspace, project } = world();
    const cases: [unknown, string][] = [
      ["{not json", "Could not parse request data, invalid JSON"],
      [{ name: "no envelope" }, "data: Missing input"],
      ["", "data: Missing input"],
      [{ data: [1] }, "data: Value is not an object"],
      [{ data: { workspace, name: 5 } }, "name: Value is not a string: 5"],
      [{ data: { workspace, completed: "yes" } }, 'completed: Value is not a boolean: "yes"'],
      [{ data: { workspace, due_on: "tomorrow" } }, 'due_on: Value is not a valid date (YYYY-MM-DD): "tomorrow"'],
      [{ data: { workspace, due_on: "2024-01-01", due_at: "2024-01-01T10:00:00Z" } }, "You may only provide one of due_on or due_at!"],
      [{ data: { workspace, assignee: "999" } }, "assignee: Unknown object: 999"],
      [{ data: { projects: [project, "404"] } }, "projects: Unknown object: 404"],
      [{ data: { workspace, colour: "red" } }, "colour: Unknown property for a task"],
      [{ data: { workspace, resource_subtype: "epic" } }, 'resource_subtype: Invalid value: "epic"'],
    ];
    for (const [body, message] of cases) {
      const res = await call("POST", "/tasks", body);
      expect({ body, status: res.status, message: res.body.errors?.[0]?.message }).toEqual({ body, status: 400, message });
      expect(res.body.errors[0].phrase).toBeUndefined();
    }
  });

  test("read-only fields echoed back from a GET are ignored", async () => {
    const { call, workspace } = world();
    const res = await call("POST", "/tasks", { data: { workspace, name: "x", gid: "1", resource_type: "task", num_subtasks: 9 } });
    expect(res.status).toBe(201);
    expect(res.body.data.gid).not.toBe("1");
    expect(res.body.data.num_subtasks).toBe(0);
  });

  test("due_at implies due_on; completed on create sets completed_at", async () => {
    const { call, workspace } = world({ now: () => Date.parse("2024-01-01T00:00:00Z") });
    const task = (await call("POST", "/tasks", { data: { workspace, due_at: "2024-03-04T05:06:07+02:00", completed: true } })).body.data;
    expect(task).toMatchObject({ due_at: "2024-03-04T03:06:07.000Z", due_on: "2024-03-04", completed: true, completed_at: "2024-01-01T00:00:00.000Z" });
  });
});

describe("get", () => {
  test("GET /tasks/{gid} answers the full record; unknown gids answer 404 task: Unknown object", async () => {
    const { call, fake, workspace } = world();
    const gid = fake.seed.task({ workspace, name: "Read me", notes: "<b>&</b>" }).gid;
    const res = await call("GET", `/tasks/${gid}`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(["data"]);
    expect(res.body.data).toMatchObject({ gid, name: "Read me", html_notes: "<body>&lt;b&gt;&amp;&lt;/b&gt;</body>", resource_type: "task" });
    const missing = await call("GET", "/tasks/123");
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ errors: [{ message: "task: Unknown object: 123", help: HELP }] });
  });

  test("gids in the path are percent-decoded", async () => {
    const { call } = world();
    const res = await call("GET", "/tasks/a%2Fb");
    expect(res.body.errors[0].message).toBe("task: Unknown object: a/b");
  });

  test("opt_fields returns gid plus exactly the fields asked for, with dot paths into references", async () => {
    const { call, fake, workspace, project, user } = world();
    const parent = fake.seed.task({ workspace, name: "Parent", assignee: user }).gid;
    const gid = fake.seed.task({ parent, projects: [project], name: "Child", assignee: user }).gid;
    const res = await call("GET", `/tasks/${gid}?opt_fields=name,assignee.name,assignee.email,projects,parent.assignee.name,unknown_field`);
    expect(res.body.data).toEqual({
      gid,
      name: "Child",
      assignee: { gid: user, name: "Ann Lee", email: "ann@example.com" },
      projects: [{ gid: project, resource_type: "project" }],
      parent: { gid: parent, assignee: { gid: user, name: "Ann Lee" } },
    });
    const memberships = await call("GET", `/tasks/${gid}?opt_fields=memberships.section.name`);
    expect(memberships.body.data).toEqual({ gid, memberships: [{ section: { gid: expect.any(String), name: "Untitled section" } }] });
    const nulls = await call("GET", `/tasks/${parent}?opt_fields=parent.name,due_on`);
    expect(nulls.body.data).toEqual({ gid: parent, parent: null, due_on: null });
  });

  test("opt_pretty indents the JSON", async () => {
    const { fake, workspace } = world();
    const gid = fake.seed.task({ workspace }).gid;
    const res = await fake.fetch(`${BASE}/tasks/${gid}?opt_pretty&opt_fields=name`, { headers: { authorization: `Bearer ${fake.token}` } });
    expect(await res.text()).toContain('\n  "data": {\n');
  });
});

describe("update", () => {
  test("PUT is a partial update and bumps modified_at", async () => {
    let now = Date.parse("2024-01-01T00:00:00.000Z");
    const { call, fake, workspace, user } = world({ now: () => now });
    const gid = fake.seed.task({ workspace, name: "Old", notes: "keep me", assignee: user }).gid;
    now += 60_000;
    const res = await call("PUT", `/tasks/${gid}`, { data: { name: "New" } });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ gid, name: "New", notes: "keep me", assignee: { gid: user }, modified_at: "2024-01-01T00:01:00.000Z", created_at: "2024-01-01T00:00:00.000Z" });
    expect(fake.state.tasks.get(gid)?.name).toBe("New");
  });

  test("completed sets and clears completed_at", async () => {
    let now = Date.parse("2024-02-02T02:02:02.002Z");
    const { call, fake, workspace } = world({ now: () => now });
    const gid = fake.seed.task({ workspace }).gid;
    const done = await call("PUT", `/tasks/${gid}`, { data: { completed: true } });
    expect(done.body.data).toMatchObject({ completed: true, completed_at: "2024-02-02T02:02:02.002Z" });
    now += 1000;
    const again = await call("PUT", `/tasks/${gid}`, { data: { completed: true, name: "x" } });
    expect(again.body.data.completed_at).toBe("2024-02-02T02:02:02.002Z"); // unchanged: it was already complete
    const undone = await call("PUT", `/tasks/${gid}`, { data: { completed: false } });
    expect(undone.body.data).toMatchObject({ completed: false, completed_at: null });
  });

  test("assignee can be cleared with null; moving between projects is refused", async () => {
    const { call, fake, workspace, project, user } = world();
    const gid = fake.seed.task({ workspace, assignee: user }).gid;
    expect((await call("PUT", `/tasks/${gid}`, { data: { assignee: null } })).body.data.assignee).toBeNull();
    const move = await call("PUT", `/tasks/${gid}`, { data: { projects: [project] } });
    expect(move.status).toBe(400);
    expect(move.body.errors[0].message).toMatch(/^projects: /);
    expect((await call("PUT", "/tasks/42", { data: { name: "x" } })).status).toBe(404);
  });
});

describe("delete and subtasks", () => {
  test("DELETE answers {data: {}} and removes the task with all its subtasks, recursively", async () => {
    const { call, fake, project } = world();
    const top = fake.seed.task({ projects: [project], name: "top" }).gid;
    const keep = fake.seed.task({ projects: [project], name: "keep" }).gid;
    const child = fake.seed.task({ parent: top, name: "child" }).gid;
    const grandchild = fake.seed.task({ parent: child, projects: [project], name: "grandchild" }).gid;
    const res = await call("DELETE", `/tasks/${top}`);
    expect(res).toMatchObject({ status: 200, body: { data: {} } });
    for (const gid of [top, child, grandchild]) {
      expect(fake.state.tasks.has(gid)).toBe(false);
      expect((await call("GET", `/tasks/${gid}`)).status).toBe(404);
    }
    expect(fake.state.projectTasks.get(project)).toEqual([keep]);
    expect((await call("DELETE", `/tasks/${top}`)).status).toBe(404);
  });

  test("deleting a subtask updates the parent's num_subtasks", async () => {
    const { call, fake, workspace } = world();
    const parent = fake.seed.task({ workspace }).gid;
    const [a, b] = fake.seed.tasks(2, { parent });
    expect((await call("GET", `/tasks/${parent}?opt_fields=num_subtasks`)).body.data.num_subtasks).toBe(2);
    await call("DELETE", `/tasks/${a}`);
    expect((await call("GET", `/tasks/${parent}?opt_fields=num_subtasks`)).body.data.num_subtasks).toBe(1);
    expect((await call("GET", `/tasks/${parent}/subtasks`)).body.data.map((t: { gid: string }) => t.gid)).toEqual([b]);
  });

  test("POST /tasks/{gid}/subtasks appends in order; GET lists them compact", async () => {
    const { call, fake, workspace } = world();
    const parent = fake.seed.task({ workspace, name: "Parent" }).gid;
    const first = await call("POST", `/tasks/${parent}/subtasks`, { data: { name: "one" } });
    expect(first.status).toBe(201);
    expect(first.headers.get("location")).toBe(`${BASE}/tasks/${first.body.data.gid}`);
    expect(first.body.data).toMatchObject({ parent: { gid: parent, name: "Parent", resource_type: "task", resource_subtype: "default_task" }, workspace: { gid: workspace } });
    await call("POST", `/tasks/${parent}/subtasks`, { data: { name: "two" } });
    const list = await call("GET", `/tasks/${parent}/subtasks`);
    expect(list.body).toEqual({
      data: [
        { gid: first.body.data.gid, name: "one", resource_type: "task", resource_subtype: "default_task" },
        { gid: expect.any(String), name: "two", resource_type: "task", resource_subtype: "default_task" },
      ],
    });
    expect((await call("GET", `/tasks/${parent}`)).body.data.num_subtasks).toBe(2);
    expect((await call("POST", "/tasks/9/subtasks", { data: { name: "x" } })).status).toBe(404);
    expect((await call("GET", "/tasks/9/subtasks")).status).toBe(404);
  });
});

describe("who did it, and the fields Asana takes that the fake barely models", () => {
  test("created_by, assigned_by and completed_by are the token's user (the first seeded); clearing clears them", async () => {
    const { call, fake, workspace, user } = world();
    const bo = fake.seed.user({ workspace, name: "Bo" }).gid;
    const task = (await call("POST", "/tasks", { data: { workspace, assignee: bo } })).body.data;
    expect(task).toMatchObject({ created_by: { gid: user, resource_type: "user" }, assigned_by: { gid: user, name: "Ann Lee" }, completed_by: null });
    const done = (await call("PUT", `/tasks/${task.gid}?opt_fields=completed_by.name,assigned_by`, { data: { completed: true, assignee: null } })).body.data;
    expect(done).toEqual({ gid: task.gid, completed_by: { gid: user, name: "Ann Lee" }, assigned_by: null });
    expect((await call("PUT", `/tasks/${task.gid}?opt_fields=completed_by`, { data: { completed: false } })).body.data.completed_by).toBeNull();
  });

  test("external is stored; custom types take only null; memberships sent to PUT are ignored, as a read-only field", async () => {
    const { call, fake, workspace, project } = world();
    const gid = fake.seed.task({ workspace }).gid;
    const res = await call("PUT", `/tasks/${gid}?opt_fields=external,memberships`, { data: { external: { gid: "crm-7", data: "{}" }, custom_type: null, memberships: [{ project }] } });
    expect(res.body.data).toEqual({ gid, external: { gid: "crm-7", data: "{}" }, memberships: [] });
    expect(fake.state.tasks.get(gid)!.external).toEqual({ gid: "crm-7", data: "{}" });
    expect((await call("PUT", `/tasks/${gid}?opt_fields=external`, { data: { external: null } })).body.data.external).toBeNull();
    const typed = await call("PUT", `/tasks/${gid}`, { data: { custom_type: "123" } });
    expect({ status: typed.status, message: typed.body.errors[0].message }).toEqual({ status: 400, message: "custom_type: Unknown object: 123" });
    expect((await call("PUT", `/tasks/${gid}`, { data: { external: "x" } })).body.errors[0].message).toBe('external: Value is not an object with gid and data: "x"');
  });

  test("DELETE takes the task out of its sections, tags, dependencies and custom id, subtasks included", async () => {
    const { call, fake, workspace, project } = world();
    const section = fake.state.projects.get(project)!.section;
    const tag = fake.seed.tag({ workspace }).gid;
    const other = fake.seed.task({ workspace }).gid;
    const top = fake.seed.task({ projects: [project], tags: [tag], custom_id: "T-1", dependencies: [other] }).gid;
    const child = fake.seed.task({ parent: top, projects: [project], tags: [tag], custom_id: "T-2" }).gid;
    await call("POST", `/tasks/${other}/addDependencies`, { data: { dependencies: [child] } });
    await call("DELETE", `/tasks/${top}`);
    expect(fake.state.sectionTasks.get(section)).toEqual([]);
    expect(fake.state.projectTasks.get(project)).toEqual([]);
    expect(fake.state.tagTasks.get(tag)).toEqual([]);
    expect(fake.state.customIds.size).toBe(0);
    expect(fake.state.tasks.get(other)).toMatchObject({ dependencies: [], dependents: [] });
    expect(fake.state.tasks.has(child)).toBe(false);
  });
});

describe("GET /tasks", () => {
  test("needs project, section, or assignee with workspace", async () => {
    const { call, fake, workspace, project, user } = world();
    const mine = fake.seed.task({ projects: [project], assignee: user, name: "mine" }).gid;
    fake.seed.task({ projects: [project], name: "other" });
    const message = "Must specify exactly one of project, tag, section, user task list, or assignee + workspace";
    for (const query of ["", `?assignee=${user}`, `?workspace=${workspace}`, `?project=${project}&assignee=${user}&workspace=${workspace}`]) {
      const res = await call("GET", `/tasks${query}`);
      expect({ query, status: res.status, message: res.body.errors[0].message }).toEqual({ query, status: 400, message });
    }
    expect((await call("GET", `/tasks?project=${project}`)).body.data).toHaveLength(2);
    const section = fake.state.projects.get(project)!.section;
    expect((await call("GET", `/tasks?section=${section}`)).body.data).toHaveLength(2);
    expect((await call("GET", `/tasks?assignee=${user}&workspace=${workspace}`)).body.data.map((t: { gid: string }) => t.gid)).toEqual([mine]);
    expect((await call("GET", "/tasks?project=77")).body.errors[0].message).toBe("project: Unknown object: 77");
  });

  test("completed_since=now keeps only incomplete tasks", async () => {
    const { call, fake, project } = world();
    fake.seed.task({ projects: [project], name: "open" });
    fake.seed.task({ projects: [project], name: "done", completed: true, completed_at: "2020-01-01T00:00:00Z" });
    fake.seed.task({ projects: [project], name: "done lately", completed: true, completed_at: "2024-01-01T00:00:00Z" });
    const names = async (q: string) => (await call("GET", `/projects/${project}/tasks?${q}`)).body.data.map((t: { name: string }) => t.name);
    expect(await names("completed_since=now")).toEqual(["open"]);
    expect(await names("completed_since=2023-01-01T00:00:00Z")).toEqual(["open", "done lately"]);
  });
});

describe("recording and stats", () => {
  test("every request is recorded with method, url, path, query, headers and parsed body", async () => {
    const { call, fake, workspace } = world();
    await call("POST", "/tasks?opt_fields=name", { data: { workspace, name: "rec" } }, { "asana-enable": "new_goal_memberships" });
    await call("GET", "/nope?x=1");
    await fake.fetch(`${BASE}/tasks/1`);
    expect(fake.requests).toHaveLength(3);
    expect(fake.requests[0]).toEqual({
      method: "POST",
      url: `${BASE}/tasks?opt_fields=name`,
      path: "/tasks",
      query: { opt_fields: "name" },
      headers: expect.objectContaining({ authorization: `Bearer ${fake.token}`, "asana-enable": "new_goal_memberships", "content-type": "application/json" }),
      body: { data: { workspace, name: "rec" } },
      at: expect.any(Number),
    });
    expect(fake.requests[1]).toMatchObject({ method: "GET", path: "/nope", query: { x: "1" }, body: undefined });
    expect(fake.requests[2]!.headers.authorization).toBeUndefined();
    expect(fake.stats).toMatchObject({ total: 3, inFlight: { get: 0, write: 0 }, maxInFlight: { get: 1, write: 1 }, rejected429: 0 });
  });

  test("reset forgets requests, stats and faults but keeps data; reset({data: true}) clears data", async () => {
    const { call, fake, workspace } = world();
    const gid = fake.seed.task({ workspace }).gid;
    fake.faults.path("/tasks/:gid", { status: 503 });
    expect((await call("GET", `/tasks/${gid}`)).status).toBe(503);
    const requests = fake.requests;
    fake.reset();
    expect(requests).toHaveLength(0);
    expect(fake.stats.total).toBe(0);
    expect((await call("GET", `/tasks/${gid}`)).status).toBe(200);
    fake.reset({ data: true });
    expect(fake.state.tasks.size).toBe(0);
    expect(fake.state.workspaces.size).toBe(0);
    expect((await call("GET", `/tasks/${gid}`)).status).toBe(404);
    const next = fake.seed.task().gid;
    expect(BigInt(next)).toBeGreaterThan(BigInt(gid)); // gids are never reused
  });
});

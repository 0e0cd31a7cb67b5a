/** Every tasks.* method: the request on the wire and the unwrapped result. */
import { describe, expect, test } from "@jest/globals";
import { BASE, TOKEN, client, http, HttpResponse, jsonBody, query, tasks, useServer } from "./helpers.ts";

const srv = useServer();

const TASK = { gid: "123", resource_type: "task", name: "Buy catnip", completed: false, notes: "two bags" };

describe("tasks.get", () => {
  test("GET /tasks/{gid} with opt_fields comma-joined and opt_pretty, result unwrapped", async () => {
    srv.use(http.get(`${BASE}/tasks/:gid`, () => HttpResponse.json({ data: TASK })));
    const task = await client().tasks.get("123", { opt_fields: ["name", "assignee.name", "notes"], opt_pretty: true });

    expect(task).toEqual(TASK);
    expect(srv.requests).toHaveLength(1);
    const [rec] = srv.requests;
    expect(rec!.method).toBe("GET");
    expect(rec!.href).toBe(`${BASE}/tasks/123?opt_fields=name,assignee.name,notes&opt_pretty=true`);
    expect(rec!.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
    expect(await rec!.text).toBe("");
  });

  test("without options sends no query at all", async () => {
    srv.use(http.get(`${BASE}/tasks/:gid`, () => HttpResponse.json({ data: TASK })));
    await client().tasks.get("123");
    expect(srv.requests[0]!.href).toBe(`${BASE}/tasks/123`);
  });
});

describe("tasks.create", () => {
  test("POST /tasks wraps the body in {data} as JSON and unwraps the 201 answer", async () => {
    const created = { ...TASK, gid: "999" };
    srv.use(
      http.post(`${BASE}/tasks`, () =>
        HttpResponse.json({ data: created }, { status: 201, headers: { Location: `${BASE}/tasks/999` } }),
      ),
    );
    const body = { name: "Buy catnip", workspace: "42", projects: ["7", "8"], notes: "two bags" };
    const task = await client().tasks.create(body, { opt_fields: ["name", "projects.name"] });

    expect(task).toEqual(created);
    const [rec] = srv.requests;
    expect(srv.requests).toHaveLength(1);
    expect(rec!.method).toBe("POST");
    expect(rec!.href).toBe(`${BASE}/tasks?opt_fields=name,projects.name`);
    expect(rec!.headers.get("content-type")).toMatch(/^application\/json/);
    expect(rec!.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
    expect(await jsonBody(rec!)).toEqual({ data: body });
  });
});

describe("tasks.update", () => {
  test("PUT /tasks/{gid} with {data} and the updated task back", async () => {
    srv.use(http.put(`${BASE}/tasks/:gid`, () => HttpResponse.json({ data: { ...TASK, completed: true } })));
    const task = await client().tasks.update("123", { completed: true, due_on: null });

    expect(task.completed).toBe(true);
    const [rec] = srv.requests;
    expect(srv.requests).toHaveLength(1);
    expect(rec!.method).toBe("PUT");
    expect(rec!.href).toBe(`${BASE}/tasks/123`);
    expect(rec!.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await jsonBody(rec!)).toEqual({ data: { completed: true, due_on: null } });
  });
});

describe("tasks.delete", () => {
  test("DELETE /tasks/{gid} resolves to undefined", async () => {
    srv.use(http.delete(`${BASE}/tasks/:gid`, () => HttpResponse.json({ data: {} })));
    await expect(client().tasks.delete("123")).resolves.toBeUndefined();

    expect(srv.requests).toHaveLength(1);
    expect(srv.requests[0]!.method).toBe("DELETE");
    expect(srv.requests[0]!.href).toBe(`${BASE}/tasks/123`);
    expect(srv.requests[0]!.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
  });
});

describe("tasks.list", () => {
  test("GET /tasks with the filters, limit always sent, items unwrapped", async () => {
    const page = tasks("t", 3);
    srv.use(http.get(`${BASE}/tasks`, () => HttpResponse.json({ data: page, next_page: null })));
    const items = await client()
      .tasks.list({ project: "77", completed_since: "now" }, { opt_fields: ["name", "assignee.name"] })
      .toArray();

    expect(items).toEqual(page);
    expect(srv.requests).toHaveLength(1);
    const [rec] = srv.requests;
    expect(rec!.method).toBe("GET");
    expect(rec!.path).toBe("/api/1.0/tasks");
    expect(query(rec!)).toEqual({ project: "77", completed_since: "now", opt_fields: "name,assignee.name", limit: "100" });
    expect(rec!.search).toContain("opt_fields=name,assignee.name");
  });

  test("assignee + workspace is enough", async () => {
    srv.use(http.get(`${BASE}/tasks`, () => HttpResponse.json({ data: [] })));
    await client().tasks.list({ assignee: "me", workspace: "42", limit: 10 }).toArray();
    expect(query(srv.requests[0]!)).toEqual({ assignee: "me", workspace: "42", limit: "10" });
  });

  test("section alone is enough", async () => {
    srv.use(http.get(`${BASE}/tasks`, () => HttpResponse.json({ data: [] })));
    await client().tasks.list({ section: "5" }).toArray();
    expect(query(srv.requests[0]!)).toEqual({ section: "5", limit: "100" });
  });
});

describe("tasks.forProject", () => {
  test("GET /projects/{gid}/tasks with query, limit and opt_fields", async () => {
    const page = tasks("p", 2);
    srv.use(http.get(`${BASE}/projects/:gid/tasks`, () => HttpResponse.json({ data: page, next_page: null })));
    const items = await client().tasks.forProject("321", { limit: 50, completed_since: "now" }, { opt_fields: ["name"] }).toArray();

    expect(items).toEqual(page);
    expect(srv.requests).toHaveLength(1);
    expect(srv.requests[0]!.path).toBe("/api/1.0/projects/321/tasks");
    expect(query(srv.requests[0]!)).toEqual({ completed_since: "now", opt_fields: "name", limit: "50" });
  });

  test("query is optional", async () => {
    srv.use(http.get(`${BASE}/projects/:gid/tasks`, () => HttpResponse.json({ data: [] })));
    await client().tasks.forProject("321").toArray();
    expect(srv.requests[0]!.href).toBe(`${BASE}/projects/321/tasks?limit=100`);
  });
});

describe("tasks.subtasks", () => {
  test("GET /tasks/{gid}/subtasks with limit", async () => {
    const page = tasks("s", 2);
    srv.use(http.get(`${BASE}/tasks/:gid/subtasks`, () => HttpResponse.json({ data: page, next_page: null })));
    const items = await client().tasks.subtasks("123", { limit: 5 }, { opt_fields: ["name", "completed"] }).toArray();

    expect(items).toEqual(page);
    expect(srv.requests).toHaveLength(1);
    expect(srv.requests[0]!.method).toBe("GET");
    expect(srv.requests[0]!.path).toBe("/api/1.0/tasks/123/subtasks");
    expect(query(srv.requests[0]!)).toEqual({ opt_fields: "name,completed", limit: "5" });
  });
});

describe("tasks.createSubtask", () => {
  test("POST /tasks/{gid}/subtasks with {data}", async () => {
    const created = { gid: "55", resource_type: "task", name: "Child", parent: { gid: "123" } };
    srv.use(http.post(`${BASE}/tasks/:gid/subtasks`, () => HttpResponse.json({ data: created }, { status: 201 })));
    const task = await client().tasks.createSubtask("123", { name: "Child", assignee: "me" });

    expect(task).toEqual(created);
    const [rec] = srv.requests;
    expect(srv.requests).toHaveLength(1);
    expect(rec!.method).toBe("POST");
    expect(rec!.href).toBe(`${BASE}/tasks/123/subtasks`);
    expect(rec!.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await jsonBody(rec!)).toEqual({ data: { name: "Child", assignee: "me" } });
  });
});

describe("tasks.search", () => {
  test("GET /workspaces/{gid}/tasks/search with the filters, limit and sort_by=created_at", async () => {
    const page = [{ gid: "1", name: "a", created_at: "2024-05-01T10:00:00.000Z" }];
    srv.use(http.get(`${BASE}/workspaces/:gid/tasks/search`, () => HttpResponse.json({ data: page })));
    const items = await client().tasks.search("42", { text: "catnip", completed: false, limit: 10 }).toArray();

    expect(items).toEqual(page);
    expect(srv.requests).toHaveLength(1);
    const q = query(srv.requests[0]!);
    expect(srv.requests[0]!.method).toBe("GET");
    expect(srv.requests[0]!.path).toBe("/api/1.0/workspaces/42/tasks/search");
    expect(q).toMatchObject({ text: "catnip", completed: "false", limit: "10", sort_by: "created_at" });
  });
});

describe("tasks.duplicate", () => {
  const JOB = { gid: "j1", resource_type: "job", resource_subtype: "duplicate_task", status: "in_progress", new_task: { gid: "124" } };

  test("POST /tasks/{gid}/duplicate sends include comma-joined and resolves to the Job", async () => {
    srv.use(http.post(`${BASE}/tasks/:gid/duplicate`, () => HttpResponse.json({ data: JOB }, { status: 201 })));
    const job = await client().tasks.duplicate("123", { name: "Copy", include: ["notes", "assignee", "subtasks"] });

    expect(job).toEqual(JOB);
    const [rec] = srv.requests;
    expect(srv.requests).toHaveLength(1);
    expect(rec!.method).toBe("POST");
    expect(rec!.href).toBe(`${BASE}/tasks/123/duplicate`);
    expect(rec!.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await jsonBody(rec!)).toEqual({ data: { name: "Copy", include: "notes,assignee,subtasks" } });
  });

  test("without include sends only the name; without a body sends {data: {}}", async () => {
    srv.use(http.post(`${BASE}/tasks/:gid/duplicate`, () => HttpResponse.json({ data: JOB }, { status: 201 })));
    const asana = client();
    await asana.tasks.duplicate("123", { name: "Copy" });
    await asana.tasks.duplicate("123");

    expect(srv.requests).toHaveLength(2);
    expect(await jsonBody(srv.requests[0]!)).toEqual({ data: { name: "Copy" } });
    expect(await jsonBody(srv.requests[1]!)).toEqual({ data: {} });
  });
});

import { describe, expect, test } from "@jest/globals";
import { BASE, world } from "./helpers.ts";

const gids = (body: { data: { gid: string }[] }) => body.data.map((t) => t.gid);

describe("offset paging", () => {
  test("next_page {offset, path, uri} only when limit is sent, null on the last page", async () => {
    const { call, fake, project } = world();
    const all = fake.seed.tasks(5, { projects: [project] });

    const unpaged = await call("GET", `/projects/${project}/tasks`);
    expect(unpaged.body).toEqual({ data: expect.any(Array) });
    expect("next_page" in unpaged.body).toBe(false);

    const first = await call("GET", `/projects/${project}/tasks?limit=2&opt_fields=name,assignee.name`);
    expect(gids(first.body)).toEqual(all.slice(0, 2));
    const { offset, path, uri } = first.body.next_page;
    expect(offset).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    expect(path).toBe(`/projects/${project}/tasks?limit=2&opt_fields=name,assignee.name&offset=${offset}`);
    expect(uri).toBe(`${BASE}${path}`);

    const second = await call("GET", `/projects/${project}/tasks?limit=2&opt_fields=name,assignee.name&offset=${offset}`);
    expect(gids(second.body)).toEqual(all.slice(2, 4));
    const third = await call("GET", `/projects/${project}/tasks?limit=2&offset=${second.body.next_page.offset}`);
    expect(third.body).toEqual({ data: [{ gid: all[4], name: "Task 5", resource_type: "task", resource_subtype: "default_task" }], next_page: null });
  });

  test("an exact last page has next_page null, and an empty list too", async () => {
    const { call, fake, project, workspace } = world();
    fake.seed.tasks(4, { projects: [project] });
    const first = await call("GET", `/projects/${project}/tasks?limit=2`);
    const last = await call("GET", `/projects/${project}/tasks?limit=2&offset=${first.body.next_page.offset}`);
    expect(last.body.data).toHaveLength(2);
    expect(last.body.next_page).toBeNull();
    const empty = fake.seed.project({ workspace }).gid;
    expect((await call("GET", `/projects/${empty}/tasks?limit=10`)).body).toEqual({ data: [], next_page: null });
  });

  test("next_page.uri uses the request's origin and prefix", async () => {
    const { fake, project } = world();
    fake.seed.tasks(3, { projects: [project] });
    const res = await fake.fetch(`http://127.0.0.1:4000/proxy/api/1.0/projects/${project}/tasks?limit=1`, {
      headers: { authorization: `Bearer ${fake.token}` },
    });
    const { next_page } = await res.json();
    expect(next_page.uri).toBe(`http://127.0.0.1:4000/proxy/api/1.0${next_page.path}`);
  });

  test("limit outside 1..100 or not an integer answers 400", async () => {
    const { call, project } = world();
    for (const limit of ["0", "101", "-1", "1.5", "ten", ""]) {
      const res = await call("GET", `/projects/${project}/tasks?limit=${limit}`);
      expect({ limit, status: res.status, message: res.body.errors[0].message }).toEqual({
        limit,
        status: 400,
        message: expect.stringMatching(/^limit: Must be an integer between 1 and 100/),
      });
    }
    expect((await call("GET", `/projects/${project}/tasks?limit=100`)).status).toBe(200);
    expect((await call("GET", `/projects/${project}/tasks?limit=1`)).status).toBe(200);
  });

  test("more than 100 results without limit answers 400 'The result is too large'", async () => {
    const { call, fake, project } = world();
    fake.seed.tasks(100, { projects: [project] });
    expect((await call("GET", `/projects/${project}/tasks`)).body.data).toHaveLength(100);
    fake.seed.task({ projects: [project] });
    const res = await call("GET", `/projects/${project}/tasks`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toBe("The result is too large. You should use pagination (may require specifying a workspace)!");
  });

  test("an offset the fake never issued, or one from another list, answers 400", async () => {
    const { call, fake, project, workspace } = world();
    const other = fake.seed.project({ workspace }).gid;
    fake.seed.tasks(3, { projects: [project] });
    fake.seed.tasks(3, { projects: [other] });
    const invalid = await call("GET", `/projects/${project}/tasks?limit=1&offset=eyJ0eXAiOJiKV1iQLCJhbGciOiJIUzI1NiJ9`);
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors[0].message).toBe("offset: Your pagination token is invalid");
    const token = (await call("GET", `/projects/${project}/tasks?limit=1`)).body.next_page.offset;
    expect((await call("GET", `/projects/${other}/tasks?limit=1&offset=${token}`)).status).toBe(400);
    // The same list with another page size or other fields is fine.
    expect((await call("GET", `/projects/${project}/tasks?limit=2&opt_fields=name&offset=${token}`)).status).toBe(200);
  });

  test("offsets expire after 15 minutes", async () => {
    let now = Date.parse("2024-01-01T00:00:00Z");
    const { call, fake, project } = world({ now: () => now });
    fake.seed.tasks(3, { projects: [project] });
    const token = (await call("GET", `/projects/${project}/tasks?limit=1`)).body.next_page.offset;
    now += 14 * 60_000;
    expect((await call("GET", `/projects/${project}/tasks?limit=1&offset=${token}`)).status).toBe(200);
    now += 2 * 60_000;
    const expired = await call("GET", `/projects/${project}/tasks?limit=1&offset=${token}`);
    expect(expired.status).toBe(400);
    expect(expired.body.errors[0].message).toBe("offset: Your pagination token has expired");
  });

  test("a task deleted before the cursor does not make the next page skip one", async () => {
    const { call, fake, project } = world();
    const all = fake.seed.tasks(6, { projects: [project] });
    const first = await call("GET", `/projects/${project}/tasks?limit=3`);
    await call("DELETE", `/tasks/${all[0]}`);
    const second = await call("GET", `/projects/${project}/tasks?limit=3&offset=${first.body.next_page.offset}`);
    expect(gids(second.body)).toEqual(all.slice(3));
  });

  test("subtasks and GET /tasks page the same way", async () => {
    const { call, fake, workspace, project } = world();
    const parent = fake.seed.task({ workspace }).gid;
    const subs = fake.seed.tasks(3, { parent });
    const page = await call("GET", `/tasks/${parent}/subtasks?limit=2`);
    expect(gids(page.body)).toEqual(subs.slice(0, 2));
    const rest = await call("GET", `/tasks/${parent}/subtasks?limit=2&offset=${page.body.next_page.offset}`);
    expect(rest.body).toEqual({ data: [expect.objectContaining({ gid: subs[2] })], next_page: null });

    fake.seed.tasks(3, { projects: [project] });
    const list = await call("GET", `/tasks?project=${project}&limit=2`);
    expect(list.body.next_page.path).toBe(`/tasks?project=${project}&limit=2&offset=${list.body.next_page.offset}`);
  });

  test("10,000 tasks seed and page through 100 at a time, in insertion order", async () => {
    const { call, fake, project } = world();
    const seeded = fake.seed.tasks(10_000, { projects: [project], name: (i) => `T${i}` });
    expect(seeded).toHaveLength(10_000);
    const seen: string[] = [];
    let offset: string | undefined;
    let requests = 0;
    do {
      const res = await call("GET", `/projects/${project}/tasks?limit=100${offset ? `&offset=${offset}` : ""}`);
      requests += 1;
      seen.push(...gids(res.body));
      offset = res.body.next_page?.offset;
    } while (offset);
    expect(requests).toBe(100);
    expect(seen).toEqual(seeded);
  });
});

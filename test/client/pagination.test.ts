/** Paginator over offset lists: next_page.offset, maxItems, laziness, restarts, no mutation. */
import { describe, expect, test } from "@jest/globals";
import type { Page, TaskCompact } from "asana-fetch";
import { BASE, ORIGIN, client, deepFreeze, flushIo, http, HttpResponse, query, tasks, useServer } from "./helpers.ts";

const srv = useServer();

const PROJECT_PATH = "/api/1.0/projects/p1/tasks";

/**
 * A realistic offset server over `dataset`: honours limit (default 100 when absent would be a 400
 * on big lists; here it just pages), hands out opaque offsets, and puts misleading path/uri in
 * next_page (another host, a doubled prefix) that a client must never follow.
 */
function serveProject(dataset: TaskCompact[], opts: { nextPage?: "absent" | "null" } = {}) {
  const offsets = new Map<string, number>();
  srv.use(
    http.get(`${BASE}/projects/:gid/tasks`, ({ request }) => {
      const params = new URL(request.url).searchParams;
      const limit = Number(params.get("limit") ?? "20");
      const offset = params.get("offset");
      let start = 0;
      if (offset !== null) {
        const known = offsets.get(offset);
        if (known === undefined) return HttpResponse.json({ errors: [{ message: "offset: Invalid" }] }, { status: 400 });
        start = known;
      }
      const data = dataset.slice(start, start + limit);
      const end = start + data.length;
      if (end >= dataset.length) {
        return HttpResponse.json(opts.nextPage === "absent" ? { data } : { data, next_page: null });
      }
      const token = `eyJ+${end}/=`; // opaque, with characters that need encoding
      offsets.set(token, end);
      return HttpResponse.json({
        data,
        next_page: {
          offset: token,
          path: `/api/1.0/projects/elsewhere/tasks?limit=${limit}&offset=x`,
          uri: `https://evil.example/api/1.0/projects/p1/tasks?limit=${limit}&offset=${encodeURIComponent(token)}`,
        },
      });
    }),
  );
}

function offsetsSent(): (string | null)[] {
  return srv.requests.map((r) => r.url.searchParams.get("offset"));
}

function limitsSent(): (string | null)[] {
  return srv.requests.map((r) => r.url.searchParams.get("limit"));
}

function expectOnlyProjectRequests() {
  for (const rec of srv.requests) {
    expect(rec.method).toBe("GET");
    expect(rec.url.origin).toBe(ORIGIN);
    expect(rec.path).toBe(PROJECT_PATH);
    expect(rec.url.searchParams.has("maxItems")).toBe(false);
  }
}

describe("following next_page", () => {
  test("several pages follow next_page.offset, never path or uri", async () => {
    const dataset = tasks("t", 7);
    serveProject(dataset);
    const items: TaskCompact[] = [];
    for await (const task of client().tasks.forProject("p1", { limit: 3 })) items.push(task);

    expect(items).toEqual(dataset);
    expect(srv.requests).toHaveLength(3);
    expectOnlyProjectRequests();
    expect(offsetsSent()).toEqual([null, "eyJ+3/=", "eyJ+6/="]);
    expect(limitsSent()).toEqual(["3", "3", "3"]);
    // the offset is percent-encoded on the wire
    expect(srv.requests[1]!.search).toBe("limit=3&offset=eyJ%2B3%2F%3D");
  });

  test("the query and opt_fields are sent again with every page", async () => {
    serveProject(tasks("t", 5));
    await client().tasks.forProject("p1", { limit: 2, completed_since: "now" }, { opt_fields: ["name", "assignee.name"] }).toArray();

    expect(srv.requests).toHaveLength(3);
    const qs = srv.requests.map(query);
    for (const q of qs) expect(q).toMatchObject({ completed_since: "now", opt_fields: "name,assignee.name", limit: "2" });
    expect(qs.map((q) => q.offset)).toEqual([undefined, "eyJ+2/=", "eyJ+4/="]);
  });

  test("tasks.list and tasks.subtasks page the same way", async () => {
    const handler = (path: string) =>
      http.get(`${BASE}${path}`, ({ request }) => {
        const offset = new URL(request.url).searchParams.get("offset");
        return HttpResponse.json(
          offset === null
            ? { data: [{ gid: "1" }], next_page: { offset: "next", path: "/nope", uri: "https://evil.example/nope" } }
            : { data: [{ gid: "2" }], next_page: null },
        );
      });
    srv.use(handler("/tasks"), handler("/tasks/:gid/subtasks"));
    const asana = client();

    expect(await asana.tasks.list({ section: "s1", limit: 1 }).toArray()).toEqual([{ gid: "1" }, { gid: "2" }]);
    expect(await asana.tasks.subtasks("t9", { limit: 1 }).toArray()).toEqual([{ gid: "1" }, { gid: "2" }]);

    expect(srv.requests.map((r) => `${r.path}?${r.search}`)).toEqual([
      "/api/1.0/tasks?section=s1&limit=1",
      "/api/1.0/tasks?section=s1&limit=1&offset=next",
      "/api/1.0/tasks/t9/subtasks?limit=1",
      "/api/1.0/tasks/t9/subtasks?limit=1&offset=next",
    ]);
  });

  test("an empty list yields nothing after one request", async () => {
    serveProject([]);
    const paginator = client().tasks.forProject("p1");
    expect(await paginator.toArray()).toEqual([]);
    const pages: Page<TaskCompact>[] = [];
    for await (const page of paginator.pages()) pages.push(page);
    expect(pages).toEqual([{ data: [], nextPage: null }]);
    expect(srv.requests).toHaveLength(2);
    expect(limitsSent()).toEqual(["100", "100"]);
  });

  test.each(["absent", "null"] as const)("next_page %s ends the iteration", async (nextPage) => {
    serveProject(tasks("t", 2), { nextPage });
    const pages: Page<TaskCompact>[] = [];
    for await (const page of client().tasks.forProject("p1", { limit: 5 }).pages()) pages.push(page);
    expect(pages).toEqual([{ data: tasks("t", 2), nextPage: null }]);
    expect(srv.requests).toHaveLength(1);
  });

  test("a next_page with an empty offset ends the iteration rather than restarting", async () => {
    srv.use(
      http.get(`${BASE}/projects/:gid/tasks`, () =>
        HttpResponse.json({ data: [{ gid: "1" }], next_page: { offset: "", path: "/x", uri: "https://evil.example/x" } }),
      ),
    );
    expect(await client().tasks.forProject("p1").toArray()).toEqual([{ gid: "1" }]);
    expect(srv.requests).toHaveLength(1);
  });
});

describe("pages()", () => {
  test("yields Page objects: data and the spec's nextPage, null on the last", async () => {
    serveProject(tasks("t", 5));
    const pages: Page<TaskCompact>[] = [];
    for await (const page of client().tasks.forProject("p1", { limit: 2 }).pages()) pages.push(page);

    expect(pages.map((p) => p.data)).toEqual([tasks("t", 2), tasks("t", 2, 3), tasks("t", 1, 5)]);
    expect(pages[0]!.nextPage).toEqual({
      offset: "eyJ+2/=",
      path: "/api/1.0/projects/elsewhere/tasks?limit=2&offset=x",
      uri: "https://evil.example/api/1.0/projects/p1/tasks?limit=2&offset=eyJ%2B2%2F%3D",
    });
    expect(pages[1]!.nextPage?.offset).toBe("eyJ+4/=");
    expect(pages[2]!.nextPage).toBeNull();
    expectOnlyProjectRequests();
  });
});

describe("maxItems", () => {
  test("no request past what it needs; the last asks for a smaller limit; never on the wire", async () => {
    const dataset = tasks("t", 250);
    serveProject(dataset);
    const items = await client().tasks.forProject("p1", { maxItems: 230 }).toArray();

    expect(items).toEqual(dataset.slice(0, 230));
    expect(limitsSent()).toEqual(["100", "100", "30"]);
    expectOnlyProjectRequests();
  });

  test("maxItems equal to a page boundary sends no extra request", async () => {
    serveProject(tasks("t", 10));
    const items = await client().tasks.forProject("p1", { limit: 4, maxItems: 8 }).toArray();
    expect(items).toHaveLength(8);
    expect(limitsSent()).toEqual(["4", "4"]);
  });

  test("maxItems below limit asks for maxItems at once", async () => {
    serveProject(tasks("t", 10));
    const got = await client().tasks.forProject("p1", { limit: 50, maxItems: 3 }).toArray();
    expect(got).toEqual(tasks("t", 3));
    expect(limitsSent()).toEqual(["3"]);
  });

  test("tasks.list takes maxItems too and never sends it", async () => {
    srv.use(http.get(`${BASE}/tasks`, () => HttpResponse.json({ data: tasks("l", 2), next_page: null })));
    expect(await client().tasks.list({ project: "p1", maxItems: 2 }).toArray()).toEqual(tasks("l", 2));
    expect(srv.requests.map(query)).toEqual([{ project: "p1", limit: "2" }]);
  });

  test("maxItems 0 sends nothing", async () => {
    serveProject(tasks("t", 10));
    const paginator = client().tasks.forProject("p1", { maxItems: 0 });
    expect(await paginator.toArray()).toEqual([]);
    const pages: unknown[] = [];
    for await (const page of paginator.pages()) pages.push(page);
    expect(pages).toEqual([]);
    expect(srv.requests).toHaveLength(0);
  });

  test("a server that ignores limit is still cut at maxItems", async () => {
    srv.use(http.get(`${BASE}/projects/:gid/tasks`, () => HttpResponse.json({ data: tasks("t", 5), next_page: { offset: "o", path: "/x", uri: "https://x" } })));
    const pages: Page<TaskCompact>[] = [];
    for await (const page of client().tasks.forProject("p1", { maxItems: 3 }).pages()) pages.push(page);
    expect(pages.flatMap((p) => p.data)).toEqual(tasks("t", 3));
    expect(srv.requests).toHaveLength(1);
  });
});

describe("laziness and early exit", () => {
  test("creating a paginator (or its pages() generator) sends nothing", async () => {
    serveProject(tasks("t", 3));
    const asana = client();
    const paginator = asana.tasks.forProject("p1");
    asana.tasks.list({ project: "p1" });
    asana.tasks.subtasks("t1");
    asana.tasks.search("w1");
    paginator.pages();
    paginator[Symbol.asyncIterator]();
    await flushIo();
    expect(srv.requests).toHaveLength(0);
  });

  test("break after a few items of the first page sends nothing more", async () => {
    serveProject(tasks("t", 9));
    const seen: string[] = [];
    for await (const task of client().tasks.forProject("p1", { limit: 3 })) {
      seen.push(task.gid);
      if (seen.length === 2) break;
    }
    await flushIo();
    expect(seen).toEqual(["t1", "t2"]);
    expect(srv.requests).toHaveLength(1);
  });

  test("break on the first item of page two stops at two requests", async () => {
    serveProject(tasks("t", 9));
    const seen: string[] = [];
    for await (const task of client().tasks.forProject("p1", { limit: 3 })) {
      seen.push(task.gid);
      if (seen.length === 4) break;
    }
    await flushIo();
    expect(seen).toEqual(["t1", "t2", "t3", "t4"]);
    expect(srv.requests).toHaveLength(2);
  });

  test("break out of pages() sends nothing more", async () => {
    serveProject(tasks("t", 9));
    for await (const page of client().tasks.forProject("p1", { limit: 3 }).pages()) {
      expect(page.data).toHaveLength(3);
      break;
    }
    await flushIo();
    expect(srv.requests).toHaveLength(1);
  });
});

describe("restarts and immutability", () => {
  test("each iteration starts again from the first page", async () => {
    const dataset = tasks("t", 5);
    serveProject(dataset);
    const paginator = client().tasks.forProject("p1", { limit: 2 });

    const first = await paginator.toArray();
    const second: TaskCompact[] = [];
    for await (const task of paginator) second.push(task);
    const third: TaskCompact[] = [];
    for await (const page of paginator.pages()) third.push(...page.data);

    expect(first).toEqual(dataset);
    expect(second).toEqual(dataset);
    expect(third).toEqual(dataset);
    expect(offsetsSent()).toEqual([null, "eyJ+2/=", "eyJ+4/=", null, "eyJ+2/=", "eyJ+4/=", null, "eyJ+2/=", "eyJ+4/="]);
  });

  test("two iterations of one paginator can run side by side", async () => {
    serveProject(tasks("t", 4));
    const paginator = client().tasks.forProject("p1", { limit: 2 });
    const [a, b] = await Promise.all([paginator.toArray(), paginator.toArray()]);
    expect(a).toEqual(tasks("t", 4));
    expect(b).toEqual(tasks("t", 4));
    expect(srv.requests).toHaveLength(4);
  });

  test("the caller's query and option objects are never mutated", async () => {
    serveProject(tasks("t", 7));
    const projectQuery = deepFreeze({ limit: 2, maxItems: 5, completed_since: "now" });
    const listQuery = deepFreeze({ project: "p1", limit: 3, maxItems: 4 });
    const searchQuery = deepFreeze({ text: "x", limit: 2, maxItems: 3, sort_ascending: true });
    const opts = deepFreeze({ opt_fields: ["name", "assignee.name"], opt_pretty: true, headers: { "X-Call": "1" } });
    const before = structuredClone({ projectQuery, listQuery, searchQuery, opts });
    srv.use(
      http.get(`${BASE}/tasks`, () => HttpResponse.json({ data: tasks("l", 3), next_page: { offset: "o", path: "/x", uri: "https://x" } })),
      http.get(`${BASE}/workspaces/:gid/tasks/search`, () => HttpResponse.json({ data: [{ gid: "s1", created_at: "2024-01-01T00:00:00.000Z" }] })),
      http.get(`${BASE}/tasks/:gid`, () => HttpResponse.json({ data: { gid: "t1" } })),
    );
    const asana = client();

    const paginator = asana.tasks.forProject("p1", projectQuery, opts);
    expect(await paginator.toArray()).toHaveLength(5);
    expect(await paginator.toArray()).toHaveLength(5);
    expect(await asana.tasks.list(listQuery, opts).toArray()).toHaveLength(4);
    expect(await asana.tasks.search("w1", searchQuery, opts).toArray()).toHaveLength(1);
    expect(await asana.tasks.get("t1", opts)).toEqual({ gid: "t1" });

    expect({ projectQuery, listQuery, searchQuery, opts }).toEqual(before);
    expect(srv.requests.some((r) => r.url.searchParams.has("maxItems"))).toBe(false);
  });
});

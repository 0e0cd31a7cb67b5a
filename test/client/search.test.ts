/** tasks.search: paging by created_at against a server that behaves like Asana's search. */
import { describe, expect, test } from "@jest/globals";
import type { Page, TaskCompact } from "asana-fetch";
import { BASE, client, deepFreeze, http, HttpResponse, query, useServer } from "./helpers.ts";

const srv = useServer();

const SEARCH_PATH = "/api/1.0/workspaces/w1/tasks/search";
const T0 = Date.parse("2024-05-01T10:00:00.000Z");
const iso = (ms: number) => new Date(ms).toISOString();

interface Row {
  gid: string;
  /** Milliseconds after T0. */
  at: number;
}

/**
 * Like Asana: filters strictly by created_at.before / .after, sorts by created_at (ties in a stable
 * order), honours limit, and returns created_at only when opt_fields asks for it. No next_page.
 */
function serveSearch(rows: Row[]) {
  srv.use(
    http.get(`${BASE}/workspaces/:gid/tasks/search`, ({ request }) => {
      const p = new URL(request.url).searchParams;
      const limit = Number(p.get("limit"));
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
        return HttpResponse.json({ errors: [{ message: "limit: Invalid" }] }, { status: 400 });
      }
      const ascending = p.get("sort_ascending") === "true";
      const before = p.get("created_at.before");
      const after = p.get("created_at.after");
      const withCreatedAt = (p.get("opt_fields") ?? "").split(",").includes("created_at");
      const sortsByCreatedAt = (p.get("sort_by") ?? "modified_at") === "created_at";
      const found = rows
        .filter((r) => (before === null || T0 + r.at < Date.parse(before)) && (after === null || T0 + r.at > Date.parse(after)))
        .sort((a, b) => (sortsByCreatedAt ? (ascending ? a.at - b.at : b.at - a.at) : 0) || a.gid.localeCompare(b.gid));
      const data = found.slice(0, limit).map((r) => ({
        gid: r.gid,
        resource_type: "task",
        name: `Task ${r.gid}`,
        ...(withCreatedAt ? { created_at: iso(T0 + r.at) } : {}),
      }));
      return HttpResponse.json({ data });
    }),
  );
}

/** What a perfect pager yields: every row once, in the server's order. */
function expected(rows: Row[], ascending = false): string[] {
  return [...rows].sort((a, b) => (ascending ? a.at - b.at : b.at - a.at) || a.gid.localeCompare(b.gid)).map((r) => r.gid);
}

const gids = (items: TaskCompact[]) => items.map((t) => t.gid);
const bounds = (key: "created_at.before" | "created_at.after") => srv.requests.map((r) => r.url.searchParams.get(key));

function expectSearchRequests() {
  for (const rec of srv.requests) {
    expect(rec.method).toBe("GET");
    expect(rec.path).toBe(SEARCH_PATH);
    expect(rec.url.searchParams.has("maxItems")).toBe(false);
    expect(rec.url.searchParams.has("offset")).toBe(false);
  }
}

describe("request shape", () => {
  test("sorts by created_at descending by default and adds created_at to opt_fields", async () => {
    serveSearch([{ gid: "a", at: 5 }]);
    const items = await client().tasks.search("w1", { text: "catnip" }, { opt_fields: ["name", "assignee.name"] }).toArray();

    expect(items).toEqual([{ gid: "a", resource_type: "task", name: "Task a", created_at: iso(T0 + 5) }]);
    expect(srv.requests).toHaveLength(1);
    const q = query(srv.requests[0]!);
    expect(q.sort_by).toBe("created_at");
    expect(q.sort_ascending === undefined || q.sort_ascending === "false").toBe(true);
    expect(q.text).toBe("catnip");
    expect(q.limit).toBe("100");
    expect(q.opt_fields).toBe("name,assignee.name,created_at");
    expect(srv.requests[0]!.search).toContain("opt_fields=name,assignee.name,created_at");
    expect(q["created_at.before"]).toBeUndefined();
  });

  test("without opt_fields still asks for created_at; an explicit created_at is not doubled", async () => {
    serveSearch([{ gid: "a", at: 5 }]);
    const asana = client();
    await asana.tasks.search("w1").toArray();
    await asana.tasks.search("w1", {}, { opt_fields: ["created_at", "name"] }).toArray();

    expect(query(srv.requests[0]!).opt_fields!.split(",")).toContain("created_at");
    expect(query(srv.requests[1]!).opt_fields).toBe("created_at,name");
  });

  test("sort_ascending: true is sent and respected", async () => {
    serveSearch([{ gid: "a", at: 5 }]);
    await client().tasks.search("w1", { sort_ascending: true }).toArray();
    expect(query(srv.requests[0]!)).toMatchObject({ sort_by: "created_at", sort_ascending: "true" });
  });
});

describe("paging by created_at", () => {
  test("descending: the next request asks created_at.before = last created_at + 1 ms", async () => {
    const rows = Array.from({ length: 7 }, (_, i) => ({ gid: `t${i}`, at: 1000 - i * 10 }));
    serveSearch(rows);
    const items = await client().tasks.search("w1", { limit: 3 }).toArray();

    expect(gids(items)).toEqual(expected(rows));
    expectSearchRequests();
    // pages: t0-t2 | t2 again (dropped), t3, t4 | t4 again, t5, t6 | t6 again: short page, done
    expect(bounds("created_at.before")).toEqual([null, iso(T0 + 981), iso(T0 + 961), iso(T0 + 941)]);
    for (const rec of srv.requests) expect(query(rec)).toMatchObject({ sort_by: "created_at", limit: "3" });
  });

  test("ascending: the next request asks created_at.after = last created_at - 1 ms", async () => {
    const rows = Array.from({ length: 5 }, (_, i) => ({ gid: `t${i}`, at: 100 + i * 10 }));
    serveSearch(rows);
    const items = await client().tasks.search("w1", { limit: 2, sort_ascending: true }).toArray();

    expect(gids(items)).toEqual(expected(rows, true));
    expect(bounds("created_at.after")).toEqual([null, iso(T0 + 109), iso(T0 + 119), iso(T0 + 129), iso(T0 + 139)]);
    expect(bounds("created_at.before").every((b) => b === null)).toBe(true);
    for (const rec of srv.requests) expect(query(rec).sort_ascending).toBe("true");
  });

  test("tasks sharing a created_at across a page boundary are neither skipped nor repeated", async () => {
    const rows = [
      { gid: "a", at: 10 },
      { gid: "b", at: 9 },
      { gid: "c", at: 9 },
      { gid: "d", at: 9 },
      { gid: "e", at: 8 },
      { gid: "f", at: 7 },
    ];
    serveSearch(rows);
    const items = await client().tasks.search("w1", { limit: 3 }).toArray();
    expect(gids(items)).toEqual(["a", "b", "c", "d", "e", "f"]);
  });

  test("the same holds ascending", async () => {
    const rows = [
      { gid: "a", at: 1 },
      { gid: "b", at: 2 },
      { gid: "c", at: 2 },
      { gid: "d", at: 2 },
      { gid: "e", at: 3 },
    ];
    serveSearch(rows);
    const items = await client().tasks.search("w1", { limit: 3, sort_ascending: true }).toArray();
    expect(gids(items)).toEqual(["a", "b", "c", "d", "e"]);
  });

  test.each([
    [1, 2],
    [2, 3],
    [3, 3],
    [4, 5],
    [5, 10],
  ])("seeded datasets with ties (seed %i, limit %i) come back complete, in order, once", async (seed, limit) => {
    // Ties are kept to at most `limit` per millisecond: more cannot all be reached (documented).
    let state = seed * 7919;
    const random = () => ((state = (state * 48271) % 2147483647) / 2147483647);
    const rows: Row[] = [];
    let at = 5000;
    while (rows.length < 40) {
      const group = 1 + Math.floor(random() * limit);
      for (let i = 0; i < group; i++) rows.push({ gid: `g${rows.length.toString().padStart(3, "0")}`, at });
      at -= 1 + Math.floor(random() * 3);
    }
    serveSearch(rows);
    const asana = client();

    expect(gids(await asana.tasks.search("w1", { limit }).toArray())).toEqual(expected(rows));
    expect(gids(await asana.tasks.search("w1", { limit, sort_ascending: true }).toArray())).toEqual(expected(rows, true));
  });

  test("a full page of one created_at moves past that millisecond and terminates", async () => {
    const rows = [
      ...["x1", "x2", "x3", "x4", "x5"].map((gid) => ({ gid, at: 9 })),
      { gid: "y1", at: 8 },
      { gid: "y2", at: 7 },
    ];
    serveSearch(rows);
    const items = await client().tasks.search("w1", { limit: 3 }).toArray();

    // x4 and x5 cannot be reached (more tasks in one millisecond than a page holds), but nothing repeats.
    expect(gids(items)).toEqual(["x1", "x2", "x3", "y1", "y2"]);
    expect(bounds("created_at.before")).toEqual([null, iso(T0 + 10), iso(T0 + 9)]);
  });

  test("when every task shares one created_at the loop still ends", async () => {
    serveSearch(["x1", "x2", "x3", "x4"].map((gid) => ({ gid, at: 9 })));
    const items = await client().tasks.search("w1", { limit: 2 }).toArray();
    expect(gids(items)).toEqual(["x1", "x2"]);
    expect(srv.requests.length).toBeLessThanOrEqual(3);
  });

  test("a page shorter than limit ends the search", async () => {
    serveSearch([
      { gid: "a", at: 3 },
      { gid: "b", at: 2 },
    ]);
    expect(gids(await client().tasks.search("w1", { limit: 3 }).toArray())).toEqual(["a", "b"]);
    expect(srv.requests).toHaveLength(1);
  });

  test("an empty result is one request", async () => {
    serveSearch([]);
    expect(await client().tasks.search("w1").toArray()).toEqual([]);
    expect(srv.requests).toHaveLength(1);
  });

  test("pages always have nextPage null", async () => {
    serveSearch(Array.from({ length: 5 }, (_, i) => ({ gid: `t${i}`, at: 100 - i })));
    const pages: Page<TaskCompact>[] = [];
    for await (const page of client().tasks.search("w1", { limit: 2 }).pages()) pages.push(page);
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page.nextPage).toBeNull();
    expect(pages.flatMap((p) => gids(p.data))).toEqual(["t0", "t1", "t2", "t3", "t4"]);
  });

  test("another sort_by yields one page only", async () => {
    serveSearch(Array.from({ length: 5 }, (_, i) => ({ gid: `t${i}`, at: i })));
    const items = await client().tasks.search("w1", { limit: 3, sort_by: "modified_at" }).toArray();

    expect(items).toHaveLength(3);
    expect(srv.requests).toHaveLength(1);
    const q = query(srv.requests[0]!);
    expect(q.sort_by).toBe("modified_at");
    expect(q.limit).toBe("3");
    expect(q["created_at.before"]).toBeUndefined();
  });

  test("each iteration starts again without a created_at bound", async () => {
    serveSearch(Array.from({ length: 3 }, (_, i) => ({ gid: `t${i}`, at: 100 - i })));
    const paginator = client().tasks.search("w1", { limit: 2 });
    const first = gids(await paginator.toArray());
    const second = gids(await paginator.toArray());
    expect(first).toEqual(["t0", "t1", "t2"]);
    expect(second).toEqual(first);
    const firstOfEach = srv.requests.filter((r) => !r.url.searchParams.has("created_at.before"));
    expect(firstOfEach).toHaveLength(2);
  });
});

describe("maxItems and early exit", () => {
  test("maxItems caps what is yielded and is never sent", async () => {
    const rows = Array.from({ length: 10 }, (_, i) => ({ gid: `t${i}`, at: 1000 - i }));
    serveSearch(rows);
    const items = await client().tasks.search("w1", { limit: 3, maxItems: 5 }).toArray();
    expect(gids(items)).toEqual(["t0", "t1", "t2", "t3", "t4"]);
    expectSearchRequests();
    for (const rec of srv.requests) expect(Number(rec.url.searchParams.get("limit"))).toBeLessThanOrEqual(3);
  });

  test("maxItems near a shared millisecond skips nothing: every page asks for the full limit", async () => {
    // t1..t3 share one millisecond (as many as a page holds). With 1 item left to take, a page of 1
    // would hold only the repeat t1 and look like "a whole page in one millisecond", skipping t3.
    const rows = [{ gid: "t0", at: 1000 }, ...["t1", "t2", "t3"].map((gid) => ({ gid, at: 999 })), { gid: "t4", at: 500 }];
    serveSearch(rows);
    const items = await client().tasks.search("w1", { limit: 3, maxItems: 4 }).toArray();
    expect(gids(items)).toEqual(["t0", "t1", "t2", "t3"]);
    expect(srv.requests.map((r) => r.url.searchParams.get("limit"))).toEqual(["3", "3"]);
    expect(bounds("created_at.before")).toEqual([null, iso(T0 + 1000)]);
  });

  test("maxItems within the first page is one request", async () => {
    serveSearch(Array.from({ length: 10 }, (_, i) => ({ gid: `t${i}`, at: 1000 - i })));
    const items = await client().tasks.search("w1", { limit: 5, maxItems: 5 }).toArray();
    expect(gids(items)).toEqual(["t0", "t1", "t2", "t3", "t4"]);
    expect(srv.requests).toHaveLength(1);
  });

  test("maxItems 0 sends nothing", async () => {
    serveSearch([{ gid: "a", at: 1 }]);
    expect(await client().tasks.search("w1", { maxItems: 0 }).toArray()).toEqual([]);
    expect(srv.requests).toHaveLength(0);
  });

  test("break sends nothing more", async () => {
    serveSearch(Array.from({ length: 10 }, (_, i) => ({ gid: `t${i}`, at: 1000 - i })));
    for await (const task of client().tasks.search("w1", { limit: 3 })) {
      expect(task.gid).toBe("t0");
      break;
    }
    expect(srv.requests).toHaveLength(1);
  });

  test("the caller's query and options are not mutated", async () => {
    serveSearch(Array.from({ length: 4 }, (_, i) => ({ gid: `t${i}`, at: 100 - i })));
    const q = deepFreeze({ limit: 2, text: "x", "projects.any": "1,2" });
    const opts = deepFreeze({ opt_fields: ["name"] });
    const before = structuredClone({ q, opts });
    expect(await client().tasks.search("w1", q, opts).toArray()).toHaveLength(4);
    expect({ q, opts }).toEqual(before);
  });
});

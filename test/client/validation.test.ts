/** Bad input is refused before any request; gids are percent-encoded and cannot change the path. */
import { describe, expect, test } from "@jest/globals";
import type { AsanaClient } from "asana-fetch";
import { BASE, ORIGIN, caught, client, http, HttpResponse, useServer } from "./helpers.ts";

const srv = useServer();

type GidMethod = [name: string, call: (asana: AsanaClient, gid: string) => unknown, path: (encoded: string) => string];

/** Every method that takes a gid, with the path it must reach. */
const GID_METHODS: GidMethod[] = [
  ["tasks.get", (a, g) => a.tasks.get(g), (e) => `/tasks/${e}`],
  ["tasks.update", (a, g) => a.tasks.update(g, { name: "x" }), (e) => `/tasks/${e}`],
  ["tasks.delete", (a, g) => a.tasks.delete(g), (e) => `/tasks/${e}`],
  ["tasks.forProject", (a, g) => a.tasks.forProject(g), (e) => `/projects/${e}/tasks`],
  ["tasks.subtasks", (a, g) => a.tasks.subtasks(g), (e) => `/tasks/${e}/subtasks`],
  ["tasks.createSubtask", (a, g) => a.tasks.createSubtask(g, { name: "x" }), (e) => `/tasks/${e}/subtasks`],
  ["tasks.search", (a, g) => a.tasks.search(g), (e) => `/workspaces/${e}/tasks/search`],
  ["tasks.duplicate", (a, g) => a.tasks.duplicate(g, { name: "x" }), (e) => `/tasks/${e}/duplicate`],
  ["jobs.get", (a, g) => a.jobs.get(g), (e) => `/jobs/${e}`],
  ["jobs.wait(gid)", (a, g) => a.jobs.wait(g), (e) => `/jobs/${e}`],
  ["jobs.wait({gid})", (a, g) => a.jobs.wait({ gid: g }), (e) => `/jobs/${e}`],
];

/** Answers anything under BASE: lists get an empty last page, everything else a succeeded job/task. */
function serveAnything() {
  srv.use(
    http.all(`${BASE}/*`, ({ request }) => {
      const { pathname } = new URL(request.url);
      const list = request.method === "GET" && /\/(tasks|subtasks|search)$/.test(pathname);
      return HttpResponse.json(list ? { data: [], next_page: null } : { data: { gid: "x", status: "succeeded" } });
    }),
  );
}

describe("gids", () => {
  const BAD_GIDS: unknown[] = ["", "   ", "\t\n", ".", "..", " .. ", 42, undefined, null];

  describe.each(GID_METHODS)("%s", (_name, call) => {
    test.each(BAD_GIDS.map((gid) => [JSON.stringify(gid) ?? String(gid), gid]))("refuses %s with a TypeError, sending nothing", async (_label, gid) => {
      serveAnything();
      const error = await caught(() => call(client(), gid as string));
      expect(error).toBeInstanceOf(TypeError);
      expect(srv.requests).toHaveLength(0);
    });
  });

  const PAGINATORS = new Set(["tasks.forProject", "tasks.subtasks", "tasks.search"]);

  test.each(GID_METHODS)("%s: a promise method rejects (never throws where .catch cannot see it); a paginator throws at once", async (name, call) => {
    serveAnything();
    if (PAGINATORS.has(name)) {
      expect(() => call(client(), "")).toThrow(TypeError);
    } else {
      let result: unknown;
      expect(() => {
        result = call(client(), "");
      }).not.toThrow();
      expect(result).toBeInstanceOf(Promise);
      await expect(result).rejects.toThrow(/gid|job/i);
      await expect(result).rejects.toBeInstanceOf(TypeError);
    }
    expect(srv.requests).toHaveLength(0);
  });

  test("bad bodies and options reject too: create, update, duplicate's include, per-call options", async () => {
    serveAnything();
    const asana = client();
    await expect(asana.tasks.create({ name: "x", due_on: "tomorrow" })).rejects.toBeInstanceOf(TypeError);
    await expect(asana.tasks.update("1", null as never)).rejects.toBeInstanceOf(TypeError);
    await expect(asana.tasks.duplicate("1", { include: ["nope" as never] })).rejects.toBeInstanceOf(TypeError);
    await expect(asana.tasks.get("1", { timeoutMs: -1 })).rejects.toBeInstanceOf(RangeError);
    expect(srv.requests).toHaveLength(0);
  });

  const ENCODED: [gid: string, encoded: string][] = [
    ["a/b", "a%2Fb"],
    ["../x", "..%2Fx"],
    ["%2E%2E", "%252E%252E"],
    ["a?b#c", "a%3Fb%23c"],
    ["x y", "x%20y"],
    ["é", "%C3%A9"],
    ["1209876543210987", "1209876543210987"],
  ];

  describe.each(GID_METHODS)("%s", (_name, call, path) => {
    test.each(ENCODED)("percent-encodes %j into one path segment", async (gid, encoded) => {
      serveAnything();
      const result = call(client(), gid);
      if (result && typeof result === "object" && Symbol.asyncIterator in result) {
        for await (const _ of result as AsyncIterable<unknown>) {
          // drain
        }
      } else {
        await result;
      }
      expect(srv.requests).toHaveLength(1);
      const [rec] = srv.requests;
      expect(rec!.url.origin).toBe(ORIGIN);
      expect(rec!.path).toBe(`/api/1.0${path(encoded)}`);
      expect(rec!.url.hash).toBe("");
      expect(rec!.url.searchParams.has("b")).toBe(false);
    });
  });
});

describe("limit", () => {
  const PAGINATED: [string, (a: AsanaClient, limit: number) => unknown][] = [
    ["tasks.list", (a, limit) => a.tasks.list({ project: "p", limit })],
    ["tasks.forProject", (a, limit) => a.tasks.forProject("p", { limit })],
    ["tasks.subtasks", (a, limit) => a.tasks.subtasks("t", { limit })],
    ["tasks.search", (a, limit) => a.tasks.search("w", { limit })],
  ];
  const cases = PAGINATED.flatMap(([name, call]) => [0, 101, 1.5, -1, Number.NaN, Infinity].map((limit) => [name, limit, call] as const));

  test.each(cases)("%s with limit %p is a RangeError before any request", async (_name, limit, call) => {
    serveAnything();
    const error = await caught(() => call(client(), limit));
    expect(error).toBeInstanceOf(RangeError);
    expect(srv.requests).toHaveLength(0);
  });

  test.each(PAGINATED)("%s accepts 1 and 100", async (_name, call) => {
    serveAnything();
    for (const limit of [1, 100]) {
      const paginator = call(client(), limit) as AsyncIterable<unknown>;
      for await (const _ of paginator) {
        // drain
      }
    }
    expect(srv.requests.map((r) => r.url.searchParams.get("limit"))).toEqual(["1", "100"]);
  });
});

describe("tasks.list filters", () => {
  test.each([
    ["nothing", {}],
    ["only assignee", { assignee: "me" }],
    ["only workspace", { workspace: "42" }],
    ["only limit", { limit: 10 }],
    ["an empty project", { project: "" }],
    ["only completed_since", { completed_since: "now" }],
  ])("with %s is a TypeError before any request", async (_name, query) => {
    serveAnything();
    const error = await caught(() => client().tasks.list(query as never));
    expect(error).toBeInstanceOf(TypeError);
    expect(srv.requests).toHaveLength(0);
  });

  test("a missing query object is a TypeError", async () => {
    const error = await caught(() => client().tasks.list(undefined as never));
    expect(error).toBeInstanceOf(TypeError);
    expect(srv.requests).toHaveLength(0);
  });
});

describe("tasks.duplicate include", () => {
  test.each([
    ["an unknown field", ["nope"]],
    ["a known and an unknown field", ["notes", "Notes"]],
    ["a comma-joined string instead of an array", "notes,assignee"],
    ["a pre-joined element", ["notes,assignee"]],
  ])("%s is a TypeError before any request", async (_name, include) => {
    serveAnything();
    const error = await caught(() => client().tasks.duplicate("t1", { include: include as never }));
    expect(error).toBeInstanceOf(TypeError);
    expect(srv.requests).toHaveLength(0);
  });

  test("every documented field is accepted and sent comma-joined in order", async () => {
    serveAnything();
    const all = ["assignee", "attachments", "dates", "dependencies", "followers", "notes", "parent", "projects", "subtasks", "tags"] as const;
    await client().tasks.duplicate("t1", { include: [...all] });
    expect(JSON.parse(await srv.requests[0]!.text)).toEqual({ data: { include: all.join(",") } });
  });
});

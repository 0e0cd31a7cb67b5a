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
  ["tasks.getByCustomId (workspace)", (a, g) => a.tasks.getByCustomId(g, "ENG-1"), (e) => `/workspaces/${e}/tasks/custom_id/ENG-1`],
  ["tasks.getByCustomId (custom id)", (a, g) => a.tasks.getByCustomId("w", g), (e) => `/workspaces/w/tasks/custom_id/${e}`],
  ["tasks.forSection", (a, g) => a.tasks.forSection(g), (e) => `/sections/${e}/tasks`],
  ["tasks.forTag", (a, g) => a.tasks.forTag(g), (e) => `/tags/${e}/tasks`],
  ["tasks.forUserTaskList", (a, g) => a.tasks.forUserTaskList(g), (e) => `/user_task_lists/${e}/tasks`],
  ["tasks.setParent", (a, g) => a.tasks.setParent(g, { parent: null }), (e) => `/tasks/${e}/setParent`],
  ["tasks.dependencies", (a, g) => a.tasks.dependencies(g), (e) => `/tasks/${e}/dependencies`],
  ["tasks.addDependencies", (a, g) => a.tasks.addDependencies(g, ["1"]), (e) => `/tasks/${e}/addDependencies`],
  ["tasks.removeDependencies", (a, g) => a.tasks.removeDependencies(g, ["1"]), (e) => `/tasks/${e}/removeDependencies`],
  ["tasks.dependents", (a, g) => a.tasks.dependents(g), (e) => `/tasks/${e}/dependents`],
  ["tasks.addDependents", (a, g) => a.tasks.addDependents(g, ["1"]), (e) => `/tasks/${e}/addDependents`],
  ["tasks.removeDependents", (a, g) => a.tasks.removeDependents(g, ["1"]), (e) => `/tasks/${e}/removeDependents`],
  ["tasks.addProject", (a, g) => a.tasks.addProject(g, { project: "p" }), (e) => `/tasks/${e}/addProject`],
  ["tasks.removeProject", (a, g) => a.tasks.removeProject(g, "p"), (e) => `/tasks/${e}/removeProject`],
  ["tasks.addTag", (a, g) => a.tasks.addTag(g, "t"), (e) => `/tasks/${e}/addTag`],
  ["tasks.removeTag", (a, g) => a.tasks.removeTag(g, "t"), (e) => `/tasks/${e}/removeTag`],
  ["tasks.addFollowers", (a, g) => a.tasks.addFollowers(g, ["me"]), (e) => `/tasks/${e}/addFollowers`],
  ["tasks.removeFollowers", (a, g) => a.tasks.removeFollowers(g, ["me"]), (e) => `/tasks/${e}/removeFollowers`],
  ["jobs.get", (a, g) => a.jobs.get(g), (e) => `/jobs/${e}`],
  ["jobs.wait(gid)", (a, g) => a.jobs.wait(g), (e) => `/jobs/${e}`],
  ["jobs.wait({gid})", (a, g) => a.jobs.wait({ gid: g }), (e) => `/jobs/${e}`],
];

/** Answers anything under BASE: lists get an empty last page, everything else a succeeded job/task. */
function serveAnything() {
  srv.use(
    http.all(`${BASE}/*`, ({ request }) => {
      const { pathname } = new URL(request.url);
      const list = request.method === "GET" && /\/(tasks|subtasks|search|dependencies|dependents)$/.test(pathname);
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

  const PAGINATORS = new Set([
    "tasks.forProject", "tasks.subtasks", "tasks.search", "tasks.forSection", "tasks.forTag",
    "tasks.forUserTaskList", "tasks.dependencies", "tasks.dependents",
  ]);

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

/** Gids that go into the body (projectGid, tagGid, the gid lists, setParent's and addProject's). */
describe("body gids and bodies", () => {
  const BAD: unknown[] = ["", "  ", ".", "..", 7, null, undefined, {}];
  const SINGLE: [string, (a: AsanaClient, gid: unknown) => Promise<unknown>][] = [
    ["removeProject's projectGid", (a, g) => a.tasks.removeProject("1", g as string)],
    ["addTag's tagGid", (a, g) => a.tasks.addTag("1", g as string)],
    ["removeTag's tagGid", (a, g) => a.tasks.removeTag("1", g as string)],
    ["addProject's project", (a, g) => a.tasks.addProject("1", { project: g as string })],
    ["addProject's section", (a, g) => a.tasks.addProject("1", { project: "p", section: (g ?? "") as string })],
    ["addProject's insert_before", (a, g) => a.tasks.addProject("1", { project: "p", insert_before: (g ?? "") as string })],
    ["setParent's parent", (a, g) => a.tasks.setParent("1", { parent: (g === null ? "" : g) as string })],
    ["setParent's insert_after", (a, g) => a.tasks.setParent("1", { parent: "2", insert_after: (g ?? "") as string })],
  ];
  test.each(SINGLE)("%s: a bad gid is a TypeError before any request", async (_name, call) => {
    serveAnything();
    for (const gid of BAD) {
      const error = await caught(() => call(client(), gid));
      expect([gid, error]).toEqual([gid, expect.any(TypeError)]);
    }
    expect(srv.requests).toHaveLength(0);
  });

  const LISTS: [string, (a: AsanaClient, gids: unknown) => Promise<unknown>][] = [
    ["addDependencies", (a, g) => a.tasks.addDependencies("1", g as string[])],
    ["removeDependencies", (a, g) => a.tasks.removeDependencies("1", g as string[])],
    ["addDependents", (a, g) => a.tasks.addDependents("1", g as string[])],
    ["removeDependents", (a, g) => a.tasks.removeDependents("1", g as string[])],
    ["addFollowers", (a, g) => a.tasks.addFollowers("1", g as string[])],
    ["removeFollowers", (a, g) => a.tasks.removeFollowers("1", g as string[])],
  ];
  test.each(LISTS)("%s: an empty list, a non-list, or a list holding a bad gid is a TypeError before any request", async (_name, call) => {
    serveAnything();
    for (const gids of [[], "1", undefined, null, { 0: "1" }, ["1", ""], ["..", "2"], ["1", 2], [" "]]) {
      const error = await caught(() => call(client(), gids));
      expect([gids, error]).toEqual([gids, expect.any(TypeError)]);
    }
    expect(srv.requests).toHaveLength(0);
  });

  test("insert_before together with insert_after is a TypeError, for setParent and addProject", async () => {
    serveAnything();
    const asana = client();
    await expect(asana.tasks.setParent("1", { parent: "2", insert_before: "3", insert_after: "4" })).rejects.toThrow(/insert_before or insert_after/);
    await expect(asana.tasks.setParent("1", { parent: "2", insert_before: null, insert_after: null })).rejects.toBeInstanceOf(TypeError);
    await expect(asana.tasks.addProject("1", { project: "p", insert_before: "3", insert_after: "4" })).rejects.toThrow(/insert_before or insert_after/);
    expect(srv.requests).toHaveLength(0);
  });

  test("setParent needs parent (a gid or null)", async () => {
    serveAnything();
    await expect(client().tasks.setParent("1", {} as never)).rejects.toThrow(/parent/);
    expect(srv.requests).toHaveLength(0);
  });

  const BODIES: [string, (a: AsanaClient, body: unknown) => Promise<unknown>][] = [
    ["create", (a, b) => a.tasks.create(b as never)],
    ["update", (a, b) => a.tasks.update("1", b as never)],
    ["createSubtask", (a, b) => a.tasks.createSubtask("1", b as never)],
    ["duplicate", (a, b) => a.tasks.duplicate("1", b as never)],
    ["setParent", (a, b) => a.tasks.setParent("1", b as never)],
    ["addProject", (a, b) => a.tasks.addProject("1", b as never)],
  ];
  test.each(BODIES)("%s: a body that is not an object is a TypeError before any request", async (_name, call) => {
    serveAnything();
    for (const body of [null, "name", 42, ["a"], true]) {
      const error = await caught(() => call(client(), body));
      expect([body, error]).toEqual([body, expect.any(TypeError)]);
    }
    expect(srv.requests).toHaveLength(0);
  });

  test.each(BODIES)("%s: a body wrapped in {data: …} is a TypeError saying the client wraps it", async (_name, call) => {
    serveAnything();
    const error = await caught(() => call(client(), { data: { name: "x", parent: "2", project: "p" } }));
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(/wraps/);
    expect(srv.requests).toHaveLength(0);
  });

  test.each([["projects", ["p"]], ["tags", ["t"]], ["followers", ["me"]], ["parent", "2"], ["workspace", "w"]])(
    "update refuses %s, naming the method that changes it",
    async (field, value) => {
      serveAnything();
      const error = await caught(() => client().tasks.update("1", { [field]: value } as never));
      expect(error).toBeInstanceOf(TypeError);
      expect((error as Error).message).toContain(`body.${field}`);
      expect(srv.requests).toHaveLength(0);
    },
  );
});

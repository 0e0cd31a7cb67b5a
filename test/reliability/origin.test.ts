// No request leaves the configured origin and base path, from the facade or from raw.
import { describe, expect, test } from "@jest/globals";
import { createAsanaClient, NotFoundError, type AsanaClient } from "../../src/index.ts";
import { caught, clientWith, json, scripted } from "./scripted.ts";
import { TOKENS, leaksOf } from "./token-scan.ts";

const ROOT = "https://app.asana.com";
const API = `${ROOT}/api/1.0`;
const token = TOKENS.pat;

type Send = (asana: AsanaClient) => Promise<unknown>;
const raw = (path: string, init: object = {}): Send => (asana) => asana.raw.GET(path as never, init as never);

/** [label, baseUrl, call, the URL it must reach, or null: refused with a TypeError, nothing sent] */
const table: [string, string, Send, string | null][] = [
  // raw on a baseUrl without a path
  ["raw '.evil.example/x' would change the host", ROOT, raw(".evil.example/x"), null],
  ["raw ':8443/x' would change the port", ROOT, raw(":8443/x"), null],
  ["raw '@evil.example/x' would make the host userinfo", ROOT, raw("@evil.example/x"), null],
  ["raw 'x' would lengthen the host", ROOT, raw("x"), null],
  ["raw '/tasks/1' stays", ROOT, raw("/tasks/1"), `${ROOT}/tasks/1`],
  ["raw '/../x' at the root stays under it", ROOT, raw("/../x"), `${ROOT}/x`],
  // raw under /api/1.0
  ["raw '/../x' climbs out of the base path", API, raw("/../x"), null],
  ["raw '/%2e%2e/users/me' is '..' to the URL parser", API, raw("/%2e%2e/users/me"), null],
  ["raw '/tasks/../../x' climbs out", API, raw("/tasks/../../x"), null],
  ["raw 'x' would extend the last segment", API, raw("x"), null],
  ["raw '' is the base itself, not under it", API, raw(""), null],
  ["raw '/./tasks' stays", API, raw("/./tasks"), `${API}/tasks`],
  ["raw '//evil.example/x' is a path here", API, raw("//evil.example/x"), `${API}//evil.example/x`],
  ["raw with its own baseUrl elsewhere", API, raw("/tasks", { baseUrl: "https://evil.example/api/1.0" }), null],
  ["raw.request too", API, (a) => a.raw.request("get" as never, "/../x" as never), null],
  // raw path parameters: the facade's checks, then percent-encoding
  ["raw path param '..'", API, raw("/tasks/{task_gid}", { params: { path: { task_gid: ".." } } }), null],
  ["raw path param '.'", API, raw("/tasks/{task_gid}", { params: { path: { task_gid: "." } } }), null],
  ["raw path param ''", API, raw("/tasks/{task_gid}", { params: { path: { task_gid: "" } } }), null],
  ["raw path param ' '", API, raw("/tasks/{task_gid}", { params: { path: { task_gid: " " } } }), null],
  ["raw path param an object", API, raw("/tasks/{task_gid}", { params: { path: { task_gid: { a: "b" } } } }), null],
  ["raw path param a number", API, raw("/tasks/{task_gid}", { params: { path: { task_gid: 7 } } }), null],
  ["raw path param missing", API, raw("/tasks/{task_gid}", { params: {} }), null],
  ["raw path param '../x' is encoded", API, raw("/tasks/{task_gid}", { params: { path: { task_gid: "../x" } } }), `${API}/tasks/..%2Fx`],
  ["raw path param '%2e%2e' is encoded", API, raw("/tasks/{task_gid}", { params: { path: { task_gid: "%2e%2e" } } }), `${API}/tasks/%252e%252e`],
  // the facade
  ["facade gid '../x' is encoded", API, (a) => a.tasks.get("../x"), `${API}/tasks/..%2Fx`],
  ["facade gid 'a?b#c' is encoded", API, (a) => a.tasks.get("a?b#c"), `${API}/tasks/a%3Fb%23c`],
  ["facade gid '..' is refused", API, (a) => a.tasks.delete(".."), null],
  ["facade on a baseUrl without a path", ROOT, (a) => a.tasks.get("1"), `${ROOT}/tasks/1`],
];

describe("every outgoing URL keeps the configured origin and stays under the base path", () => {
  test.each(table)("%s", async (_label, baseUrl, send, expected) => {
    const wire = scripted([], json(200, { data: { gid: "1" } }));
    const asana = clientWith(wire.fetch, { token, baseUrl });
    if (expected === null) {
      const error = await caught(() => send(asana));
      // By name: the Request constructor's own TypeError (for userinfo) comes from Node's realm, not jest's.
      expect((error as Error).name).toBe("TypeError");
      expect((error as Error).message).toMatch(/GET|DELETE|params\.path|gid|credentials/);
      expect(leaksOf(error, token)).toEqual([]);
      expect(wire.sent).toHaveLength(0);
    } else {
      await send(asana);
      expect(wire.sent.map((r) => r.url.href)).toEqual([expected]);
      expect(wire.sent[0]!.headers.get("authorization")).toBe(`Bearer ${token}`);
    }
  });

  test("the refusal names the method and the URL it would have reached", async () => {
    const wire = scripted([]);
    const error = await caught(() => clientWith(wire.fetch, { baseUrl: ROOT }).raw.DELETE(".evil.example/x" as never));
    expect((error as Error).message).toContain("DELETE https://app.asana.com.evil.example/x");
    expect((error as Error).message).toContain(`${ROOT}/`);
  });
});

describe("baseUrl", () => {
  test.each([
    ["an empty query", `${API}?`],
    ["an empty fragment", `${API}#`],
    ["a query", `${API}?x=1`],
    ["a fragment", `${API}#top`],
  ])("with %s is refused at creation", (_what, baseUrl) => {
    expect(() => createAsanaClient({ token, baseUrl })).toThrow(TypeError);
  });

  test("with userinfo is refused at creation, without echoing the password", () => {
    for (const baseUrl of ["https://user:hunter2-secret-pw@app.asana.com/api/1.0", "https://hunter2-secret-pw@app.asana.com/"]) {
      let error: unknown;
      try {
        createAsanaClient({ token, baseUrl });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(TypeError);
      expect((error as Error).message).toMatch(/credentials/);
      expect(leaksOf(error, "hunter2-secret-pw")).toEqual([]);
    }
  });

  test("a trailing slash is the same base", async () => {
    const wire = scripted([]);
    await clientWith(wire.fetch, { baseUrl: `${API}/` }).tasks.get("1");
    expect(wire.sent[0]!.url.href).toBe(`${API}/tasks/1`);
  });

  test("without /api/1.0, a 404 'No matching route' says so", async () => {
    const noRoute = json(404, { errors: [{ message: "No matching route for request" }] });
    const bare = (await caught(() => clientWith(scripted([noRoute]).fetch, { baseUrl: ROOT }).tasks.get("1"))) as NotFoundError;
    expect(bare).toBeInstanceOf(NotFoundError);
    expect(bare.message).toContain("has no /api/1.0 path");
    const right = (await caught(() => clientWith(scripted([noRoute]).fetch, { baseUrl: API }).tasks.get("1"))) as NotFoundError;
    expect(right.message).not.toContain("/api/1.0 path");
    const other = json(404, { errors: [{ message: "task: Unknown object: 1" }] });
    const unknown = (await caught(() => clientWith(scripted([other]).fetch, { baseUrl: ROOT }).tasks.get("1"))) as NotFoundError;
    expect(unknown.message).not.toContain("/api/1.0 path");
  });
});

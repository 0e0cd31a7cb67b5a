// Ambiguous outcomes are reported truthfully: a DELETE retried after an attempt that may have gone
// through, then answered 404, did what was asked.
import { describe, expect, test } from "@jest/globals";
import { createAsanaClient, NotFoundError, ServerError } from "../../src/index.ts";
import { createFakeAsana } from "../../src/testing/index.ts";
import { asanaError, caught, clientWith, ok, scripted, type Answer } from "./scripted.ts";

const dropped = () => new TypeError("fetch failed", { cause: new Error("ECONNRESET") });
const cutOff = () => new Response('{"da', { status: 200 });

describe("DELETE", () => {
  test.each<[string, Answer[]]>([
    ["a 503", [asanaError(503)]],
    ["a 502 then a 500", [asanaError(502), asanaError(500)]],
    ["a dropped connection", [dropped()]],
    ["a cut-off body", [cutOff()]],
  ])("after %s, a 404 resolves: the task is gone, as asked", async (_what, first) => {
    const wire = scripted([...first, asanaError(404, "task: Unknown object: 7")]);
    await expect(clientWith(wire.fetch).tasks.delete("7")).resolves.toBeUndefined();
    expect(wire.sent.map((r) => `${r.method} ${r.url.pathname}`)).toEqual(Array(first.length + 1).fill("DELETE /api/1.0/tasks/7"));
  });

  test("a 404 on the first attempt stays a NotFoundError", async () => {
    const wire = scripted([asanaError(404)]);
    expect(await caught(() => clientWith(wire.fetch).tasks.delete("7"))).toBeInstanceOf(NotFoundError);
    expect(wire.sent).toHaveLength(1);
  });

  test("after only 429s (Asana did not process those), a 404 stays a NotFoundError", async () => {
    const wire = scripted([asanaError(429, "slow", { "retry-after": "0" }), asanaError(404)]);
    expect(await caught(() => clientWith(wire.fetch).tasks.delete("7"))).toBeInstanceOf(NotFoundError);
    expect(wire.sent).toHaveLength(2);
  });

  test("the rule is DELETE's: a GET retried after a 503 and answered 404 is a NotFoundError", async () => {
    const wire = scripted([asanaError(503), asanaError(404)]);
    expect(await caught(() => clientWith(wire.fetch).tasks.get("7"))).toBeInstanceOf(NotFoundError);
  });

  test("retries run out on 5xx: the ServerError stands", async () => {
    const wire = scripted([], asanaError(503));
    expect(await caught(() => clientWith(wire.fetch, { retry: { maxRetries: 2, baseDelayMs: 1 } }).tasks.delete("7"))).toBeInstanceOf(ServerError);
  });

  test("raw hands back what the server said: the 404", async () => {
    const wire = scripted([asanaError(503), asanaError(404)]);
    const { response } = await clientWith(wire.fetch).raw.DELETE("/tasks/{task_gid}", { params: { path: { task_gid: "7" } } });
    expect(response.status).toBe(404);
  });

  test("against the fake: Asana deleted the task, the edge answered 502, the retry's 404 resolves", async () => {
    const fake = createFakeAsana();
    const workspace = fake.seed.workspace({ name: "Acme" }).gid;
    const project = fake.seed.project({ workspace, name: "P" }).gid;
    const [gid] = fake.seed.tasks(1, { projects: [project] });
    let deletes = 0;
    const edge = async (request: Request) => {
      const response = await fake.fetch(request);
      return request.method === "DELETE" && ++deletes === 1 ? new Response("<html>502</html>", { status: 502 }) : response;
    };
    const asana = createAsanaClient({ token: fake.token, fetch: edge, retry: { baseDelayMs: 1, maxDelayMs: 2 }, onWarning: () => {} });
    await expect(asana.tasks.delete(gid!)).resolves.toBeUndefined();
    expect(fake.state.tasks.has(gid!)).toBe(false);
    expect(fake.requests.map((r) => r.method)).toEqual(["DELETE", "DELETE"]);
  });

  test("a plain success still resolves", async () => {
    const wire = scripted([ok({})]);
    await expect(clientWith(wire.fetch).tasks.delete("7")).resolves.toBeUndefined();
  });
});

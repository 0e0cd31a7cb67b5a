// No redirect is followed, same-origin or not: nothing is sent where a Location points, and no
// other answer is taken for this request's.
import { describe, expect, test } from "@jest/globals";
import { AsanaError, ConnectionError } from "../../src/index.ts";
import { BASE, TOKEN, caught, client, http, HttpResponse, useServer } from "../client/helpers.ts";
import { leaksOf } from "./token-scan.ts";

const srv = useServer();
const EVIL = "https://evil.example";

const redirect = (status: number, location: string) => () => new HttpResponse("moved", { status, headers: { location } });

/** Handlers for every place a redirect could lead, so a followed one would show in srv.requests. */
function targets() {
  srv.use(
    http.all(`${EVIL}/*`, () => HttpResponse.json({ data: { gid: "evil", name: "from another origin" } })),
    http.get(`${BASE}/tasks/2`, () => HttpResponse.json({ data: { gid: "2", name: "same origin" } })),
  );
}

const hosts = () => srv.requests.map((r) => `${r.method} ${r.href}`);

describe.each([
  ["same-origin", `${BASE}/tasks/2`],
  ["cross-origin", `${EVIL}/steal`],
])("a %s redirect", (_kind, location) => {
  test.each([301, 302, 303, 307, 308])("%i on a GET: the facade rejects with an AsanaError of that status; nothing more is sent", async (status) => {
    targets();
    srv.use(http.get(`${BASE}/tasks/1`, redirect(status, location)));
    const error = (await caught(() => client().tasks.get("1"))) as AsanaError;
    expect(error).toBeInstanceOf(AsanaError);
    expect(error.status).toBe(status);
    expect(error.message).toContain(`redirect to ${location} not followed`);
    expect(hosts()).toEqual([`GET ${BASE}/tasks/1`]);
    expect(leaksOf(error, TOKEN)).toEqual([]);
  });

  test("307 on a POST: the body goes nowhere else, and raw hands the 307 back", async () => {
    targets();
    srv.use(http.post(`${BASE}/tasks`, redirect(307, location)));
    const asana = client();
    expect(await caught(() => asana.tasks.create({ name: "secret plans", workspace: "1" }))).toBeInstanceOf(AsanaError);
    const { data, error, response } = await asana.raw.POST("/tasks", { body: { data: { name: "secret plans" } } });
    expect(data).toBeUndefined();
    expect(error).toBe("moved");
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe(location);
    expect(hosts()).toEqual([`POST ${BASE}/tasks`, `POST ${BASE}/tasks`]);
  });

  test("raw.GET: the 302 comes back as the answer, not followed", async () => {
    targets();
    srv.use(http.get(`${BASE}/tasks/1`, redirect(302, location)));
    const { response } = await client().raw.GET("/tasks/{task_gid}", { params: { path: { task_gid: "1" } }, redirect: "follow" } as never);
    expect(response.status).toBe(302);
    expect(hosts()).toEqual([`GET ${BASE}/tasks/1`]);
  });
});

describe("a fetch that follows redirects by itself", () => {
  test("an answer from another origin is refused with a ConnectionError", async () => {
    const followed = async () => {
      const response = Response.json({ data: { gid: "evil" } });
      Object.defineProperty(response, "redirected", { value: true });
      Object.defineProperty(response, "url", { value: `${EVIL}/steal` });
      return response;
    };
    const error = await caught(() => client({ fetch: followed }).tasks.get("1"));
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toContain("followed a redirect out of the baseUrl");
  });

  test("one that stayed under the baseUrl is taken", async () => {
    const followed = async () => {
      const response = Response.json({ data: { gid: "2" } });
      Object.defineProperty(response, "redirected", { value: true });
      Object.defineProperty(response, "url", { value: `${BASE}/tasks/2` });
      return response;
    };
    expect(await client({ fetch: followed }).tasks.get("1")).toEqual({ gid: "2" });
  });
});

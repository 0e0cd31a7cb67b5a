/** Non-2xx answers become AsanaError with Asana's details, and the token leaks nowhere. */
import { describe, expect, test } from "@jest/globals";
import { AsanaError } from "asana-fetch";
import { BASE, TOKEN, asanaErrorBody, caught, client, http, HttpResponse, useServer } from "./helpers.ts";
import { leaksOf } from "../reliability/token-scan.ts";

const srv = useServer();

const HELP = "For more information on API status codes and how to handle them, read the docs on errors: https://developers.asana.com/docs/errors";

async function asanaError(fn: () => unknown): Promise<AsanaError> {
  const error = await caught(fn);
  expect(error).toBeInstanceOf(AsanaError);
  expect(error).toBeInstanceOf(Error);
  return error as AsanaError;
}

/** Every way an error can be looked at (the token scanner), for leak checks: [] when clean. */
const leaks = (error: unknown) => leaksOf(error, TOKEN);

describe("AsanaError from Asana's error bodies", () => {
  test("400 on a list: status, errors, method, absolute url with the query, headers, message", async () => {
    srv.use(
      http.get(`${BASE}/tasks`, () =>
        HttpResponse.json(asanaErrorBody("project: Missing input", { help: HELP }), { status: 400, headers: { "X-Request-Id": "req-1" } }),
      ),
    );
    const error = await asanaError(() => client().tasks.list({ project: "p1", limit: 5 }, { opt_fields: ["name"] }).toArray());

    expect(error.status).toBe(400);
    expect(error.errors).toEqual([{ message: "project: Missing input", help: HELP }]);
    expect(error.method).toBe("GET");
    expect(error.url).toBe(`${BASE}/tasks?project=p1&opt_fields=name&limit=5`);
    expect(error.headers).toBeInstanceOf(Headers);
    expect(error.headers.get("x-request-id")).toBe("req-1");
    expect(error.message).toContain("GET");
    expect(error.message).toContain("/tasks");
    expect(error.message).toContain("400");
    expect(error.message).toContain("project: Missing input");
    expect(srv.requests).toHaveLength(1);
  });

  test("401 on get", async () => {
    srv.use(http.get(`${BASE}/tasks/:gid`, () => HttpResponse.json(asanaErrorBody("Not Authorized", { help: HELP }), { status: 401 })));
    const error = await asanaError(() => client().tasks.get("123"));

    expect(error.status).toBe(401);
    expect(error.errors[0]).toEqual({ message: "Not Authorized", help: HELP });
    expect(error.method).toBe("GET");
    expect(error.url).toBe(`${BASE}/tasks/123`);
    expect(error.message).toMatch(/GET .*\/tasks\/123.*401.*Not Authorized/);
  });

  test("404 on update carries every Asana message", async () => {
    srv.use(
      http.put(`${BASE}/tasks/:gid`, () =>
        HttpResponse.json({ errors: [{ message: "task: Not a recognized ID: 404404" }, { message: "second problem" }] }, { status: 404 }),
      ),
    );
    const error = await asanaError(() => client().tasks.update("404404", { name: "x" }, { opt_pretty: true }));

    expect(error.status).toBe(404);
    expect(error.errors.map((e) => e.message)).toEqual(["task: Not a recognized ID: 404404", "second problem"]);
    expect(error.method).toBe("PUT");
    expect(error.url).toBe(`${BASE}/tasks/404404?opt_pretty=true`);
    expect(error.message).toContain("PUT");
    expect(error.message).toContain("/tasks/404404");
    expect(error.message).toContain("404");
    expect(error.message).toContain("task: Not a recognized ID: 404404");
    expect(error.message).toContain("second problem");
  });

  test("500 on create keeps the phrase", async () => {
    // POST: not idempotent, so never retried, whatever the retry policy.
    srv.use(
      http.post(`${BASE}/tasks`, () =>
        HttpResponse.json(asanaErrorBody("Server Error", { help: HELP, phrase: "6 sad squid snuggle softly" }), { status: 500 }),
      ),
    );
    const error = await asanaError(() => client().tasks.create({ name: "x", workspace: "1" }));

    expect(error.status).toBe(500);
    expect(error.errors).toEqual([{ message: "Server Error", help: HELP, phrase: "6 sad squid snuggle softly" }]);
    expect(error.method).toBe("POST");
    expect(error.url).toBe(`${BASE}/tasks`);
    expect(error.message).toMatch(/POST .*\/tasks.*500.*Server Error/);
    expect(srv.requests).toHaveLength(1);
  });

  test("errors from jobs, duplicate and delete are AsanaErrors too", async () => {
    srv.use(
      http.get(`${BASE}/jobs/:gid`, () => HttpResponse.json(asanaErrorBody("Forbidden"), { status: 403 })),
      http.post(`${BASE}/tasks/:gid/duplicate`, () => HttpResponse.json(asanaErrorBody("include: Invalid"), { status: 400 })),
      http.delete(`${BASE}/tasks/:gid`, () => HttpResponse.json(asanaErrorBody("Not Found"), { status: 404 })),
    );
    const asana = client();
    expect((await asanaError(() => asana.jobs.get("j1"))).status).toBe(403);
    expect((await asanaError(() => asana.jobs.wait("j1"))).status).toBe(403);
    expect((await asanaError(() => asana.tasks.duplicate("t1", { name: "c" }))).status).toBe(400);
    const deleted = await asanaError(() => asana.tasks.delete("t1"));
    expect(deleted.status).toBe(404);
    expect(deleted.method).toBe("DELETE");
  });

  test("a search error rejects the iteration", async () => {
    srv.use(
      http.get(`${BASE}/workspaces/:gid/tasks/search`, () =>
        HttpResponse.json(asanaErrorBody("Search is only available to premium users."), { status: 402 }),
      ),
    );
    const error = await asanaError(() => client().tasks.search("w1", { text: "x" }));
    expect(error.status).toBe(402);
    expect(error.url).toContain(`${BASE}/workspaces/w1/tasks/search?`);
    expect(error.url).toContain("text=x");
  });
});

describe("bodies that are not Asana's", () => {
  test("an HTML page from a proxy still gives an AsanaError with the status", async () => {
    srv.use(
      http.get(`${BASE}/tasks/:gid`, () =>
        HttpResponse.html("<html><head><title>403 Forbidden</title></head><body><h1>Forbidden</h1>by proxy</body></html>", { status: 403 }),
      ),
    );
    const error = await asanaError(() => client().tasks.get("1"));
    expect(error.status).toBe(403);
    expect(error.method).toBe("GET");
    expect(error.url).toBe(`${BASE}/tasks/1`);
    expect(Array.isArray(error.errors)).toBe(true);
    expect(error.errors.length).toBeGreaterThan(0);
    for (const e of error.errors) expect(typeof e.message).toBe("string");
    expect(error.message).toContain("403");
  });

  test("an HTML 502 on a POST (never retried) gives an AsanaError with the status", async () => {
    srv.use(http.post(`${BASE}/tasks`, () => HttpResponse.html("<html><body>Bad Gateway</body></html>", { status: 502 })));
    const error = await asanaError(() => client().tasks.create({ name: "x" }));
    expect(error.status).toBe(502);
    expect(error.message).toContain("502");
    expect(srv.requests).toHaveLength(1);
  });

  test("an empty error body gives an AsanaError with the status", async () => {
    srv.use(http.get(`${BASE}/tasks/:gid`, () => new HttpResponse(null, { status: 404 })));
    const error = await asanaError(() => client().tasks.get("1"));
    expect(error.status).toBe(404);
    expect(error.message).toContain("404");
  });

  test("JSON that is not an error envelope still gives an AsanaError with the status", async () => {
    srv.use(http.get(`${BASE}/tasks/:gid`, () => HttpResponse.json({ oops: true }, { status: 400 })));
    const error = await asanaError(() => client().tasks.get("1"));
    expect(error.status).toBe(400);
  });
});

describe("the token never leaks", () => {
  test.each([400, 401, 404])("not into a %i AsanaError (message, stack, JSON, inspect)", async (status) => {
    srv.use(
      http.get(`${BASE}/tasks/:gid`, () =>
        HttpResponse.json(asanaErrorBody("bad", { help: HELP }), { status, headers: { "X-Seen": "something" } }),
      ),
    );
    const error = await asanaError(() => client().tasks.get("1", { opt_fields: ["name"], headers: { "X-Call": "1" } }));
    expect(srv.requests[0]!.headers.get("authorization")).toBe(`Bearer ${TOKEN}`); // it was sent…
    expect(leaks(error)).toEqual([]); // …and is nowhere in the error, in any form
    expect(JSON.stringify(error)).not.toContain("SECRET");
  });

  test("not when the server echoes the Authorization header back in the body", async () => {
    srv.use(
      http.get(`${BASE}/tasks/:gid`, ({ request }) =>
        HttpResponse.json(asanaErrorBody(`token ${request.headers.get("authorization")} is not valid`, { help: `got ${request.headers.get("authorization")}` }), { status: 401 }),
      ),
    );
    const error = await asanaError(() => client().tasks.get("1"));
    expect(leaks(error)).toEqual([]);
  });

  test("not when a proxy's HTML page echoes it", async () => {
    srv.use(
      http.post(`${BASE}/tasks`, ({ request }) =>
        HttpResponse.html(`<html><body>Rejected: ${request.headers.get("authorization")}</body></html>`, { status: 403 }),
      ),
    );
    const error = await asanaError(() => client().tasks.create({ name: "x" }));
    expect(leaks(error)).toEqual([]);
  });

  test("not from a token function, nor from the error of a failed network call", async () => {
    srv.use(http.get(`${BASE}/tasks/:gid`, () => HttpResponse.error()));
    const error = await caught(() => client({ token: async () => TOKEN, retry: false }).tasks.get("1"));
    expect(error).toBeInstanceOf(Error);
    expect(leaks(error)).toEqual([]);
  });

  test("not in Asana's phrase, nor in lowercase percent-encoding, base64 or base64url anywhere", async () => {
    const forms = [
      TOKEN,
      encodeURIComponent(TOKEN).toLowerCase(),
      Buffer.from(TOKEN).toString("base64"),
      Buffer.from(`user:${TOKEN}`).toString("base64url"),
      TOKEN.slice(3, 14),
    ].join(" ");
    srv.use(
      http.get(`${BASE}/tasks/:gid`, () =>
        HttpResponse.json(asanaErrorBody(`bad ${forms}`, { help: forms, phrase: forms }), { status: 500, headers: { "X-Echo": forms } }),
      ),
    );
    const error = await asanaError(() => client({ retry: false }).tasks.get("1"));
    expect(error.phrase).toBeDefined();
    expect(error.headers.get("x-echo")).not.toBeNull();
    expect(leaks(error)).toEqual([]);
  });

  test("not in an excerpt of a 2xx body that is not JSON (V8's parse error quotes it)", async () => {
    srv.use(http.post(`${BASE}/tasks`, () => new HttpResponse(`${TOKEN}${TOKEN}`, { status: 201 })));
    const error = await caught(() => client().tasks.create({ name: "x" }));
    expect((error as Error).name).toBe("ConnectionError");
    expect(leaks(error)).toEqual([]);
  });

  test("not into the errors of bad input", async () => {
    const asana = client();
    for (const fn of [
      () => asana.tasks.get(""),
      () => asana.tasks.list({ limit: 5 } as never),
      () => asana.tasks.forProject("p", { limit: 0 }),
      () => asana.tasks.duplicate("t", { include: ["nope" as never] }),
      () => asana.jobs.wait(".."),
    ]) {
      const error = await caught(fn);
      expect(leaks(error)).toEqual([]);
    }
    expect(srv.requests).toHaveLength(0);
  });
});

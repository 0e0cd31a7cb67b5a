/** createAsanaClient: input checks, token sources, base URL, client and per-call headers. */
import { describe, expect, jest, test } from "@jest/globals";
import { createAsanaClient, DEFAULT_BASE_URL, TimeoutError, type AsanaClientOptions } from "asana-fetch";
import { BASE, TOKEN, caught, client, http, HttpResponse, useServer } from "./helpers.ts";

const srv = useServer();

const okTask = () => HttpResponse.json({ data: { gid: "1", name: "t" } });

describe("creation checks, before any request", () => {
  const badTokens: [string, unknown][] = [
    ["empty", ""],
    ["blank", "  \t\n"],
    ["missing", undefined],
    ["null", null],
    ["a number", 12345],
    ["an object", { token: TOKEN }],
    ["an array", [TOKEN]],
    ["a boolean", true],
  ];
  test.each(badTokens)("token %s is a TypeError", (_name, token) => {
    expect(() => createAsanaClient({ token } as unknown as AsanaClientOptions)).toThrow(TypeError);
    expect(srv.requests).toHaveLength(0);
  });

  test("no options object is a TypeError", () => {
    expect(() => createAsanaClient(undefined as unknown as AsanaClientOptions)).toThrow(TypeError);
  });

  test.each([
    "http://app.asana.com/api/1.0",
    "http://10.0.0.1/api/1.0",
    "http://localhost.evil.example/api/1.0",
    "http://127.0.0.1.evil.example/api/1.0",
    "http://[::2]/api/1.0",
    "ftp://app.asana.com/api/1.0",
    "ws://localhost/api/1.0",
    "app.asana.com/api/1.0",
    "not a url",
    "",
  ])("baseUrl %j is a TypeError", (baseUrl) => {
    expect(() => createAsanaClient({ token: TOKEN, baseUrl })).toThrow(TypeError);
    expect(srv.requests).toHaveLength(0);
  });

  test.each([
    ["http://localhost/api/1.0", "http://localhost/api/1.0/tasks/1"],
    ["http://127.0.0.1:8080/api/1.0", "http://127.0.0.1:8080/api/1.0/tasks/1"],
    ["http://[::1]/api/1.0", "http://[::1]/api/1.0/tasks/1"],
    ["http://[::1]:9000", "http://[::1]:9000/tasks/1"],
    ["https://asana.internal.example/proxy/api/1.0", "https://asana.internal.example/proxy/api/1.0/tasks/1"],
  ])("baseUrl %s is allowed and used", async (baseUrl, expected) => {
    srv.use(http.get("*/tasks/:gid", okTask));
    await client({ baseUrl }).tasks.get("1");
    expect(srv.requests.map((r) => r.href)).toEqual([expected]);
  });

  test("a trailing slash on baseUrl does not double the slash", async () => {
    srv.use(http.get("*/tasks/:gid", okTask));
    await client({ baseUrl: "http://localhost:3000/api/1.0/" }).tasks.get("1");
    expect(srv.requests[0]!.href).toBe("http://localhost:3000/api/1.0/tasks/1");
  });

  test("the default baseUrl is Asana's", async () => {
    expect(DEFAULT_BASE_URL).toBe("https://app.asana.com/api/1.0");
    srv.use(http.get(`${BASE}/tasks/:gid`, okTask));
    await client().tasks.get("1");
    expect(srv.requests[0]!.href).toBe("https://app.asana.com/api/1.0/tasks/1");
  });
});

describe("token", () => {
  test("a string token is sent as a Bearer header on every request", async () => {
    srv.use(http.get(`${BASE}/tasks/:gid`, okTask));
    const asana = client();
    await asana.tasks.get("1");
    await asana.tasks.get("2");
    expect(srv.requests.map((r) => r.headers.get("authorization"))).toEqual([`Bearer ${TOKEN}`, `Bearer ${TOKEN}`]);
  });

  test("a token function is called for every request, and a changing token is used", async () => {
    srv.use(
      http.get(`${BASE}/tasks/:gid`, okTask),
      http.get(`${BASE}/projects/:gid/tasks`, ({ request }) => {
        const offset = new URL(request.url).searchParams.get("offset");
        return HttpResponse.json(
          offset ? { data: [{ gid: "b" }], next_page: null } : { data: [{ gid: "a" }], next_page: { offset: "o2", path: "/x", uri: "https://x" } },
        );
      }),
    );
    let n = 0;
    const token = jest.fn(() => `oauth-${++n}`);
    const asana = client({ token });
    expect(token).not.toHaveBeenCalled(); // creation sends nothing and asks for nothing

    await asana.tasks.get("1");
    await asana.tasks.forProject("9").toArray(); // two pages, two requests
    await asana.raw.GET("/tasks/{task_gid}", { params: { path: { task_gid: "3" } } });

    expect(token).toHaveBeenCalledTimes(4);
    expect(srv.requests.map((r) => r.headers.get("authorization"))).toEqual([
      "Bearer oauth-1",
      "Bearer oauth-2",
      "Bearer oauth-3",
      "Bearer oauth-4",
    ]);
  });

  test("an async token function works", async () => {
    srv.use(http.get(`${BASE}/tasks/:gid`, okTask));
    const token = jest.fn(async () => {
      await Promise.resolve();
      return "async-token";
    });
    const asana = client({ token });
    await asana.tasks.get("1");
    await asana.tasks.get("2");
    expect(token).toHaveBeenCalledTimes(2);
    expect(srv.requests.map((r) => r.headers.get("authorization"))).toEqual(["Bearer async-token", "Bearer async-token"]);
  });

  test("a token function returning a blank token rejects without a request", async () => {
    srv.use(http.get(`${BASE}/tasks/:gid`, okTask));
    const error = await caught(() => client({ token: () => " " }).tasks.get("1"));
    expect(error).toBeInstanceOf(TypeError);
    expect(srv.requests).toHaveLength(0);
  });

  test("a token function that throws rejects the call with its error, without a request", async () => {
    srv.use(http.get(`${BASE}/tasks/:gid`, okTask));
    const failure = new Error("refresh failed");
    const error = await caught(() =>
      client({
        token: () => {
          throw failure;
        },
      }).tasks.get("1"),
    );
    expect(error).toBe(failure);
    expect(srv.requests).toHaveLength(0);
  });
});

describe("headers", () => {
  test("client headers go on every request; per-call headers add to and override them", async () => {
    srv.use(http.get(`${BASE}/tasks/:gid`, okTask), http.post(`${BASE}/tasks`, okTask));
    const asana = client({ headers: { "Asana-Enable": "new_goal_memberships", "X-Client": "c1" } });

    await asana.tasks.get("1");
    await asana.tasks.get("2", { headers: { "Asana-Enable": "new_user_task_lists", "X-Call": "k1" } });
    await asana.tasks.create({ name: "n" }, { headers: { "X-Call": "k2" } });

    const [first, second, third] = srv.requests;
    expect(first!.headers.get("asana-enable")).toBe("new_goal_memberships");
    expect(first!.headers.get("x-client")).toBe("c1");
    expect(first!.headers.has("x-call")).toBe(false);

    expect(second!.headers.get("asana-enable")).toBe("new_user_task_lists");
    expect(second!.headers.get("x-client")).toBe("c1");
    expect(second!.headers.get("x-call")).toBe("k1");

    expect(third!.headers.get("asana-enable")).toBe("new_goal_memberships");
    expect(third!.headers.get("x-call")).toBe("k2");
    expect(third!.headers.get("content-type")).toMatch(/^application\/json/);
    for (const rec of srv.requests) expect(rec.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
  });

  test("the caller's header objects are not mutated", async () => {
    srv.use(http.get(`${BASE}/tasks/:gid`, okTask));
    const clientHeaders = Object.freeze({ "X-Client": "c1" });
    const callHeaders = Object.freeze({ "X-Call": "k1" });
    await client({ headers: clientHeaders }).tasks.get("1", { headers: callHeaders });
    expect(clientHeaders).toEqual({ "X-Client": "c1" });
    expect(callHeaders).toEqual({ "X-Call": "k1" });
    expect(srv.requests[0]!.headers.get("x-call")).toBe("k1");
  });
});

describe("fetch option", () => {
  test("a custom fetch receives a Request carrying the auth header", async () => {
    const seen: Request[] = [];
    const fetch = async (request: Request) => {
      seen.push(request);
      return Response.json({ data: { gid: "1", name: "via custom fetch" } });
    };
    const task = await client({ fetch }).tasks.get("1", { opt_fields: ["name"] });
    expect(task.name).toBe("via custom fetch");
    expect(seen).toHaveLength(1);
    expect(seen[0]!.url).toBe(`${BASE}/tasks/1?opt_fields=name`);
    expect(seen[0]!.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
    expect(srv.requests).toHaveLength(0); // nothing reached the global fetch
  });

  test("globalThis.fetch is looked up per call, not captured at creation", async () => {
    srv.use(http.get(`${BASE}/tasks/:gid`, okTask));
    const asana = client();
    const original = globalThis.fetch;
    const replacement = jest.fn(async (_input: RequestInfo | URL) => Response.json({ data: { gid: "1", name: "replaced" } }));
    globalThis.fetch = replacement as typeof fetch;
    try {
      const task = await asana.tasks.get("1");
      expect(task.name).toBe("replaced");
      expect(replacement).toHaveBeenCalledTimes(1);
    } finally {
      globalThis.fetch = original;
    }
    expect(srv.requests).toHaveLength(0);
  });

  test("a non-function fetch is a TypeError", () => {
    expect(() => client({ fetch: "nope" as unknown as AsanaClientOptions["fetch"] })).toThrow(TypeError);
  });
});

describe("per-call signal", () => {
  test("an already aborted signal rejects with its reason", async () => {
    srv.use(http.get(`${BASE}/tasks/:gid`, okTask));
    const reason = { why: "caller gave up" };
    const controller = new AbortController();
    controller.abort(reason);
    const error = await caught(() => client().tasks.get("1", { signal: controller.signal }));
    expect(error).toBe(reason);
  });

  // With the global fetch the signal travels in fetch's init, not inside openapi-fetch's Request:
  // the request on the wire must still be the one cancelled.
  function hangingTask(seen: AbortSignal[]) {
    return http.get(`${BASE}/tasks/:gid`, ({ request }) => {
      seen.push(request.signal);
      return new Promise<Response>((_, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason)));
    });
  }

  test("with the global fetch, an abort in flight cancels the request on the wire and rejects with the reason", async () => {
    const seen: AbortSignal[] = [];
    srv.use(hangingTask(seen));
    const controller = new AbortController();
    const pending = caught(() => client().tasks.get("1", { signal: controller.signal }));
    while (seen.length === 0) await new Promise((r) => setTimeout(r, 1));
    const reason = new Error("user navigated away");
    controller.abort(reason);
    expect(await pending).toBe(reason);
    expect(seen[0]!.aborted).toBe(true);
    expect(srv.requests).toHaveLength(1);
  });

  test("with the global fetch, a timeout in flight cancels the request on the wire with a TimeoutError", async () => {
    const seen: AbortSignal[] = [];
    srv.use(hangingTask(seen));
    const error = await caught(() => client({ timeoutMs: 50 }).tasks.get("1"));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(seen[0]!.aborted).toBe(true);
    expect(srv.requests).toHaveLength(1);
  });
});

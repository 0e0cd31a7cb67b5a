/** asana.raw: the typed openapi-fetch client, sharing auth, base URL, headers and serialisation. */
import { expect, jest, test } from "@jest/globals";
import { BASE, TOKEN, client, http, HttpResponse, jsonBody, useServer } from "./helpers.ts";

const srv = useServer();

test("raw.GET shares auth, base URL, client headers and comma-joined arrays", async () => {
  srv.use(http.get(`${BASE}/tasks/:gid`, () => HttpResponse.json({ data: { gid: "1", name: "raw" } })));
  const asana = client({ headers: { "Asana-Enable": "feature_a" } });
  const { data, error, response } = await asana.raw.GET("/tasks/{task_gid}", {
    params: { path: { task_gid: "1" }, query: { opt_fields: ["name", "assignee.name"] } },
  });

  expect(error).toBeUndefined();
  expect(data).toEqual({ data: { gid: "1", name: "raw" } }); // raw keeps the envelope
  expect(response.status).toBe(200);
  const [rec] = srv.requests;
  expect(srv.requests).toHaveLength(1);
  expect(rec!.method).toBe("GET");
  expect(rec!.href).toBe(`${BASE}/tasks/1?opt_fields=name,assignee.name`);
  expect(rec!.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
  expect(rec!.headers.get("asana-enable")).toBe("feature_a");
});

test("raw.POST sends the body as given (envelope included) with per-call headers", async () => {
  srv.use(http.post(`${BASE}/tasks`, () => HttpResponse.json({ data: { gid: "9", name: "n" } }, { status: 201 })));
  const { data, error } = await client({ headers: { "X-Client": "c" } }).raw.POST("/tasks", {
    body: { data: { name: "n", workspace: "42" } },
    headers: { "X-Call": "k" },
  });

  expect(error).toBeUndefined();
  expect(data?.data.gid).toBe("9");
  const [rec] = srv.requests;
  expect(rec!.method).toBe("POST");
  expect(rec!.href).toBe(`${BASE}/tasks`);
  expect(rec!.headers.get("content-type")).toMatch(/^application\/json/);
  expect(rec!.headers.get("x-client")).toBe("c");
  expect(rec!.headers.get("x-call")).toBe("k");
  expect(rec!.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
  expect(await jsonBody(rec!)).toEqual({ data: { name: "n", workspace: "42" } });
});

test("raw reaches the jobs spec too (merged paths)", async () => {
  srv.use(http.get(`${BASE}/jobs/:gid`, () => HttpResponse.json({ data: { gid: "j1", status: "succeeded" } })));
  const { data } = await client().raw.GET("/jobs/{job_gid}", { params: { path: { job_gid: "j1" } } });
  expect(data?.data.status).toBe("succeeded");
  expect(srv.requests[0]!.href).toBe(`${BASE}/jobs/j1`);
});

test("raw returns {error} for a non-2xx answer instead of throwing", async () => {
  const body = { errors: [{ message: "task: Not a recognized ID: 1", help: "see docs" }] };
  srv.use(http.get(`${BASE}/tasks/:gid`, () => HttpResponse.json(body, { status: 404 })));
  const result = await client().raw.GET("/tasks/{task_gid}", { params: { path: { task_gid: "1" } } });

  expect(result.data).toBeUndefined();
  expect(result.error).toEqual(body);
  expect(result.response.status).toBe(404);
  expect(srv.requests).toHaveLength(1);
});

test("raw calls the token function per request as well", async () => {
  srv.use(http.get(`${BASE}/tasks/:gid`, () => HttpResponse.json({ data: { gid: "1" } })));
  let n = 0;
  const token = jest.fn(() => `rt-${++n}`);
  const asana = client({ token });
  await asana.raw.GET("/tasks/{task_gid}", { params: { path: { task_gid: "1" } } });
  await asana.raw.GET("/tasks/{task_gid}", { params: { path: { task_gid: "2" } } });
  expect(token).toHaveBeenCalledTimes(2);
  expect(srv.requests.map((r) => r.headers.get("authorization"))).toEqual(["Bearer rt-1", "Bearer rt-2"]);
});

test("raw uses the configured baseUrl", async () => {
  srv.use(http.get("http://127.0.0.1:4010/api/1.0/tasks/:gid", () => HttpResponse.json({ data: { gid: "1" } })));
  await client({ baseUrl: "http://127.0.0.1:4010/api/1.0" }).raw.GET("/tasks/{task_gid}", { params: { path: { task_gid: "1" } } });
  expect(srv.requests.map((r) => r.href)).toEqual(["http://127.0.0.1:4010/api/1.0/tasks/1"]);
});

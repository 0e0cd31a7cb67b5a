import { afterAll, afterEach, beforeAll, expect, test } from "@jest/globals";
import { setupServer } from "msw/node";
import { createFakeAsana } from "asana-fetch/testing";

const BASE = "https://app.asana.com/api/1.0";
const fake = createFakeAsana();
const server = setupServer(...fake.handlers);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  fake.reset({ data: true });
  server.resetHandlers();
});
afterAll(() => server.close());

const auth = () => ({ authorization: `Bearer ${fake.token}`, "content-type": "application/json" });

test("handlers serve the fake through the global fetch", async () => {
  const workspace = fake.seed.workspace().gid;
  const created = await fetch(`${BASE}/tasks`, { method: "POST", headers: auth(), body: JSON.stringify({ data: { workspace, name: "via msw" } }) });
  expect(created.status).toBe(201);
  const { data } = await created.json();
  expect(created.headers.get("location")).toBe(`${BASE}/tasks/${data.gid}`);
  const read = await fetch(`${BASE}/tasks/${data.gid}?opt_fields=name`, { headers: auth() });
  expect(await read.json()).toEqual({ data: { gid: data.gid, name: "via msw" } });
  expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /tasks", `GET /tasks/${data.gid}`]);
  expect(fake.requests[0]!.body).toEqual({ data: { workspace, name: "via msw" } });
});

test("errors come through with their status and body", async () => {
  const res = await fetch(`${BASE}/tasks/1`);
  expect(res.status).toBe(401);
  expect((await res.json()).errors[0].message).toBe("Not Authorized");
});

test("the drop fault fails the request like a network error", async () => {
  fake.faults.next(1, { kind: "drop" });
  await expect(fetch(`${BASE}/tasks/1`, { headers: auth() })).rejects.toThrow(TypeError);
  expect((await fetch(`${BASE}/tasks/1`, { headers: auth() })).status).toBe(404);
});

test("handlers are built once and answer for the configured API roots", () => {
  expect(fake.handlers).toBe(fake.handlers);
  const custom = createFakeAsana({ mswBaseUrls: ["https://a.example/api/1.0", "http://localhost:3000/api/1.0"] });
  expect(custom.handlers).toHaveLength(2);
});

import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { request as httpRequest } from "node:http";
import { createFakeAsana } from "asana-fetch/testing";
import { createFakeAsanaServer, type FakeAsanaServer } from "asana-fetch/testing/node";

let server: FakeAsanaServer;
let base: string;

beforeAll(async () => {
  server = createFakeAsanaServer({ token: "loopback-token" });
  base = await server.listen();
});
afterAll(() => server.close());

const auth = { authorization: "Bearer loopback-token" };

describe("node loopback server", () => {
  test("listen resolves to the API base URL on 127.0.0.1 and a free port", () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/1\.0$/);
    expect(new URL(base).port).not.toBe("0");
  });

  test("requests go through fake.handle over real HTTP, bodies both ways", async () => {
    const { fake } = server;
    const workspace = fake.seed.workspace().gid;
    const project = fake.seed.project({ workspace }).gid;
    const res = await fetch(`${base}/tasks`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ data: { projects: [project], name: "over the wire" } }),
    });
    expect(res.status).toBe(201);
    const { data } = await res.json();
    expect(data.name).toBe("over the wire");
    expect(res.headers.get("location")).toBe(`${base}/tasks/${data.gid}`);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-expose-headers")).toBe("Retry-After, Asana-Change, Location");
    const last = fake.requests.at(-1)!;
    expect(last).toMatchObject({ method: "POST", path: "/tasks", body: { data: { projects: [project], name: "over the wire" } } });
    expect(last.headers.authorization).toBe("Bearer loopback-token");

    fake.seed.tasks(3, { projects: [project] });
    const page = await (await fetch(`${base}/projects/${project}/tasks?limit=2`, { headers: auth })).json();
    expect(page.next_page.uri).toBe(`${base}${page.next_page.path}`);
  });

  test("CORS preflight answers 204 with the allowed methods and headers, and is not recorded", async () => {
    const before = server.fake.requests.length;
    const res = await fetch(`${base}/tasks/1`, {
      method: "OPTIONS",
      headers: { origin: "http://localhost:5173", "access-control-request-method": "PUT", "access-control-request-headers": "authorization,content-type,asana-enable" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-methods")).toContain("PUT");
    const allowed = res.headers.get("access-control-allow-headers")!.toLowerCase();
    for (const header of ["authorization", "content-type", "asana-enable", "asana-disable"]) expect(allowed).toContain(header);
    expect(server.fake.requests.length).toBe(before);
  });

  test("429 exposes Retry-After to browsers", async () => {
    server.fake.faults.next(1, { status: 429, retryAfter: 7 });
    const res = await fetch(`${base}/tasks/1`, { headers: auth });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("7");
  });

  test("the drop fault destroys the socket: fetch rejects, node:http sees a hang-up", async () => {
    server.fake.faults.next(2, { kind: "drop" });
    // Node's fetch lives outside jest's realm: compare by name, not instanceof.
    await expect(fetch(`${base}/tasks/1`, { headers: auth })).rejects.toMatchObject({ name: "TypeError", message: "fetch failed" });
    const error = await new Promise<Error>((resolve) => {
      const req = httpRequest(`${base}/tasks/1`, { headers: auth }, () => resolve(new Error("answered")));
      req.on("error", resolve);
      req.end();
    });
    expect((error as NodeJS.ErrnoException).code).toBe("ECONNRESET");
    expect((await fetch(`${base}/tasks/1`, { headers: auth })).status).toBe(404);
  });

  test("non-JSON and truncated faults reach the client as sent", async () => {
    server.fake.faults.next(1, { kind: "non-json" });
    server.fake.faults.next(1, { kind: "truncated" });
    const html = await fetch(`${base}/tasks/1`, { headers: auth });
    expect(html.status).toBe(502);
    expect(await html.text()).toContain("Bad Gateway");
    const cut = await fetch(`${base}/tasks/1`, { headers: auth });
    expect(cut.status).toBe(200);
    await expect(cut.json()).rejects.toMatchObject({ name: "SyntaxError" });
  });
});

describe("server lifecycle", () => {
  test("wraps an existing fake, and close() ends open and pending connections", async () => {
    const fake = createFakeAsana({ latencyMs: 60_000 });
    const own = createFakeAsanaServer(fake);
    expect(own.fake).toBe(fake);
    const url = await own.listen({ host: "127.0.0.1", port: 0 });
    const pending = fetch(`${url}/tasks/1`, { headers: { authorization: `Bearer ${fake.token}` } }).catch((e: unknown) => e);
    while (fake.stats.inFlight.get === 0) await new Promise((r) => setTimeout(r, 5));
    await own.close();
    expect(await pending).toMatchObject({ name: "TypeError", message: "fetch failed" });
    // The aborted request's latency timer was cleared along with it.
    while (fake.stats.inFlight.get > 0) await new Promise((r) => setTimeout(r, 5));
    await own.close(); // closing twice is harmless
  });
});

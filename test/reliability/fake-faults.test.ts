// The reliability rules end to end, against the stateful fake Asana and its fault injection.
import { afterEach, describe, expect, test } from "@jest/globals";
import { createAsanaClient, ServerError, type AsanaClientOptions } from "../../src/index.ts";
import { createFakeAsana, type FakeAsana } from "../../src/testing/index.ts";
import { createFakeAsanaServer, type FakeAsanaServer } from "../../src/testing/node.ts";

const quick = { baseDelayMs: 1, maxDelayMs: 5 };

function world(fake: FakeAsana, tasks = 0) {
  const workspace = fake.seed.workspace({ name: "Acme" }).gid;
  const project = fake.seed.project({ workspace, name: "Launch" }).gid;
  const gids = tasks ? fake.seed.tasks(tasks, { projects: [project] }) : [];
  return { workspace, project, gids };
}

const client = (fake: FakeAsana, options: Partial<AsanaClientOptions> = {}) =>
  createAsanaClient({ token: fake.token, fetch: fake.fetch, retry: quick, onWarning: () => {}, ...options });

let server: FakeAsanaServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("no create happens twice", () => {
  test("POST answered 500: one request, ServerError, and no task was created", async () => {
    const fake = createFakeAsana();
    const { workspace } = world(fake);
    const before = fake.state.tasks.size;
    fake.faults.next(1, { status: 500 });
    await expect(client(fake).tasks.create({ name: "once", workspace })).rejects.toBeInstanceOf(ServerError);
    expect(fake.requests.filter((r) => r.method === "POST")).toHaveLength(1);
    expect(fake.state.tasks.size).toBe(before);
  });

  test("Asana processed the POST, then the edge answered 502: the fake holds exactly one new task", async () => {
    const fake = createFakeAsana();
    const { workspace } = world(fake);
    const before = fake.state.tasks.size;
    const edge = async (request: Request) => {
      const response = await fake.fetch(request);
      return request.method === "POST" ? new Response("<html>502 Bad Gateway</html>", { status: 502 }) : response;
    };
    const asana = client(fake, { fetch: edge });
    await expect(asana.tasks.create({ name: "exactly once", workspace })).rejects.toBeInstanceOf(ServerError);
    await expect(asana.tasks.duplicate([...fake.state.tasks.keys()][0] ?? "0")).rejects.toBeInstanceOf(ServerError);
    expect(fake.requests.filter((r) => r.method === "POST")).toHaveLength(2);
    expect([...fake.state.tasks.values()].filter((t) => t.name === "exactly once")).toHaveLength(1);
    expect(fake.state.jobs.size).toBe(1);
    expect(fake.state.tasks.size).toBe(before + 1);
  });

  test("POST answered 429 is retried after Retry-After: exactly one task, created by the second request", async () => {
    const fake = createFakeAsana();
    const { workspace } = world(fake);
    fake.faults.next(1, { status: 429, retryAfter: 0 });
    const task = await client(fake).tasks.create({ name: "after the 429", workspace });
    expect(fake.requests.filter((r) => r.method === "POST")).toHaveLength(2);
    expect([...fake.state.tasks.values()].filter((t) => t.name === "after the 429").map((t) => t.gid)).toEqual([task.gid]);
  });

  test("GET, PUT and DELETE ride out 503, dropped connections and cut-off bodies", async () => {
    const fake = createFakeAsana();
    const { gids } = world(fake, 3);
    const asana = client(fake);
    fake.faults.next(1, { status: 503 });
    fake.faults.next(1, { kind: "drop" });
    fake.faults.next(1, { kind: "truncated" });
    expect((await asana.tasks.get(gids[0]!)).gid).toBe(gids[0]);
    fake.faults.next(2, { kind: "drop" });
    expect((await asana.tasks.update(gids[1]!, { name: "renamed" })).name).toBe("renamed");
    fake.faults.next(1, { status: 504 });
    await asana.tasks.delete(gids[2]!);
    expect(fake.state.tasks.has(gids[2]!)).toBe(false);
    expect(fake.requests.map((r) => r.method)).toEqual(["GET", "GET", "GET", "GET", "PUT", "PUT", "PUT", "DELETE", "DELETE"]);
  });
});

describe("in-flight caps, counted at the fake", () => {
  test("never more than 50 GETs and 15 writes in flight; both caps are reached", async () => {
    const fake = createFakeAsana({ latencyMs: 15 });
    const { gids } = world(fake, 200);
    const asana = client(fake);
    await Promise.all([
      ...gids.map((gid) => asana.tasks.get(gid)),
      ...gids.slice(0, 60).map((gid) => asana.tasks.update(gid, { notes: "n" })),
    ]);
    expect(fake.stats.maxInFlight).toEqual({ get: 50, write: 15 });
    expect(fake.stats.total).toBe(260);
    expect(fake.stats.rejected429).toBe(0);
  });

  test("without the limiter the same burst exceeds Asana's caps (the check above can fail)", async () => {
    const fake = createFakeAsana({ latencyMs: 15 });
    const { gids } = world(fake, 80);
    await Promise.all(gids.map((gid) => client(fake, { concurrency: false }).tasks.get(gid)));
    expect(fake.stats.maxInFlight.get).toBeGreaterThan(50);
  });
});

describe("soak", () => {
  test("10,000 tasks paginated over loopback HTTP through 20% faults arrive exactly once and in order", async () => {
    const fake = createFakeAsana();
    const { project, gids } = world(fake, 10_000);
    server = createFakeAsanaServer(fake);
    const baseUrl = await server.listen({ port: 0 });
    fake.faults.rate(
      0.2,
      [{ status: 429, retryAfter: 0 }, { status: 503 }, { kind: "drop" }, { kind: "truncated" }, { status: 502 }, { kind: "non-json" }],
      { seed: 7 },
    );
    const asana = createAsanaClient({ token: fake.token, baseUrl, retry: { maxRetries: 30, ...quick }, onWarning: () => {} });

    const seen: string[] = [];
    for await (const task of asana.tasks.forProject(project, { limit: 100 })) seen.push(task.gid);

    expect(seen).toHaveLength(10_000);
    expect(seen).toEqual(gids);
    const faults = fake.stats.total - 100;
    expect(faults).toBeGreaterThan(10); // faults really were injected...
    expect(fake.requests.filter((r) => r.path.endsWith("/tasks")).length).toBe(fake.stats.total); // ...and only list requests were sent
  }, 60_000);
});

import { describe, expect, test } from "@jest/globals";
import { world } from "./helpers.ts";

const names = (body: { data: { name: string }[] }) => body.data.map((t) => t.name);
const at = (minute: number) => new Date(Date.UTC(2024, 0, 1, 0, minute)).toISOString();

function searchWorld(options?: Parameters<typeof world>[0]) {
  const w = world(options);
  const { fake, project, user, workspace } = w;
  const other = fake.seed.project({ workspace, name: "Other" }).gid;
  const bob = fake.seed.user({ name: "Bob", workspace }).gid;
  fake.seed.task({ projects: [project], name: "Alpha report", notes: "quarterly", assignee: user, created_at: at(1), modified_at: at(50), due_on: "2024-03-01" });
  fake.seed.task({ projects: [project], name: "Beta", notes: "the REPORT is late", assignee: bob, created_at: at(2), modified_at: at(40), completed: true, completed_at: at(30) });
  fake.seed.task({ projects: [other], name: "Gamma", created_at: at(3), modified_at: at(60), due_on: "2024-02-01", num_likes: 5 });
  fake.seed.task({ projects: [other], name: "Delta", assignee: user, created_at: at(4), modified_at: at(10), completed: true, completed_at: at(20), num_likes: 2 });
  const elsewhere = fake.seed.workspace({ name: "Elsewhere" }).gid;
  fake.seed.task({ workspace: elsewhere, name: "Alpha elsewhere", created_at: at(5) });
  return { ...w, other, bob };
}

describe("search", () => {
  test("default: compact records sorted by modified_at descending, no next_page", async () => {
    const { call, workspace } = searchWorld();
    const res = await call("GET", `/workspaces/${workspace}/tasks/search`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(["data"]);
    expect(names(res.body)).toEqual(["Gamma", "Alpha report", "Beta", "Delta"]);
    expect(res.body.data[0]).toEqual({ gid: expect.any(String), name: "Gamma", resource_type: "task", resource_subtype: "default_task" });
  });

  test("text matches name and notes, case-insensitively", async () => {
    const { call, workspace } = searchWorld();
    const res = await call("GET", `/workspaces/${workspace}/tasks/search?text=report&sort_by=created_at&sort_ascending=true`);
    expect(names(res.body)).toEqual(["Alpha report", "Beta"]);
  });

  test("completed, assignee.any and projects.any filter (comma-separated gids)", async () => {
    const { call, workspace, user, bob, project, other } = searchWorld();
    const search = async (q: string) => names((await call("GET", `/workspaces/${workspace}/tasks/search?sort_by=created_at&sort_ascending=true&${q}`)).body);
    expect(await search("completed=true")).toEqual(["Beta", "Delta"]);
    expect(await search("completed=false")).toEqual(["Alpha report", "Gamma"]);
    expect(await search(`assignee.any=${user}`)).toEqual(["Alpha report", "Delta"]);
    expect(await search(`assignee.any=${user},${bob}`)).toEqual(["Alpha report", "Beta", "Delta"]);
    expect(await search(`projects.any=${other}`)).toEqual(["Gamma", "Delta"]);
    expect(await search(`projects.any=${project}&completed=false`)).toEqual(["Alpha report"]);
  });

  test("sort_by created_at, completed_at, due_date and likes, either direction", async () => {
    const { call, workspace } = searchWorld();
    const search = async (q: string) => names((await call("GET", `/workspaces/${workspace}/tasks/search?${q}`)).body);
    expect(await search("sort_by=created_at")).toEqual(["Delta", "Gamma", "Beta", "Alpha report"]);
    expect(await search("sort_by=created_at&sort_ascending=true")).toEqual(["Alpha report", "Beta", "Gamma", "Delta"]);
    // Tasks without the value come last either way.
    expect(await search("sort_by=completed_at")).toEqual(["Beta", "Delta", "Gamma", "Alpha report"]);
    expect(await search("sort_by=due_date&sort_ascending=true")).toEqual(["Gamma", "Alpha report", "Beta", "Delta"]);
    expect(await search("sort_by=likes")).toEqual(["Gamma", "Delta", "Beta", "Alpha report"]);
    const bad = await call("GET", `/workspaces/${workspace}/tasks/search?sort_by=name`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].message).toMatch(/^sort_by: /);
  });

  test("created_at.before and created_at.after are strict, at millisecond precision", async () => {
    const { call, fake } = world();
    const ws = fake.seed.workspace().gid;
    const t = Date.parse("2024-05-05T05:05:05.005Z");
    for (const [name, ms] of [["a", t - 1], ["b", t], ["c", t], ["d", t + 1]] as const) {
      fake.seed.task({ workspace: ws, name, created_at: new Date(ms).toISOString() });
    }
    const search = async (q: string) => names((await call("GET", `/workspaces/${ws}/tasks/search?sort_by=created_at&sort_ascending=true&${q}`)).body);
    expect(await search("created_at.before=2024-05-05T05:05:05.005Z")).toEqual(["a"]);
    expect(await search("created_at.before=2024-05-05T05:05:05.006Z")).toEqual(["a", "b", "c"]);
    expect(await search("created_at.after=2024-05-05T05:05:05.005Z")).toEqual(["d"]);
    expect(await search("created_at.after=2024-05-05T05:05:05.004Z")).toEqual(["b", "c", "d"]);
    expect((await call("GET", `/workspaces/${ws}/tasks/search?created_at.before=yesterday`)).status).toBe(400);
  });

  test("tasks sharing one created_at come in a stable order (by gid, in the sort direction)", async () => {
    const { call, fake } = world();
    const ws = fake.seed.workspace().gid;
    const same = fake.seed.tasks(5, { workspace: ws, created_at: "2024-01-01T00:00:00.000Z" });
    const desc = await call("GET", `/workspaces/${ws}/tasks/search?sort_by=created_at&opt_fields=created_at`);
    expect(desc.body.data.map((t: { gid: string }) => t.gid)).toEqual([...same].reverse());
    expect(desc.body.data[0]).toEqual({ gid: same[4], created_at: "2024-01-01T00:00:00.000Z" });
    const asc = await call("GET", `/workspaces/${ws}/tasks/search?sort_by=created_at&sort_ascending=true&limit=2`);
    expect(asc.body.data.map((t: { gid: string }) => t.gid)).toEqual(same.slice(0, 2));
  });

  test("limit defaults to 100 and may not exceed it; there is never a next_page", async () => {
    const { call, fake } = world();
    const ws = fake.seed.workspace().gid;
    fake.seed.tasks(150, { workspace: ws });
    const res = await call("GET", `/workspaces/${ws}/tasks/search`);
    expect(res.body.data).toHaveLength(100);
    expect(res.body.next_page).toBeUndefined();
    expect((await call("GET", `/workspaces/${ws}/tasks/search?limit=7`)).body.data).toHaveLength(7);
    expect((await call("GET", `/workspaces/${ws}/tasks/search?limit=101`)).status).toBe(400);
    expect((await call("GET", `/workspaces/${ws}/tasks/search?limit=0`)).status).toBe(400);
  });

  test("paging by created_at.before reaches every task exactly once", async () => {
    const { call, fake } = world();
    const ws = fake.seed.workspace().gid;
    const base = Date.parse("2024-01-01T00:00:00Z");
    // Three tasks per millisecond, so page boundaries fall inside shared timestamps.
    const all = fake.seed.tasks(250, { workspace: ws, created_at: (i) => new Date(base + Math.floor(i / 3)).toISOString() });
    const seen = new Set<string>();
    let before: string | undefined;
    for (let guard = 0; guard < 50; guard++) {
      const q = `sort_by=created_at&limit=20&opt_fields=created_at${before ? `&created_at.before=${before}` : ""}`;
      const page: { gid: string; created_at: string }[] = (await call("GET", `/workspaces/${ws}/tasks/search?${q}`)).body.data;
      for (const task of page) seen.add(task.gid);
      if (page.length < 20) break;
      before = new Date(Date.parse(page[page.length - 1]!.created_at) + 1).toISOString();
    }
    expect(seen.size).toBe(all.length);
  });

  test("search is premium only (402) and 404s for an unknown workspace", async () => {
    const { call, workspace } = world({ premium: false });
    const res = await call("GET", `/workspaces/${workspace}/tasks/search`);
    expect(res.status).toBe(402);
    expect(res.body.errors[0].message).toMatch(/premium/);
    expect((await call("GET", "/workspaces/5/tasks/search")).body.errors[0].message).toBe("workspace: Unknown object: 5");
  });

  test("only the workspace's tasks are searched, subtasks included", async () => {
    const { call, fake, workspace } = searchWorld();
    const parent = fake.seed.task({ workspace, name: "P", created_at: at(0) }).gid;
    fake.seed.task({ parent, name: "Alpha sub", created_at: at(0) });
    const res = await call("GET", `/workspaces/${workspace}/tasks/search?text=alpha&sort_by=created_at&sort_ascending=true`);
    expect(names(res.body)).toEqual(["Alpha sub", "Alpha report"]);
    const top = await call("GET", `/workspaces/${workspace}/tasks/search?text=alpha&is_subtask=false`);
    expect(names(top.body)).toEqual(["Alpha report"]);
  });

  test("sections, tags, followers, created_by and assigned_by take .any/.not/.all; users may be \"me\" or emails; is_blocked and is_blocking", async () => {
    const { call, fake, workspace, project, user, bob } = searchWorld();
    const doing = fake.seed.section({ project, name: "Doing" }).gid;
    const [red, blue] = [fake.seed.tag({ workspace }).gid, fake.seed.tag({ workspace }).gid];
    const byName = (name: string) => [...fake.state.tasks.values()].find((t) => t.name === name)!.gid;
    await call("POST", `/tasks/${byName("Alpha report")}/addProject`, { data: { project, section: doing } });
    await call("POST", `/tasks/${byName("Alpha report")}/addTag`, { data: { tag: red } });
    await call("POST", `/tasks/${byName("Gamma")}/addTag`, { data: { tag: red } });
    await call("POST", `/tasks/${byName("Gamma")}/addTag`, { data: { tag: blue } });
    await call("POST", `/tasks/${byName("Beta")}/addFollowers`, { data: { followers: ["me"] } });
    // Gamma (open) depends on Alpha report (open) and Beta (completed); Delta depends on Beta only.
    await call("POST", `/tasks/${byName("Gamma")}/addDependencies`, { data: { dependencies: [byName("Alpha report"), byName("Beta")] } });
    await call("POST", `/tasks/${byName("Delta")}/addDependencies`, { data: { dependencies: [byName("Beta")] } });
    const made = (await call("POST", "/tasks", { data: { workspace, name: "Made by me", assignee: bob } })).body.data.gid;
    const search = async (q: string) => names((await call("GET", `/workspaces/${workspace}/tasks/search?sort_by=created_at&sort_ascending=true&${q}`)).body);
    expect(await search(`sections.any=${doing}`)).toEqual(["Alpha report"]);
    expect(await search(`sections.not=${doing}&projects.any=${project}`)).toEqual(["Beta"]);
    expect(await search(`tags.all=${red},${blue}`)).toEqual(["Gamma"]);
    expect(await search(`tags.any=${red}&tags.not=${blue}`)).toEqual(["Alpha report"]);
    expect(await search("followers.any=me")).toEqual(["Beta"]);
    expect(await search(`followers.not=ann@example.com&assignee.any=${user}`)).toEqual(["Alpha report", "Delta"]);
    expect(await search(`created_by.any=${user}`)).toEqual(["Alpha report", "Beta", "Gamma", "Delta", "Made by me"]);
    expect(await search("assigned_by.any=me&assignee.any=" + bob)).toEqual(["Beta", "Made by me"]);
    expect(await search("is_blocked=true")).toEqual(["Gamma"]);
    expect(await search("is_blocking=true")).toEqual(["Alpha report"]);
    expect(fake.state.tasks.get(made)!.created_by).toBe(user);
  });
});

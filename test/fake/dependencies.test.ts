import { describe, expect, test } from "@jest/globals";
import { gidsOf, messageOf, world } from "./helpers.ts";

function linked() {
  const w = world();
  const [a, b, c, d] = w.fake.seed.tasks(4, { workspace: w.workspace, name: (i) => "abcd"[i]! });
  return { ...w, a: a!, b: b!, c: c!, d: d! };
}

describe("dependencies and dependents", () => {
  test("addDependencies answers {data: {}} and links both ways: A's dependencies, B's dependents, the records and the lists", async () => {
    const { call, fake, a, b, c } = linked();
    const res = await call("POST", `/tasks/${a}/addDependencies`, { data: { dependencies: [b, c] } });
    expect({ status: res.status, body: res.body }).toEqual({ status: 200, body: { data: {} } });
    expect(fake.state.tasks.get(a)).toMatchObject({ dependencies: [b, c], dependents: [] });
    expect(fake.state.tasks.get(b)).toMatchObject({ dependencies: [], dependents: [a] });
    expect(gidsOf(await call("GET", `/tasks/${a}/dependencies`))).toEqual([b, c]);
    expect(gidsOf(await call("GET", `/tasks/${b}/dependents`))).toEqual([a]);
    expect((await call("GET", `/tasks/${c}/dependents`)).body).toEqual({ data: [{ gid: a, name: "a", resource_type: "task", resource_subtype: "default_task" }] });
    const record = (await call("GET", `/tasks/${a}`)).body.data;
    expect(record.dependencies).toEqual([{ gid: b, resource_type: "task" }, { gid: c, resource_type: "task" }]);
    expect(record.dependents).toEqual([]);
    expect((await call("GET", `/tasks/${b}?opt_fields=dependents.name,dependencies`)).body.data).toEqual({ gid: b, dependents: [{ gid: a, name: "a" }], dependencies: [] });
  });

  test("addDependents is the same link seen from the other end; removing from either end undoes both sides", async () => {
    const { call, fake, a, b, c } = linked();
    await call("POST", `/tasks/${b}/addDependents`, { data: { dependents: [a] } });
    await call("POST", `/tasks/${a}/addDependencies`, { data: { dependencies: [c] } });
    expect(fake.state.tasks.get(a)!.dependencies).toEqual([b, c]);
    expect(fake.state.tasks.get(b)!.dependents).toEqual([a]);
    const removed = await call("POST", `/tasks/${a}/removeDependencies`, { data: { dependencies: [b] } });
    expect(removed.body).toEqual({ data: {} });
    expect(fake.state.tasks.get(b)!.dependents).toEqual([]);
    await call("POST", `/tasks/${c}/removeDependents`, { data: { dependents: [a] } });
    expect(fake.state.tasks.get(a)!.dependencies).toEqual([]);
    expect(fake.state.tasks.get(c)!.dependents).toEqual([]);
  });

  test("repeating an add or removing an absent link leaves the same state", async () => {
    const { call, fake, a, b, c } = linked();
    for (let i = 0; i < 2; i++) expect((await call("POST", `/tasks/${a}/addDependencies`, { data: { dependencies: [b, b] } })).status).toBe(200);
    await call("POST", `/tasks/${b}/addDependents`, { data: { dependents: [a] } });
    expect(fake.state.tasks.get(a)!.dependencies).toEqual([b]);
    expect(fake.state.tasks.get(b)!.dependents).toEqual([a]);
    expect((await call("POST", `/tasks/${a}/removeDependencies`, { data: { dependencies: [c] } })).status).toBe(200);
    expect((await call("POST", `/tasks/${a}/removeDependents`, { data: { dependents: [b] } })).status).toBe(200);
    expect(fake.state.tasks.get(a)!.dependencies).toEqual([b]);
  });

  test("a self-dependency, an unknown gid, another workspace or a bad body answer 400, all or nothing", async () => {
    const { call, fake, a, b } = linked();
    const elsewhere = fake.seed.task({ workspace: fake.seed.workspace().gid }).gid;
    const cases: [string, unknown, string][] = [
      ["addDependencies", { dependencies: [b, a] }, `dependencies: A task cannot depend on itself: ${a}`],
      ["addDependents", { dependents: [a] }, `dependents: A task cannot depend on itself: ${a}`],
      ["addDependencies", { dependencies: [b, "404"] }, "dependencies: Unknown object: 404"],
      ["removeDependencies", { dependencies: ["404"] }, "dependencies: Unknown object: 404"],
      ["addDependents", { dependents: [elsewhere] }, `dependents: ${elsewhere} is not in workspace ${fake.state.tasks.get(a)!.workspace}`],
      ["addDependencies", {}, "dependencies: Missing input"],
      ["addDependencies", { dependencies: 7 }, "dependencies: Value is not an array of gids: 7"],
      ["addDependencies", { dependents: [b] }, "dependents: Unknown property for addDependencies"],
    ];
    for (const [action, data, message] of cases) {
      const res = await call("POST", `/tasks/${a}/${action}`, { data });
      expect({ action, status: res.status, message: messageOf(res) }).toEqual({ action, status: 400, message });
    }
    expect(fake.state.tasks.get(a)).toMatchObject({ dependencies: [], dependents: [] });
    expect(fake.state.tasks.get(b)).toMatchObject({ dependencies: [], dependents: [] });
    expect((await call("POST", "/tasks/404/addDependencies", { data: { dependencies: [a] } })).status).toBe(404);
    expect((await call("GET", "/tasks/404/dependents")).body.errors[0].message).toBe("task: Unknown object: 404");
  });

  test("a task has at most 30 dependencies and dependents combined, on either end of a link", async () => {
    const { call, fake, workspace, a } = linked();
    const many = fake.seed.tasks(31, { workspace });
    await call("POST", `/tasks/${a}/addDependencies`, { data: { dependencies: many.slice(0, 20) } });
    await call("POST", `/tasks/${a}/addDependents`, { data: { dependents: many.slice(20, 29) } });
    const over = await call("POST", `/tasks/${a}/addDependencies`, { data: { dependencies: many.slice(29, 31) } });
    expect({ status: over.status, message: messageOf(over) }).toEqual({
      status: 400,
      message: `dependencies: A task can have at most 30 dependencies and dependents combined; ${a} would have 31`,
    });
    expect(fake.state.tasks.get(a)!.dependencies).toHaveLength(20);
    expect((await call("POST", `/tasks/${a}/addDependents`, { data: { dependents: [many[29]] } })).status).toBe(200);
    // a now has 30: another task cannot link to it either.
    const full = await call("POST", `/tasks/${many[30]}/addDependencies`, { data: { dependencies: [a] } });
    expect(messageOf(full)).toBe(`dependencies: ${a} already has 30 dependencies and dependents combined, the most a task can have`);
    // Re-adding an existing link is not a new one.
    expect((await call("POST", `/tasks/${a}/addDependencies`, { data: { dependencies: many.slice(0, 20) } })).status).toBe(200);
  });

  test("deleting a task removes it from the others' dependencies and dependents; followers stay", async () => {
    const { call, fake, a, b, c, user } = linked();
    await call("POST", `/tasks/${b}/addDependencies`, { data: { dependencies: [a] } });
    await call("POST", `/tasks/${b}/addDependents`, { data: { dependents: [c] } });
    await call("POST", `/tasks/${c}/addFollowers`, { data: { followers: [user] } });
    await call("DELETE", `/tasks/${b}`);
    expect(fake.state.tasks.get(a)!.dependents).toEqual([]);
    expect(fake.state.tasks.get(c)).toMatchObject({ dependencies: [], followers: [user] });
    expect((await call("GET", `/tasks/${c}/dependencies`)).body).toEqual({ data: [] });
  });
});

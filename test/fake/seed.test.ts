import { describe, expect, test } from "@jest/globals";
import { createFakeAsana } from "../../src/testing/index.ts";

describe("seed", () => {
  test("tasks(count, fields) takes values or functions of the index and keeps project order", () => {
    const fake = createFakeAsana({ now: () => Date.parse("2024-01-01T00:00:00Z") });
    const workspace = fake.seed.workspace().gid;
    const project = fake.seed.project({ workspace }).gid;
    const user = fake.seed.user({ workspace }).gid;
    const gids = fake.seed.tasks(4, {
      projects: [project],
      name: (i) => `n${i}`,
      assignee: (i) => (i % 2 === 0 ? user : null),
      completed: (i) => i === 3,
      created_at: (i) => `2023-01-0${i + 1}T00:00:00Z`,
    });
    expect(fake.state.projectTasks.get(project)).toEqual(gids);
    expect(gids.map((g) => fake.state.tasks.get(g)!.name)).toEqual(["n0", "n1", "n2", "n3"]);
    expect(fake.state.tasks.get(gids[0]!)).toMatchObject({ assignee: user, completed: false, completed_at: null, created_at: "2023-01-01T00:00:00.000Z", workspace });
    expect(fake.state.tasks.get(gids[1]!)!.assignee).toBeNull();
    // A completed task without completed_at is completed when it was created.
    expect(fake.state.tasks.get(gids[3]!)).toMatchObject({ completed: true, completed_at: "2023-01-04T00:00:00.000Z" });
  });

  test("defaults: names, a default workspace, created_at from the clock", () => {
    const fake = createFakeAsana({ now: () => Date.parse("2024-02-03T04:05:06.007Z") });
    const [a] = fake.seed.tasks(1);
    const task = fake.state.tasks.get(a!)!;
    expect(task).toMatchObject({ name: "Task 1", created_at: "2024-02-03T04:05:06.007Z", modified_at: "2024-02-03T04:05:06.007Z" });
    expect(fake.state.workspaces.get(task.workspace)?.name).toBe("Default workspace");
    const sub = fake.seed.task({ parent: a!, due_at: "2024-05-05T10:00:00Z" }).gid;
    expect(fake.state.tasks.get(sub)).toMatchObject({ workspace: task.workspace, parent: a, due_on: "2024-05-05" });
    expect(fake.state.subtasks.get(a!)).toEqual([sub]);
  });

  test("unknown references throw at once", () => {
    const fake = createFakeAsana();
    expect(() => fake.seed.project({ workspace: "1" })).toThrow(/unknown workspace "1"/);
    expect(() => fake.seed.task({ projects: ["2"] })).toThrow(/unknown project "2"/);
    expect(() => fake.seed.task({ assignee: "3" })).toThrow(/unknown user "3"/);
    expect(() => fake.seed.task({ created_at: "soon" })).toThrow(/created_at/);
    expect(() => fake.seed.tasks(-1)).toThrow(RangeError);
  });

  test("10,000 tasks seed into one project", () => {
    const fake = createFakeAsana();
    const workspace = fake.seed.workspace().gid;
    const project = fake.seed.project({ workspace }).gid;
    const gids = fake.seed.tasks(10_000, { projects: [project] });
    expect(new Set(gids).size).toBe(10_000);
    expect(fake.state.projectTasks.get(project)).toHaveLength(10_000);
  });

  test("options are checked", () => {
    expect(() => createFakeAsana({ token: " " })).toThrow(TypeError);
    expect(() => createFakeAsana({ latencyMs: -1 })).toThrow(RangeError);
    expect(() => createFakeAsana({ quota: { requests: Number.NaN, windowMs: 1 } })).toThrow(RangeError);
  });
});

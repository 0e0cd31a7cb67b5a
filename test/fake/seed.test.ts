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

  test("section appends a section; user returns its user task list; the first user is \"me\"", () => {
    const fake = createFakeAsana();
    const workspace = fake.seed.workspace().gid;
    const project = fake.seed.project({ workspace }).gid;
    const first = fake.state.projects.get(project)!.section;
    expect(fake.state.sections.get(first)).toMatchObject({ name: "Untitled section", project });
    const doing = fake.seed.section({ project, name: "Doing" }).gid;
    const next = fake.seed.section({ project }).gid;
    expect(fake.state.projects.get(project)!.sections).toEqual([first, doing, next]);
    expect(fake.state.sections.get(next)!.name).toBe("Section 3");
    expect(fake.state.sectionTasks.get(doing)).toEqual([]);
    expect(() => fake.seed.section({ project: "1" })).toThrow(/unknown project "1"/);

    const ann = fake.seed.user({ workspace, email: "ann@example.com" });
    const bo = fake.seed.user({ workspace, email: "bo@example.com" });
    expect(fake.state.userTaskLists.get(ann.userTaskList)).toEqual({ gid: ann.userTaskList, name: "My Tasks", owner: ann.gid, workspace });
    expect(fake.seed.userTaskList({ user: bo.gid }).gid).toBe(bo.userTaskList);
    const task = fake.seed.task({ workspace, assignee: "me", followers: ["BO@example.com", "me"] }).gid;
    expect(fake.state.tasks.get(task)).toMatchObject({ assignee: ann.gid, followers: [bo.gid, ann.gid], created_by: ann.gid, assigned_by: ann.gid });
    expect(() => fake.seed.task({ assignee: "nobody@example.com" })).toThrow(/unknown user "nobody@example.com"/);
  });

  test("task takes sections, dependencies, custom fields and a custom id; a seed that throws stores nothing", () => {
    const fake = createFakeAsana();
    const workspace = fake.seed.workspace().gid;
    const project = fake.seed.project({ workspace }).gid;
    const doing = fake.seed.section({ project, name: "Doing" }).gid;
    const field = fake.seed.customField({ workspace, type: "number" }).gid;
    const blocker = fake.seed.task({ workspace }).gid;
    const task = fake.seed.task({ sections: [doing], dependencies: [blocker], custom_fields: { [field]: 8 }, custom_id: "ENG-7" }).gid;
    expect(fake.state.tasks.get(task)).toMatchObject({ workspace, projects: [project], memberships: [{ project, section: doing }], dependencies: [blocker], custom_fields: { [field]: 8 }, custom_id: "ENG-7" });
    expect(fake.state.tasks.get(blocker)!.dependents).toEqual([task]);
    expect(fake.state.sectionTasks.get(doing)).toEqual([task]);

    const before = fake.state.tasks.size;
    expect(() => fake.seed.task({ workspace, custom_fields: { [field]: "8" } })).toThrow(/seed: custom_fields\.\d+: Value is not a number/);
    expect(() => fake.seed.task({ workspace, dependencies: ["404"] })).toThrow(/unknown task "404"/);
    expect(() => fake.seed.task({ workspace, custom_id: "ENG-7" })).toThrow(/already/);
    const many = fake.seed.tasks(30, { workspace });
    expect(() => fake.seed.task({ workspace, dependencies: [...many, blocker] })).toThrow(/at most 30 dependencies and dependents combined/);
    expect(fake.state.tasks.size).toBe(before + 30);
    expect(fake.state.sectionTasks.get(doing)).toEqual([task]);
    expect(fake.state.tasks.get(blocker)!.dependents).toEqual([task]);
  });

  test("10,000 tasks seed into a middle section, keeping the project in section order", () => {
    const fake = createFakeAsana();
    const workspace = fake.seed.workspace().gid;
    const project = fake.seed.project({ workspace }).gid;
    const first = fake.state.projects.get(project)!.section;
    const middle = fake.seed.section({ project }).gid;
    const last = fake.seed.section({ project }).gid;
    const tail = fake.seed.tasks(3, { sections: [last] });
    const head = fake.seed.tasks(2, { sections: [first] });
    const gids = fake.seed.tasks(10_000, { sections: [middle] });
    expect(fake.state.sectionTasks.get(middle)).toEqual(gids);
    expect(fake.state.projectTasks.get(project)).toEqual([...head, ...gids, ...tail]);
  });

  test("reset({ data: true }) clears every map, the new indexes too", () => {
    const fake = createFakeAsana();
    const workspace = fake.seed.workspace().gid;
    fake.seed.user({ workspace });
    fake.seed.customField({ workspace, type: "enum", options: ["a"] });
    fake.seed.task({ workspace, custom_id: "X-1", tags: [fake.seed.tag({ workspace }).gid] });
    fake.reset({ data: true });
    for (const [name, map] of Object.entries(fake.state)) expect({ name, size: (map as Map<string, unknown>).size }).toEqual({ name, size: 0 });
  });
});

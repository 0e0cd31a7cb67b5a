import { describe, expect, test } from "@jest/globals";
import { gidsOf, messageOf, sectionedWorld, world } from "./helpers.ts";

describe("sections and memberships", () => {
  test("a project lists its sections in order, the tasks of each in order; a section lists only its own", async () => {
    const { call, fake, project, untitled, doing, done } = sectionedWorld();
    const d1 = fake.seed.task({ sections: [done], name: "d1" }).gid;
    const u1 = fake.seed.task({ sections: [untitled], name: "u1" }).gid;
    const g1 = fake.seed.task({ sections: [doing], name: "g1" }).gid;
    const u2 = fake.seed.task({ sections: [untitled], name: "u2" }).gid;
    const g2 = fake.seed.task({ sections: [doing], name: "g2" }).gid;

    expect(gidsOf(await call("GET", `/projects/${project}/tasks`))).toEqual([u1, u2, g1, g2, d1]);
    expect(gidsOf(await call("GET", `/tasks?project=${project}`))).toEqual([u1, u2, g1, g2, d1]);
    expect(gidsOf(await call("GET", `/sections/${doing}/tasks`))).toEqual([g1, g2]);
    expect(gidsOf(await call("GET", `/tasks?section=${doing}`))).toEqual([g1, g2]);
    expect(gidsOf(await call("GET", `/tasks?section=${untitled}`))).toEqual([u1, u2]);
    expect(fake.state.projects.get(project)).toMatchObject({ section: untitled, sections: [untitled, doing, done] });
    expect(fake.state.sectionTasks.get(done)).toEqual([d1]);
    expect(fake.state.projectTasks.get(project)).toEqual([u1, u2, g1, g2, d1]);

    const missing = await call("GET", "/sections/404/tasks");
    expect(missing).toMatchObject({ status: 404, body: { errors: [{ message: "section: Unknown object: 404" }] } });
    expect(messageOf(await call("GET", "/tasks?section=404"))).toBe("section: Unknown object: 404");
  });

  test("memberships: one {project, section} per project, compact, and selectable through opt_fields", async () => {
    const { call, fake, workspace, project, doing } = sectionedWorld();
    const other = fake.seed.project({ workspace, name: "Ops" }).gid;
    const otherSection = fake.state.projects.get(other)!.section;
    const gid = fake.seed.task({ sections: [doing], projects: [other] }).gid;
    const full = (await call("GET", `/tasks/${gid}`)).body.data;
    expect(full.memberships).toEqual([
      { project: { gid: project, resource_type: "project", name: "Launch" }, section: { gid: doing, resource_type: "section", name: "Doing" } },
      { project: { gid: other, resource_type: "project", name: "Ops" }, section: { gid: otherSection, resource_type: "section", name: "Untitled section" } },
    ]);
    expect(full.projects.map((p: { gid: string }) => p.gid)).toEqual([project, other]);
    const picked = (await call("GET", `/tasks/${gid}?opt_fields=memberships.section.name,memberships.project`)).body.data;
    expect(picked).toEqual({
      gid,
      memberships: [
        { section: { gid: doing, name: "Doing" }, project: { gid: project, resource_type: "project" } },
        { section: { gid: otherSection, name: "Untitled section" }, project: { gid: other, resource_type: "project" } },
      ],
    });
    const bare = (await call("GET", `/tasks/${gid}?opt_fields=memberships`)).body.data;
    expect(bare.memberships[0]).toEqual({ project: { gid: project, resource_type: "project" }, section: { gid: doing, resource_type: "section" } });
  });

  test("a task added without a section goes to the end of the project: the end of its last section", async () => {
    const { call, fake, project, workspace, doing, done } = sectionedWorld();
    const seeded = fake.seed.task({ projects: [project] }).gid;
    const created = (await call("POST", "/tasks", { data: { workspace, projects: [project] } })).body.data.gid;
    expect(fake.state.sectionTasks.get(done)).toEqual([seeded, created]);
    // memberships on create pick the section (references as a GET answers them are taken too).
    const placed = await call("POST", "/tasks", { data: { memberships: [{ project, section: doing }] } });
    expect(placed.status).toBe(201);
    expect(placed.body.data.memberships[0].section.gid).toBe(doing);
    const echoed = await call("POST", "/tasks", { data: { memberships: [{ project: { gid: project }, section: { gid: doing, name: "Doing" } }] } });
    expect(fake.state.sectionTasks.get(doing)).toEqual([placed.body.data.gid, echoed.body.data.gid]);
    const wrong = fake.seed.section({ project: fake.seed.project({ workspace }).gid }).gid;
    const bad = await call("POST", "/tasks", { data: { memberships: [{ project, section: wrong }] } });
    expect({ status: bad.status, message: messageOf(bad) }).toEqual({ status: 400, message: `memberships.section: ${wrong} is not a section of project ${project}` });
  });
});

describe("POST /tasks/{gid}/addProject", () => {
  /** A project with tasks a1 a2 | b1 b2 | (empty "Done"), and a task outside it. */
  function placed() {
    const w = sectionedWorld();
    const [a1, a2] = w.fake.seed.tasks(2, { sections: [w.untitled], name: (i) => `a${i + 1}` });
    const [b1, b2] = w.fake.seed.tasks(2, { sections: [w.doing], name: (i) => `b${i + 1}` });
    const t = w.fake.seed.task({ workspace: w.workspace, name: "t" }).gid;
    return { ...w, a1: a1!, a2: a2!, b1: b1!, b2: b2!, t };
  }

  test("places the task as the body says: section, anchors, null anchors or nothing", async () => {
    const cases: [string, (w: ReturnType<typeof placed>) => Record<string, unknown>, (w: ReturnType<typeof placed>) => string[]][] = [
      ["no location: the end of the project", () => ({}), (w) => [w.a1, w.a2, w.b1, w.b2, w.t]],
      ["insert_before: null: the end of the project", () => ({ insert_before: null }), (w) => [w.a1, w.a2, w.b1, w.b2, w.t]],
      ["insert_after: null: the beginning of the project", () => ({ insert_after: null }), (w) => [w.t, w.a1, w.a2, w.b1, w.b2]],
      ["section: the end of the section", (w) => ({ section: w.doing }), (w) => [w.a1, w.a2, w.b1, w.b2, w.t]],
      ["section with insert_after: null: its beginning", (w) => ({ section: w.doing, insert_after: null }), (w) => [w.a1, w.a2, w.t, w.b1, w.b2]],
      ["section with insert_before: null: its end", (w) => ({ section: w.untitled, insert_before: null }), (w) => [w.a1, w.a2, w.t, w.b1, w.b2]],
      ["insert_before a task", (w) => ({ insert_before: w.b2 }), (w) => [w.a1, w.a2, w.b1, w.t, w.b2]],
      ["insert_after a task", (w) => ({ insert_after: w.a1 }), (w) => [w.a1, w.t, w.a2, w.b1, w.b2]],
      ["section and an anchor in it", (w) => ({ section: w.doing, insert_after: w.b1 }), (w) => [w.a1, w.a2, w.b1, w.t, w.b2]],
      ["an empty section", (w) => ({ section: w.done }), (w) => [w.a1, w.a2, w.b1, w.b2, w.t]],
    ];
    for (const [name, body, expected] of cases) {
      const w = placed();
      const res = await w.call("POST", `/tasks/${w.t}/addProject`, { data: { project: w.project, ...body(w) } });
      expect({ name, status: res.status, body: res.body }).toEqual({ name, status: 200, body: { data: {} } });
      expect({ name, order: w.fake.state.projectTasks.get(w.project) }).toEqual({ name, order: expected(w) });
      const section = w.fake.state.tasks.get(w.t)!.memberships[0]!.section;
      expect({ name, inSection: w.fake.state.sectionTasks.get(section)!.includes(w.t) }).toEqual({ name, inSection: true });
      expect(gidsOf(await w.call("GET", `/projects/${w.project}/tasks`))).toEqual(expected(w));
    }
  });

  test("a task already in the project moves, to another section or within one; repeating leaves the same state", async () => {
    const w = placed();
    const move = { data: { project: w.project, section: w.done } };
    for (let i = 0; i < 2; i++) expect((await w.call("POST", `/tasks/${w.a1}/addProject`, move)).status).toBe(200);
    expect(w.fake.state.projectTasks.get(w.project)).toEqual([w.a2, w.b1, w.b2, w.a1]);
    expect(w.fake.state.tasks.get(w.a1)).toMatchObject({ projects: [w.project], memberships: [{ project: w.project, section: w.done }] });
    expect(w.fake.state.sectionTasks.get(w.untitled)).toEqual([w.a2]);
    const before = { data: { project: w.project, insert_before: w.b1 } };
    for (let i = 0; i < 2; i++) await w.call("POST", `/tasks/${w.b2}/addProject`, before);
    expect(w.fake.state.sectionTasks.get(w.doing)).toEqual([w.b2, w.b1]);
    expect(w.fake.state.projectTasks.get(w.project)).toEqual([w.a2, w.b2, w.b1, w.a1]);
  });

  test("bad bodies answer 400 naming the field and change nothing; an unknown task answers 404", async () => {
    const w = placed();
    const otherProject = w.fake.seed.project({ workspace: w.workspace }).gid;
    const foreign = w.fake.seed.project({ workspace: w.fake.seed.workspace().gid }).gid;
    const outside = w.fake.seed.task({ projects: [otherProject] }).gid;
    const cases: [Record<string, unknown>, string][] = [
      [{}, "project: Missing input"],
      [{ project: "404" }, "project: Unknown object: 404"],
      [{ project: foreign }, `project: ${foreign} is not in workspace ${w.workspace}`],
      [{ project: w.project, section: "404" }, "section: Unknown object: 404"],
      [{ project: w.project, section: w.fake.state.projects.get(otherProject)!.section }, `section: ${w.fake.state.projects.get(otherProject)!.section} is not a section of project ${w.project}`],
      [{ project: w.project, insert_before: w.a1, insert_after: w.a2 }, "You may only provide one of insert_before or insert_after"],
      [{ project: w.project, insert_before: null, insert_after: null }, "You may only provide one of insert_before or insert_after"],
      [{ project: w.project, insert_before: "404" }, "insert_before: Unknown object: 404"],
      [{ project: w.project, insert_after: outside }, `insert_after: ${outside} is not in project ${w.project}`],
      [{ project: w.project, section: w.doing, insert_after: w.a1 }, `insert_after: ${w.a1} is not in section ${w.doing}`],
      [{ project: w.project, insert_after: w.t }, "insert_after: A task cannot be placed relative to itself"],
      [{ project: w.project, colour: "red" }, "colour: Unknown property for addProject"],
    ];
    const order = [...w.fake.state.projectTasks.get(w.project)!];
    for (const [data, message] of cases) {
      const res = await w.call("POST", `/tasks/${w.t}/addProject`, { data });
      expect({ data, status: res.status, message: messageOf(res) }).toEqual({ data, status: 400, message });
    }
    expect(w.fake.state.projectTasks.get(w.project)).toEqual(order);
    expect(w.fake.state.tasks.get(w.t)!.memberships).toEqual([]);
    expect((await w.call("POST", "/tasks/404/addProject", { data: { project: w.project } })).status).toBe(404);
  });

  test("a task can be in at most 20 projects", async () => {
    const { call, fake, workspace } = world();
    const projects = Array.from({ length: 21 }, () => fake.seed.project({ workspace }).gid);
    const task = fake.seed.task({ projects: projects.slice(0, 20) }).gid;
    const res = await call("POST", `/tasks/${task}/addProject`, { data: { project: projects[20] } });
    expect({ status: res.status, message: messageOf(res) }).toEqual({ status: 400, message: "project: A task can be in at most 20 projects" });
    // Moving within one of its 20 is still fine.
    expect((await call("POST", `/tasks/${task}/addProject`, { data: { project: projects[0], insert_after: null } })).status).toBe(200);
    expect(messageOf(await call("POST", "/tasks", { data: { projects } }))).toBe("projects: A task can be in at most 20 projects");
  });
});

describe("POST /tasks/{gid}/removeProject", () => {
  test("removes the membership from the task, the section and the project; repeating or removing an absent project is fine", async () => {
    const { call, fake, workspace, project, doing } = sectionedWorld();
    const other = fake.seed.project({ workspace }).gid;
    const [keep, gid] = fake.seed.tasks(2, { sections: [doing], projects: [other] });
    for (let i = 0; i < 2; i++) {
      const res = await call("POST", `/tasks/${gid}/removeProject`, { data: { project } });
      expect({ status: res.status, body: res.body }).toEqual({ status: 200, body: { data: {} } });
    }
    expect(fake.state.tasks.get(gid!)).toMatchObject({ projects: [other], memberships: [{ project: other }] });
    expect(fake.state.sectionTasks.get(doing)).toEqual([keep]);
    expect(gidsOf(await call("GET", `/projects/${project}/tasks`))).toEqual([keep]);
    expect((await call("GET", `/tasks/${gid}?opt_fields=projects,memberships.project`)).body.data).toEqual({
      gid,
      projects: [{ gid: other, resource_type: "project" }],
      memberships: [{ project: { gid: other, resource_type: "project" } }],
    });
    const unused = fake.seed.project({ workspace }).gid;
    expect((await call("POST", `/tasks/${gid}/removeProject`, { data: { project: unused } })).status).toBe(200);
    expect(messageOf(await call("POST", `/tasks/${gid}/removeProject`, { data: { project: "404" } }))).toBe("project: Unknown object: 404");
    expect(messageOf(await call("POST", `/tasks/${gid}/removeProject`, { data: {} }))).toBe("project: Missing input");
    expect(messageOf(await call("POST", `/tasks/${gid}/removeProject`, { data: { project, section: doing } }))).toBe("section: Unknown property for removeProject");
    expect((await call("POST", "/tasks/404/removeProject", { data: { project } })).status).toBe(404);
  });
});

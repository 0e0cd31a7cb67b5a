import { describe, expect, test } from "@jest/globals";
import { gidsOf, messageOf, world } from "./helpers.ts";

/** A parent P with subtasks s1 s2 s3, another parent Q with q1, and a top-level task t. */
function family() {
  const w = world();
  const P = w.fake.seed.task({ workspace: w.workspace, name: "P" }).gid;
  const [s1, s2, s3] = w.fake.seed.tasks(3, { parent: P, name: (i) => `s${i + 1}` });
  const Q = w.fake.seed.task({ workspace: w.workspace, name: "Q" }).gid;
  const q1 = w.fake.seed.task({ parent: Q, name: "q1" }).gid;
  const t = w.fake.seed.task({ workspace: w.workspace, name: "t" }).gid;
  return { ...w, P, Q, q1, t, s1: s1!, s2: s2!, s3: s3! };
}

describe("POST /tasks/{gid}/setParent", () => {
  test("places the task among the new parent's subtasks: absent or insert_before: null at the end, insert_after: null at the start, or by an anchor", async () => {
    const cases: [string, (f: ReturnType<typeof family>) => Record<string, unknown>, (f: ReturnType<typeof family>) => string[]][] = [
      ["no anchor: the end", () => ({}), (f) => [f.s1, f.s2, f.s3, f.t]],
      ["insert_before: null: the end", () => ({ insert_before: null }), (f) => [f.s1, f.s2, f.s3, f.t]],
      ["insert_after: null: the start", () => ({ insert_after: null }), (f) => [f.t, f.s1, f.s2, f.s3]],
      ["insert_before s2", (f) => ({ insert_before: f.s2 }), (f) => [f.s1, f.t, f.s2, f.s3]],
      ["insert_after s2", (f) => ({ insert_after: f.s2 }), (f) => [f.s1, f.s2, f.t, f.s3]],
      ["insert_after s3", (f) => ({ insert_after: f.s3 }), (f) => [f.s1, f.s2, f.s3, f.t]],
    ];
    for (const [name, body, expected] of cases) {
      const f = family();
      const res = await f.call("POST", `/tasks/${f.t}/setParent`, { data: { parent: f.P, ...body(f) } });
      expect({ name, status: res.status, parent: res.body.data?.parent?.gid }).toEqual({ name, status: 200, parent: f.P });
      expect({ name, order: gidsOf(await f.call("GET", `/tasks/${f.P}/subtasks`)) }).toEqual({ name, order: expected(f) });
      expect(f.fake.state.subtasks.get(f.P)).toEqual(expected(f));
    }
  });

  test("answers the full updated task, honouring opt_fields", async () => {
    const f = family();
    const full = await f.call("POST", `/tasks/${f.t}/setParent`, { data: { parent: f.P } });
    expect(full.body.data).toMatchObject({ gid: f.t, name: "t", resource_type: "task", parent: { gid: f.P, name: "P", resource_type: "task", resource_subtype: "default_task" }, num_subtasks: 0 });
    expect(full.body.data).toHaveProperty("memberships");
    const picked = await f.call("POST", `/tasks/${f.t}/setParent?opt_fields=parent.name,name`, { data: { parent: f.Q } });
    expect(picked.body).toEqual({ data: { gid: f.t, parent: { gid: f.Q, name: "Q" }, name: "t" } });
  });

  test("moving keeps the old parent's order and count right; parent: null makes it top-level; repeating leaves the same state", async () => {
    const f = family();
    for (let i = 0; i < 2; i++) expect((await f.call("POST", `/tasks/${f.s2}/setParent`, { data: { parent: f.Q, insert_after: null } })).status).toBe(200);
    expect(f.fake.state.subtasks.get(f.P)).toEqual([f.s1, f.s3]);
    expect(f.fake.state.subtasks.get(f.Q)).toEqual([f.s2, f.q1]);
    expect((await f.call("GET", `/tasks/${f.P}?opt_fields=num_subtasks`)).body.data.num_subtasks).toBe(2);
    expect(f.fake.state.tasks.get(f.s2)!.parent).toBe(f.Q);
    for (let i = 0; i < 2; i++) {
      const top = await f.call("POST", `/tasks/${f.s2}/setParent`, { data: { parent: null } });
      expect(top.body.data.parent).toBeNull();
    }
    expect(f.fake.state.subtasks.get(f.Q)).toEqual([f.q1]);
    expect(f.fake.state.tasks.get(f.s2)!.parent).toBeNull();
    // Reordering within the same parent.
    await f.call("POST", `/tasks/${f.s3}/setParent`, { data: { parent: f.P, insert_before: f.s1 } });
    expect(f.fake.state.subtasks.get(f.P)).toEqual([f.s3, f.s1]);
  });

  test("a parent cycle, both anchors, an anchor that is not a subtask of the new parent, or another workspace answer 400 and change nothing", async () => {
    const f = family();
    const grandchild = f.fake.seed.task({ parent: f.s1, name: "g" }).gid;
    const elsewhere = f.fake.seed.task({ workspace: f.fake.seed.workspace().gid }).gid;
    const cases: [string, Record<string, unknown>, string][] = [
      [f.P, { parent: f.P }, `parent: ${f.P} is the task itself: that would make a cycle`],
      [f.P, { parent: grandchild }, `parent: ${grandchild} is a subtask of the task: that would make a cycle`],
      [f.P, { parent: f.s1 }, `parent: ${f.s1} is a subtask of the task: that would make a cycle`],
      [f.t, { parent: f.P, insert_before: f.s1, insert_after: f.s2 }, "You may only provide one of insert_before or insert_after"],
      [f.t, { parent: f.P, insert_after: f.q1 }, `insert_after: ${f.q1} is not a subtask of ${f.P}`],
      [f.t, { parent: null, insert_before: f.s1 }, `insert_before: ${f.s1} is not a subtask of the new parent (there is none)`],
      [f.s1, { parent: f.P, insert_before: f.s1 }, "insert_before: A task cannot be placed relative to itself"],
      [f.t, { parent: elsewhere }, `parent: ${elsewhere} is not in workspace ${f.workspace}`],
      [f.t, { parent: "404" }, "parent: Unknown object: 404"],
      [f.t, { insert_after: null }, "parent: Missing input"],
      [f.t, { parent: f.P, position: 1 }, "position: Unknown property for setParent"],
    ];
    for (const [task, data, message] of cases) {
      const res = await f.call("POST", `/tasks/${task}/setParent`, { data });
      expect({ data, status: res.status, message: messageOf(res) }).toEqual({ data, status: 400, message });
    }
    expect(f.fake.state.subtasks.get(f.P)).toEqual([f.s1, f.s2, f.s3]);
    expect(f.fake.state.tasks.get(f.P)!.parent).toBeNull();
    expect(f.fake.state.tasks.get(f.t)!.parent).toBeNull();
    expect((await f.call("POST", "/tasks/404/setParent", { data: { parent: null } })).status).toBe(404);
  });
});

import { describe, expect, test } from "@jest/globals";
import { gidsOf, messageOf, world } from "./helpers.ts";

describe("custom ids", () => {
  test("GET /workspaces/{gid}/tasks/custom_id/{id} answers the full task, honouring opt_fields", async () => {
    const { call, fake, workspace } = world();
    const gid = fake.seed.task({ workspace, name: "Fix login", custom_id: "ENG-42" }).gid;
    const res = await call("GET", `/workspaces/${workspace}/tasks/custom_id/ENG-42`);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ gid, name: "Fix login", resource_type: "task", memberships: [], workspace: { gid: workspace } });
    expect((await call("GET", `/workspaces/${workspace}/tasks/custom_id/ENG-42?opt_fields=name`)).body).toEqual({ data: { gid, name: "Fix login" } });
    expect(fake.state.customIds.get(`${workspace}/ENG-42`)).toBe(gid);
    expect(fake.state.tasks.get(gid)!.custom_id).toBe("ENG-42");
  });

  test("an unknown id, another workspace's id or an unknown workspace answer 404; ids are percent-decoded", async () => {
    const { call, fake, workspace } = world();
    const other = fake.seed.workspace().gid;
    fake.seed.task({ workspace: other, custom_id: "OPS-1" });
    const spaced = fake.seed.task({ workspace, custom_id: "A B/1" }).gid;
    const missing = await call("GET", `/workspaces/${workspace}/tasks/custom_id/ENG-404`);
    expect({ status: missing.status, message: messageOf(missing) }).toEqual({ status: 404, message: "custom_id: Unknown object: ENG-404" });
    expect((await call("GET", `/workspaces/${workspace}/tasks/custom_id/OPS-1`)).status).toBe(404);
    expect(messageOf(await call("GET", "/workspaces/404/tasks/custom_id/OPS-1"))).toBe("workspace: Unknown object: 404");
    expect((await call("GET", `/workspaces/${workspace}/tasks/custom_id/${encodeURIComponent("A B/1")}`)).body.data.gid).toBe(spaced);
  });

  test("seed.customId gives or replaces an id; ids are unique per workspace; deleting the task frees its id", async () => {
    const { call, fake, workspace } = world();
    const [a, b] = fake.seed.tasks(2, { workspace });
    fake.seed.customId(a!, "ENG-1");
    fake.seed.customId(a!, "ENG-2");
    expect((await call("GET", `/workspaces/${workspace}/tasks/custom_id/ENG-1`)).status).toBe(404);
    expect((await call("GET", `/workspaces/${workspace}/tasks/custom_id/ENG-2`)).body.data.gid).toBe(a);
    expect(() => fake.seed.customId(b!, "ENG-2")).toThrow(/custom id ENG-2 is already task/);
    expect(() => fake.seed.task({ workspace, custom_id: "ENG-2" })).toThrow(/already/);
    expect(() => fake.seed.customId(b!, "")).toThrow(/non-empty string/);
    await call("DELETE", `/tasks/${a}`);
    expect(fake.state.customIds.size).toBe(0);
    expect((await call("GET", `/workspaces/${workspace}/tasks/custom_id/ENG-2`)).status).toBe(404);
    fake.seed.customId(b!, "ENG-2");
    expect((await call("GET", `/workspaces/${workspace}/tasks/custom_id/ENG-2`)).body.data.gid).toBe(b);
  });
});

describe("user task lists", () => {
  test("each seeded user gets a user task list in its workspace, listing the tasks assigned to it there", async () => {
    const { call, fake, workspace, user } = world();
    const list = fake.state.userTaskLists.values().next().value!;
    expect(list).toEqual({ gid: expect.any(String), name: "My Tasks", owner: user, workspace });
    const bo = fake.seed.user({ workspace, name: "Bo" });
    expect(fake.state.userTaskLists.get(bo.userTaskList)).toMatchObject({ owner: bo.gid, workspace });
    const mine = fake.seed.tasks(2, { workspace, assignee: user });
    fake.seed.task({ workspace, assignee: bo.gid });
    fake.seed.task({ workspace });
    const res = await call("GET", `/user_task_lists/${list.gid}/tasks`);
    expect(res.body).toEqual({ data: mine.map((gid, i) => ({ gid, name: `Task ${i + 1}`, resource_type: "task", resource_subtype: "default_task" })) });
    expect(gidsOf(await call("GET", `/user_task_lists/${bo.userTaskList}/tasks`))).toHaveLength(1);
    // Assigning through the API shows up at once.
    const created = (await call("POST", "/tasks", { data: { workspace, assignee: bo.gid } })).body.data.gid;
    expect(gidsOf(await call("GET", `/user_task_lists/${bo.userTaskList}/tasks`)).at(-1)).toBe(created);
  });

  test("completed_since filters as GET /tasks does; other workspaces' tasks are left out; unknown lists answer 404", async () => {
    const { call, fake, workspace, user } = world();
    const list = fake.seed.userTaskList({ user }).gid;
    const open = fake.seed.task({ workspace, assignee: user }).gid;
    const done = fake.seed.task({ workspace, assignee: user, completed: true, completed_at: "2024-06-01T00:00:00Z" }).gid;
    const other = fake.seed.workspace().gid;
    const away = fake.seed.task({ workspace: other, assignee: user }).gid;
    expect(gidsOf(await call("GET", `/user_task_lists/${list}/tasks`))).toEqual([open, done]);
    expect(gidsOf(await call("GET", `/user_task_lists/${list}/tasks?completed_since=now`))).toEqual([open]);
    expect(gidsOf(await call("GET", `/user_task_lists/${list}/tasks?completed_since=2024-05-01T00:00:00Z`))).toEqual([open, done]);
    // A list in the other workspace: the user joins it.
    const there = fake.seed.userTaskList({ user, workspace: other }).gid;
    expect(there).not.toBe(list);
    expect(fake.seed.userTaskList({ user, workspace: other }).gid).toBe(there);
    expect(fake.state.users.get(user)!.workspaces).toEqual([workspace, other]);
    expect(gidsOf(await call("GET", `/user_task_lists/${there}/tasks`))).toEqual([away]);
    const missing = await call("GET", "/user_task_lists/404/tasks");
    expect({ status: missing.status, message: messageOf(missing) }).toEqual({ status: 404, message: "user_task_list: Unknown object: 404" });
    expect(() => fake.seed.userTaskList({ user: "404" })).toThrow(/unknown user/);
  });
});

import { describe, expect, test } from "@jest/globals";
import { createFakeAsana } from "../../src/testing/index.ts";
import { call as callFake, gidsOf, messageOf, world } from "./helpers.ts";

describe("tags", () => {
  test("addTag answers {data: {}}; GET /tags/{gid}/tasks lists tasks in the order tagged; repeating adds nothing", async () => {
    const { call, fake, workspace } = world();
    const tag = fake.seed.tag({ workspace, name: "urgent" }).gid;
    const [first, second] = fake.seed.tasks(2, { workspace });
    const res = await call("POST", `/tasks/${second}/addTag`, { data: { tag } });
    expect({ status: res.status, body: res.body }).toEqual({ status: 200, body: { data: {} } });
    await call("POST", `/tasks/${first}/addTag`, { data: { tag } });
    await call("POST", `/tasks/${second}/addTag`, { data: { tag } });
    expect(gidsOf(await call("GET", `/tags/${tag}/tasks`))).toEqual([second, first]);
    expect(gidsOf(await call("GET", `/tasks?tag=${tag}`))).toEqual([second, first]);
    expect(fake.state.tasks.get(second!)!.tags).toEqual([tag]);
    expect(fake.state.tagTasks.get(tag)).toEqual([second, first]);
    expect((await call("GET", `/tasks/${second}?opt_fields=tags.name`)).body.data).toEqual({ gid: second, tags: [{ gid: tag, name: "urgent" }] });
  });

  test("removeTag removes it from the task and the tag's list; removing an absent tag is fine", async () => {
    const { call, fake, workspace } = world();
    const [tag, other] = [fake.seed.tag({ workspace }).gid, fake.seed.tag({ workspace }).gid];
    const [a, b] = fake.seed.tasks(2, { workspace, tags: [tag, other] });
    for (let i = 0; i < 2; i++) expect((await call("POST", `/tasks/${a}/removeTag`, { data: { tag } })).body).toEqual({ data: {} });
    expect(fake.state.tasks.get(a!)!.tags).toEqual([other]);
    expect(gidsOf(await call("GET", `/tags/${tag}/tasks`))).toEqual([b]);
    expect(gidsOf(await call("GET", `/tags/${other}/tasks`))).toEqual([a, b]);
  });

  test("unknown tags answer 400 in a body and 404 in the path; a tag of another workspace answers 400", async () => {
    const { call, fake, workspace } = world();
    const task = fake.seed.task({ workspace }).gid;
    const foreign = fake.seed.tag({ workspace: fake.seed.workspace().gid }).gid;
    const cases: [string, unknown, string][] = [
      ["addTag", { tag: "404" }, "tag: Unknown object: 404"],
      ["removeTag", { tag: "404" }, "tag: Unknown object: 404"],
      ["addTag", {}, "tag: Missing input"],
      ["addTag", { tag: foreign }, `tag: ${foreign} is not in workspace ${workspace}`],
      ["addTag", { tags: [foreign] }, "tags: Unknown property for addTag"],
    ];
    for (const [action, data, message] of cases) {
      const res = await call("POST", `/tasks/${task}/${action}`, { data });
      expect({ action, status: res.status, message: messageOf(res) }).toEqual({ action, status: 400, message });
    }
    expect(fake.state.tasks.get(task)!.tags).toEqual([]);
    expect(messageOf(await call("GET", "/tags/404/tasks"))).toBe("tag: Unknown object: 404");
    expect((await call("GET", "/tags/404/tasks")).status).toBe(404);
    expect(messageOf(await call("POST", "/tasks", { data: { workspace, tags: [foreign] } }))).toBe(`tags: ${foreign} is not in workspace ${workspace}`);
  });
});

describe("followers", () => {
  test("addFollowers takes gids, \"me\" (the first user seeded) and emails, and answers the updated task", async () => {
    const { call, fake, workspace, user } = world();
    const bo = fake.seed.user({ workspace, name: "Bo", email: "Bo@Example.com" }).gid;
    const cy = fake.seed.user({ workspace, name: "Cy" }).gid;
    const task = fake.seed.task({ workspace }).gid;
    const res = await call("POST", `/tasks/${task}/addFollowers`, { data: { followers: ["me", "bo@example.com", cy] } });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ gid: task, resource_type: "task", followers: [{ gid: user, name: "Ann Lee", resource_type: "user" }, { gid: bo, name: "Bo" }, { gid: cy, name: "Cy" }] });
    expect(res.body.data).toHaveProperty("custom_fields");
    const again = await call("POST", `/tasks/${task}/addFollowers?opt_fields=followers.name`, { data: { followers: [user, bo] } });
    expect(again.body).toEqual({ data: { gid: task, followers: [{ gid: user, name: "Ann Lee" }, { gid: bo, name: "Bo" }, { gid: cy, name: "Cy" }] } });
    expect(fake.state.tasks.get(task)!.followers).toEqual([user, bo, cy]);
  });

  test("removeFollowers answers the updated task; removing someone who does not follow is fine", async () => {
    const { call, fake, workspace, user } = world();
    const bo = fake.seed.user({ workspace, email: "bo@example.com" }).gid;
    const task = fake.seed.task({ workspace, followers: [user, bo] }).gid;
    for (let i = 0; i < 2; i++) {
      const res = await call("POST", `/tasks/${task}/removeFollowers?opt_fields=followers`, { data: { followers: ["me"] } });
      expect(res.body).toEqual({ data: { gid: task, followers: [{ gid: bo, resource_type: "user" }] } });
    }
    expect(fake.state.tasks.get(task)!.followers).toEqual([bo]);
  });

  test("unknown users, a missing list and \"me\" with no user seeded answer 400", async () => {
    const { call, fake, workspace } = world();
    const task = fake.seed.task({ workspace }).gid;
    const cases: [unknown, string][] = [
      [{ followers: ["404"] }, "followers: Unknown object: 404"],
      [{ followers: ["nobody@example.com"] }, "followers: Unknown object: nobody@example.com"],
      [{}, "followers: Missing input"],
      [{ followers: [{ gid: 1 }] }, 'followers: Unknown object: {"gid":1}'],
    ];
    for (const [data, message] of cases) {
      const res = await call("POST", `/tasks/${task}/removeFollowers`, { data });
      expect({ data, status: res.status, message: messageOf(res) }).toEqual({ data, status: 400, message });
    }
    const empty = createFakeAsana();
    const lonely = empty.seed.task().gid;
    expect(messageOf(await callFake(empty, "POST", `/tasks/${lonely}/addFollowers`, { data: { followers: ["me"] } }))).toBe("followers: Unknown object: me");
    expect((await call("POST", "/tasks/404/addFollowers", { data: { followers: ["me"] } })).status).toBe(404);
  });

  test("create and update take \"me\" and emails for assignee and followers", async () => {
    const { call, fake, workspace, user } = world();
    const created = (await call("POST", "/tasks", { data: { workspace, assignee: "me", followers: ["ANN@example.com"] } })).body.data;
    expect(created).toMatchObject({ assignee: { gid: user }, followers: [{ gid: user }], created_by: { gid: user, resource_type: "user" }, assigned_by: { gid: user } });
    const bo = fake.seed.user({ workspace, email: "bo@example.com" }).gid;
    const updated = (await call("PUT", `/tasks/${created.gid}`, { data: { assignee: "bo@example.com" } })).body.data;
    expect(updated.assignee.gid).toBe(bo);
    expect(gidsOf(await call("GET", `/tasks?assignee=me&workspace=${workspace}`))).toEqual([]);
    expect(gidsOf(await call("GET", `/tasks?assignee=bo@example.com&workspace=${workspace}`))).toEqual([created.gid]);
  });
});

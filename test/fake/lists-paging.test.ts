/** The new lists (section, tag, user task list, dependencies, dependents) page exactly like the others. */
import { describe, expect, test } from "@jest/globals";
import { BASE, gidsOf, messageOf, world } from "./helpers.ts";

type Lists = ReturnType<typeof listsWorld>;

/** Five tasks in each list, in a known order. */
function listsWorld(now: () => number) {
  const w = world({ now });
  const { fake, workspace, project, user } = w;
  const section = fake.seed.section({ project, name: "Doing" }).gid;
  const tag = fake.seed.tag({ workspace }).gid;
  const userTaskList = fake.seed.userTaskList({ user }).gid;
  const hub = fake.seed.task({ workspace, name: "hub" }).gid;
  const inSection = fake.seed.tasks(5, { sections: [section] });
  const tagged = fake.seed.tasks(5, { workspace, tags: [tag] });
  const assigned = fake.seed.tasks(5, { workspace, assignee: user });
  const dependencies = fake.seed.tasks(5, { workspace });
  const dependents = fake.seed.tasks(5, { workspace, dependencies: [hub] });
  const dependencyHolder = fake.seed.task({ workspace, dependencies }).gid;
  return {
    ...w,
    lists: [
      [`/sections/${section}/tasks`, inSection],
      [`/tags/${tag}/tasks`, tagged],
      [`/user_task_lists/${userTaskList}/tasks`, assigned],
      [`/tasks/${dependencyHolder}/dependencies`, dependencies],
      [`/tasks/${hub}/dependents`, dependents],
      [`/tasks?section=${section}`, inSection],
      [`/tasks?tag=${tag}`, tagged],
    ] as [string, string[]][],
  };
}

const join = (path: string, query: string) => `${path}${path.includes("?") ? "&" : "?"}${query}`;

describe("paging the new lists", () => {
  test("limit pages with next_page {offset, path, uri}, null on the last page; no next_page without limit", async () => {
    const w: Lists = listsWorld(() => Date.now());
    for (const [path, all] of w.lists) {
      expect({ path, data: gidsOf(await w.call("GET", path)), paged: "next_page" in (await w.call("GET", path)).body }).toEqual({ path, data: all, paged: false });
      const first = await w.call("GET", join(path, "limit=2"));
      expect({ path, page: gidsOf(first) }).toEqual({ path, page: all.slice(0, 2) });
      const { offset, path: nextPath, uri } = first.body.next_page;
      expect(nextPath).toBe(join(path, `limit=2&offset=${offset}`));
      expect(uri).toBe(`${BASE}${nextPath}`);
      const second = await w.call("GET", nextPath);
      expect({ path, page: gidsOf(second) }).toEqual({ path, page: all.slice(2, 4) });
      const third = await w.call("GET", second.body.next_page.path);
      expect({ path, page: gidsOf(third), next: third.body.next_page }).toEqual({ path, page: all.slice(4), next: null });
    }
  });

  test("bad limits, offsets from another list, unknown and expired offsets answer 400", async () => {
    let now = Date.parse("2024-01-01T00:00:00Z");
    const w: Lists = listsWorld(() => now);
    const offsets = [];
    for (const [path] of w.lists) {
      expect({ path, message: messageOf(await w.call("GET", join(path, "limit=101"))) }).toEqual({ path, message: 'limit: Must be an integer between 1 and 100, got "101"' });
      expect(messageOf(await w.call("GET", join(path, "offset=forged")))).toBe("offset: Your pagination token is invalid");
      offsets.push((await w.call("GET", join(path, "limit=1"))).body.next_page.offset);
    }
    // An offset belongs to the list it came from.
    for (let i = 0; i < w.lists.length; i++) {
      const other = w.lists[(i + 1) % w.lists.length]![0];
      expect(messageOf(await w.call("GET", join(other, `limit=1&offset=${offsets[i]}`)))).toBe("offset: Your pagination token is invalid");
    }
    now += 15 * 60_000;
    for (let i = 0; i < w.lists.length; i++) {
      expect(messageOf(await w.call("GET", join(w.lists[i]![0], `limit=1&offset=${offsets[i]}`)))).toBe("offset: Your pagination token has expired");
    }
  });

  test("more than 100 tasks without limit answer 400 'The result is too large'", async () => {
    const { call, fake, workspace, project, user } = world();
    const section = fake.state.projects.get(project)!.section;
    const tag = fake.seed.tag({ workspace }).gid;
    const list = fake.seed.userTaskList({ user }).gid;
    fake.seed.tasks(101, { projects: [project], tags: [tag], assignee: user });
    for (const path of [`/sections/${section}/tasks`, `/tags/${tag}/tasks`, `/user_task_lists/${list}/tasks`]) {
      const res = await call("GET", path);
      expect({ path, status: res.status, message: messageOf(res) }).toEqual({ path, status: 400, message: expect.stringMatching(/^The result is too large/) });
      expect((await call("GET", `${path}?limit=100`)).body.data).toHaveLength(100);
    }
  });
});

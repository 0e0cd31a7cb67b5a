/**
 * Type-level tests of every Tasks method: compiled by `tsc --noEmit -p tsconfig.json`, never run.
 * Each @ts-expect-error fails the build if the line below it starts to compile; each IsAny check
 * fails if a result degrades to `any`.
 */
import type { AsanaClient, Job, Paginator, Task, TaskCompact, TaskCreateRequest, TaskUpdateRequest, paths } from "asana-fetch";
import type { operations } from "../../generated/operations.ts";

type IsAny<T> = 0 extends 1 & T ? true : false;
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const is = <T extends true>(..._checks: T[]): void => undefined;

// The runtime operation table and the typed paths come from the same specs: the same set of paths.
type TablePaths = (typeof operations)[keyof typeof operations][1];
is<Equal<TablePaths, keyof paths>>(true);

export async function tasksSignatures(asana: AsanaClient): Promise<void> {
  const t = asana.tasks;

  // ---- single results ----
  const byCustomId = await t.getByCustomId("w", "ENG-42");
  const created = await t.createSubtask("1", { name: "child" });
  const moved = await t.setParent("1", { parent: "2", insert_before: "3" });
  const topLevel = await t.setParent("1", { parent: null });
  const atStart = await t.setParent("1", { parent: "2", insert_after: null });
  const followed = await t.addFollowers("1", ["u1", "me", "ann@example.com"]);
  const unfollowed = await t.removeFollowers("1", ["u1"]);
  is<Equal<typeof byCustomId, Task>>(true);
  is<Equal<typeof created, Task>>(true);
  is<Equal<typeof moved, Task>>(true);
  is<Equal<typeof topLevel, Task>>(true);
  is<Equal<typeof atStart, Task>>(true);
  is<Equal<typeof followed, Task>>(true);
  is<Equal<typeof unfollowed, Task>>(true);
  is<Equal<IsAny<typeof followed>, false>>(true);

  // ---- void actions ----
  is<Equal<Awaited<ReturnType<typeof t.addDependencies>>, void>>(true);
  is<Equal<Awaited<ReturnType<typeof t.removeDependents>>, void>>(true);
  await t.addDependencies("1", ["2", "3"]);
  await t.removeDependencies("1", ["2"]);
  await t.addDependents("1", ["4"]);
  await t.removeDependents("1", ["4"]);
  await t.addProject("1", { project: "p" });
  await t.addProject("1", { project: "p", section: "s", insert_after: "2" });
  await t.removeProject("1", "p");
  await t.addTag("1", "tag");
  await t.removeTag("1", "tag");

  // ---- lists ----
  const lists = [
    t.forSection("s"),
    t.forTag("tag", { limit: 10 }),
    t.forUserTaskList("utl", { completed_since: "now" }),
    t.dependencies("1"),
    t.dependents("1", { maxItems: 5 }),
    t.subtasks("1", { prefetch: true }),
    t.list({ section: "s" }),
    t.list({ assignee: "me", workspace: "w" }),
    t.list({ project: "p", completed_since: "now" }),
  ] as const;
  is<Equal<(typeof lists)[number], Paginator<TaskCompact>>>(true);

  // ---- wrong input does not compile ----
  // @ts-expect-error: GET /tasks needs a scope
  t.list({});
  // @ts-expect-error: workspace alone is not a scope
  t.list({ workspace: "w" });
  // @ts-expect-error: assignee alone is not a scope
  t.list({ assignee: "me" });
  // @ts-expect-error: the gid list is an array
  await t.addDependencies("1", "2");
  // @ts-expect-error: a single tag gid, not a list
  await t.addTag("1", ["tag"]);
  // @ts-expect-error: setParent needs parent
  await t.setParent("1", { insert_before: "2" });
  // @ts-expect-error: addProject needs project
  await t.addProject("1", { section: "s" });
  // @ts-expect-error: removeProject takes the project gid, not a body
  await t.removeProject("1", { project: "p" });
  // @ts-expect-error: getByCustomId needs the workspace too
  await t.getByCustomId("ENG-42");
  // @ts-expect-error: an update cannot change followers (addFollowers does)
  await t.update("1", { followers: ["u"] });
  // @ts-expect-error: an update cannot change projects (addProject does)
  await t.update("1", { projects: ["p"] });
  // @ts-expect-error: an update cannot change tags (addTag does)
  await t.update("1", { tags: ["tag"] });
  // @ts-expect-error: an update cannot change the parent (setParent does)
  await t.update("1", { parent: "2" });
  // @ts-expect-error: an update cannot change the workspace
  await t.update("1", { workspace: "w" });
  // @ts-expect-error: read-only fields are not part of a create body
  await t.create({ name: "n", num_subtasks: 3 });
  // @ts-expect-error: the body is not wrapped in {data}
  await t.update("1", { data: { name: "n" } });

  // ---- bodies and results are the spec's, fully typed ----
  const create: TaskCreateRequest = { name: "n", projects: ["p"], tags: ["t"], followers: ["me"], parent: "2", workspace: "w" };
  const update: TaskUpdateRequest = { name: "n", completed: true, due_on: null, custom_fields: { "123": "456" } };
  const task = await t.get("1");
  const field = task.custom_fields?.[0];
  const enumName: string | undefined = field?.enum_value?.name;
  const enumValue = field?.enum_value;
  is<Equal<IsAny<typeof enumValue>, false>>(true);
  const section = task.memberships?.[0]?.section?.name;
  const dependency: string | undefined = task.dependencies?.[0]?.gid;
  const job: Job = await t.duplicate("1", { include: ["subtasks", "notes"] });
  void [create, update, enumName, section, dependency, job];
}

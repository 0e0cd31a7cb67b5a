/**
 * Type-level tests of generated/: compiled by `tsc --noEmit -p tsconfig.json`, never run. They pin
 * what the spec corrections are for, as openapi-fetch sees the types (responses through
 * Readable<T>, request bodies through Writable<T>). Each @ts-expect-error fails the build if the
 * line below it starts to compile.
 */
import type { paths, Readable, TasksComponents, Writable } from "../../generated/index.ts";

type S = TasksComponents["schemas"];
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Expect<T extends true> = T;
type Query<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
type Responses<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { responses: infer R } ? R : never;

export type Checks = [
  // gid is required and readonly in responses, on the task and on every nested reference.
  Expect<Equal<Readable<S["TaskCompact"]>["gid"], string>>,
  Expect<Equal<Readable<S["TaskResponse"]>["gid"], string>>,
  Expect<Equal<NonNullable<Readable<S["TaskResponse"]>["assignee"]>["gid"], string>>,
  Expect<Equal<NonNullable<Readable<S["TaskResponse"]>["parent"]>["gid"], string>>,
  Expect<Equal<NonNullable<Readable<S["TaskResponse"]>["memberships"]>[number]["project"], Readable<S["ProjectCompact"]> | undefined>>,
  // Nullable references keep their null, and their fields.
  Expect<Equal<null extends Readable<S["TaskResponse"]>["assignee"] ? true : false, true>>,
  Expect<Equal<null extends Readable<S["TaskResponse"]>["completed_by"] ? true : false, true>>,
  Expect<Equal<NonNullable<Readable<S["TaskResponse"]>["parent"]>["resource_subtype"], S["TaskCompact"]["resource_subtype"]>>,
  // Jobs: gid and status required; new_task nullable and a full TaskCompact.
  Expect<Equal<Readable<S["JobCompact"]>["status"], "not_started" | "in_progress" | "succeeded" | "failed">>,
  Expect<Equal<null extends Readable<S["JobCompact"]>["new_task"] ? true : false, true>>,
  Expect<Equal<null extends Readable<S["JobCompact"]>["new_project"] ? true : false, true>>,
  Expect<Equal<NonNullable<Readable<S["JobCompact"]>["new_task"]>["gid"], string>>,
  // NextPage and errors.
  Expect<Equal<NonNullable<Readable<S["NextPage"]>>, { readonly offset: string; readonly path: string; readonly uri: string }>>,
  Expect<Equal<null extends Readable<S["NextPage"]> ? true : false, true>>,
  Expect<Equal<Readable<S["Error"]>["message"], string>>,
  Expect<Equal<Readable<S["ErrorResponse"]>["errors"][number], Readable<S["Error"]>>>,
  // Request bodies: no gid or other response-only field; setParent takes null.
  Expect<Equal<Writable<S["TaskCreateRequest"]>["gid"], undefined>>,
  Expect<Equal<Writable<S["TaskSetParentRequest"]>["parent"], string | null>>,
  Expect<Equal<Writable<S["ModifyDependenciesRequest"]>["dependencies"], string[]>>,
  Expect<Equal<S["TaskDuplicateIncludeField"], "assignee" | "attachments" | "dates" | "dependencies" | "followers" | "notes" | "parent" | "projects" | "subtasks" | "tags">>,
  // opt_fields is a plain list of strings on every operation; lists page with limit and offset.
  Expect<Equal<Query<"/tasks/{task_gid}", "delete">["opt_fields"], string[] | undefined>>,
  Expect<Equal<Query<"/workspaces/{workspace_gid}/tasks/custom_id/{custom_id}", "get">["opt_pretty"], boolean | undefined>>,
  Expect<Equal<Query<"/sections/{section_gid}/tasks", "get">["offset"], string | undefined>>,
  Expect<Equal<Query<"/workspaces/{workspace_gid}/tasks/search", "get">["limit"], number | undefined>>,
  // 429 carries Retry-After; creates carry Location.
  Expect<Equal<Responses<"/tasks/{task_gid}", "get">[429]["headers"]["Retry-After"], number>>,
  Expect<Equal<Responses<"/tasks", "post">[201]["headers"]["Location"], string>>,
];

export function bodies(create: Writable<S["TaskCreateRequest"]>, update: Writable<S["TaskUpdateRequest"]>): void {
  create = { name: "n", workspace: "1", parent: null, custom_fields: { "1": "a", "2": 3, "3": ["x"], "4": { date: "2024-01-01" }, "5": null } };
  // @ts-expect-error: gid is read-only, never sent
  create = { name: "n", gid: "1" };
  // @ts-expect-error: parent changes through setParent, not update
  update = { parent: "1" };
  // @ts-expect-error: projects change through addProject/removeProject, not update
  update = { projects: ["1"] };
  void [create, update];
}

export function customFields(values: S["TaskCreateRequest"]["custom_fields"]): void {
  values = { "1": "a", "2": 3, "3": ["x"], "4": { date_time: "2024-01-01T00:00:00Z" }, "5": null };
  // @ts-expect-error: a custom field value is not a boolean (checked on the schema type: Writable<T>
  // turns the all-optional date object into an intersection, which TypeScript's weak-type check skips)
  values = { "1": true };
  void values;
}

export function readonlyGid(task: Readable<S["TaskResponse"]>): void {
  // @ts-expect-error: gid is readonly
  task.gid = "2";
}

/**
 * Type-level tests of typed field selection (FieldPath, Selected, and every method that narrows):
 * compiled by `tsc --noEmit -p tsconfig.json`, never run. Each @ts-expect-error fails the build if
 * the line below it starts to compile; `exact` fails it if a type differs, `any` included.
 */
import type {
  AsanaClient,
  FieldList,
  FieldPath,
  Job,
  Narrowed,
  Page,
  Paginator,
  Selected,
  SucceededJob,
  Task,
  TaskCompact,
} from "asana-fetch";

type IsAny<T> = 0 extends 1 & T ? true : false;
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** Compiles only when A is exactly B and neither is `any`. */
type Exact<A, B> = IsAny<A> extends true ? false : IsAny<B> extends true ? false : Equal<A, B>;
const exact = <T extends true>(..._checks: T[]): void => undefined;

type User = { readonly gid: string; name: string };
type Named = { readonly gid: string; readonly resource_type: string };

export async function fieldPaths(asana: AsanaClient): Promise<void> {
  const t = asana.tasks;

  // ---- paths go through references and arrays ----
  const paths: FieldPath<Task>[] = [
    "name", "assignee.name", "memberships.section.name", "custom_fields.enum_value.name", "projects.name",
    "parent.created_by.name", "hearts.user.name", "custom_fields.date_value.date", "external.data", "workspace.resource_type",
  ];
  const jobPaths: FieldPath<Job>[] = ["status", "new_task.name", "new_task.created_by.name", "new_project.name"];
  exact<Equal<IsAny<FieldPath<Task>>, false>>(true);

  // ---- a misspelt path does not compile ----
  // @ts-expect-error: "asignee" is misspelt
  await t.get("1", { opt_fields: ["name", "asignee.name"] });
  // @ts-expect-error: a user (UserCompact) has no "nmae"
  await t.get("1", { opt_fields: ["assignee.nmae"] });
  // @ts-expect-error: name is a string: nothing below it
  await t.get("1", { opt_fields: ["name.first"] });
  // @ts-expect-error: the spec's ProjectCompact has no team
  t.forProject("p", {}, { opt_fields: ["projects.team.name"] });
  // @ts-expect-error: a job field path, on a list
  t.list({ project: "p" }, { opt_fields: ["new_task.name"] });
  // @ts-expect-error: a task has no status
  await asana.jobs.get("j", { opt_fields: ["status", "completed"] });
  // @ts-expect-error: nor a duplication job
  await t.duplicate("1", {}, { opt_fields: ["notes"] });
  // @ts-expect-error: in a user's own type too
  type Typo = Selected<Task, "nmae">;

  void [paths, jobPaths];
}

export async function narrowing(asana: AsanaClient): Promise<void> {
  const t = asana.tasks;

  // ---- the API.md example ----
  const task = await t.get("1", { opt_fields: ["name", "due_on", "assignee.name"] });
  exact<Exact<typeof task, { readonly gid: string; name: string; due_on: string | null; assignee: User | null }>>(true);
  const name: string = task.name;
  const assigneeName: string | undefined = task.assignee?.name;
  // @ts-expect-error: not requested
  void task.notes;
  // @ts-expect-error: assignee can be null
  void task.assignee.name;
  // @ts-expect-error: gid is read-only, as on Task
  task.gid = "2";

  for await (const item of t.forProject("p", {}, { opt_fields: ["completed", "memberships.section.name"] })) {
    exact<Exact<typeof item, { readonly gid: string; completed: boolean; readonly memberships: { section: { readonly gid: string; name: string } }[] }>>(true);
    const section: string | undefined = item.memberships[0]?.section.name;
    void section;
  }

  // ---- nesting, arrays, merging and nullability ----
  const deep = await t.get("1", {
    opt_fields: ["assignee.name", "assignee.resource_type", "custom_fields.enum_value.name", "custom_fields.date_value", "parent", "followers", "external.data"],
  });
  exact<
    Exact<
      typeof deep,
      {
        readonly gid: string;
        external: { data: string };
        assignee: { readonly gid: string; readonly resource_type: string; name: string } | null;
        readonly custom_fields: { readonly gid: string; date_value: { date: string; date_time: string } | null; enum_value: User | null }[];
        readonly followers: Named[];
        readonly parent: Named | null;
      }
    >
  >(true);
  // A bare field and its sub-fields: the sub-fields win, as on the wire.
  const merged = await t.get("1", { opt_fields: ["assignee", "assignee.name"] });
  exact<Exact<typeof merged, { readonly gid: string; assignee: User | null }>>(true);
  // Several paths under one reference merge: a referenced user answers any of its fields, email too.
  const contact = await t.get("1", { opt_fields: ["assignee.name", "assignee.email", "followers.email"] });
  exact<
    Exact<
      typeof contact,
      { readonly gid: string; assignee: { readonly gid: string; name: string; readonly email: string } | null; readonly followers: { readonly gid: string; readonly email: string }[] }
    >
  >(true);
  // A reference that is not nullable stays so; an embedded object asked for by itself has all its fields.
  const placed = await t.get("1", { opt_fields: ["workspace.name", "memberships"] });
  exact<Exact<typeof placed, { readonly gid: string; readonly memberships: { project: Named; section: Named }[]; readonly workspace: User }>>(true);
  // An empty list is not sent: the default answer.
  const unsent = await t.get("1", { opt_fields: [] });
  exact<Exact<typeof unsent, Task>>(true);

  void [name, assigneeName];
}

export async function everyMethod(asana: AsanaClient, body: { name: string }): Promise<void> {
  const t = asana.tasks;
  type Row = { readonly gid: string; name: string; assignee: User | null };
  type Paged = Paginator<Row>;

  // ---- single results ----
  exact<Exact<Awaited<ReturnType<typeof t.get<["name", "assignee.name"]>>>, Row>>(true);
  const single = [
    await t.get("1", { opt_fields: ["name", "assignee.name"] }),
    await t.getByCustomId("w", "ENG-1", { opt_fields: ["name", "assignee.name"] }),
    await t.create(body, { opt_fields: ["name", "assignee.name"] }),
    await t.update("1", body, { opt_fields: ["name", "assignee.name"] }),
    await t.createSubtask("1", body, { opt_fields: ["name", "assignee.name"] }),
    await t.setParent("1", { parent: null }, { opt_fields: ["name", "assignee.name"] }),
    await t.addFollowers("1", ["me"], { opt_fields: ["name", "assignee.name"] }),
    await t.removeFollowers("1", ["me"], { opt_fields: ["name", "assignee.name"] }),
  ];
  exact<Exact<(typeof single)[number], Row>>(true);
  const job = await asana.jobs.get("j", { opt_fields: ["status", "new_task.name"] });
  exact<Exact<typeof job, { readonly gid: string; readonly status: Job["status"]; new_task: User | null }>>(true);

  // ---- paginator items and pages ----
  const lists = [
    t.list({ project: "p" }, { opt_fields: ["name", "assignee.name"] }),
    t.forProject("p", {}, { opt_fields: ["name", "assignee.name"] }),
    t.forSection("s", undefined, { opt_fields: ["name", "assignee.name"] }),
    t.forTag("tag", { limit: 10 }, { opt_fields: ["name", "assignee.name"] }),
    t.forUserTaskList("u", {}, { opt_fields: ["name", "assignee.name"] }),
    t.subtasks("1", {}, { opt_fields: ["name", "assignee.name"] }),
    t.dependencies("1", {}, { opt_fields: ["name", "assignee.name"] }),
    t.dependents("1", {}, { opt_fields: ["name", "assignee.name"] }),
  ];
  exact<Exact<(typeof lists)[number], Paged>>(true);
  for await (const page of t.subtasks("1", {}, { opt_fields: ["name", "assignee.name"] }).pages()) exact<Exact<typeof page, Page<Row>>>(true);
  exact<Exact<Awaited<ReturnType<(typeof lists)[number]["toArray"]>>, Row[]>>(true);

  // Search adds created_at itself when it pages by it (the default), so it is present then.
  const searched = t.search("w", {}, { opt_fields: ["name", "assignee.name"] });
  for await (const item of searched) {
    exact<Exact<typeof item, { readonly gid: string; name: string; readonly created_at: string; assignee: User | null }>>(true);
  }
  for await (const item of t.search("w", { sort_by: "created_at", sort_ascending: true }, { opt_fields: ["name"] })) {
    exact<Exact<typeof item, { readonly gid: string; name: string; readonly created_at: string }>>(true);
  }
  // With another order it yields one page and adds nothing.
  for await (const item of t.search("w", { sort_by: "modified_at" }, { opt_fields: ["name"] })) {
    exact<Exact<typeof item, { readonly gid: string; name: string }>>(true);
  }

  // ---- jobs ----
  const started = await t.duplicate("1", { include: ["notes"] }, { opt_fields: ["status"] });
  exact<Exact<Pick<typeof started, "gid" | "status">, { readonly gid: string; readonly status: Job["status"] }>>(true);
  const done = await asana.jobs.wait(started);
  exact<Exact<typeof done.status, "succeeded">>(true);
  const copy: string = done.new_task.gid; // no check needed
  const plain = await asana.jobs.wait("j");
  exact<Exact<typeof plain, SucceededJob>>(true);
  // @ts-expect-error: any other job may have made no task
  void plain.new_task.gid;
  const fromGet = await asana.jobs.wait(await asana.jobs.get("j"));
  exact<Exact<typeof fromGet, SucceededJob>>(true);

  void [copy];
}

export async function fallbacks(asana: AsanaClient, built: string[], typed: FieldPath<Task>[], which: boolean): Promise<void> {
  const t = asana.tasks;

  // ---- without opt_fields: typed as before ----
  const none = await t.get("1");
  exact<Exact<typeof none, Task>>(true);
  const noFields = await t.get("1", { signal: AbortSignal.timeout(1) });
  exact<Exact<typeof noFields, Task>>(true);
  const compact = t.forProject("p", { limit: 5 });
  exact<Exact<typeof compact, Paginator<TaskCompact>>>(true);
  const compactSearch = t.search("w");
  exact<Exact<typeof compactSearch, Paginator<TaskCompact>>>(true);
  const job = await asana.jobs.get("j", {});
  exact<Exact<typeof job, Job>>(true);

  // ---- a list built at run time is accepted, and not narrowed ----
  const fromVariable = await t.get("1", { opt_fields: built });
  exact<Exact<typeof fromVariable, Task>>(true);
  const listedFromVariable = t.forSection("s", {}, { opt_fields: built });
  exact<Exact<typeof listedFromVariable, Paginator<TaskCompact>>>(true);
  const readonlyBuilt: readonly string[] = built;
  const fromReadonly = await t.get("1", { opt_fields: readonlyBuilt });
  exact<Exact<typeof fromReadonly, Task>>(true);
  const mixed = await t.get("1", { opt_fields: ["name", ...built] });
  exact<Exact<typeof mixed, Task>>(true);
  // A variable of paths may hold any of them: not narrowed either.
  const fromPaths = await t.get("1", { opt_fields: typed });
  exact<Exact<typeof fromPaths, Task>>(true);
  // Nor is a path that is one of several (only one of them is asked for).
  const eitherOr = await t.get("1", { opt_fields: ["name", which ? "notes" : "due_on"] });
  exact<Exact<typeof eitherOr, Task>>(true);
  // A literal list held in a variable: `as const` keeps it narrow.
  const fields = ["name", "assignee.name"] as const;
  const held = await t.get("1", { opt_fields: fields });
  exact<Exact<typeof held, { readonly gid: string; name: string; assignee: User | null }>>(true);

  // @ts-expect-error: opt_fields is a list
  await t.get("1", { opt_fields: "name" });
}

// ---- Selected in users' own signatures ----

type Row = Selected<Task, "name" | "due_on" | "assignee.name" | "memberships.section.name">;

function toLine(row: Row): string {
  return [row.name, row.due_on ?? "-", row.assignee?.name ?? "unassigned", row.memberships[0]?.section.name ?? ""].join("\t");
}

export async function report(asana: AsanaClient, project: string): Promise<string[]> {
  const rows = await asana.tasks.forProject(project, {}, { opt_fields: ["name", "due_on", "assignee.name", "memberships.section.name"] }).toArray();
  exact<Exact<(typeof rows)[number], Row>>(true);
  // Asking for more than Row needs is fine; asking for less is not.
  const more = await asana.tasks.get("1", { opt_fields: ["name", "due_on", "assignee.name", "memberships.section.name", "notes"] });
  toLine(more);
  const less = await asana.tasks.get("1", { opt_fields: ["name", "due_on"] });
  // @ts-expect-error: assignee and memberships were not asked for
  toLine(less);
  return rows.map(toLine);
}

/** A user's wrapper over the client that keeps the narrowing, with the exported building blocks. */
export function fetchTask<const F extends FieldList<Task, F> = string[]>(asana: AsanaClient, gid: string, fields?: F): Promise<Narrowed<Task, F, Task>> {
  return asana.tasks.get(gid, fields && { opt_fields: fields });
}
export async function wrapped(asana: AsanaClient): Promise<void> {
  const task = await fetchTask(asana, "1", ["name"]);
  exact<Exact<typeof task, { readonly gid: string; name: string }>>(true);
  // @ts-expect-error: misspelt through the wrapper too
  await fetchTask(asana, "1", ["nmae"]);
}

// ---- recursion is bounded, for schemas that refer to themselves ----

interface Node {
  readonly gid: string;
  name?: string;
  parent?: Node | null;
  children?: Node[];
}
const bounded: FieldPath<Node>[] = ["parent.parent.parent.name", "children.parent.children.name"];
exact<Exact<Selected<Node, "parent.parent.name">, { readonly gid: string; parent: { readonly gid: string; parent: { readonly gid: string; name: string } | null } | null }>>(true);
// @ts-expect-error: longer than FieldPath follows (4 segments)
const tooDeep: FieldPath<Node>[] = ["parent.parent.parent.parent.name"];
void [bounded, tooDeep];

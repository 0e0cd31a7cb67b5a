/**
 * The narrowed types against the fake's answers: for each method that takes opt_fields, the keys of
 * what the fake answers (recursively) are exactly those that `Selected` promises. The chain:
 * - each result's type is `Selected<Task | Job, paths>` (compile time, `is<Equal<…>>`);
 * - `Selected` gives the key paths the rule cases list (compile time, `rule(…)`), and so does the
 *   run-time mirror `expectedKeys` (run time);
 * - the fake answers what the mirror expects (run time), for each method and for a sample of paths.
 */
import { describe, expect, test } from "@jest/globals";
import { createAsanaClient, type FieldPath, type Job, type Page, type Selected, type Task } from "asana-fetch";
import { createFakeAsana } from "asana-fetch/testing";
import { disagreements, expectedKeys, FACTS, is, type Facts, type KeyPaths } from "./selection.ts";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type IsAny<T> = 0 extends 1 & T ? true : false;

/** A rule case: `keys` must be exactly the key paths of `Selected<Task, paths>`, else this call does not compile. */
function rule<const P extends readonly FieldPath<Task>[], const K extends readonly string[]>(
  paths: P,
  keys: K,
  ..._exact: Equal<KeyPaths<Selected<Task, P[number]>>, K[number]> extends true ? [] : [never]
) {
  return { paths, keys };
}

/** One task with something in every relation the fake models, and a client over the fake. */
async function world() {
  const fake = createFakeAsana({ jobs: { pollsToFinish: 0 } });
  const asana = createAsanaClient({ token: fake.token, fetch: fake.fetch });
  const { seed } = fake;
  const workspace = seed.workspace({ name: "Acme" }).gid;
  const { gid: user, userTaskList } = seed.user({ name: "Ann Lee", email: "ann@example.com", workspace });
  const project = seed.project({ workspace, name: "Launch" }).gid;
  const section = seed.section({ project, name: "Doing" }).gid;
  const tag = seed.tag({ workspace, name: "urgent" }).gid;
  const priority = seed.customField({ workspace, name: "Priority", type: "enum", options: ["High", "Low"] });
  const labels = seed.customField({ workspace, name: "Labels", type: "multi_enum", options: ["ui", "api"] });
  const launch = seed.customField({ workspace, name: "Launch", type: "date" }).gid;
  const parent = seed.task({ sections: [section], name: "Epic", assignee: user }).gid;
  const blocker = seed.task({ parent, sections: [section], name: "Blocker", assignee: user }).gid;
  const gid = seed.task({
    parent,
    sections: [section],
    tags: [tag],
    followers: [user],
    assignee: user,
    name: "Rich",
    notes: "notes",
    due_on: "2024-05-01",
    dependencies: [blocker],
    custom_fields: { [priority.gid]: priority.enumOptions[0]!, [labels.gid]: labels.enumOptions, [launch]: { date: "2024-01-02" } },
    custom_id: "ENG-1",
  }).gid;
  await asana.tasks.update(gid, { external: { gid: "ext-1", data: "blob" }, completed: true });
  seed.task({ parent: gid, name: "Step", sections: [section], assignee: user });
  seed.task({ parent, name: "Blocked", sections: [section], assignee: user, dependencies: [gid] });
  return { fake, asana, workspace, user, userTaskList, project, section, tag, parent, blocker, gid };
}

/**
 * The answer agrees with the mirror of Selected for these paths: no wrong keys, and every promised
 * key seen, except below the fields listed in `empty` (answered null or [] here).
 */
function expectAgreement(answer: unknown, paths: readonly string[], { facts = FACTS.task as Facts, empty = [] as string[] } = {}): void {
  const { wrong, unchecked } = disagreements(answer, expectedKeys(facts, paths));
  const unexpected = unchecked.filter((key) => !empty.some((field) => key.startsWith(`${field}.`)));
  expect({ paths, wrong, unchecked: unexpected }).toEqual({ paths, wrong: [], unchecked: [] });
}

type World = Awaited<ReturnType<typeof world>>;

const REPORT = ["name", "due_on", "assignee.name", "memberships.section.name", "custom_fields.enum_value.name"] as const;
type Report = Selected<Task, (typeof REPORT)[number]>;
const LIST = ["completed", "memberships.section.name", "assignee.name", "parent.name"] as const;
type Listed = Selected<Task, (typeof LIST)[number]>;

describe("the rule: Selected's key paths, and the run-time mirror's", () => {
  const cases = [
    rule(["name", "due_on"], ["gid", "name", "due_on"]),
    rule(["assignee"], ["gid", "assignee", "assignee.gid", "assignee.resource_type"]),
    rule(["assignee.name", "assignee.resource_type"], ["gid", "assignee", "assignee.gid", "assignee.name", "assignee.resource_type"]),
    rule(["assignee", "assignee.name"], ["gid", "assignee", "assignee.gid", "assignee.name"]),
    rule(["memberships.section.name"], ["gid", "memberships", "memberships.section", "memberships.section.gid", "memberships.section.name"]),
    rule(["memberships"], [
      "gid", "memberships", "memberships.project", "memberships.project.gid", "memberships.project.resource_type",
      "memberships.section", "memberships.section.gid", "memberships.section.resource_type",
    ]),
    rule(["external.data"], ["gid", "external", "external.data"]),
    rule(["external"], ["gid", "external", "external.gid", "external.data"]),
    rule(["custom_fields.enum_value.name", "custom_fields.date_value"], [
      "gid", "custom_fields", "custom_fields.gid", "custom_fields.enum_value", "custom_fields.enum_value.gid",
      "custom_fields.enum_value.name", "custom_fields.date_value", "custom_fields.date_value.date", "custom_fields.date_value.date_time",
    ]),
    rule(["likes"], ["gid", "likes", "likes.gid"]),
    rule(["hearts.user.name"], ["gid", "hearts", "hearts.gid", "hearts.user", "hearts.user.gid", "hearts.user.name"]),
    rule(["gid", "assignee.gid"], ["gid", "assignee", "assignee.gid"]),
  ];
  test.each(cases.map((c) => [c.paths.join(","), c] as const))("%s", (_name, { paths, keys }) => {
    expect(expectedKeys(FACTS.task, paths)).toEqual([...keys].sort());
  });
});

describe("each method's narrowed result is what the fake answers", () => {
  test("tasks.get", async () => {
    const { asana, gid } = await world();
    const task = await asana.tasks.get(gid, { opt_fields: REPORT });
    is<Equal<typeof task, Report>>(true);
    expectAgreement(task, REPORT);
    expect(task).toMatchObject({ name: "Rich", due_on: "2024-05-01", assignee: { name: "Ann Lee" }, memberships: [{ section: { name: "Doing" } }] });
  });

  test("tasks.getByCustomId", async () => {
    const { asana, workspace } = await world();
    const task = await asana.tasks.getByCustomId(workspace, "ENG-1", { opt_fields: REPORT });
    is<Equal<typeof task, Report>>(true);
    expectAgreement(task, REPORT);
  });

  test("tasks.create, update and createSubtask", async () => {
    const { asana, gid, user, project } = await world();
    const fields = ["name", "notes", "assignee.name", "projects.name", "workspace.name"] as const;
    type Made = Selected<Task, (typeof fields)[number]>;
    const created = await asana.tasks.create({ name: "New", projects: [project], assignee: user }, { opt_fields: fields });
    const updated = await asana.tasks.update(created.gid, { notes: "more" }, { opt_fields: fields });
    const subtask = await asana.tasks.createSubtask(gid, { name: "Sub", assignee: user, projects: [project] }, { opt_fields: fields });
    is<Equal<typeof created, Made>>(true);
    is<Equal<typeof updated, Made>>(true);
    is<Equal<typeof subtask, Made>>(true);
    for (const answer of [created, updated, subtask]) expectAgreement(answer, fields);
    expect(updated.notes).toBe("more");
  });

  test("tasks.setParent, addFollowers and removeFollowers", async () => {
    const { asana, gid, blocker, user } = await world();
    const fields = ["parent.name", "parent.created_by", "followers.name", "num_subtasks"] as const;
    type Moved = Selected<Task, (typeof fields)[number]>;
    const followed = await asana.tasks.addFollowers(blocker, [user], { opt_fields: fields });
    const moved = await asana.tasks.setParent(blocker, { parent: gid }, { opt_fields: fields });
    is<Equal<typeof moved, Moved>>(true);
    is<Equal<typeof followed, Moved>>(true);
    expectAgreement(followed, fields);
    expectAgreement(moved, fields);
    expect(moved.parent?.name).toBe("Rich");
    const unfollowed = await asana.tasks.removeFollowers(blocker, [user], { opt_fields: ["followers", "parent"] });
    is<Equal<typeof unfollowed, Selected<Task, "followers" | "parent">>>(true);
    expect(unfollowed).toEqual({ gid: blocker, followers: [], parent: { gid, resource_type: "task" } });
  });

  test("tasks.duplicate, jobs.get and jobs.wait", async () => {
    const { asana, gid } = await world();
    const fields = ["status", "resource_subtype", "new_task.name", "new_project"] as const;
    const job = await asana.tasks.duplicate(gid, { name: "Copy" }, { opt_fields: fields });
    is<Equal<IsAny<typeof job>, false>>(true);
    const sure: Selected<Job, (typeof fields)[number]> = job;
    // The fake makes no projects: new_project stays null; new_task is null until the job succeeds.
    expectAgreement(job, fields, { facts: FACTS.job, empty: ["new_project", "new_task"] });
    const polled = await asana.jobs.get(job.gid, { opt_fields: fields });
    is<Equal<typeof polled, Selected<Job, (typeof fields)[number]>>>(true);
    expectAgreement(polled, fields, { facts: FACTS.job, empty: ["new_project"] });
    expect(polled).toMatchObject({ status: "succeeded", new_task: { name: "Copy" } });
    const done = await asana.jobs.wait(job, { intervalMs: 1 });
    expect(done.status).toBe("succeeded");
    expect(done.new_task.gid).toMatch(/^\d+$/); // typed present: no check needed
    void sure;
  });

  test("an empty opt_fields is not sent: the default answer, typed as without one", async () => {
    const { asana, fake, gid } = await world();
    const task = await asana.tasks.get(gid, { opt_fields: [] });
    is<Equal<typeof task, Task>>(true);
    expect(fake.requests.at(-1)!.query).toEqual({});
    expect(task).toEqual(await asana.tasks.get(gid));
  });

  const LISTS = {
    list: (w: World) => w.asana.tasks.list({ project: w.project }, { opt_fields: LIST }),
    forProject: (w: World) => w.asana.tasks.forProject(w.project, {}, { opt_fields: LIST }),
    forSection: (w: World) => w.asana.tasks.forSection(w.section, { limit: 2 }, { opt_fields: LIST }),
    forTag: (w: World) => w.asana.tasks.forTag(w.tag, undefined, { opt_fields: LIST }),
    forUserTaskList: (w: World) => w.asana.tasks.forUserTaskList(w.userTaskList, {}, { opt_fields: LIST }),
    subtasks: (w: World) => w.asana.tasks.subtasks(w.gid, {}, { opt_fields: LIST }),
    dependencies: (w: World) => w.asana.tasks.dependencies(w.gid, {}, { opt_fields: LIST }),
    dependents: (w: World) => w.asana.tasks.dependents(w.gid, {}, { opt_fields: LIST }),
  };

  test.each(Object.keys(LISTS) as (keyof typeof LISTS)[])("tasks.%s: every item of every page", async (name) => {
    const w = await world();
    const paginator = LISTS[name](w);
    const items: Listed[] = [];
    for await (const page of paginator.pages()) {
      is<Equal<typeof page, Page<Listed>>>(true);
      items.push(...page.data);
    }
    expect(items.length).toBeGreaterThan(0);
    // Each item is checked; every promised key must show in some item (parent is null on top-level tasks).
    expectAgreement(items, LIST);
  });

  test("tasks.search: created_at is added, and typed present, when it pages by created_at", async () => {
    const { asana, workspace } = await world();
    const fields = ["name", "assignee.name"] as const;
    const found = await asana.tasks.search(workspace, {}, { opt_fields: fields }).toArray();
    is<Equal<(typeof found)[number], Selected<Task, "name" | "assignee.name" | "created_at">>>(true);
    expect(found.length).toBeGreaterThan(0);
    expectAgreement(found, [...fields, "created_at"]);
    expect(found.every((t) => typeof t.created_at === "string")).toBe(true);

    const byDate = await asana.tasks.search(workspace, { sort_by: "modified_at" }, { opt_fields: fields }).toArray();
    is<Equal<(typeof byDate)[number], Selected<Task, "name" | "assignee.name">>>(true);
    expect(byDate.length).toBeGreaterThan(0);
    expectAgreement(byDate, fields);
  });
});

/** Every top-level field of a task (compile-checked to be all of them) and nested paths of each kind. */
const TOP_LEVEL = [
  "gid", "resource_type", "name", "resource_subtype", "created_by", "created_at", "approval_status", "assignee_status", "assigned_by",
  "completed", "completed_at", "completed_by", "dependencies", "dependents", "due_at", "due_on", "external", "html_notes", "hearted",
  "hearts", "is_rendered_as_separator", "liked", "likes", "memberships", "modified_at", "notes", "num_hearts", "num_likes",
  "num_subtasks", "start_at", "start_on", "actual_time_minutes", "assignee", "assignee_section", "custom_fields", "custom_type",
  "custom_type_status_option", "followers", "parent", "projects", "tags", "workspace", "permalink_url",
] as const satisfies readonly (keyof Task)[];
is<Equal<(typeof TOP_LEVEL)[number], keyof Task>>(true);

const NESTED: FieldPath<Task>[] = [
  "created_by.name", "assignee.name", "assignee.resource_type", "assignee.email", "followers.name", "followers.email", "projects.name", "tags.name", "workspace.name",
  "parent.name", "parent.resource_subtype", "parent.created_at", "parent.created_by.name", "dependencies.resource_type",
  "dependents.gid", "memberships.project.name", "memberships.section", "external.gid", "external.data", "custom_fields.name",
  "custom_fields.type", "custom_fields.display_value", "custom_fields.enum_value.color", "custom_fields.enum_options.enabled",
  "custom_fields.multi_enum_values.name", "custom_fields.date_value.date", "custom_fields.created_by.name",
  "custom_fields.number_value", "custom_fields.text_value", "custom_fields.precision", "custom_fields.is_value_read_only",
];
const SAMPLE: FieldPath<Task>[] = [...TOP_LEVEL, ...NESTED];

/** Answered empty on the rich task (the fake models no likes, hearts, assignee section or custom type). */
const EMPTY = new Set(["hearts", "likes", "assignee_section", "custom_type", "custom_type_status_option", "approval_status"]);

describe("a sample of FieldPath<Task>: alone, in groups, and all at once", () => {
  const chunks = (paths: string[], size: number) => Array.from({ length: Math.ceil(paths.length / size) }, (_, i) => paths.slice(i * size, i * size + size));

  test(`each of ${SAMPLE.length} paths alone, on tasks.get`, async () => {
    const { asana, gid } = await world();
    expect(SAMPLE.length).toBeGreaterThanOrEqual(40);
    for (const path of SAMPLE) {
      const answer = await asana.tasks.get(gid, { opt_fields: [path] });
      expect({ path, ...disagreements(answer, expectedKeys(FACTS.task, [path])) }).toEqual({
        path,
        wrong: [],
        unchecked: EMPTY.has(path) ? expect.any(Array) : [],
      });
    }
  });

  test("in groups of 7 and all at once, on tasks.get and in a list", async () => {
    const { asana, gid, project } = await world();
    const checked = SAMPLE.filter((path) => !EMPTY.has(path));
    for (const group of [...chunks(checked, 7), checked]) expectAgreement(await asana.tasks.get(gid, { opt_fields: group }), group);
    const listed = await asana.tasks.forProject(project, {}, { opt_fields: checked }).toArray();
    expectAgreement(listed.find((item) => item.gid === gid), checked);
    expect(listed.length).toBeGreaterThan(1);
  });
});

/** Every top-level field of a job (compile-checked), and the new task's. */
const JOB_TOP_LEVEL = [
  "gid", "resource_type", "resource_subtype", "status", "new_portfolio", "new_project", "new_task", "new_project_template",
  "new_graph_export", "new_resource_export",
] as const satisfies readonly (keyof Job)[];
is<Equal<(typeof JOB_TOP_LEVEL)[number], keyof Job>>(true);
const JOB_SAMPLE: FieldPath<Job>[] = [...JOB_TOP_LEVEL, "new_task.name", "new_task.resource_subtype", "new_task.created_at", "new_task.created_by.name"];

test("a sample of FieldPath<Job>, alone and all at once, on jobs.get", async () => {
  const { asana, gid } = await world();
  const job = await asana.jobs.wait(await asana.tasks.duplicate(gid, { include: ["notes"] }), { intervalMs: 1 });
  // Only a new task is made: the other results are null.
  const empty = JOB_TOP_LEVEL.filter((field) => field.startsWith("new_") && field !== "new_task");
  for (const paths of [...JOB_SAMPLE.map((path) => [path]), JOB_SAMPLE]) {
    expectAgreement(await asana.jobs.get(job.gid, { opt_fields: paths }), paths, { facts: FACTS.job, empty });
  }
});

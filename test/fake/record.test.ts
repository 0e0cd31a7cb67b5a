/**
 * The task record against Asana's official schemas: every TaskResponse property (its allOf chain:
 * AsanaResource, TaskCompact, TaskBase, TaskResponse), and every nested compact schema through
 * opt_fields, answering exactly gid plus what was asked.
 */
import { describe, expect, test } from "@jest/globals";
import { world } from "./helpers.ts";

/** TaskResponse's properties, in the order of the official spec (asana_oas.yaml). */
const TASK_RESPONSE = [
  "gid", "resource_type", "name", "resource_subtype", "created_by", "approval_status", "assignee_status", "assigned_by",
  "completed", "completed_at", "completed_by", "created_at", "dependencies", "dependents", "due_at", "due_on", "external",
  "html_notes", "hearted", "hearts", "is_rendered_as_separator", "liked", "likes", "memberships", "modified_at", "notes",
  "num_hearts", "num_likes", "num_subtasks", "start_at", "start_on", "actual_time_minutes", "assignee", "assignee_section",
  "custom_fields", "custom_type", "custom_type_status_option", "followers", "parent", "projects", "tags", "workspace", "permalink_url",
];
const NAMED = ["gid", "resource_type", "name"]; // UserCompact, ProjectCompact, SectionCompact, TagCompact, WorkspaceCompact, CustomType(StatusOption)Compact
const ENUM_OPTION = ["gid", "resource_type", "name", "enabled", "color"];
const TASK_COMPACT = ["gid", "resource_type", "name", "resource_subtype", "created_by"];
const ASANA_RESOURCE = ["gid", "resource_type"];
const CUSTOM_FIELD_RESPONSE = [
  "gid", "resource_type", "name", "type", "enum_options", "enabled", "representation_type", "id_prefix", "input_restrictions",
  "is_formula_field", "date_value", "enum_value", "multi_enum_values", "number_value", "text_value", "display_value", "description",
  "precision", "format", "currency_code", "custom_label", "custom_label_position", "is_global_to_workspace", "has_notifications_enabled",
  "asana_created_field", "is_value_read_only", "created_by", "people_value", "reference_value", "html_text_value", "privacy_setting",
  "default_access_level", "resource_subtype",
];

/** One task with something in every relation: the fake's richest record. */
async function richTask() {
  const w = world();
  const { fake, call, workspace, project, user } = w;
  const priority = fake.seed.customField({ workspace, name: "Priority", type: "enum", options: ["High", "Low"] });
  const labels = fake.seed.customField({ workspace, name: "Labels", type: "multi_enum", options: ["ui"] });
  const launch = fake.seed.customField({ workspace, name: "Launch", type: "date" }).gid;
  const tag = fake.seed.tag({ workspace, name: "urgent" }).gid;
  const parent = fake.seed.task({ workspace, name: "Parent" }).gid;
  const [blocker, blocked] = fake.seed.tasks(2, { workspace });
  const custom_fields = { [priority.gid]: priority.enumOptions[0], [labels.gid]: labels.enumOptions, [launch]: { date: "2024-01-02" } };
  const created = await call("POST", `/tasks/${parent}/subtasks`, {
    data: { name: "Rich", projects: [project], tags: [tag], followers: ["me"], assignee: user, custom_fields, external: { gid: "ext-1", data: "blob" } },
  });
  const gid: string = created.body.data.gid;
  await call("PUT", `/tasks/${gid}`, { data: { completed: true } });
  await call("POST", `/tasks/${gid}/addDependencies`, { data: { dependencies: [blocker] } });
  await call("POST", `/tasks/${gid}/addDependents`, { data: { dependents: [blocked] } });
  fake.seed.task({ parent: gid });
  return { ...w, gid };
}

const keysOf = (value: object) => Object.keys(value);

describe("the task record against TaskResponse", () => {
  test("GET /tasks/{gid} answers every TaskResponse property, in the spec's order", async () => {
    const { call, gid } = await richTask();
    const data = (await call("GET", `/tasks/${gid}`)).body.data;
    expect(keysOf(data)).toEqual(TASK_RESPONSE);
    expect(data).toMatchObject({ completed: true, completed_by: { name: "Ann Lee" }, assigned_by: { name: "Ann Lee" }, created_by: { resource_type: "user" }, num_subtasks: 1, external: { gid: "ext-1", data: "blob" } });
    expect(keysOf(data.created_by)).toEqual(ASANA_RESOURCE);
    expect(keysOf(data.dependencies[0])).toEqual(ASANA_RESOURCE);
  });

  test("opt_fields=<one property> answers exactly gid and that property, for every property, null or [] included", async () => {
    const { call, fake, gid, workspace } = await richTask();
    const bare = fake.seed.task({ workspace }).gid;
    for (const task of [gid, bare]) {
      for (const field of TASK_RESPONSE.slice(1)) {
        const data = (await call("GET", `/tasks/${task}?opt_fields=${field}`)).body.data;
        expect({ field, keys: keysOf(data) }).toEqual({ field, keys: ["gid", field] });
      }
    }
  });

  test("lists answer every property asked for too", async () => {
    const { call, project } = await richTask();
    const list = (await call("GET", `/projects/${project}/tasks?opt_fields=${TASK_RESPONSE.slice(1).join(",")}`)).body.data;
    expect(list).toHaveLength(1);
    expect(keysOf(list[0])).toEqual(TASK_RESPONSE);
  });

  test("a path through a reference answers {gid, ...requested} for each nested compact schema; null references stay null", async () => {
    const { call, gid } = await richTask();
    const cases: [string, string[]][] = [
      ["assignee", NAMED], ["assigned_by", NAMED], ["completed_by", NAMED], ["followers", NAMED], ["projects", NAMED], ["tags", NAMED],
      ["workspace", NAMED], ["memberships.project", NAMED], ["memberships.section", NAMED], ["custom_fields.created_by", NAMED],
      ["parent", TASK_COMPACT], ["created_by", ASANA_RESOURCE], ["dependencies", ASANA_RESOURCE], ["dependents", ASANA_RESOURCE],
      ["custom_fields", CUSTOM_FIELD_RESPONSE], ["custom_fields.enum_value", ENUM_OPTION], ["custom_fields.enum_options", ENUM_OPTION],
      ["custom_fields.multi_enum_values", ENUM_OPTION], ["external", ["gid", "data"]], ["custom_fields.date_value", ["date", "date_time"]],
    ];
    for (const [path, schema] of cases) {
      const requested = schema.filter((key) => key !== "gid");
      const data = (await call("GET", `/tasks/${gid}?opt_fields=${requested.map((key) => `${path}.${key}`).join(",")}`)).body.data;
      expect(keysOf(data)).toEqual(["gid", path.split(".")[0]]);
      // Every value at the end of the path, through arrays and nulls.
      let values: unknown[] = [data];
      for (const part of path.split(".")) {
        values = values.flatMap((v) => (v === null ? [] : [(v as Record<string, unknown>)[part]])).flatMap((v) => (Array.isArray(v) ? v : [v]));
      }
      const objects = values.filter((v) => v !== null) as object[];
      expect({ path, found: objects.length > 0 }).toEqual({ path, found: true });
      const expected = path === "external" || path.endsWith("date_value") ? requested : ["gid", ...requested];
      for (const value of objects) expect({ path, keys: keysOf(value) }).toEqual({ path, keys: expected });
    }
    const nulls = (await call("GET", `/tasks/${gid}?opt_fields=assignee_section.name,custom_type.name,custom_type_status_option.name,likes.user.name,hearts.user`)).body.data;
    expect(nulls).toEqual({ gid, assignee_section: null, custom_type: null, custom_type_status_option: null, likes: [], hearts: [] });
  });

  test("a reference asked for without sub-fields is {gid, resource_type}; nested references compact in the full record", async () => {
    const { call, gid } = await richTask();
    const data = (await call("GET", `/tasks/${gid}?opt_fields=assignee,parent,custom_fields,tags`)).body.data;
    for (const ref of [data.assignee, data.parent, data.custom_fields[0], data.tags[0]]) expect(keysOf(ref)).toEqual(ASANA_RESOURCE);
    const full = (await call("GET", `/tasks/${gid}`)).body.data;
    expect(keysOf(full.assignee)).toEqual(["gid", "name", "resource_type"]);
    expect(keysOf(full.parent)).toEqual(["gid", "name", "resource_type", "resource_subtype"]);
    expect(keysOf(full.custom_fields[0]).sort()).toEqual([...CUSTOM_FIELD_RESPONSE].sort());
    expect(keysOf(full.custom_fields[0].enum_value).sort()).toEqual([...ENUM_OPTION].sort());
  });
});

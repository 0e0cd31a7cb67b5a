/**
 * Every kind of record the fake answers, by kind: the task (task-view.ts) and what tasks refer to.
 * Each answers at least its compact schema's properties (UserCompact, ProjectCompact, SectionCompact,
 * TagCompact, WorkspaceCompact, CustomFieldResponse, EnumOption, JobCompact).
 */
import { displayValue } from "./custom-fields.ts";
import type { FakeCustomField, FakeCustomFieldValue, FakeEnumOption, FakeJob, FakeProject, FakeSection, FakeTag, FakeUser, FakeWorkspace } from "./model.ts";
import { type Kind, ref, refOrNull } from "./refs.ts";
import { TASK_VIEW } from "./task-view.ts";
import { namedView, type ViewSpec, viewSpec } from "./view-spec.ts";

const USER_VIEW = namedView<FakeUser>("user", (s) => s.users, {
  email: (u) => u.email,
  workspaces: (u) => u.workspaces.map((w) => ref("workspace", w)),
});
const PROJECT_VIEW = namedView<FakeProject>("project", (s) => s.projects, { workspace: (p) => ref("workspace", p.workspace) });
const WORKSPACE_VIEW = namedView<FakeWorkspace>("workspace", (s) => s.workspaces);
const SECTION_VIEW = namedView<FakeSection>("section", (s) => s.sections, {
  created_at: (s) => s.created_at,
  project: (s) => ref("project", s.project),
});
const TAG_VIEW = namedView<FakeTag>("tag", (s) => s.tags, { workspace: (t) => ref("workspace", t.workspace) });

const JOB_VIEW = viewSpec<FakeJob>({
  find: (state, gid) => state.jobs.get(gid),
  compact: ["resource_type", "resource_subtype", "status"],
  fields: {
    resource_type: () => "job",
    resource_subtype: (j) => j.resource_subtype,
    status: (j) => j.status,
    new_task: (j) => refOrNull("task", j.new_task),
    new_project: () => null,
    new_project_template: () => null,
    // JobCompact's other results: never made by a task duplication, shown only when asked for.
    new_portfolio: () => null,
    new_graph_export: () => null,
    new_resource_export: () => null,
  },
  optIn: ["new_portfolio", "new_graph_export", "new_resource_export"],
});

const ENUM_OPTION_FIELDS: ViewSpec<FakeEnumOption>["fields"] = {
  resource_type: () => "enum_option",
  name: (o) => o.name,
  enabled: (o) => o.enabled,
  color: (o) => o.color,
};
const ENUM_OPTION_VIEW = viewSpec<FakeEnumOption>({
  find: (state, gid) => state.enumOptions.get(gid),
  compact: Object.keys(ENUM_OPTION_FIELDS),
  fields: ENUM_OPTION_FIELDS,
});

/** A custom field with a task's value of it (undefined: no value, as when the field is asked for by itself). */
interface FieldValue {
  field: FakeCustomField;
  value: FakeCustomFieldValue | undefined;
}
const valueIf = <T>(fv: FieldValue, type: FakeCustomField["type"], fallback: T) => (fv.field.type === type && fv.value !== undefined ? fv.value : fallback);
const enumOptions = (gids: readonly string[]) => gids.map((gid) => ref("enum_option", gid));

/** CustomFieldResponse, in the schema's order. */
const CUSTOM_FIELD_FIELDS: ViewSpec<FieldValue>["fields"] = {
  resource_type: () => "custom_field",
  name: ({ field }) => field.name,
  type: ({ field }) => field.type,
  enum_options: ({ field }) => enumOptions(field.enum_options),
  enabled: () => true,
  representation_type: ({ field }) => field.type,
  id_prefix: () => null,
  input_restrictions: () => [],
  is_formula_field: () => false,
  date_value: (fv) => {
    const value = valueIf<FakeCustomFieldValue | null>(fv, "date", null);
    return value === null ? null : { ...(value as { date: string; date_time: string | null }) };
  },
  enum_value: (fv) => refOrNull("enum_option", valueIf(fv, "enum", null) as string | null),
  multi_enum_values: (fv) => enumOptions(valueIf(fv, "multi_enum", []) as string[]),
  number_value: (fv) => valueIf(fv, "number", null),
  text_value: (fv) => valueIf(fv, "text", null),
  display_value: (fv, state) => displayValue(state, fv.field, fv.value),
  description: ({ field }) => field.description,
  precision: ({ field }) => field.precision,
  format: () => "none",
  currency_code: () => null,
  custom_label: () => null,
  custom_label_position: () => null,
  is_global_to_workspace: () => true,
  has_notifications_enabled: () => true,
  asana_created_field: () => null,
  is_value_read_only: () => false,
  created_by: ({ field }) => refOrNull("user", field.created_by),
  people_value: () => [],
  reference_value: () => [],
  html_text_value: () => null,
  privacy_setting: () => "public_with_guests",
  default_access_level: () => "editor",
  resource_subtype: ({ field }) => field.type,
};
const CUSTOM_FIELD_VIEW = viewSpec<FieldValue>({
  find: (state, gid) => {
    const field = state.customFields.get(gid);
    return field && { field, value: undefined };
  },
  // Asana shows a task's custom field values in full.
  compact: Object.keys(CUSTOM_FIELD_FIELDS),
  fields: CUSTOM_FIELD_FIELDS,
});

export const VIEWS: Record<Kind, ViewSpec<unknown>> = {
  task: TASK_VIEW,
  user: USER_VIEW,
  project: PROJECT_VIEW,
  workspace: WORKSPACE_VIEW,
  section: SECTION_VIEW,
  tag: TAG_VIEW,
  job: JOB_VIEW,
  custom_field: CUSTOM_FIELD_VIEW,
  enum_option: ENUM_OPTION_VIEW,
};

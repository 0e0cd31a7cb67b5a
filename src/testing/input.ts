/** Task bodies for create and update: checked field by field, answered in stored form (gids for references). */
import { bool, date, dateTime, gidList, gidOf, isObject, listOfItems, str } from "./body.ts";
import type { FakeContext } from "./context.ts";
import { badRequest } from "./http.ts";
import type { FakeTask, TaskSubtype } from "./model.ts";
import { userList, userOf } from "./users.ts";

const SUBTYPES: ReadonlySet<string> = new Set<TaskSubtype>(["default_task", "milestone", "section", "approval"]);
const APPROVAL: ReadonlySet<string> = new Set(["pending", "approved", "rejected", "changes_requested"]);
/** Response fields a client may echo back (GET, edit, PUT): ignored, not refused. */
const READ_ONLY = new Set([
  "gid", "resource_type", "completed_at", "completed_by", "created_at", "created_by", "modified_at",
  "num_subtasks", "num_likes", "permalink_url", "assignee_status", "actual_time_minutes", "assigned_by",
  "dependencies", "dependents", "hearted", "hearts", "num_hearts", "likes", "is_rendered_as_separator",
]);
/** Fields only the create endpoints take (afterwards Asana moves tasks with addProject, setParent, …). */
const CREATE_ONLY = new Set(["workspace", "projects", "memberships", "parent", "tags", "followers"]);
/** My Tasks sections are not modelled. */
const ACCEPTED_IGNORED = new Set(["assignee_section"]);

type Stored = Omit<FakeTask, "gid" | "created_at" | "modified_at" | "completed_at" | "projects" | "memberships" | "custom_fields">;
export type TaskFields = Partial<Stored> & {
  projects?: string[];
  /** Create only: a project, and optionally its section. */
  memberships?: { project: string; section?: string }[];
  /** Unchecked: custom field values are checked once the task's workspace is known (custom-fields.ts). */
  custom_fields?: unknown;
};

function stripHtml(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

/** A gid, or what a GET answers for a reference ({gid, …}), so a record can be echoed back. */
const gidIn = (value: unknown): unknown => (isObject(value) && "gid" in value ? value.gid : value);

function memberships(ctx: FakeContext, value: unknown): { project: string; section?: string }[] {
  const { state } = ctx;
  return listOfItems("memberships", value).map((item) => {
    if (!isObject(item)) throw badRequest(`memberships: Value is not an object with project and section: ${JSON.stringify(item)}`);
    const project = gidOf("memberships.project", gidIn(item.project), state.projects);
    if (item.section === undefined || item.section === null) return { project };
    const section = gidOf("memberships.section", gidIn(item.section), state.sections);
    if (state.sections.get(section)!.project !== project) throw badRequest(`memberships.section: ${section} is not a section of project ${project}`);
    return { project, section };
  });
}

function external(value: unknown): FakeTask["external"] {
  if (value === null) return null;
  if (!isObject(value)) throw badRequest(`external: Value is not an object with gid and data: ${JSON.stringify(value)}`);
  const part = (key: "gid" | "data") => (value[key] === undefined || value[key] === null ? null : str(`external.${key}`, value[key]));
  return { gid: part("gid"), data: part("data") };
}

/** Checks a create or update body and returns the changes in stored form (gids for references). */
export function taskFields(ctx: FakeContext, data: Record<string, unknown>, mode: "create" | "update"): TaskFields {
  const { state } = ctx;
  const out: TaskFields = {};
  for (const [field, value] of Object.entries(data)) {
    if (value === undefined || READ_ONLY.has(field) || ACCEPTED_IGNORED.has(field)) continue;
    if (mode === "update" && field === "memberships") continue; // read-only after creation
    if (mode === "update" && CREATE_ONLY.has(field)) {
      throw badRequest(`${field}: Cannot be changed with PUT /tasks/{task_gid}; use the endpoint for it`);
    }
    if (field === "name" || field === "notes") {
      out[field] = str(field, value);
      continue;
    }
    if (field === "completed" || field === "liked") {
      out[field] = bool(field, value);
      continue;
    }
    switch (field) {
      case "html_notes":
        if ("notes" in data) throw badRequest("You may only provide one of notes or html_notes");
        out.notes = stripHtml(str(field, value));
        break;
      case "resource_subtype":
        if (typeof value !== "string" || !SUBTYPES.has(value)) throw badRequest(`resource_subtype: Invalid value: ${JSON.stringify(value)}`);
        out.resource_subtype = value as TaskSubtype;
        break;
      case "approval_status":
        if (typeof value !== "string" || !APPROVAL.has(value)) throw badRequest(`approval_status: Invalid value: ${JSON.stringify(value)}`);
        out.approval_status = value as FakeTask["approval_status"];
        break;
      case "due_on":
      case "start_on":
        out[field] = date(field, value);
        break;
      case "due_at":
      case "start_at":
        out[field] = dateTime(field, value);
        break;
      case "assignee":
        out.assignee = value === null ? null : userOf(state, field, value);
        break;
      case "workspace":
        out.workspace = gidOf(field, value, state.workspaces);
        break;
      case "parent":
        out.parent = value === null ? null : gidOf(field, value, state.tasks);
        break;
      case "projects":
        out.projects = gidList(field, value, state.projects);
        break;
      case "memberships":
        out.memberships = memberships(ctx, value);
        break;
      case "tags":
        out.tags = gidList(field, value, state.tags);
        break;
      case "followers":
        out.followers = userList(state, field, value);
        break;
      case "custom_fields":
        out.custom_fields = value;
        break;
      case "external":
        out.external = external(value);
        break;
      case "custom_type":
      case "custom_type_status_option":
        // Custom types are not modelled: there are none to name.
        if (value !== null) throw badRequest(`${field}: Unknown object: ${String(gidIn(value))}`);
        break;
      default:
        throw badRequest(`${field}: Unknown property for a task`);
    }
  }
  if (data.due_on != null && data.due_at != null) throw badRequest("You may only provide one of due_on or due_at!");
  if (data.start_on != null && data.start_at != null) throw badRequest("You may only provide one of start_on or start_at!");
  // A time implies its day, and a day alone clears the time, as in Asana.
  if (out.due_at) out.due_on = out.due_at.slice(0, 10);
  else if (out.due_on) out.due_at = null;
  if (out.start_at) out.start_on = out.start_at.slice(0, 10);
  else if (out.start_on) out.start_at = null;
  return out;
}

/** Request bodies: the `{data}` envelope and task fields, checked with Asana-style 400 messages. */
import type { ApiRequest, FakeContext } from "./context.ts";
import { badRequest } from "./http.ts";
import type { FakeTask, TaskSubtype } from "./types.ts";

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** The object inside `{"data": …}`. */
export function readData(req: ApiRequest): Record<string, unknown> {
  const text = req.bodyText.trim();
  if (text === "") throw badRequest("data: Missing input");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw badRequest("Could not parse request data, invalid JSON");
  }
  if (!isObject(body) || !("data" in body)) throw badRequest("data: Missing input");
  if (!isObject(body.data)) throw badRequest("data: Value is not an object");
  return body.data;
}

const SUBTYPES: ReadonlySet<string> = new Set<TaskSubtype>(["default_task", "milestone", "section", "approval"]);
const APPROVAL: ReadonlySet<string> = new Set(["pending", "approved", "rejected", "changes_requested"]);
/** Response fields a client may echo back (GET, edit, PUT): ignored, not refused. */
const READ_ONLY = new Set([
  "gid", "resource_type", "completed_at", "completed_by", "created_at", "created_by", "modified_at",
  "num_subtasks", "num_likes", "memberships", "permalink_url", "assignee_status", "actual_time_minutes",
  "dependencies", "dependents", "hearted", "hearts", "num_hearts", "likes", "is_rendered_as_separator",
]);
/** Fields only the create endpoints take (the real API moves tasks with addProject, setParent, …). */
const CREATE_ONLY = new Set(["workspace", "projects", "parent", "tags", "followers"]);
const ACCEPTED_IGNORED = new Set(["assignee_section", "custom_fields"]);

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

export type TaskFields = Partial<Omit<FakeTask, "gid" | "created_at" | "modified_at" | "completed_at">>;

function str(field: string, value: unknown): string {
  if (typeof value !== "string") throw badRequest(`${field}: Value is not a string: ${JSON.stringify(value)}`);
  return value;
}

function bool(field: string, value: unknown): boolean {
  if (typeof value !== "boolean") throw badRequest(`${field}: Value is not a boolean: ${JSON.stringify(value)}`);
  return value;
}

function date(field: string, value: unknown): string | null {
  if (value === null) return null;
  if (typeof value !== "string" || !DATE.test(value) || Number.isNaN(Date.parse(value))) {
    throw badRequest(`${field}: Value is not a valid date (YYYY-MM-DD): ${JSON.stringify(value)}`);
  }
  return value;
}

export function dateTime(field: string, value: unknown): string | null {
  if (value === null) return null;
  const ms = typeof value === "string" && DATE_TIME.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw badRequest(`${field}: Value is not a valid ISO 8601 date-time: ${JSON.stringify(value)}`);
  return new Date(ms).toISOString();
}

function gidOf(field: string, value: unknown, known: Map<string, unknown>): string {
  if (typeof value !== "string" && typeof value !== "number") throw badRequest(`${field}: Not a recognized ID: ${JSON.stringify(value)}`);
  const gid = String(value);
  if (!known.has(gid)) throw badRequest(`${field}: Unknown object: ${gid}`);
  return gid;
}

function gidList(field: string, value: unknown, known: Map<string, unknown>): string[] {
  // Asana also takes one comma-separated string.
  const items = typeof value === "string" ? value.split(",").map((s) => s.trim()).filter(Boolean) : value;
  if (!Array.isArray(items)) throw badRequest(`${field}: Value is not an array of gids: ${JSON.stringify(value)}`);
  return [...new Set(items.map((item) => gidOf(field, item, known)))];
}

function stripHtml(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

/** Checks a create or update body and returns the changes in stored form (gids for references). */
export function taskFields(ctx: FakeContext, data: Record<string, unknown>, mode: "create" | "update"): TaskFields {
  const { state } = ctx;
  const out: TaskFields = {};
  for (const [field, value] of Object.entries(data)) {
    if (value === undefined || READ_ONLY.has(field) || ACCEPTED_IGNORED.has(field)) continue;
    if (mode === "update" && CREATE_ONLY.has(field)) {
      throw badRequest(`${field}: Cannot be changed with PUT /tasks/{task_gid}; use the endpoint for it`);
    }
    switch (field) {
      case "name":
        out.name = str(field, value);
        break;
      case "notes":
        out.notes = str(field, value);
        break;
      case "html_notes":
        if ("notes" in data) throw badRequest("You may only provide one of notes or html_notes");
        out.notes = stripHtml(str(field, value));
        break;
      case "completed":
        out.completed = bool(field, value);
        break;
      case "liked":
        out.liked = bool(field, value);
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
        out.assignee = value === null ? null : gidOf(field, value, state.users);
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
      case "tags":
        out.tags = gidList(field, value, state.tags);
        break;
      case "followers":
        out.followers = gidList(field, value, state.users);
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

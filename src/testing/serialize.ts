/**
 * Records as Asana returns them. Each resource has a "view" whose references to other resources stay
 * lazy (Ref) until opt_fields asks for their sub-fields, so `assignee.name` or `parent.assignee.email`
 * costs only what is asked.
 *
 * - lists: compact records ({gid, name, resource_type, resource_subtype} for tasks);
 * - GET one: the full record, nested references as compact records;
 * - with opt_fields: gid plus exactly the requested fields; a reference asked for without
 *   sub-fields is {gid, resource_type}. Unknown fields are left out.
 */
import type { FakeContext } from "./context.ts";
import type { FakeState } from "./types.ts";

export type Kind = "task" | "user" | "project" | "workspace" | "section" | "tag" | "job";

const REF: unique symbol = Symbol("ref");
interface Ref {
  [REF]: Kind;
  gid: string;
}
const ref = (kind: Kind, gid: string): Ref => ({ [REF]: kind, gid });
const refOrNull = (kind: Kind, gid: string | null): Ref | null => (gid === null ? null : ref(kind, gid));
const isRef = (value: object): value is Ref => REF in value;

type View = Record<string, unknown>;

/** A field tree: `null` for a leaf. */
export type FieldTree = Map<string, FieldTree | null>;

export function parseOptFields(raw: string | null): FieldTree | undefined {
  if (raw === null) return undefined;
  const tree: FieldTree = new Map();
  for (const field of raw.split(",")) {
    const parts = field.trim().split(".").filter(Boolean);
    let node = tree;
    parts.forEach((part, i) => {
      const last = i === parts.length - 1;
      const existing = node.get(part);
      if (last) {
        if (existing === undefined) node.set(part, null);
      } else {
        // `assignee` and `assignee.name` together: the sub-fields win.
        const child = existing ?? new Map();
        node.set(part, child);
        node = child;
      }
    });
  }
  return tree;
}

const tree = (...fields: string[]): FieldTree => new Map(fields.map((f) => [f, null]));
const COMPACT: Record<Kind, FieldTree> = {
  task: tree("name", "resource_type", "resource_subtype"),
  user: tree("name", "resource_type"),
  project: tree("name", "resource_type"),
  workspace: tree("name", "resource_type"),
  section: tree("name", "resource_type"),
  tag: tree("name", "resource_type"),
  job: tree("resource_type", "resource_subtype", "status"),
};

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function viewOf(state: FakeState, kind: Kind, gid: string): View | undefined {
  switch (kind) {
    case "task": {
      const t = state.tasks.get(gid);
      if (!t) return undefined;
      return {
        resource_type: "task",
        resource_subtype: t.resource_subtype,
        name: t.name,
        notes: t.notes,
        html_notes: `<body>${escapeHtml(t.notes)}</body>`,
        completed: t.completed,
        completed_at: t.completed_at,
        created_at: t.created_at,
        modified_at: t.modified_at,
        due_on: t.due_on,
        due_at: t.due_at,
        start_on: t.start_on,
        start_at: t.start_at,
        assignee: refOrNull("user", t.assignee),
        assignee_status: t.assignee === null ? null : "inbox",
        parent: refOrNull("task", t.parent),
        num_subtasks: state.subtasks.get(gid)?.length ?? 0,
        projects: t.projects.map((p) => ref("project", p)),
        memberships: t.projects.map((p) => ({ project: ref("project", p), section: refOrNull("section", state.projects.get(p)?.section ?? null) })),
        workspace: ref("workspace", t.workspace),
        tags: t.tags.map((g) => ref("tag", g)),
        followers: t.followers.map((g) => ref("user", g)),
        liked: t.liked,
        num_likes: t.num_likes,
        ...(t.resource_subtype === "approval" ? { approval_status: t.approval_status ?? "pending" } : {}),
        custom_fields: [],
        permalink_url: `https://app.asana.com/0/${t.projects[0] ?? 0}/${gid}`,
      };
    }
    case "user": {
      const u = state.users.get(gid);
      return u && { resource_type: "user", name: u.name, email: u.email, workspaces: u.workspaces.map((w) => ref("workspace", w)) };
    }
    case "project": {
      const p = state.projects.get(gid);
      return p && { resource_type: "project", name: p.name, workspace: ref("workspace", p.workspace) };
    }
    case "workspace": {
      const w = state.workspaces.get(gid);
      return w && { resource_type: "workspace", name: w.name };
    }
    case "section": {
      const s = state.sections.get(gid);
      return s && { resource_type: "section", name: s.name, project: ref("project", s.project) };
    }
    case "tag": {
      const t = state.tags.get(gid);
      return t && { resource_type: "tag", name: t.name, workspace: ref("workspace", t.workspace) };
    }
    case "job": {
      const j = state.jobs.get(gid);
      return (
        j && {
          resource_type: "job",
          resource_subtype: j.resource_subtype,
          status: j.status,
          new_task: refOrNull("task", j.new_task),
          new_project: null,
          new_project_template: null,
        }
      );
    }
  }
}

/** A record of this kind: with `fields` (parsed opt_fields) exactly those, else compact or full. */
export function render(ctx: FakeContext, kind: Kind, gid: string, fields: FieldTree | undefined, form: "compact" | "full"): View {
  const view = viewOf(ctx.state, kind, gid);
  if (!view) return { gid, resource_type: kind };
  if (fields) return select(ctx.state, gid, view, fields);
  if (form === "compact") return select(ctx.state, gid, view, COMPACT[kind]);
  const out: View = { gid };
  for (const [key, value] of Object.entries(view)) out[key] = expandDefault(ctx.state, value);
  return out;
}

function select(state: FakeState, gid: string, view: View, fields: FieldTree): View {
  const out: View = { gid };
  for (const [key, sub] of fields) {
    if (key !== "gid" && key in view) out[key] = pick(state, view[key], sub);
  }
  return out;
}

function pick(state: FakeState, value: unknown, fields: FieldTree | null): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item) => pick(state, item, fields));
  if (isRef(value)) {
    const kind = value[REF];
    if (fields === null) return { gid: value.gid, resource_type: kind };
    const view = viewOf(state, kind, value.gid);
    return view ? select(state, value.gid, view, fields) : { gid: value.gid };
  }
  const record = value as View;
  const out: View = {};
  if (fields === null) {
    for (const [key, item] of Object.entries(record)) out[key] = pick(state, item, null);
  } else {
    for (const [key, sub] of fields) if (key in record) out[key] = pick(state, record[key], sub);
  }
  return out;
}

/** In a full record, nested references are compact records. */
function expandDefault(state: FakeState, value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item) => expandDefault(state, item));
  if (isRef(value)) {
    const kind = value[REF];
    const view = viewOf(state, kind, value.gid);
    return view ? select(state, value.gid, view, COMPACT[kind]) : { gid: value.gid, resource_type: kind };
  }
  const out: View = {};
  for (const [key, item] of Object.entries(value as View)) out[key] = expandDefault(state, item);
  return out;
}

/**
 * The task as Asana answers it: every property of the official TaskResponse schema (TaskBase,
 * TaskCompact and the rest of its allOf chain). What the fake does not model answers null or [].
 */
import type { FakeState, FakeTask } from "./model.ts";
import { bareRef, bareRefOrNull, ref, refOrNull } from "./refs.ts";
import { namedView } from "./view-spec.ts";

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

const customFieldValues = (t: FakeTask, state: FakeState) =>
  Object.entries(t.custom_fields).flatMap(([gid, value]) => {
    const field = state.customFields.get(gid);
    return field ? [ref("custom_field", gid, { record: { field, value } })] : [];
  });

export const TASK_VIEW = namedView<FakeTask>(
  "task",
  (state) => state.tasks,
  {
    resource_subtype: (t) => t.resource_subtype,
    created_by: (t) => bareRefOrNull("user", t.created_by),
    approval_status: (t) => (t.resource_subtype === "approval" ? (t.approval_status ?? "pending") : null),
    assignee_status: (t) => (t.assignee === null ? null : "inbox"),
    assigned_by: (t) => refOrNull("user", t.assigned_by),
    completed: (t) => t.completed,
    completed_at: (t) => t.completed_at,
    completed_by: (t) => refOrNull("user", t.completed_by),
    created_at: (t) => t.created_at,
    dependencies: (t) => t.dependencies.map((gid) => bareRef("task", gid)),
    dependents: (t) => t.dependents.map((gid) => bareRef("task", gid)),
    due_at: (t) => t.due_at,
    due_on: (t) => t.due_on,
    external: (t) => (t.external === null ? null : { ...t.external }),
    html_notes: (t) => `<body>${escapeHtml(t.notes)}</body>`,
    hearted: (t) => t.liked,
    hearts: () => [],
    is_rendered_as_separator: () => false,
    liked: (t) => t.liked,
    likes: () => [],
    memberships: (t) => t.memberships.map((m) => ({ project: ref("project", m.project), section: ref("section", m.section) })),
    modified_at: (t) => t.modified_at,
    notes: (t) => t.notes,
    num_hearts: (t) => t.num_likes,
    num_likes: (t) => t.num_likes,
    num_subtasks: (t, state) => state.subtasks.get(t.gid)?.length ?? 0,
    start_at: (t) => t.start_at,
    start_on: (t) => t.start_on,
    actual_time_minutes: () => null,
    assignee: (t) => refOrNull("user", t.assignee),
    assignee_section: () => null,
    custom_fields: customFieldValues,
    custom_type: () => null,
    custom_type_status_option: () => null,
    followers: (t) => t.followers.map((gid) => ref("user", gid)),
    parent: (t) => refOrNull("task", t.parent),
    projects: (t) => t.projects.map((gid) => ref("project", gid)),
    tags: (t) => t.tags.map((gid) => ref("tag", gid)),
    workspace: (t) => ref("workspace", t.workspace),
    permalink_url: (t) => `https://app.asana.com/0/${t.projects[0] ?? 0}/${t.gid}`,
  },
  ["resource_subtype"],
);

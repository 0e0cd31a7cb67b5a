/**
 * The fake's data and the indexes that keep lists fast (tasks by project, section, tag and parent,
 * in order), with the two operations that touch them all: storing a new task and deleting one.
 */
import { customIdKey } from "./custom-ids.ts";
import { unlinkAll } from "./links.ts";
import { listOf, unlink } from "./lists.ts";
import { placeNewTask, unplaceAll } from "./memberships.ts";
import type { FakeState, FakeTask } from "./model.ts";
import { indexTags, unindexTags } from "./tagging.ts";

export function createState(): FakeState {
  return {
    workspaces: new Map(),
    users: new Map(),
    projects: new Map(),
    sections: new Map(),
    tags: new Map(),
    userTaskLists: new Map(),
    customFields: new Map(),
    enumOptions: new Map(),
    tasks: new Map(),
    jobs: new Map(),
    projectTasks: new Map(),
    sectionTasks: new Map(),
    tagTasks: new Map(),
    subtasks: new Map(),
    customIds: new Map(),
  };
}

export function clearState(state: FakeState): void {
  for (const map of Object.values(state) as Map<string, unknown>[]) map.clear();
}

/** Numeric strings of one length that only grow, like Asana's gids (and sort the same as strings or numbers). */
export function createGidSource(start = 1_200_000_000_000_001): () => string {
  let next = start;
  return () => String(next++);
}

/**
 * Stores a new task and indexes what it refers to, the way Asana orders new tasks: at the end of
 * each membership's section, of its parent's subtasks and of each tag's tasks. Dependencies and the
 * custom id are added afterwards (links.ts, custom-ids.ts), as they have rules to check.
 */
export function insertTask(state: FakeState, task: FakeTask): void {
  state.tasks.set(task.gid, task);
  placeNewTask(state, task);
  indexTags(state, task);
  if (task.parent !== null) listOf(state.subtasks, task.parent).push(task.gid);
}

/** Deletes a task and, as Asana does, all of its subtasks, recursively. Returns the gids removed. */
export function removeTask(state: FakeState, gid: string): string[] {
  const removed: string[] = [];
  const top = state.tasks.get(gid);
  if (!top) return removed;
  if (top.parent !== null) unlink(state.subtasks.get(top.parent), gid);
  // Iterative, so a deep chain of subtasks cannot overflow the stack.
  const stack = [gid];
  while (stack.length > 0) {
    const current = stack.pop()!;
    const task = state.tasks.get(current);
    if (!task) continue;
    unplaceAll(state, task);
    unindexTags(state, task);
    unlinkAll(state, task);
    if (task.custom_id !== null) state.customIds.delete(customIdKey(task.workspace, task.custom_id));
    const children = state.subtasks.get(current);
    if (children) stack.push(...children);
    state.subtasks.delete(current);
    state.tasks.delete(current);
    removed.push(current);
  }
  return removed;
}

/** A task with Asana's defaults for every field not given; `projects` follows `memberships`. */
export function newTask(gid: string, createdAt: string, fields: Partial<Omit<FakeTask, "projects">> & { workspace: string }): FakeTask {
  const task: FakeTask = {
    gid,
    resource_subtype: "default_task",
    name: "",
    notes: "",
    completed: false,
    completed_at: null,
    created_at: createdAt,
    modified_at: createdAt,
    due_on: null,
    due_at: null,
    start_on: null,
    start_at: null,
    assignee: null,
    parent: null,
    projects: [],
    memberships: [],
    tags: [],
    followers: [],
    dependencies: [],
    dependents: [],
    custom_fields: {},
    custom_id: null,
    created_by: null,
    assigned_by: null,
    completed_by: null,
    external: null,
    liked: false,
    num_likes: 0,
    approval_status: null,
    workspace: fields.workspace,
  };
  // Only the keys given (and not undefined) override a default; assigned in place, as seeding 10,000 tasks goes through here.
  const record = task as unknown as Record<string, unknown>;
  for (const key in fields) {
    const value = (fields as Record<string, unknown>)[key];
    if (value !== undefined) record[key] = value;
  }
  task.projects = task.memberships.map((m) => m.project);
  return task;
}

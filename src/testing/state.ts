/** The fake's data and the indexes that keep lists fast: tasks by project and by parent, in order. */
import type { FakeState, FakeTask } from "./types.ts";

export function createState(): FakeState {
  return {
    workspaces: new Map(),
    users: new Map(),
    projects: new Map(),
    sections: new Map(),
    tags: new Map(),
    tasks: new Map(),
    jobs: new Map(),
    projectTasks: new Map(),
    subtasks: new Map(),
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

function push(index: Map<string, string[]>, key: string, gid: string): void {
  const list = index.get(key);
  if (list) list.push(gid);
  else index.set(key, [gid]);
}

/** Stores a task and appends it to its projects and its parent, the way Asana orders new tasks. */
export function insertTask(state: FakeState, task: FakeTask): void {
  state.tasks.set(task.gid, task);
  for (const project of task.projects) push(state.projectTasks, project, task.gid);
  if (task.parent !== null) push(state.subtasks, task.parent, task.gid);
}

function unlink(index: Map<string, string[]>, key: string, gid: string): void {
  const list = index.get(key);
  if (!list) return;
  const at = list.lastIndexOf(gid);
  if (at >= 0) list.splice(at, 1);
}

/** Deletes a task and, as Asana does, all of its subtasks, recursively. Returns the gids removed. */
export function removeTask(state: FakeState, gid: string): string[] {
  const removed: string[] = [];
  const top = state.tasks.get(gid);
  if (!top) return removed;
  if (top.parent !== null) unlink(state.subtasks, top.parent, gid);
  // Iterative, so a deep chain of subtasks cannot overflow the stack.
  const stack = [gid];
  while (stack.length > 0) {
    const current = stack.pop()!;
    const task = state.tasks.get(current);
    if (!task) continue;
    for (const project of task.projects) unlink(state.projectTasks, project, current);
    const children = state.subtasks.get(current);
    if (children) stack.push(...children);
    state.subtasks.delete(current);
    state.tasks.delete(current);
    removed.push(current);
  }
  return removed;
}

/** A task with Asana's defaults for every field not given. */
export function newTask(gid: string, createdAt: string, fields: Partial<FakeTask> & { workspace: string }): FakeTask {
  return {
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
    tags: [],
    followers: [],
    liked: false,
    num_likes: 0,
    approval_status: null,
    ...definedOnly(fields),
    workspace: fields.workspace,
  };
}

/** Leaves out keys set to undefined, so they never override a default. */
export function definedOnly<T extends object>(fields: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(fields) as (keyof T)[]) if (fields[key] !== undefined) out[key] = fields[key];
  return out;
}

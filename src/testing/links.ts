/**
 * Dependencies, kept symmetric: B is in A.dependencies exactly when A is in B.dependents, whichever
 * endpoint made the change. A task cannot depend on itself, links stay within a workspace, and a
 * task has at most 30 dependencies and dependents combined (Asana's limit).
 */
import { badRequest } from "./http.ts";
import { addOnce, unlink } from "./lists.ts";
import type { FakeState, FakeTask } from "./model.ts";

export const MAX_LINKS = 30;
export type Side = "dependencies" | "dependents";
const opposite = (side: Side): Side => (side === "dependencies" ? "dependents" : "dependencies");
const linkCount = (task: FakeTask) => task.dependencies.length + task.dependents.length;

/** Whether the task can take one more link. */
export const hasRoom = (task: FakeTask): boolean => linkCount(task) < MAX_LINKS;

/** Checks that `task` may gain `others` on `side`, all or none (400 otherwise); returns those not linked yet. */
export function checkNewLinks(task: FakeTask, side: Side, others: readonly FakeTask[]): FakeTask[] {
  const fresh = others.filter((other) => !task[side].includes(other.gid));
  for (const other of fresh) {
    if (other.gid === task.gid) throw badRequest(`${side}: A task cannot depend on itself: ${task.gid}`);
    if (other.workspace !== task.workspace) throw badRequest(`${side}: ${other.gid} is not in workspace ${task.workspace}`);
    if (linkCount(other) >= MAX_LINKS) {
      throw badRequest(`${side}: ${other.gid} already has ${MAX_LINKS} dependencies and dependents combined, the most a task can have`);
    }
  }
  if (linkCount(task) + fresh.length > MAX_LINKS) {
    throw badRequest(`${side}: A task can have at most ${MAX_LINKS} dependencies and dependents combined; ${task.gid} would have ${linkCount(task) + fresh.length}`);
  }
  return fresh;
}

/** `other` becomes one of task's `side` (a dependency or a dependent), and task the opposite of other's. */
export function link(task: FakeTask, side: Side, other: FakeTask): void {
  if (addOnce(task[side], other.gid)) other[opposite(side)].push(task.gid);
}

export function unlinkPair(task: FakeTask, side: Side, other: FakeTask): void {
  unlink(task[side], other.gid);
  unlink(other[opposite(side)], task.gid);
}

/** A deleted task leaves every other task's dependencies and dependents. */
export function unlinkAll(state: FakeState, task: FakeTask): void {
  for (const side of ["dependencies", "dependents"] as const) {
    for (const gid of task[side]) unlink(state.tasks.get(gid)?.[opposite(side)], task.gid);
  }
}

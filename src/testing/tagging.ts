/** Tags on tasks: `task.tags` in the order added, and `tagTasks` listing each tag's tasks in the order tagged. */
import { addOnce, listOf, unlink } from "./lists.ts";
import type { FakeState, FakeTask } from "./model.ts";

export function tagTask(state: FakeState, task: FakeTask, tag: string): void {
  if (addOnce(task.tags, tag)) listOf(state.tagTasks, tag).push(task.gid);
}

export function untagTask(state: FakeState, task: FakeTask, tag: string): void {
  const at = task.tags.indexOf(tag);
  if (at < 0) return;
  task.tags.splice(at, 1);
  unlink(state.tagTasks.get(tag), task.gid);
}

/** Indexes the tags a new task was created with. */
export function indexTags(state: FakeState, task: FakeTask): void {
  for (const tag of task.tags) listOf(state.tagTasks, tag).push(task.gid);
}

export function unindexTags(state: FakeState, task: FakeTask): void {
  for (const tag of task.tags) unlink(state.tagTasks.get(tag), task.gid);
}

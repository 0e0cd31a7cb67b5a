/**
 * POST /tasks/{gid}/setParent `{parent, insert_before?, insert_after?}`: `parent: null` makes the task
 * top-level; anchors are subtasks of the new parent (insert_after: null is the start, insert_before:
 * null or no anchor the end). A task cannot go under itself or one of its descendants.
 */
import { gidOf, readAction, readAnchor } from "./body.ts";
import type { ApiRequest, FakeContext } from "./context.ts";
import { badRequest } from "./http.ts";
import { anchorIndex, insertAt, listOf, unlink } from "./lists.ts";
import { requireTask } from "./lookup.ts";
import type { FakeState, FakeTask } from "./model.ts";
import { respondOne } from "./respond.ts";

/** True when `ancestor` is `task` or above it. */
function isSelfOrAncestor(state: FakeState, ancestor: string, task: FakeTask): boolean {
  for (let at: FakeTask | undefined = task; at; at = at.parent === null ? undefined : state.tasks.get(at.parent)) {
    if (at.gid === ancestor) return true;
  }
  return false;
}

export function setParent(ctx: FakeContext, req: ApiRequest): Response {
  const { state } = ctx;
  const task = requireTask(ctx, req.params.task_gid!);
  const data = readAction(req, ["parent", "insert_before", "insert_after"], "setParent");
  if (!("parent" in data)) throw badRequest("parent: Missing input");
  const parent = data.parent === null ? null : state.tasks.get(gidOf("parent", data.parent, state.tasks))!;
  if (parent) {
    if (parent.workspace !== task.workspace) throw badRequest(`parent: ${parent.gid} is not in workspace ${task.workspace}`);
    if (isSelfOrAncestor(state, task.gid, parent)) throw badRequest(`parent: ${parent.gid} is ${parent.gid === task.gid ? "the task itself" : "a subtask of the task"}: that would make a cycle`);
  }
  const anchor = readAnchor(data, state.tasks);
  if (anchor?.gid != null) {
    if (anchor.gid === task.gid) throw badRequest(`${anchor.field}: A task cannot be placed relative to itself`);
    if (parent === null || state.tasks.get(anchor.gid)!.parent !== parent.gid) {
      throw badRequest(`${anchor.field}: ${anchor.gid} is not a subtask of ${parent === null ? "the new parent (there is none)" : parent.gid}`);
    }
  }
  if (task.parent !== null) unlink(state.subtasks.get(task.parent), task.gid);
  task.parent = parent?.gid ?? null;
  if (parent) {
    const siblings = listOf(state.subtasks, parent.gid);
    insertAt(siblings, anchorIndex(siblings, anchor), task.gid);
  }
  return respondOne(ctx, req, "task", task.gid);
}

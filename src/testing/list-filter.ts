/** completed_since ("now" or a date-time) and modified_since, as GET /tasks and the container lists take them. */
import { dateTime } from "./body.ts";
import type { ApiRequest, FakeContext } from "./context.ts";
import type { FakeTask } from "./model.ts";

function listFilter(req: ApiRequest): ((task: FakeTask) => boolean) | undefined {
  const completedSince = req.query.get("completed_since");
  const modifiedSince = req.query.get("modified_since");
  if (completedSince === null && modifiedSince === null) return undefined;
  const since = completedSince === null || completedSince === "now" ? undefined : dateTime("completed_since", completedSince)!;
  const modified = modifiedSince === null ? undefined : dateTime("modified_since", modifiedSince)!;
  return (task) =>
    (completedSince === null || !task.completed || (since !== undefined && task.completed_at !== null && task.completed_at >= since)) &&
    (modified === undefined || task.modified_at >= modified);
}

/** The gids the request's filters keep (the list itself when there are none). */
export function filtered(ctx: FakeContext, req: ApiRequest, gids: readonly string[]): readonly string[] {
  const keep = listFilter(req);
  return keep ? gids.filter((gid) => keep(ctx.state.tasks.get(gid)!)) : gids;
}

/** The tasks of `workspace` assigned to `user`, in creation order, filtered. */
export function assignedTasks(ctx: FakeContext, req: ApiRequest, user: string, workspace: string): string[] {
  const keep = listFilter(req);
  const gids: string[] = [];
  for (const task of ctx.state.tasks.values()) {
    if (task.assignee === user && task.workspace === workspace && (!keep || keep(task))) gids.push(task.gid);
  }
  return gids;
}

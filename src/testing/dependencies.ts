/**
 * The dependency routes: list, add and remove a task's dependencies or dependents. Both sides change
 * together (links.ts), so either endpoint can make or undo a link. Adding is all or nothing.
 */
import { gidList, readAction, required } from "./body.ts";
import type { ApiRequest, FakeContext } from "./context.ts";
import { checkNewLinks, link, type Side, unlinkPair } from "./links.ts";
import { requireTask } from "./lookup.ts";
import { respondEmpty, respondList } from "./respond.ts";

/** GET /tasks/{gid}/dependencies and /dependents, in the order linked. */
export function listLinks(side: Side) {
  return (ctx: FakeContext, req: ApiRequest): Response => respondList(ctx, req, requireTask(ctx, req.params.task_gid!)[side]);
}

/** POST add/removeDependencies `{dependencies: [gids]}` and add/removeDependents `{dependents: [gids]}`. */
export function changeLinks(side: Side, change: "add" | "remove") {
  const action = `${change}${side === "dependencies" ? "Dependencies" : "Dependents"}`;
  return (ctx: FakeContext, req: ApiRequest): Response => {
    const { state } = ctx;
    const task = requireTask(ctx, req.params.task_gid!);
    const data = readAction(req, [side], action);
    const others = gidList(side, required(data, side), state.tasks).map((gid) => state.tasks.get(gid)!);
    if (change === "add") for (const other of checkNewLinks(task, side, others)) link(task, side, other);
    else for (const other of others) unlinkPair(task, side, other);
    return respondEmpty(req);
  };
}

/**
 * The task lists: GET /tasks and the tasks of a project, section, tag, user task list or parent.
 * Each answers compact records a page at a time (paging.ts), in the container's order.
 */
import type { ApiRequest, FakeContext } from "./context.ts";
import { HttpError, notFound } from "./http.ts";
import { assignedTasks, filtered } from "./list-filter.ts";
import { found, requireTask } from "./lookup.ts";
import { respondList } from "./respond.ts";
import { findUser } from "./users.ts";

const SELECTORS = "Must specify exactly one of project, tag, section, user task list, or assignee + workspace";

/** GET /tasks: exactly one of project, section, tag, or assignee ("me", a gid or an email) with workspace. */
export function listTasks(ctx: FakeContext, req: ApiRequest): Response {
  const q = req.query;
  const [project, section, tag, assignee, workspace] = [q.get("project"), q.get("section"), q.get("tag"), q.get("assignee"), q.get("workspace")] as const;
  const selectors = [project, section, tag, assignee ?? workspace].filter((s) => s !== null).length;
  if (selectors !== 1 || (assignee === null) !== (workspace === null)) throw new HttpError(400, SELECTORS);
  const { state } = ctx;
  if (project !== null) return respondList(ctx, req, filtered(ctx, req, state.projectTasks.get(found(state.projects, "project", project).gid) ?? []));
  if (section !== null) return respondList(ctx, req, filtered(ctx, req, state.sectionTasks.get(found(state.sections, "section", section).gid) ?? []));
  if (tag !== null) return respondList(ctx, req, filtered(ctx, req, state.tagTasks.get(found(state.tags, "tag", tag).gid) ?? []));
  found(state.workspaces, "workspace", workspace!);
  const user = findUser(state, assignee);
  if (user === undefined) throw notFound("user", assignee!);
  return respondList(ctx, req, assignedTasks(ctx, req, user, workspace!));
}

export function projectTasks(ctx: FakeContext, req: ApiRequest): Response {
  const project = found(ctx.state.projects, "project", req.params.project_gid!);
  return respondList(ctx, req, filtered(ctx, req, ctx.state.projectTasks.get(project.gid) ?? []));
}

export function sectionTasks(ctx: FakeContext, req: ApiRequest): Response {
  const section = found(ctx.state.sections, "section", req.params.section_gid!);
  return respondList(ctx, req, filtered(ctx, req, ctx.state.sectionTasks.get(section.gid) ?? []));
}

/** In the order the tasks were tagged. */
export function tagTasks(ctx: FakeContext, req: ApiRequest): Response {
  const tag = found(ctx.state.tags, "tag", req.params.tag_gid!);
  return respondList(ctx, req, ctx.state.tagTasks.get(tag.gid) ?? []);
}

/** "My Tasks": the tasks assigned to the list's owner in its workspace, in creation order. */
export function userTaskListTasks(ctx: FakeContext, req: ApiRequest): Response {
  const list = found(ctx.state.userTaskLists, "user_task_list", req.params.user_task_list_gid!);
  return respondList(ctx, req, assignedTasks(ctx, req, list.owner, list.workspace));
}

export function listSubtasks(ctx: FakeContext, req: ApiRequest): Response {
  const task = requireTask(ctx, req.params.task_gid!);
  return respondList(ctx, req, ctx.state.subtasks.get(task.gid) ?? []);
}

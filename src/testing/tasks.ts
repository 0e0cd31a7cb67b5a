/** Task routes: CRUD, the three lists (GET /tasks, project tasks, subtasks) and subtask creation. */
import { type ApiRequest, type FakeContext, isoNow } from "./context.ts";
import { badRequest, HttpError, json, notFound } from "./http.ts";
import { dateTime, readData, taskFields } from "./input.ts";
import { paginate } from "./paging.ts";
import { parseOptFields, render } from "./serialize.ts";
import { insertTask, newTask, removeTask } from "./state.ts";
import type { FakeTask } from "./types.ts";

export const isPretty = (req: ApiRequest): boolean => {
  const value = req.query.get("opt_pretty");
  return value !== null && value !== "false";
};

export function respondOne(ctx: FakeContext, req: ApiRequest, kind: "task" | "job", gid: string, status = 200, headers: Record<string, string> = {}): Response {
  const data = render(ctx, kind, gid, parseOptFields(req.query.get("opt_fields")), "full");
  return json(status, { data }, headers, isPretty(req));
}

function respondList(ctx: FakeContext, req: ApiRequest, gids: readonly string[]): Response {
  const page = paginate(ctx, req, gids);
  const fields = parseOptFields(req.query.get("opt_fields"));
  const data = page.data.map((gid) => render(ctx, "task", gid, fields, "compact"));
  return json(200, page.next_page === undefined ? { data } : { data, next_page: page.next_page }, {}, isPretty(req));
}

export function requireTask(ctx: FakeContext, gid: string): FakeTask {
  const task = ctx.state.tasks.get(gid);
  if (!task) throw notFound("task", gid);
  return task;
}

export function getTask(ctx: FakeContext, req: ApiRequest): Response {
  const task = requireTask(ctx, req.params.task_gid!);
  return respondOne(ctx, req, "task", task.gid);
}

/** POST /tasks, and POST /tasks/{gid}/subtasks with `parentGid`. */
export function createTask(ctx: FakeContext, req: ApiRequest, parentGid?: string): Response {
  const { state } = ctx;
  const parentFromPath = parentGid === undefined ? undefined : requireTask(ctx, parentGid);
  const fields = taskFields(ctx, readData(req), "create");
  if (parentFromPath) fields.parent = parentFromPath.gid;

  const parent = fields.parent ? state.tasks.get(fields.parent) : undefined;
  const firstProject = fields.projects?.[0];
  const workspace = fields.workspace ?? (firstProject ? state.projects.get(firstProject)!.workspace : parent?.workspace);
  if (workspace === undefined) throw badRequest("You should specify one of workspace, parent, projects");
  for (const project of fields.projects ?? []) {
    if (state.projects.get(project)!.workspace !== workspace) throw badRequest(`projects: ${project} is not in workspace ${workspace}`);
  }
  if (parent && parent.workspace !== workspace) throw badRequest(`parent: ${parent.gid} is not in workspace ${workspace}`);

  const now = isoNow(ctx);
  const task = newTask(ctx.newGid(), now, { ...fields, workspace });
  if (task.completed) task.completed_at = now;
  insertTask(state, task);
  return respondOne(ctx, req, "task", task.gid, 201, { location: `${req.apiRoot}/tasks/${task.gid}` });
}

/** A partial update: only the fields sent change. */
export function updateTask(ctx: FakeContext, req: ApiRequest): Response {
  const task = requireTask(ctx, req.params.task_gid!);
  const fields = taskFields(ctx, readData(req), "update");
  const now = isoNow(ctx);
  if (fields.completed !== undefined && fields.completed !== task.completed) {
    task.completed_at = fields.completed ? now : null;
  }
  Object.assign(task, fields);
  task.modified_at = now;
  return respondOne(ctx, req, "task", task.gid);
}

export function deleteTask(ctx: FakeContext, req: ApiRequest): Response {
  const task = requireTask(ctx, req.params.task_gid!);
  removeTask(ctx.state, task.gid);
  return json(200, { data: {} }, {}, isPretty(req));
}

/** completed_since ("now" or a date-time) and modified_since, shared by GET /tasks and project tasks. */
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

function filtered(ctx: FakeContext, gids: readonly string[], keep: ((task: FakeTask) => boolean) | undefined): readonly string[] {
  return keep ? gids.filter((gid) => keep(ctx.state.tasks.get(gid)!)) : gids;
}

/** GET /tasks: exactly one of project, section, or assignee with workspace. */
export function listTasks(ctx: FakeContext, req: ApiRequest): Response {
  const { state } = ctx;
  const q = req.query;
  const project = q.get("project");
  const section = q.get("section");
  const assignee = q.get("assignee");
  const workspace = q.get("workspace");
  const selectors = [project, section, assignee ?? workspace].filter((s) => s !== null).length;
  if (selectors !== 1 || (assignee === null) !== (workspace === null)) {
    throw new HttpError(400, "Must specify exactly one of project, tag, section, user task list, or assignee + workspace");
  }
  const keep = listFilter(req);
  if (project !== null) {
    if (!state.projects.has(project)) throw notFound("project", project);
    return respondList(ctx, req, filtered(ctx, state.projectTasks.get(project) ?? [], keep));
  }
  if (section !== null) {
    const found = state.sections.get(section);
    if (!found) throw notFound("section", section);
    return respondList(ctx, req, filtered(ctx, state.projectTasks.get(found.project) ?? [], keep));
  }
  if (!state.workspaces.has(workspace!)) throw notFound("workspace", workspace!);
  if (!state.users.has(assignee!)) throw notFound("user", assignee!);
  const gids: string[] = [];
  for (const task of state.tasks.values()) {
    if (task.assignee === assignee && task.workspace === workspace && (!keep || keep(task))) gids.push(task.gid);
  }
  return respondList(ctx, req, gids);
}

export function projectTasks(ctx: FakeContext, req: ApiRequest): Response {
  const project = req.params.project_gid!;
  if (!ctx.state.projects.has(project)) throw notFound("project", project);
  return respondList(ctx, req, filtered(ctx, ctx.state.projectTasks.get(project) ?? [], listFilter(req)));
}

export function listSubtasks(ctx: FakeContext, req: ApiRequest): Response {
  const task = requireTask(ctx, req.params.task_gid!);
  return respondList(ctx, req, ctx.state.subtasks.get(task.gid) ?? []);
}

export function createSubtask(ctx: FakeContext, req: ApiRequest): Response {
  return createTask(ctx, req, req.params.task_gid!);
}

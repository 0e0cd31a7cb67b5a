/** Task routes: get (by gid or custom id), create (also as a subtask), update and delete. */
import { readData } from "./body.ts";
import { type ApiRequest, type FakeContext, isoNow } from "./context.ts";
import { findByCustomId } from "./custom-ids.ts";
import { applyCustomFieldValues, parseCustomFieldValues } from "./custom-fields.ts";
import { badRequest, notFound } from "./http.ts";
import { taskFields } from "./input.ts";
import { found, requireTask } from "./lookup.ts";
import { initialMemberships, MAX_PROJECTS } from "./memberships.ts";
import { respondEmpty, respondOne } from "./respond.ts";
import { insertTask, newTask, removeTask } from "./state.ts";
import { me } from "./users.ts";

export function getTask(ctx: FakeContext, req: ApiRequest): Response {
  const task = requireTask(ctx, req.params.task_gid!);
  return respondOne(ctx, req, "task", task.gid);
}

export function getTaskByCustomId(ctx: FakeContext, req: ApiRequest): Response {
  const workspace = found(ctx.state.workspaces, "workspace", req.params.workspace_gid!).gid;
  const customId = req.params.custom_id!;
  const gid = findByCustomId(ctx.state, workspace, customId);
  if (gid === undefined) throw notFound("custom_id", customId);
  return respondOne(ctx, req, "task", gid);
}

/** POST /tasks, and POST /tasks/{gid}/subtasks with `parentGid`. */
export function createTask(ctx: FakeContext, req: ApiRequest, parentGid?: string): Response {
  const { state } = ctx;
  const parentFromPath = parentGid === undefined ? undefined : requireTask(ctx, parentGid);
  const { projects = [], memberships = [], custom_fields, ...fields } = taskFields(ctx, readData(req), "create");
  if (parentFromPath) fields.parent = parentFromPath.gid;

  const wanted = [...memberships, ...projects.map((project) => ({ project }))];
  const parent = fields.parent ? state.tasks.get(fields.parent) : undefined;
  const firstProject = wanted[0]?.project;
  const workspace = fields.workspace ?? (firstProject ? state.projects.get(firstProject)!.workspace : parent?.workspace);
  if (workspace === undefined) throw badRequest("You should specify one of workspace, parent, projects");
  for (const { project } of wanted) {
    if (state.projects.get(project)!.workspace !== workspace) throw badRequest(`projects: ${project} is not in workspace ${workspace}`);
  }
  for (const tag of fields.tags ?? []) {
    if (state.tags.get(tag)!.workspace !== workspace) throw badRequest(`tags: ${tag} is not in workspace ${workspace}`);
  }
  if (parent && parent.workspace !== workspace) throw badRequest(`parent: ${parent.gid} is not in workspace ${workspace}`);
  const placed = initialMemberships(state, wanted);
  if (placed.length > MAX_PROJECTS) throw badRequest(`projects: A task can be in at most ${MAX_PROJECTS} projects`);
  const values = custom_fields === undefined ? undefined : parseCustomFieldValues(state, custom_fields, workspace);

  const now = isoNow(ctx);
  const self = me(state);
  const task = newTask(ctx.newGid(), now, { ...fields, workspace, memberships: placed, created_by: self });
  if (task.completed) [task.completed_at, task.completed_by] = [now, self];
  if (task.assignee !== null) task.assigned_by = self;
  if (values) applyCustomFieldValues(task, values);
  insertTask(state, task);
  return respondOne(ctx, req, "task", task.gid, 201, { location: `${req.apiRoot}/tasks/${task.gid}` });
}

export function createSubtask(ctx: FakeContext, req: ApiRequest): Response {
  return createTask(ctx, req, req.params.task_gid!);
}

/** A partial update: only the fields sent change (custom field values too, one by one). */
export function updateTask(ctx: FakeContext, req: ApiRequest): Response {
  const { state } = ctx;
  const task = requireTask(ctx, req.params.task_gid!);
  const { custom_fields, ...fields } = taskFields(ctx, readData(req), "update");
  const values = custom_fields === undefined ? undefined : parseCustomFieldValues(state, custom_fields, task.workspace);
  const now = isoNow(ctx);
  if (fields.completed !== undefined && fields.completed !== task.completed) {
    task.completed_at = fields.completed ? now : null;
    task.completed_by = fields.completed ? me(state) : null;
  }
  if (fields.assignee !== undefined && fields.assignee !== task.assignee) task.assigned_by = fields.assignee === null ? null : me(state);
  Object.assign(task, fields);
  if (values) applyCustomFieldValues(task, values);
  task.modified_at = now;
  return respondOne(ctx, req, "task", task.gid);
}

export function deleteTask(ctx: FakeContext, req: ApiRequest): Response {
  const task = requireTask(ctx, req.params.task_gid!);
  removeTask(ctx.state, task.gid);
  return respondEmpty(req);
}

/**
 * The actions on a task's projects (with section placement), tags and followers. Each can be
 * repeated and leaves the same state; removing what is absent is fine. Body objects that do not
 * exist answer 400, like every body reference (only the task in the path answers 404).
 */
import { type Anchor, gidOf, readAction, readAnchor, required } from "./body.ts";
import type { ApiRequest, FakeContext } from "./context.ts";
import { badRequest } from "./http.ts";
import { addOnce, unlink } from "./lists.ts";
import { requireTask } from "./lookup.ts";
import { lastSection, MAX_PROJECTS, placeTask, removeFromProject } from "./memberships.ts";
import type { FakeProject, FakeState, FakeTask } from "./model.ts";
import { respondEmpty, respondOne } from "./respond.ts";
import { tagTask, untagTask } from "./tagging.ts";
import { userList } from "./users.ts";

/** The section an addProject lands in: the anchor's, else the one given, else the start or end of the project. */
function targetSection(state: FakeState, task: FakeTask, project: FakeProject, section: string | undefined, anchor: Anchor | undefined): string {
  if (anchor?.gid != null) {
    if (anchor.gid === task.gid) throw badRequest(`${anchor.field}: A task cannot be placed relative to itself`);
    const membership = state.tasks.get(anchor.gid)!.memberships.find((m) => m.project === project.gid);
    if (!membership) throw badRequest(`${anchor.field}: ${anchor.gid} is not in project ${project.gid}`);
    if (section !== undefined && membership.section !== section) throw badRequest(`${anchor.field}: ${anchor.gid} is not in section ${section}`);
    return membership.section;
  }
  if (section !== undefined) return section;
  // insert_after: null is the beginning of the project; no anchor, or insert_before: null, its end.
  return anchor?.side === "after" ? project.sections[0]! : lastSection(project);
}

/** Adds the task to the project, or moves it within the project: `{project, section?, insert_before?, insert_after?}`. */
export function addProject(ctx: FakeContext, req: ApiRequest): Response {
  const { state } = ctx;
  const task = requireTask(ctx, req.params.task_gid!);
  const data = readAction(req, ["project", "section", "insert_before", "insert_after"], "addProject");
  const project = state.projects.get(gidOf("project", required(data, "project"), state.projects))!;
  if (project.workspace !== task.workspace) throw badRequest(`project: ${project.gid} is not in workspace ${task.workspace}`);
  const section = data.section == null ? undefined : gidOf("section", data.section, state.sections);
  if (section !== undefined && state.sections.get(section)!.project !== project.gid) {
    throw badRequest(`section: ${section} is not a section of project ${project.gid}`);
  }
  const anchor = readAnchor(data, state.tasks);
  const target = targetSection(state, task, project, section, anchor);
  if (!task.projects.includes(project.gid) && task.projects.length >= MAX_PROJECTS) {
    throw badRequest(`project: A task can be in at most ${MAX_PROJECTS} projects`);
  }
  placeTask(state, task, project, target, anchor);
  return respondEmpty(req);
}

export function removeProject(ctx: FakeContext, req: ApiRequest): Response {
  const task = requireTask(ctx, req.params.task_gid!);
  const data = readAction(req, ["project"], "removeProject");
  removeFromProject(ctx.state, task, gidOf("project", required(data, "project"), ctx.state.projects));
  return respondEmpty(req);
}

/** addTag and removeTag: `{tag}`. */
function tagAction(change: "add" | "remove") {
  return (ctx: FakeContext, req: ApiRequest): Response => {
    const { state } = ctx;
    const task = requireTask(ctx, req.params.task_gid!);
    const data = readAction(req, ["tag"], change === "add" ? "addTag" : "removeTag");
    const tag = state.tags.get(gidOf("tag", required(data, "tag"), state.tags))!;
    if (change === "remove") untagTask(state, task, tag.gid);
    else if (tag.workspace !== task.workspace) throw badRequest(`tag: ${tag.gid} is not in workspace ${task.workspace}`);
    else tagTask(state, task, tag.gid);
    return respondEmpty(req);
  };
}

/** addFollowers and removeFollowers: `{followers: [gid, "me" or email]}`; they answer the updated task. */
function followersAction(change: "add" | "remove") {
  return (ctx: FakeContext, req: ApiRequest): Response => {
    const task = requireTask(ctx, req.params.task_gid!);
    const data = readAction(req, ["followers"], change === "add" ? "addFollowers" : "removeFollowers");
    for (const user of userList(ctx.state, "followers", required(data, "followers"))) {
      if (change === "add") addOnce(task.followers, user);
      else unlink(task.followers, user);
    }
    return respondOne(ctx, req, "task", task.gid);
  };
}

export const addTag = tagAction("add");
export const removeTag = tagAction("remove");
export const addFollowers = followersAction("add");
export const removeFollowers = followersAction("remove");

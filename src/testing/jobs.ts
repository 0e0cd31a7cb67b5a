/**
 * Task duplication and its job. The job moves on only when it is polled: GET k (1-based) shows
 * not_started for k = 1, in_progress up to k = pollsToFinish, then succeeded (or failed with
 * `jobs.fail`). The copy is made when the job succeeds, from the task as it is then; if the task
 * was deleted meanwhile, the job fails.
 */
import { readAction } from "./body.ts";
import { type ApiRequest, type FakeContext, isoNow } from "./context.ts";
import { badRequest } from "./http.ts";
import { hasRoom, link } from "./links.ts";
import { found, requireTask } from "./lookup.ts";
import type { FakeJob, JobStatus } from "./model.ts";
import { respondOne } from "./respond.ts";
import { insertTask, newTask } from "./state.ts";
import { me } from "./users.ts";

export const INCLUDE = ["assignee", "attachments", "dates", "dependencies", "followers", "notes", "parent", "projects", "subtasks", "tags"];
const INCLUDE_SET: ReadonlySet<string> = new Set(INCLUDE);

function parseInclude(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const items = typeof value === "string" ? value.split(",") : Array.isArray(value) ? value : undefined;
  if (!items || items.some((item) => typeof item !== "string")) {
    throw badRequest(`include: Value is not a comma-separated string: ${JSON.stringify(value)}`);
  }
  const fields = (items as string[]).map((item) => item.trim()).filter(Boolean);
  const unknown = fields.filter((field) => !INCLUDE_SET.has(field));
  if (unknown.length > 0) {
    throw badRequest(`include: Unknown value(s) ${unknown.map((u) => JSON.stringify(u)).join(", ")}; expected any of ${INCLUDE.join(", ")}`);
  }
  return [...new Set(fields)];
}

export function duplicateTask(ctx: FakeContext, req: ApiRequest): Response {
  const source = requireTask(ctx, req.params.task_gid!);
  const data = readAction(req, ["name", "include"], "a task duplication");
  if (data.name !== undefined && typeof data.name !== "string") throw badRequest(`name: Value is not a string: ${JSON.stringify(data.name)}`);
  const include = parseInclude(data.include);
  const job: FakeJob = {
    gid: ctx.newGid(),
    resource_subtype: "duplicate_task",
    status: "not_started",
    polls: 0,
    source: source.gid,
    name: typeof data.name === "string" ? data.name : `Copy of ${source.name}`,
    include,
    new_task: null,
  };
  ctx.state.jobs.set(job.gid, job);
  return respondOne(ctx, req, "job", job.gid, 201, { location: `${req.apiRoot}/jobs/${job.gid}` });
}

export function getJob(ctx: FakeContext, req: ApiRequest): Response {
  const job = found(ctx.state.jobs, "job", req.params.job_gid!);
  advance(ctx, job);
  return respondOne(ctx, req, "job", job.gid);
}

function advance(ctx: FakeContext, job: FakeJob): void {
  if (job.status === "succeeded" || job.status === "failed") return;
  job.polls += 1;
  const { pollsToFinish, fail } = ctx.jobs;
  let status: JobStatus = job.polls <= pollsToFinish ? (job.polls === 1 ? "not_started" : "in_progress") : fail ? "failed" : "succeeded";
  if (status === "succeeded") {
    if (ctx.state.tasks.has(job.source)) job.new_task = copyTask(ctx, job.source, new Set(job.include), job.name, undefined);
    else status = "failed";
  }
  job.status = status;
}

/**
 * Copies a task with what `include` names: subtasks recursively, under the copy; projects with their
 * sections (the copy at the end of each); dependencies on both sides of each link, where the
 * other task has room. Returns the copy's gid.
 */
function copyTask(ctx: FakeContext, sourceGid: string, include: Set<string>, name: string, parent: string | undefined): string {
  const { state } = ctx;
  const source = state.tasks.get(sourceGid)!;
  const has = (field: string) => include.has(field);
  const self = me(state);
  const assignee = has("assignee") ? source.assignee : null;
  const copy = newTask(ctx.newGid(), isoNow(ctx), {
    workspace: source.workspace,
    name,
    resource_subtype: source.resource_subtype,
    notes: has("notes") ? source.notes : "",
    assignee,
    assigned_by: assignee === null ? null : self,
    created_by: self,
    memberships: has("projects") ? source.memberships.map((m) => ({ ...m })) : [],
    tags: has("tags") ? [...source.tags] : [],
    followers: has("followers") ? [...source.followers] : [],
    parent: parent ?? (has("parent") ? source.parent : null),
    ...(has("dates") ? { due_on: source.due_on, due_at: source.due_at, start_on: source.start_on, start_at: source.start_at } : {}),
  });
  insertTask(state, copy);
  if (has("dependencies")) {
    for (const gid of source.dependencies) {
      const dependency = state.tasks.get(gid);
      if (dependency && hasRoom(dependency)) link(copy, "dependencies", dependency);
    }
  }
  if (has("subtasks")) {
    // A snapshot: the copies are appended to the new task, never to the list being read.
    for (const child of [...(state.subtasks.get(sourceGid) ?? [])]) {
      copyTask(ctx, child, include, state.tasks.get(child)!.name, copy.gid);
    }
  }
  return copy.gid;
}

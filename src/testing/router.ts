/** Maps method and path (after "/api/1.0") to the 27 operations of Asana's Tasks API and GET /jobs/{job_gid}. */
import { listSubtasks, listTasks, projectTasks, sectionTasks, tagTasks, userTaskListTasks } from "./collections.ts";
import type { ApiRequest, FakeContext } from "./context.ts";
import { changeLinks, listLinks } from "./dependencies.ts";
import { errorResponse, HttpError } from "./http.ts";
import { duplicateTask, getJob } from "./jobs.ts";
import { setParent } from "./parent.ts";
import { addFollowers, addProject, addTag, removeFollowers, removeProject, removeTag } from "./relations.ts";
import { searchTasks } from "./search.ts";
import { createSubtask, createTask, deleteTask, getTask, getTaskByCustomId, updateTask } from "./tasks.ts";

type Handler = (ctx: FakeContext, req: ApiRequest) => Response;

/** Paths in OpenAPI template form, as in Asana's spec and generated/. */
const TABLE: [method: string, path: string, handler: Handler][] = [
  ["GET", "/tasks", listTasks],
  ["POST", "/tasks", (ctx, req) => createTask(ctx, req)],
  ["GET", "/tasks/{task_gid}", getTask],
  ["PUT", "/tasks/{task_gid}", updateTask],
  ["DELETE", "/tasks/{task_gid}", deleteTask],
  ["POST", "/tasks/{task_gid}/duplicate", duplicateTask],
  ["GET", "/projects/{project_gid}/tasks", projectTasks],
  ["GET", "/sections/{section_gid}/tasks", sectionTasks],
  ["GET", "/tags/{tag_gid}/tasks", tagTasks],
  ["GET", "/user_task_lists/{user_task_list_gid}/tasks", userTaskListTasks],
  ["GET", "/tasks/{task_gid}/subtasks", listSubtasks],
  ["POST", "/tasks/{task_gid}/subtasks", createSubtask],
  ["POST", "/tasks/{task_gid}/setParent", setParent],
  ["GET", "/tasks/{task_gid}/dependencies", listLinks("dependencies")],
  ["POST", "/tasks/{task_gid}/addDependencies", changeLinks("dependencies", "add")],
  ["POST", "/tasks/{task_gid}/removeDependencies", changeLinks("dependencies", "remove")],
  ["GET", "/tasks/{task_gid}/dependents", listLinks("dependents")],
  ["POST", "/tasks/{task_gid}/addDependents", changeLinks("dependents", "add")],
  ["POST", "/tasks/{task_gid}/removeDependents", changeLinks("dependents", "remove")],
  ["POST", "/tasks/{task_gid}/addProject", addProject],
  ["POST", "/tasks/{task_gid}/removeProject", removeProject],
  ["POST", "/tasks/{task_gid}/addTag", addTag],
  ["POST", "/tasks/{task_gid}/removeTag", removeTag],
  ["POST", "/tasks/{task_gid}/addFollowers", addFollowers],
  ["POST", "/tasks/{task_gid}/removeFollowers", removeFollowers],
  ["GET", "/workspaces/{workspace_gid}/tasks/custom_id/{custom_id}", getTaskByCustomId],
  ["GET", "/workspaces/{workspace_gid}/tasks/search", searchTasks],
  ["GET", "/jobs/{job_gid}", getJob],
];

/** Every route the fake answers, as `[method, path]` with OpenAPI path templates ("/tasks/{task_gid}"). */
export const ROUTES: readonly (readonly [method: string, path: string])[] = Object.freeze(
  TABLE.map(([method, path]) => Object.freeze([method, path] as const)),
);

const PARAM = /^\{(\w+)\}$/;
const COMPILED = TABLE.map(([method, path, handler]) => ({
  method,
  segments: path.split("/").slice(1).map((segment) => ({ literal: segment, param: PARAM.exec(segment)?.[1] })),
  handler,
}));

const API_PREFIX = "/api/1.0";

/** Where the API root ends: anything before "/api/1.0" is accepted (a proxy's prefix), nothing is required after. */
export function splitApiPath(url: URL): { apiRoot: string; path: string; isApi: boolean } {
  const at = url.pathname.indexOf(API_PREFIX);
  const end = at + API_PREFIX.length;
  if (at < 0 || (url.pathname.length > end && url.pathname[end] !== "/")) {
    return { apiRoot: url.origin, path: url.pathname, isApi: false };
  }
  return { apiRoot: url.origin + url.pathname.slice(0, end), path: url.pathname.slice(end) || "/", isApi: true };
}

function match(method: string, path: string): { handler: Handler; params: Record<string, string> } | undefined {
  const parts = path.split("/").slice(1);
  if (parts.length > 1 && parts[parts.length - 1] === "") parts.pop(); // a trailing slash
  for (const route of COMPILED) {
    if (route.method !== method || route.segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; ok && i < parts.length; i++) {
      const want = route.segments[i]!;
      const got = parts[i]!;
      if (want.param !== undefined) {
        let value: string;
        try {
          value = decodeURIComponent(got);
        } catch {
          value = got;
        }
        ok = value !== "";
        params[want.param] = value;
      } else ok = want.literal === got;
    }
    if (ok) return { handler: route.handler, params };
  }
  return undefined;
}

/** Runs the operation; every HttpError becomes Asana's error body, anything else a 500 with a phrase. */
export function route(ctx: FakeContext, request: { method: string; url: URL; bodyText: string }): Response {
  const { apiRoot, path, isApi } = splitApiPath(request.url);
  const found = isApi ? match(request.method.toUpperCase(), path) : undefined;
  if (!found) return errorResponse(404, "No matching route for request");
  try {
    return found.handler(ctx, {
      method: request.method.toUpperCase(),
      url: request.url,
      apiRoot,
      path,
      params: found.params,
      query: request.url.searchParams,
      bodyText: request.bodyText,
    });
  } catch (error) {
    if (error instanceof HttpError) return errorResponse(error.status, error.message, error.headers);
    return errorResponse(500, `Server Error (fake Asana: ${error instanceof Error ? error.message : String(error)})`);
  }
}

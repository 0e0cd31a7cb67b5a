/** Maps method and path (after "/api/1.0") to the operations of openapi/tasks.yaml and jobs.yaml. */
import type { ApiRequest, FakeContext } from "./context.ts";
import { errorResponse, HttpError } from "./http.ts";
import { duplicateTask, getJob } from "./jobs.ts";
import { searchTasks } from "./search.ts";
import {
  createSubtask, createTask, deleteTask, getTask, listSubtasks, listTasks, projectTasks, updateTask,
} from "./tasks.ts";

type Handler = (ctx: FakeContext, req: ApiRequest) => Response;

const ROUTES: [method: string, pattern: string, handler: Handler][] = [
  ["GET", "/tasks", listTasks],
  ["POST", "/tasks", (ctx, req) => createTask(ctx, req)],
  ["GET", "/tasks/:task_gid", getTask],
  ["PUT", "/tasks/:task_gid", updateTask],
  ["DELETE", "/tasks/:task_gid", deleteTask],
  ["GET", "/tasks/:task_gid/subtasks", listSubtasks],
  ["POST", "/tasks/:task_gid/subtasks", createSubtask],
  ["POST", "/tasks/:task_gid/duplicate", duplicateTask],
  ["GET", "/projects/:project_gid/tasks", projectTasks],
  ["GET", "/workspaces/:workspace_gid/tasks/search", searchTasks],
  ["GET", "/jobs/:job_gid", getJob],
];

const COMPILED = ROUTES.map(([method, pattern, handler]) => ({ method, segments: pattern.split("/").slice(1), handler }));

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
      if (want.startsWith(":")) {
        let value: string;
        try {
          value = decodeURIComponent(got);
        } catch {
          value = got;
        }
        ok = value !== "";
        params[want.slice(1)] = value;
      } else ok = want === got;
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

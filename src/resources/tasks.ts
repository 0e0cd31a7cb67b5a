import { type ClientContext, data, optQuery, prepareCall } from "../core/call.ts";
import { offsetPages, type FetchList } from "../core/pagination/offset.ts";
import { Paginator, type PageFetcher } from "../core/pagination/paginator.ts";
import { searchPages, withCreatedAt } from "../core/pagination/created-at.ts";
import type {
  DuplicateInclude,
  DuplicateTaskRequest,
  Job,
  ListTasksQuery,
  ProjectTasksQuery,
  RequestOptions,
  SearchTasksQuery,
  SubtasksQuery,
  Task,
  TaskCompact,
  TaskRequest,
} from "../types.ts";
import { checkGid, checkLimit, checkTaskBody } from "../internal/validate.ts";

const INCLUDE: ReadonlySet<string> = new Set<DuplicateInclude>([
  "assignee", "attachments", "dates", "dependencies", "followers",
  "notes", "parent", "projects", "subtasks", "tags",
]);

/**
 * Bad input never reaches the wire: methods that return a promise reject with a TypeError or
 * RangeError (never throw synchronously, so `.catch` sees it); paginator factories throw at once.
 */
export interface TasksApi {
  get(taskGid: string, opts?: RequestOptions): Promise<Task>;
  create(body: TaskRequest, opts?: RequestOptions): Promise<Task>;
  update(taskGid: string, body: TaskRequest, opts?: RequestOptions): Promise<Task>;
  delete(taskGid: string, opts?: RequestOptions): Promise<void>;
  list(query: ListTasksQuery, opts?: RequestOptions): Paginator<TaskCompact>;
  forProject(projectGid: string, query?: ProjectTasksQuery, opts?: RequestOptions): Paginator<TaskCompact>;
  subtasks(taskGid: string, query?: SubtasksQuery, opts?: RequestOptions): Paginator<TaskCompact>;
  createSubtask(taskGid: string, body: TaskRequest, opts?: RequestOptions): Promise<Task>;
  search(workspaceGid: string, query?: SearchTasksQuery, opts?: RequestOptions): Paginator<TaskCompact>;
  duplicate(taskGid: string, body?: DuplicateTaskRequest, opts?: RequestOptions): Promise<Job>;
}

/** Paginator options first: a bad limit or maxItems throws before anything else is looked at. */
function paginate(fetchList: FetchList<TaskCompact>, query: { limit?: number; maxItems?: number; prefetch?: boolean }) {
  return new Paginator<TaskCompact>(offsetPages(fetchList) as PageFetcher<TaskCompact, unknown>, query);
}

function checkInclude(include: unknown): string | undefined {
  if (include === undefined) return undefined;
  if (!Array.isArray(include)) throw new TypeError("include must be an array of field names");
  const unknown = include.filter((field) => !INCLUDE.has(field));
  if (unknown.length > 0) {
    throw new TypeError(`include has unknown field(s) ${unknown.join(", ")}; allowed: ${[...INCLUDE].join(", ")}`);
  }
  return include.join(",");
}

export function createTasksApi(ctx: ClientContext): TasksApi {
  const { client } = ctx;

  return {
    async get(taskGid, opts) {
      const task_gid = checkGid(taskGid, "taskGid");
      return data(prepareCall(ctx, opts)<Task>((init) =>
        client.GET("/tasks/{task_gid}", { params: { path: { task_gid }, query: optQuery(opts) }, ...init }),
      ));
    },

    async create(body, opts) {
      checkTaskBody(body);
      return data(prepareCall(ctx, opts)<Task>((init) =>
        client.POST("/tasks", { params: { query: optQuery(opts) }, body: { data: body }, ...init }),
      ));
    },

    async update(taskGid, body, opts) {
      const task_gid = checkGid(taskGid, "taskGid");
      checkTaskBody(body);
      return data(prepareCall(ctx, opts)<Task>((init) =>
        client.PUT("/tasks/{task_gid}", { params: { path: { task_gid }, query: optQuery(opts) }, body: { data: body }, ...init }),
      ));
    },

    async delete(taskGid, opts) {
      const task_gid = checkGid(taskGid, "taskGid");
      await prepareCall(ctx, opts)<unknown>((init) =>
        client.DELETE("/tasks/{task_gid}", { params: { path: { task_gid }, query: optQuery(opts) }, ...init }),
      );
    },

    list(query, opts) {
      if (query === null || typeof query !== "object") throw new TypeError("query must be an object");
      const { limit, maxItems, prefetch, ...filters } = query;
      if (!filters.project && !filters.section && !(filters.assignee && filters.workspace)) {
        throw new TypeError("tasks.list needs project, section, or both assignee and workspace");
      }
      const call = prepareCall(ctx, opts);
      return paginate(
        (pageLimit, offset, signal) =>
          call<TaskCompact[]>(
            (init) => client.GET("/tasks", { params: { query: { ...filters, ...optQuery(opts), limit: pageLimit, offset } }, ...init }),
            signal,
          ),
        { limit, maxItems, prefetch },
      );
    },

    forProject(projectGid, query = {}, opts) {
      const project_gid = checkGid(projectGid, "projectGid");
      const { limit, maxItems, prefetch, ...filters } = query;
      const call = prepareCall(ctx, opts);
      return paginate(
        (pageLimit, offset, signal) =>
          call<TaskCompact[]>(
            (init) =>
              client.GET("/projects/{project_gid}/tasks", {
                params: { path: { project_gid }, query: { ...filters, ...optQuery(opts), limit: pageLimit, offset } },
                ...init,
              }),
            signal,
          ),
        { limit, maxItems, prefetch },
      );
    },

    subtasks(taskGid, query = {}, opts) {
      const task_gid = checkGid(taskGid, "taskGid");
      const call = prepareCall(ctx, opts);
      return paginate(
        (pageLimit, offset, signal) =>
          call<TaskCompact[]>(
            (init) =>
              client.GET("/tasks/{task_gid}/subtasks", {
                params: { path: { task_gid }, query: { ...optQuery(opts), limit: pageLimit, offset } },
                ...init,
              }),
            signal,
          ),
        { limit: query.limit, maxItems: query.maxItems, prefetch: query.prefetch },
      );
    },

    async createSubtask(taskGid, body, opts) {
      const task_gid = checkGid(taskGid, "taskGid");
      checkTaskBody(body);
      return data(prepareCall(ctx, opts)<Task>((init) =>
        client.POST("/tasks/{task_gid}/subtasks", {
          params: { path: { task_gid }, query: optQuery(opts) },
          body: { data: body },
          ...init,
        }),
      ));
    },

    search(workspaceGid, query = {}, opts) {
      const workspace_gid = checkGid(workspaceGid, "workspaceGid");
      const { limit, maxItems, prefetch, ...filters } = query;
      const byCreatedAt = filters.sort_by === undefined || filters.sort_by === "created_at";
      const fields = byCreatedAt ? { opt_fields: withCreatedAt(opts?.opt_fields) } : {};
      const call = prepareCall(ctx, opts);
      const fetchPage = searchPages(
        async (searchQuery, pageLimit, signal) =>
          (
            await call<TaskCompact[] | undefined>(
              (init) =>
                client.GET("/workspaces/{workspace_gid}/tasks/search", {
                  params: { path: { workspace_gid }, query: { ...searchQuery, ...optQuery(opts), ...fields, limit: pageLimit } },
                  ...init,
                }),
              signal,
            )
          ).data ?? [],
        filters,
        checkLimit(limit),
      );
      return new Paginator(fetchPage as PageFetcher<TaskCompact, unknown>, { limit, maxItems, prefetch });
    },

    async duplicate(taskGid, body = {}, opts) {
      const task_gid = checkGid(taskGid, "taskGid");
      if (body === null || typeof body !== "object" || Array.isArray(body)) throw new TypeError("body must be an object");
      const { include, ...rest } = body;
      const joined = checkInclude(include);
      const payload = joined === undefined ? rest : { ...rest, include: joined };
      return data(prepareCall(ctx, opts)<Job>((init) =>
        client.POST("/tasks/{task_gid}/duplicate", { params: { path: { task_gid }, query: optQuery(opts) }, body: { data: payload }, ...init }),
      ));
    },
  };
}

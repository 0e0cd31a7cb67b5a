import { type ClientContext, callInit, optQuery, unwrap } from "./context.ts";
import { Paginator, type PageFetcher } from "./paginator.ts";
import { searchPages, withCreatedAt } from "./search.ts";
import type {
  DuplicateInclude,
  DuplicateTaskRequest,
  Job,
  ListTasksQuery,
  NextPage,
  ProjectTasksQuery,
  RequestOptions,
  SearchTasksQuery,
  SubtasksQuery,
  Task,
  TaskCompact,
  TaskRequest,
} from "./types.ts";
import { checkGid } from "./validate.ts";

const INCLUDE: ReadonlySet<string> = new Set<DuplicateInclude>([
  "assignee", "attachments", "dates", "dependencies", "followers",
  "notes", "parent", "projects", "subtasks", "tags",
]);

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

type ListBody = { data: TaskCompact[]; next_page?: NextPage | null };

/** Offset paging: follow next_page.offset only, never its path or uri (they can point elsewhere). */
function offsetPages(fetchList: (limit: number, offset: string | undefined) => Promise<{ data?: ListBody }>): PageFetcher<TaskCompact, string> {
  return async (offset, limit) => {
    const { data: body } = await fetchList(limit, offset);
    const nextPage = body?.next_page ?? null;
    return { page: { data: body?.data ?? [], nextPage }, next: nextPage?.offset || undefined };
  };
}

function checkBody(body: unknown, name: string): void {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new TypeError(`${name} must be an object of task fields`);
  }
}

export function createTasksApi(ctx: ClientContext): TasksApi {
  const { raw } = ctx;

  return {
    get: (taskGid, opts) =>
      unwrap(
        raw.GET("/tasks/{task_gid}", {
          params: { path: { task_gid: checkGid(taskGid, "taskGid") }, query: optQuery(opts) },
          ...callInit(ctx, opts),
        }),
      ),

    create: (body, opts) => {
      checkBody(body, "body");
      return unwrap(raw.POST("/tasks", { params: { query: optQuery(opts) }, body: { data: body }, ...callInit(ctx, opts) }));
    },

    update: (taskGid, body, opts) => {
      const task_gid = checkGid(taskGid, "taskGid");
      checkBody(body, "body");
      return unwrap(
        raw.PUT("/tasks/{task_gid}", {
          params: { path: { task_gid }, query: optQuery(opts) },
          body: { data: body },
          ...callInit(ctx, opts),
        }),
      );
    },

    delete: async (taskGid, opts) => {
      await raw.DELETE("/tasks/{task_gid}", {
        params: { path: { task_gid: checkGid(taskGid, "taskGid") }, query: optQuery(opts) },
        ...callInit(ctx, opts),
      });
    },

    list: (query, opts) => {
      if (query === null || typeof query !== "object") throw new TypeError("query must be an object");
      const { limit, maxItems, ...filters } = query;
      if (!filters.project && !filters.section && !(filters.assignee && filters.workspace)) {
        throw new TypeError("tasks.list needs project, section, or both assignee and workspace");
      }
      const fetchPage = offsetPages((pageLimit, offset) =>
        raw.GET("/tasks", {
          params: { query: { ...filters, ...optQuery(opts), limit: pageLimit, offset } },
          ...callInit(ctx, opts),
        }),
      );
      return new Paginator(fetchPage as PageFetcher<TaskCompact, unknown>, { limit, maxItems });
    },

    forProject: (projectGid, query = {}, opts) => {
      const project_gid = checkGid(projectGid, "projectGid");
      const { limit, maxItems, ...filters } = query;
      const fetchPage = offsetPages((pageLimit, offset) =>
        raw.GET("/projects/{project_gid}/tasks", {
          params: { path: { project_gid }, query: { ...filters, ...optQuery(opts), limit: pageLimit, offset } },
          ...callInit(ctx, opts),
        }),
      );
      return new Paginator(fetchPage as PageFetcher<TaskCompact, unknown>, { limit, maxItems });
    },

    subtasks: (taskGid, query = {}, opts) => {
      const task_gid = checkGid(taskGid, "taskGid");
      const { limit, maxItems } = query;
      const fetchPage = offsetPages((pageLimit, offset) =>
        raw.GET("/tasks/{task_gid}/subtasks", {
          params: { path: { task_gid }, query: { ...optQuery(opts), limit: pageLimit, offset } },
          ...callInit(ctx, opts),
        }),
      );
      return new Paginator(fetchPage as PageFetcher<TaskCompact, unknown>, { limit, maxItems });
    },

    createSubtask: (taskGid, body, opts) => {
      const task_gid = checkGid(taskGid, "taskGid");
      checkBody(body, "body");
      return unwrap(
        raw.POST("/tasks/{task_gid}/subtasks", {
          params: { path: { task_gid }, query: optQuery(opts) },
          body: { data: body },
          ...callInit(ctx, opts),
        }),
      );
    },

    search: (workspaceGid, query = {}, opts) => {
      const workspace_gid = checkGid(workspaceGid, "workspaceGid");
      const { limit, maxItems, ...filters } = query;
      const sortsByCreatedAt = filters.sort_by === undefined || filters.sort_by === "created_at";
      const opt_fields = sortsByCreatedAt ? withCreatedAt(opts?.opt_fields) : opts?.opt_fields;
      const fetchPage = searchPages(async (searchQuery, pageLimit) => {
        const { data } = await raw.GET("/workspaces/{workspace_gid}/tasks/search", {
          params: {
            path: { workspace_gid },
            query: { ...searchQuery, ...optQuery(opts), ...(opt_fields ? { opt_fields } : {}), limit: pageLimit },
          },
          ...callInit(ctx, opts),
        });
        return data?.data ?? [];
      }, filters);
      return new Paginator(fetchPage as PageFetcher<TaskCompact, unknown>, { limit, maxItems });
    },

    duplicate: (taskGid, body = {}, opts) => {
      const task_gid = checkGid(taskGid, "taskGid");
      checkBody(body, "body");
      const { include, ...rest } = body;
      if (include !== undefined) {
        if (!Array.isArray(include)) throw new TypeError("include must be an array of field names");
        const unknown = include.filter((field) => !INCLUDE.has(field));
        if (unknown.length > 0) {
          throw new TypeError(`include has unknown field(s) ${unknown.join(", ")}; allowed: ${[...INCLUDE].join(", ")}`);
        }
      }
      const data = include === undefined ? rest : { ...rest, include: include.join(",") };
      return unwrap(
        raw.POST("/tasks/{task_gid}/duplicate", {
          params: { path: { task_gid }, query: optQuery(opts) },
          body: { data },
          ...callInit(ctx, opts),
        }),
      );
    },
  };
}

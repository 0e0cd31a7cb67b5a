/** Public types, all derived from generated/ so they follow the specs. */
import type { paths, TasksComponents, JobsComponents, Readable, Writable } from "../generated/index.ts";
import type { RetryOptions } from "./core/retry.ts";

type TaskSchemas = TasksComponents["schemas"];
type JobSchemas = JobsComponents["schemas"];

export type { paths };
/** A task as `tasks.get` returns it without opt_fields. */
export type Task = Readable<TaskSchemas["TaskResponse"]>;
/** A task as lists return it without opt_fields. */
export type TaskCompact = Readable<TaskSchemas["TaskCompact"]>;
/** The body of `tasks.create` and `tasks.createSubtask` (read-only fields left out). */
export type TaskCreateRequest = Writable<TaskSchemas["TaskCreateRequest"]>;
/** The body of `tasks.update`: no projects, tags, followers, parent or workspace (they have their own endpoints). */
export type TaskUpdateRequest = Writable<TaskSchemas["TaskUpdateRequest"]>;
/** @deprecated Use TaskCreateRequest (or TaskUpdateRequest for `update`). */
export type TaskRequest = TaskCreateRequest;
export type SetParentRequest = Writable<TaskSchemas["TaskSetParentRequest"]>;
export type AddProjectRequest = Writable<TaskSchemas["TaskAddProjectRequest"]>;
export type NextPage = NonNullable<Readable<TaskSchemas["NextPage"]>>;
export type AsanaErrorDetail = Readable<TaskSchemas["Error"]>;
export type Job = Readable<JobSchemas["JobCompact"]>;
export type JobStatus = NonNullable<Job["status"]>;

/** Type-only: never present at run time. */
declare const duplicatesTask: unique symbol;
/** The job `tasks.duplicate` answers: marked, so that `jobs.wait` on it types the copy as present. */
export type TaskDuplicationJob<J = Job> = J & { readonly [duplicatesTask]?: true };
/** A job as `jobs.wait` resolves it: succeeded. */
export type SucceededJob = Flat<Omit<Job, "status"> & { readonly status: "succeeded" }>;
/** A task duplication as `jobs.wait` resolves it: succeeded, with the new task. */
export type SucceededTaskDuplication = Flat<Omit<SucceededJob, "new_task"> & { new_task: NonNullable<Job["new_task"]> }>;
/** What `jobs.wait(job)` resolves to. */
export type WaitedJob<J> = typeof duplicatesTask extends keyof J ? SucceededTaskDuplication : SucceededJob;

type Flat<T> = T extends infer O ? { [K in keyof O]: O[K] } : never;

/** The fields `tasks.duplicate` can copy (Asana's `include` list, from the spec's enum). */
export type DuplicateInclude = TaskSchemas["TaskDuplicateIncludeField"];

/** The duplicate request, with `include` as an array (sent comma-joined). */
export type DuplicateTaskRequest = Omit<Writable<TaskSchemas["TaskDuplicateRequest"]>, "include"> & {
  include?: DuplicateInclude[];
};

/** A token, or a function called before every request (for OAuth tokens refreshed behind it). */
export type TokenSource = string | (() => string | Promise<string>);

/** `F`: the `opt_fields` list, narrowing the result when it is a literal list of field paths (see FieldPath). */
export interface RequestOptions<F extends readonly string[] = string[]> {
  /** Fields to return, as dot paths (`"assignee.name"`), sent as one comma-separated `opt_fields` parameter. */
  opt_fields?: F;
  opt_pretty?: boolean;
  /** Aborting cancels the request in flight, any retry wait and any queueing, with the signal's reason. */
  signal?: AbortSignal;
  /** Added to, or overriding, the client's headers for this call. */
  headers?: Record<string, string>;
  /** Overrides the client's timeout for this call (each page, for a paginator); rejects with TimeoutError. */
  timeoutMs?: number;
  /** Overrides the client's retry policy for this call; `false` sends once. */
  retry?: RetryOptions | false;
  /** Asana-Enable change names, added to the client's. */
  enable?: string[];
  /** Asana-Disable change names, added to the client's. */
  disable?: string[];
}

export interface PaginatorOptions {
  /** Page size, 1 to 100 (default 100); always sent. */
  limit?: number;
  /** Cap on the items yielded in total; never sent on the wire. */
  maxItems?: number;
  /** Request page n+1 while page n is being consumed (never more than one page ahead). */
  prefetch?: boolean;
}

export interface Page<T> {
  data: T[];
  nextPage: NextPage | null;
}

type Query<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } } ? NonNullable<Q> : never;

/** Query parameters the paginator or RequestOptions own, so callers never pass them in a query. */
type Managed = "offset" | "limit" | "opt_fields" | "opt_pretty";

/** A list's filters as the spec names them, plus the paginator's options. */
type ListQuery<P extends keyof paths> = Omit<Query<P>, Managed> & PaginatorOptions;

type Scope = "project" | "section" | "assignee" | "workspace";
/** GET /tasks needs `project`, or `section`, or both `assignee` and `workspace`. */
export type ListTasksQuery = ListQuery<"/tasks"> &
  Partial<Record<Scope, string>> &
  ({ project: string } | { section: string } | { assignee: string; workspace: string });
export type ProjectTasksQuery = ListQuery<"/projects/{project_gid}/tasks">;
export type SectionTasksQuery = ListQuery<"/sections/{section_gid}/tasks">;
export type TagTasksQuery = ListQuery<"/tags/{tag_gid}/tasks">;
export type UserTaskListTasksQuery = ListQuery<"/user_task_lists/{user_task_list_gid}/tasks">;
export type SubtasksQuery = ListQuery<"/tasks/{task_gid}/subtasks">;
export type DependenciesQuery = ListQuery<"/tasks/{task_gid}/dependencies">;
export type DependentsQuery = ListQuery<"/tasks/{task_gid}/dependents">;
export type SearchTasksQuery = ListQuery<"/workspaces/{workspace_gid}/tasks/search">;

export interface WaitOptions {
  /** First interval between polls (default 500 ms); it grows up to maxIntervalMs. */
  intervalMs?: number;
  /** Longest interval between polls (default 5,000 ms). */
  maxIntervalMs?: number;
  /** Give up with TimeoutError after this long (default 600,000 ms). */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Sees every polled job, the last one included. */
  onPoll?: (job: Job) => void;
}

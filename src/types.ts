/** Public types, all derived from generated/ so they follow the specs. */
import type { paths, TasksComponents, JobsComponents } from "../generated/index.ts";
import type { RetryOptions } from "./core/retry.ts";

type TaskSchemas = TasksComponents["schemas"];

export type { paths };
export type Task = TaskSchemas["TaskResponse"];
export type TaskCompact = TaskSchemas["TaskCompact"];
export type TaskRequest = TaskSchemas["TaskRequest"];
export type NextPage = NonNullable<TaskSchemas["NextPage"]>;
export type AsanaErrorDetail = TaskSchemas["Error"];
export type Job = JobsComponents["schemas"]["JobCompact"];
export type JobStatus = JobsComponents["schemas"]["JobStatus"];

/** The fields `tasks.duplicate` can copy (Asana's `include` list). */
export type DuplicateInclude =
  | "assignee"
  | "attachments"
  | "dates"
  | "dependencies"
  | "followers"
  | "notes"
  | "parent"
  | "projects"
  | "subtasks"
  | "tags";

/** The duplicate request, with `include` as an array (sent comma-joined). */
export type DuplicateTaskRequest = Omit<TaskSchemas["TaskDuplicateRequest"], "include"> & {
  include?: DuplicateInclude[];
};

/** A token, or a function called before every request (for OAuth tokens refreshed behind it). */
export type TokenSource = string | (() => string | Promise<string>);

export interface RequestOptions {
  /** Fields to return, sent as one comma-separated `opt_fields` parameter. */
  opt_fields?: string[];
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

type Query<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  parameters: { query?: infer Q };
}
  ? NonNullable<Q>
  : never;

/** Query parameters the paginator or RequestOptions own, so callers never pass them in a query. */
type Managed = "offset" | "limit" | "opt_fields" | "opt_pretty";

export type ListTasksQuery = Omit<Query<"/tasks", "get">, Managed> & PaginatorOptions;
export type ProjectTasksQuery = Omit<Query<"/projects/{project_gid}/tasks", "get">, Managed> & PaginatorOptions;
export type SubtasksQuery = PaginatorOptions;
export type SearchTasksQuery = Omit<Query<"/workspaces/{workspace_gid}/tasks/search", "get">, Managed> &
  PaginatorOptions;

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

export { createAsanaClient, DEFAULT_BASE_URL } from "./client.ts";
export type { AsanaClient, AsanaClientOptions } from "./client.ts";
export type { TasksApi } from "./tasks.ts";
export type { JobsApi } from "./jobs.ts";
export type { FetchLike } from "./transport.ts";
export { Paginator } from "./paginator.ts";
export { AsanaError, JobFailedError, TimeoutError } from "./errors.ts";
export type * from "./types.ts";

export { createAsanaClient, DEFAULT_BASE_URL, DEFAULT_TIMEOUT_MS } from "./client.ts";
export type { AsanaClient, AsanaClientOptions } from "./client.ts";
export type { TasksApi } from "./resources/tasks.ts";
export type { JobsApi } from "./resources/jobs.ts";
export type { FetchLike } from "./core/transport.ts";
export type { RetryOptions } from "./core/retry.ts";
export type { LimiterOptions, QuotaLimiter, QuotaStore, QuotaStoreContext, QuotaStoreWarning, RateLimitOptions, Ticket } from "./core/quota/types.ts";
export type { AsanaChangeWarning, AsanaWarning, OnWarning } from "./core/deprecations.ts";
export { Paginator } from "./core/pagination/paginator.ts";
export {
  AsanaError,
  BadRequestError,
  UnauthorizedError,
  PaymentRequiredError,
  ForbiddenError,
  NotFoundError,
  RateLimitError,
  ServerError,
  ConnectionError,
  JobFailedError,
  TimeoutError,
} from "./core/errors.ts";
export type { AsanaErrorJSON } from "./core/errors.ts";
export type * from "./types.ts";
export type { FieldPath, Selected, FieldList, Narrowed } from "./selection.ts";

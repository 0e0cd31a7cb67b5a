export { createAsanaClient, DEFAULT_BASE_URL, DEFAULT_TIMEOUT_MS } from "./client.ts";
export type { AsanaClient, AsanaClientOptions } from "./client.ts";
export type { TasksApi } from "./tasks.ts";
export type { JobsApi } from "./jobs.ts";
export type { FetchLike } from "./transport.ts";
export type { RetryOptions } from "./retry.ts";
export type { LimiterOptions, RateLimitOptions } from "./limiter.ts";
export type { AsanaChangeWarning, OnWarning } from "./deprecations.ts";
export { Paginator } from "./paginator.ts";
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
} from "./errors.ts";
export type { AsanaErrorJSON } from "./errors.ts";
export type * from "./types.ts";

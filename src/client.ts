import createClient, { type Client } from "openapi-fetch";
import type { ClientContext } from "./core/call.ts";
import { createChangeWatcher, featureHeaders, type OnWarning } from "./core/deprecations.ts";
import { createJobsApi, type JobsApi } from "./resources/jobs.ts";
import { Limiter, type LimiterOptions, type RateLimitOptions } from "./core/limiter.ts";
import { createRaw } from "./core/raw.ts";
import { resolveRetry, type RetryOptions } from "./core/retry.ts";
import { createTasksApi, type TasksApi } from "./resources/tasks.ts";
import { createTransport, type FetchLike } from "./core/transport.ts";
import type { paths, TokenSource } from "./types.ts";
import { checkBaseUrl, checkDuration, checkToken } from "./internal/validate.ts";

export const DEFAULT_BASE_URL = "https://app.asana.com/api/1.0";
export const DEFAULT_TIMEOUT_MS = 60_000;

export interface AsanaClientOptions {
  /**
   * A personal access token or OAuth token, or a function called before every request. Printable
   * ASCII only (no spaces, line breaks or control characters).
   */
  token: TokenSource;
  /**
   * Default https://app.asana.com/api/1.0. Must be https:, or http: on a loopback host; no query,
   * fragment or credentials. No request goes anywhere but under it.
   */
  baseUrl?: string;
  /** Default: globalThis.fetch, looked up per call. */
  fetch?: FetchLike;
  /** Sent with every request, `raw` included. */
  headers?: Record<string, string>;
  /** Retry policy (default: 5 retries, 500 ms base, 30 s cap); `false` never retries. */
  retry?: RetryOptions | false;
  /** Time for a whole call, retries, queueing and the body included (default 60,000 ms, at most 2³¹−1); Infinity for none. */
  timeoutMs?: number;
  /** In-flight caps (default 50 GETs, 15 writes, as Asana allows per token); `false` for none. */
  concurrency?: LimiterOptions | false;
  /**
   * Your token's request budget, e.g. `{ requests: 1500, windowMs: 60_000 }`; requests are spaced to
   * fit it. Default: learned from the first 429. `false`: neither declared nor learned.
   */
  rateLimit?: RateLimitOptions | false;
  /** Asana-Enable change names for every request. */
  enable?: string[];
  /** Asana-Disable change names for every request. */
  disable?: string[];
  /** Called once per Asana-Change name seen in responses (default: console.warn). */
  onWarning?: OnWarning;
}

export interface AsanaClient {
  tasks: TasksApi;
  jobs: JobsApi;
  /** The openapi-fetch client over every spec's paths, sharing auth, base URL, serialisation, retries and timeouts. */
  raw: Client<paths>;
}

export function createAsanaClient(options: AsanaClientOptions): AsanaClient {
  if (options === null || typeof options !== "object") throw new TypeError("createAsanaClient needs an options object");
  const { token, fetch, headers, enable = [], disable = [] } = options;
  if (typeof token === "string") checkToken(token, "token");
  else if (typeof token !== "function") throw new TypeError("token must be a non-empty string or a function returning one");
  if (fetch !== undefined && typeof fetch !== "function") throw new TypeError("fetch must be a function");
  if (options.onWarning !== undefined && typeof options.onWarning !== "function") throw new TypeError("onWarning must be a function");
  const baseUrl = checkBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
  const retry = resolveRetry(options.retry);
  const timeoutMs = checkDuration(options.timeoutMs, "timeoutMs", DEFAULT_TIMEOUT_MS, { infinity: true });
  if (options.rateLimit) checkDuration(options.rateLimit.windowMs, "rateLimit.windowMs", 0);
  const limiter =
    options.concurrency === false && options.rateLimit === false
      ? undefined
      : new Limiter(options.concurrency ?? {}, options.rateLimit);

  // The watcher redacts with the transport's tokens: bound late, as the transport takes the watcher.
  const onResponse = createChangeWatcher(options.onWarning, () => transport.redactor());
  const transport = createTransport({ token, fetch, retry, limiter, baseUrl, onResponse });
  const client = createClient<paths>({
    baseUrl,
    fetch: (request) => transport.send(request, false),
    // A 3xx comes back to the transport, which follows none (see redirectError there).
    redirect: "manual",
    headers: { ...featureHeaders(enable, disable), ...headers },
    // Asana reads arrays as one comma-separated value: opt_fields=a,b.c
    querySerializer: { array: { style: "form", explode: false } },
  });
  const ctx: ClientContext = {
    client,
    transport,
    retry,
    timeoutMs,
    enable,
    disable,
  };
  return { tasks: createTasksApi(ctx), jobs: createJobsApi(ctx), raw: createRaw(client, transport, timeoutMs) };
}

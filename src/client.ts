import createClient, { createQuerySerializer, type Client } from "openapi-fetch";
import type { ClientContext } from "./core/call.ts";
import { createChangeWatcher, defaultOnWarning, featureHeaders, type OnWarning } from "./core/deprecations.ts";
import { createJobsApi, type JobsApi } from "./resources/jobs.ts";
import { Limiter } from "./core/quota/limiter.ts";
import type { LimiterOptions, QuotaLimiter, QuotaStore, RateLimitOptions } from "./core/quota/types.ts";
import { createRaw } from "./core/raw.ts";
import { resolveRetry, type RetryOptions } from "./core/retry.ts";
import { createTasksApi, type TasksApi } from "./resources/tasks.ts";
import { createTransport, type FetchLike } from "./core/transport.ts";
import type { paths, TokenSource } from "./types.ts";
import { checkBaseUrl, checkDuration, checkFunction, checkObject, checkToken } from "./internal/validate.ts";

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
  /**
   * Shares this token's quota with other processes, e.g. `createRedisQuotaStore(redis)` from
   * asana-fetch/redis: every client with the same token and store shares the budget (declared or
   * learned), the in-flight caps and the pause after a 429. If the store fails, the client's own
   * limiter takes over and `onWarning` is told once.
   */
  quotaStore?: QuotaStore;
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
  checkObject(options, "options");
  const { token, fetch, headers, enable = [], disable = [], onWarning, rateLimit, concurrency = {}, quotaStore } = options;
  if (typeof token === "string") checkToken(token, "token");
  else if (typeof token !== "function") throw new TypeError("token must be a string or a function");
  checkFunction(fetch, "fetch");
  checkFunction(onWarning, "onWarning");
  // A quota store, e.g. createRedisQuotaStore(redis).
  if (quotaStore !== undefined) checkFunction(quotaStore?.limiter ?? 0, "quotaStore.limiter");
  const baseUrl = checkBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
  const retry = resolveRetry(options.retry);
  const timeoutMs = checkDuration(options.timeoutMs, "timeoutMs", DEFAULT_TIMEOUT_MS, { infinity: true });
  if (rateLimit) checkDuration(rateLimit.windowMs, "rateLimit.windowMs", 0);
  // The in-memory limiter, shared through the quota store when there is one; none when both limits are off.
  const local = concurrency === false && rateLimit === false ? undefined : new Limiter(concurrency, rateLimit);
  const limiter =
    local && quotaStore
      ? quotaStore.limiter({
          concurrency,
          rateLimit,
          local,
          leaseMs: Number.isFinite(timeoutMs) ? timeoutMs : DEFAULT_TIMEOUT_MS,
          onWarning: onWarning ?? defaultOnWarning,
        })
      : local;

  // The watcher redacts with the transport's tokens: bound late, as the transport takes the watcher.
  const onResponse = createChangeWatcher(onWarning, () => transport.redactor());
  const transport = createTransport({ token, fetch, retry, limiter, baseUrl, onResponse });
  const client = createClient<paths>({
    baseUrl,
    fetch: (request) => transport.send(request, false),
    // A 3xx comes back to the transport, which follows none (see redirectError there).
    redirect: "manual",
    headers: { ...featureHeaders(enable, disable), ...headers },
    // Asana reads arrays as one comma-separated value: opt_fields=a,b.c. A function, built once:
    // given options, openapi-fetch would build a serializer on every call.
    querySerializer: createQuerySerializer({ array: { style: "form", explode: false } }),
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

/**
 * When a request may be sent again, and how long to wait first.
 * 429: Asana did not process the request, so any method is retried after Retry-After.
 * 5xx and network failures: only operations the table marks idempotent (core/idempotency.ts), so a
 * create or a duplicate never happens twice.
 */
export interface RetryOptions {
  /** Retries after the first attempt (default 5). */
  maxRetries?: number;
  /** First backoff ceiling (default 500 ms); it doubles each attempt. */
  baseDelayMs?: number;
  /** Largest backoff ceiling (default 30,000 ms). Retry-After is honoured beyond it. */
  maxDelayMs?: number;
}

export type RetryPolicy = Required<RetryOptions>;

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 5, baseDelayMs: 500, maxDelayMs: 30_000 };

const RETRYABLE_STATUS: ReadonlySet<number> = new Set([500, 502, 503, 504]);

export const isRetryableStatus = (status: number): boolean => RETRYABLE_STATUS.has(status);

export function resolveRetry(options: RetryOptions | false | undefined, fallback: RetryPolicy | false = DEFAULT_RETRY): RetryPolicy | false {
  if (options === false) return false;
  if (options === undefined) return fallback;
  if (options === null || typeof options !== "object") throw new TypeError("retry must be an object or false");
  const base = fallback || DEFAULT_RETRY;
  const policy = { ...base, ...definedOnly(options) };
  for (const key of ["maxRetries", "baseDelayMs", "maxDelayMs"] as const) {
    const value = policy[key];
    if (typeof value !== "number" || Number.isNaN(value) || value < 0) {
      throw new RangeError(`retry.${key} must be a non-negative number, got ${String(value)}`);
    }
  }
  return policy;
}

function definedOnly(options: RetryOptions): RetryOptions {
  const out: RetryOptions = {};
  if (options.maxRetries !== undefined) out.maxRetries = options.maxRetries;
  if (options.baseDelayMs !== undefined) out.baseDelayMs = options.baseDelayMs;
  if (options.maxDelayMs !== undefined) out.maxDelayMs = options.maxDelayMs;
  return out;
}

/** Capped exponential backoff with full jitter: uniform in [0, min(max, base·2^attempt)]. */
export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

/** Retry-After as seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  const value = headers.get("retry-after");
  if (value === null || value.trim() === "") return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Math.ceil(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

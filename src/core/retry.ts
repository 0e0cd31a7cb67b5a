/**
 * When a request may be sent again, and how long to wait first.
 * 429: Asana did not process the request, so any method is retried after Retry-After.
 * 5xx and network failures: only operations the table marks idempotent (core/idempotency.ts), so a
 * create or a duplicate never happens twice.
 */
import { checkCount, checkDuration } from "../internal/validate.ts";

export interface RetryOptions {
  /** Retries after the first attempt (default 5): a non-negative integer, or Infinity. */
  maxRetries?: number;
  /** First backoff ceiling (default 500 ms, at most 2³¹−1); it doubles each attempt. */
  baseDelayMs?: number;
  /** Largest backoff ceiling (default 30,000 ms, at most 2³¹−1). Retry-After is honoured beyond it, within the call's timeout. */
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
  // Only the three fields, and only those given: an undefined one keeps the fallback's.
  const policy = { ...(fallback || DEFAULT_RETRY) };
  for (const key of Object.keys(DEFAULT_RETRY) as (keyof RetryPolicy)[]) if (options[key] !== undefined) policy[key] = options[key];
  checkCount(policy.maxRetries, "retry.maxRetries", 0, 0);
  checkDuration(policy.baseDelayMs, "retry.baseDelayMs", 0);
  checkDuration(policy.maxDelayMs, "retry.maxDelayMs", 0);
  return policy;
}

/** Capped exponential backoff with full jitter: uniform in [0, min(max, base·2^attempt)]. */
export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

/** Retry-After as seconds or an HTTP date; undefined when absent, unreadable or beyond any clock. */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  const value = headers.get("retry-after");
  if (!value?.trim()) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) {
    const ms = Math.ceil(Number(value) * 1000);
    return Number.isFinite(ms) ? ms : undefined;
  }
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

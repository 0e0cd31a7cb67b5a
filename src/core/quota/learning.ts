/**
 * How a budget is learned from 429s, for the in-memory limiter and (with the same numbers, passed to
 * its script) the shared store: one rule, stated once.
 *
 * Asana counts a request when it arrives, the ones it refuses too. A bulk job that knows no budget
 * sends at full concurrency until the first 429; every request Asana answered with something other
 * than a 429 fitted the budget, including those still in flight when the first 429 came back. So the
 * budget is the count of those answers, and the ones that arrive after the first 429 still add to it
 * (counting only the answers in before it would, at real latency, settle far below the real budget;
 * counting requests by the order they left would not do either: a request can wait for a connection
 * and arrive after later ones). The window runs from the lesson's first start until Asana says room
 * frees up: the 429's arrival plus its Retry-After, an upper bound.
 */
import type { RateLimitOptions } from "./types.ts";

/** A learned budget is cut by this much when a 429 still arrives for a request sent under it. */
export const TIGHTEN = 0.9;
/** Fewer requests than this before a 429 say more about someone else's use of the token than its budget. */
export const MIN_SAMPLE = 10;
/** A learned budget is forgotten once a request starts this many windows after the last lesson, and learned again if need be. */
export const FORGET_AFTER_WINDOWS = 10;
/** The window assumed when a 429 carries no Retry-After. */
export const DEFAULT_RETRY_AFTER_MS = 1_000;

/**
 * The budget a 429 teaches when `answered` requests were answered (other than 429) since the lesson
 * in force began `elapsedMs` ago: a known budget is cut; none is sized from too few answers.
 */
export function lesson(
  budget: RateLimitOptions | undefined,
  answered: number,
  elapsedMs: number,
  retryAfterMs: number | undefined,
): RateLimitOptions | undefined {
  if (budget) return { ...budget, requests: Math.max(1, Math.floor(budget.requests * TIGHTEN)) };
  if (answered < MIN_SAMPLE) return undefined;
  return { requests: answered, windowMs: Math.max(1, elapsedMs + (retryAfterMs ?? DEFAULT_RETRY_AFTER_MS)) };
}

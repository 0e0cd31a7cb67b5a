/**
 * Asana's limits, kept on the client side so work slows down instead of failing:
 * - in flight: at most `reads` GETs and `writes` other requests (Asana allows 50 and 15 per token);
 *   the rest queue in order;
 * - after a 429, the whole client pauses for Retry-After, so queued requests wait it out instead of
 *   piling on (rejected requests still count against Asana's quota);
 * - a request budget per window, declared (`rateLimit`) or learned from the first 429 (learning.ts):
 *   a request starts only once the one `requests` places before it was answered `windowMs` ago.
 *   Asana counts a request on arrival, which the client cannot see; the answer is the latest that can
 *   have been, so no window on Asana's side ever holds more than `requests`, however late a burst arrived.
 *
 * This process's state only; asana-fetch/redis shares the same rules across processes.
 */
import { abortable } from "../../internal/abortable.ts";
import { sleep } from "../../internal/sleep.ts";
import { checkCount } from "../../internal/validate.ts";
import { FORGET_AFTER_WINDOWS, lesson } from "./learning.ts";
import { WaitQueue } from "./queue.ts";
import type { LimiterOptions, QuotaLimiter, RateLimitOptions, Ticket } from "./types.ts";

export type { LimiterOptions, RateLimitOptions, Ticket } from "./types.ts";

interface Pool {
  active: number;
  readonly max: number;
  readonly queue: WaitQueue<void>;
}

/**
 * One request's place in the budget, and its ticket once let through. Asana counts a request when it
 * arrives, somewhere between its start and its answer, so the client takes the answer's time: the
 * latest moment it can have counted.
 */
interface Mark extends Ticket {
  /** When its answer arrived (or, never sent, when it stopped counting); undefined while in flight. */
  at: number | undefined;
  wake?: Array<() => void>;
  readonly pool: Pool;
  /** Which lesson was in force when it was let through. */
  gen: number;
}

/** Marks kept for a budget learned later, and at most this many (beyond the budget itself). */
const KEEP_MARKS = 2048;

/** A Mark's release, shared: also what tells this limiter's tickets from others. */
function release(this: Mark): void {
  if (this.at !== undefined) return;
  settle(this, Date.now());
  freeSlot(this.pool);
}

export interface Limiter extends QuotaLimiter {
  acquire(method: string, signal?: AbortSignal | null): Ticket | Promise<Ticket>;
  /** The budget in force: declared, learned, or undefined while nothing is known. */
  readonly rateLimit: RateLimitOptions | undefined;
}

/** `new Limiter(concurrency, rateLimit)`: the state lives in createLimiter's closure. */
export class Limiter {
  constructor(concurrency?: LimiterOptions | false, rate?: RateLimitOptions | false) {
    return createLimiter(concurrency, rate);
  }
}

function createLimiter(concurrency: LimiterOptions | false = {}, rate?: RateLimitOptions | false): Limiter {
  const caps = concurrency === false ? { reads: Infinity, writes: Infinity } : concurrency;
  const reads = pool(caps.reads, "reads", 50);
  const writes = pool(caps.writes, "writes", 15);
  let budget = rate ? checkRateLimit(rate) : undefined;
  const learns = rate === undefined;
  let pausedUntil = 0;
  /** Recent requests, oldest first: request k waits for request k − budget.requests. */
  const marks: Mark[] = [];
  /** The lesson in force: its number, when it began, and the answers other than 429 since. */
  let generation = 0;
  let lessonAt = 0;
  let answered = 0;
  /** True while the budget in force was learned from nothing: late answers to that burst still add to it. */
  let counting = false;

  const learn = (next: RateLimitOptions | undefined, now: number) => {
    budget = next;
    generation++;
    lessonAt = now;
    answered = 0;
    counting = false;
  };

  /** How long a start must wait: for any pause, and for the blocker's answer (Infinity until it arrives) a window back. */
  const delay = (blocker: Mark | undefined, now: number) =>
    Math.max(pausedUntil - now, blocker && budget ? (blocker.at ?? Infinity) + budget.windowMs - now : 0);

  const ticket = (mark: Mark): Ticket => {
    if (lessonAt === 0) lessonAt = Date.now();
    mark.gen = generation;
    return mark;
  };

  /** Waits out the delay, looking again after each wait (a 429 may have paused everything meanwhile). */
  const turn = async (blocker: Mark | undefined, signal: AbortSignal | undefined) => {
    for (let ms; (ms = delay(blocker, Date.now())) > 0; ) await (ms === Infinity ? settled(blocker!, signal) : sleep(ms, signal));
  };

  /** Holding a slot: takes a place in the budget, then waits its turn if it has to. */
  const admit = (target: Pool, signal: AbortSignal | undefined): Ticket | Promise<Ticket> => {
    const now = Date.now();
    if (learns && budget && now - lessonAt > budget.windowMs * FORGET_AFTER_WINDOWS) learn(undefined, now);
    const mark: Mark = { at: undefined, pool: target, gen: generation, release };
    // The one it must wait for under the budget in force (none without one, or with fewer marks).
    const requests = budget?.requests ?? 0;
    const blocker = marks[marks.length - requests];
    marks.push(mark);
    if (marks.length > 2 * KEEP_MARKS + requests) marks.splice(0, marks.length - KEEP_MARKS - requests);
    if (!(delay(blocker, now) > 0)) return ticket(mark);
    return turn(blocker, signal).then(
      () => ticket(mark),
      (error: unknown) => {
        // Never sent: it hands its place on, so whoever waits for it waits only for its own blocker.
        if (!blocker || blocker.at !== undefined) settle(mark, blocker?.at ?? -Infinity);
        else (blocker.wake ??= []).push(() => settle(mark, blocker.at!));
        freeSlot(target);
        throw error;
      },
    );
  };

  return {
    /**
     * A ticket once a slot is held, any pause is over and the budget allows a start: at once (no
     * promise, no extra tick) when nothing stands in the way, which is the common case.
     */
    acquire(method, signal) {
      const target = method === "GET" || method === "HEAD" ? reads : writes;
      const own = signal ?? undefined;
      if (target.active < target.max && target.queue.size === 0) {
        target.active++;
        return admit(target, own);
      }
      return target.queue.join(own).then(() => admit(target, own));
    },

    observe(t, status, retryAfterMs) {
      const mark = t as Mark;
      if (mark.release !== release || (status !== 429 && !learns)) return;
      const current = mark.gen === generation;
      if (status !== 429) {
        if (current) answered++;
        // Admitted before the 429 that taught the budget, answered after it: it fitted the budget too.
        else if (counting && mark.gen === generation - 1) budget!.requests++;
        return;
      }
      const now = Date.now();
      if (retryAfterMs !== undefined) pausedUntil = Math.max(pausedUntil, now + retryAfterMs);
      // Answers to requests sent before the last lesson teach nothing new.
      if (!learns || !current) return;
      const learned = lesson(budget, answered, now - lessonAt, retryAfterMs);
      if (!learned) return;
      const fromNothing = !budget;
      learn(learned, now);
      counting = fromNothing;
    },

    get rateLimit() {
      return budget;
    },
  };
}

/** A declared budget, checked: whole requests ≥ 1 per window > 0. */
export function checkRateLimit(rate: RateLimitOptions): RateLimitOptions {
  if (!(rate.requests >= 1) || !(rate.windowMs > 0)) throw new RangeError("rateLimit needs requests ≥ 1 and windowMs > 0");
  return { requests: Math.floor(rate.requests), windowMs: rate.windowMs };
}

/** Hands the slot straight to the next in the queue, or frees it. */
function freeSlot(target: Pool): void {
  if (!target.queue.grant()) target.active--;
}

function settle(mark: Mark, at: number): void {
  if (mark.at !== undefined) return;
  mark.at = at;
  mark.wake?.splice(0).forEach((wake) => wake());
}

/** Resolves once the mark's answer has arrived. */
function settled(mark: Mark, signal: AbortSignal | undefined): Promise<void> {
  return abortable<void>(signal, (resolve) => (mark.wake ??= []).push(resolve));
}

function pool(max: number | undefined, name: string, fallback: number): Pool {
  return { active: 0, max: checkCount(max, `concurrency.${name}`, fallback, 1), queue: new WaitQueue<void>() };
}

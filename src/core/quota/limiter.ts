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
 * One request's place in the budget. Asana counts a request when it arrives, somewhere between its
 * start and its answer, so the client takes the answer's time: the latest moment it can have counted.
 */
interface Mark {
  /** When its answer arrived; undefined while in flight. */
  at: number | undefined;
  waiters?: Array<() => void>;
}

/** Marks kept for a budget learned later, and at most this many (beyond the budget itself). */
const KEEP_MARKS = 2048;

class LocalTicket implements Ticket {
  readonly #target: Pool;
  readonly #mark: Mark;
  #released = false;

  /** `generation`: which lesson was in force when it was let through. */
  constructor(target: Pool, mark: Mark, readonly generation: number) {
    this.#target = target;
    this.#mark = mark;
  }

  release(): void {
    if (this.#released) return;
    this.#released = true;
    settle(this.#mark, Date.now());
    freeSlot(this.#target);
  }
}

export class Limiter implements QuotaLimiter {
  readonly #reads: Pool;
  readonly #writes: Pool;
  #pausedUntil = 0;
  #budget: RateLimitOptions | undefined;
  readonly #learns: boolean;
  /** Recent requests, oldest first: request k waits for request k − budget.requests. */
  #marks: Mark[] = [];
  /** The lesson in force: its number, when it began, and the answers other than 429 since. */
  #generation = 0;
  #lessonAt = 0;
  #answered = 0;
  /** True while the budget in force was learned from nothing: late answers to that burst still add to it. */
  #counting = false;

  constructor(concurrency: LimiterOptions | false = {}, rate?: RateLimitOptions | false) {
    const caps = concurrency === false ? { reads: Infinity, writes: Infinity } : concurrency;
    this.#reads = pool(caps.reads ?? 50, "reads");
    this.#writes = pool(caps.writes ?? 15, "writes");
    if (rate) this.#budget = checkRateLimit(rate);
    this.#learns = rate === undefined;
  }

  /**
   * A ticket once a slot is held, any pause is over and the budget allows a start: at once (no
   * promise, no extra tick) when nothing stands in the way, which is the common case.
   */
  acquire(method: string, signal?: AbortSignal | null): Ticket | Promise<Ticket> {
    const target = method === "GET" || method === "HEAD" ? this.#reads : this.#writes;
    if (target.active < target.max && target.queue.size === 0) {
      target.active++;
      return this.#admit(target, signal ?? undefined);
    }
    return target.queue.join(signal ?? undefined).then(() => this.#admit(target, signal ?? undefined));
  }

  /** Holding a slot: takes a place in the budget, then waits its turn if it has to. */
  #admit(target: Pool, signal: AbortSignal | undefined): Ticket | Promise<Ticket> {
    const now = Date.now();
    const learned = this.#learns ? this.#budget : undefined;
    if (learned && now - this.#lessonAt > learned.windowMs * FORGET_AFTER_WINDOWS) this.#learn(undefined, now);
    const mark: Mark = { at: undefined };
    const blocker = this.#learns || this.#budget !== undefined ? this.#enter(mark) : undefined;
    if (!this.#mustWait(blocker, now)) return this.#ticket(target, mark);
    return this.#turn(blocker, signal).then(
      () => this.#ticket(target, mark),
      (error: unknown) => {
        // Never sent: it hands its place on, so whoever waits for it waits only for its own blocker.
        if (!blocker || blocker.at !== undefined) settle(mark, blocker?.at ?? -Infinity);
        else (blocker.waiters ??= []).push(() => settle(mark, blocker.at!));
        freeSlot(target);
        throw error;
      },
    );
  }

  #ticket(target: Pool, mark: Mark): Ticket {
    if (this.#lessonAt === 0) this.#lessonAt = Date.now();
    return new LocalTicket(target, mark, this.#generation);
  }

  #mustWait(blocker: Mark | undefined, now: number): boolean {
    if (now < this.#pausedUntil) return true;
    if (!blocker || !this.#budget) return false;
    return blocker.at === undefined || blocker.at + this.#budget.windowMs > now;
  }

  /** Waits out any pause, then until the request `budget.requests` places back was answered a window ago. */
  async #turn(blocker: Mark | undefined, signal: AbortSignal | undefined): Promise<void> {
    for (let now = Date.now(); this.#mustWait(blocker, now); now = Date.now()) {
      if (now < this.#pausedUntil) await sleep(this.#pausedUntil - now, signal);
      else if (blocker!.at === undefined) await settled(blocker!, signal);
      else await sleep(blocker!.at + this.#budget!.windowMs - now, signal);
    }
  }

  /** Appends the mark; returns the one it must wait for under the budget in force. */
  #enter(mark: Mark): Mark | undefined {
    const marks = this.#marks;
    const requests = this.#budget?.requests;
    const blocker = requests !== undefined && marks.length >= requests ? marks[marks.length - requests] : undefined;
    marks.push(mark);
    if (marks.length > 2 * KEEP_MARKS + (requests ?? 0)) marks.splice(0, marks.length - KEEP_MARKS - (requests ?? 0));
    return blocker;
  }

  observe(ticket: Ticket, status: number, retryAfterMs: number | undefined): void {
    if (!(ticket instanceof LocalTicket) || (status !== 429 && !this.#learns)) return;
    const current = ticket.generation === this.#generation;
    if (status !== 429) {
      if (current) this.#answered++;
      // Admitted before the 429 that taught the budget, answered after it: it fitted the budget too.
      else if (this.#counting && ticket.generation === this.#generation - 1) this.#budget!.requests++;
      return;
    }
    const now = Date.now();
    if (retryAfterMs !== undefined) this.#pausedUntil = Math.max(this.#pausedUntil, now + retryAfterMs);
    // Answers to requests sent before the last lesson teach nothing new.
    if (!this.#learns || !current) return;
    const learned = lesson(this.#budget, this.#answered, now - this.#lessonAt, retryAfterMs);
    if (!learned) return;
    const fromNothing = this.#budget === undefined;
    this.#learn(learned, now);
    this.#counting = fromNothing;
  }

  #learn(budget: RateLimitOptions | undefined, now: number): void {
    this.#budget = budget;
    this.#generation++;
    this.#lessonAt = now;
    this.#answered = 0;
    this.#counting = false;
  }

  /** The budget in force: declared, learned, or undefined while nothing is known. */
  get rateLimit(): RateLimitOptions | undefined {
    return this.#budget;
  }

  get inFlight(): { reads: number; writes: number } {
    return { reads: this.#reads.active, writes: this.#writes.active };
  }
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
  mark.waiters?.splice(0).forEach((wake) => wake());
}

/** Resolves once the mark's answer has arrived. */
function settled(mark: Mark, signal: AbortSignal | undefined): Promise<void> {
  return abortable<void>(signal, (resolve) => (mark.waiters ??= []).push(resolve));
}

function pool(max: number, name: string): Pool {
  if (max !== Infinity && (!Number.isInteger(max) || max < 1)) {
    throw new RangeError(`concurrency.${name} must be a positive integer, got ${String(max)}`);
  }
  return { active: 0, max, queue: new WaitQueue<void>() };
}

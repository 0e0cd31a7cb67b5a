/**
 * Asana's limits, kept on the client side so work slows down instead of failing:
 * - in flight: at most `reads` GETs and `writes` other requests (Asana allows 50 and 15 per token);
 *   the rest queue in order;
 * - after a 429, the whole client pauses for Retry-After, so queued requests wait it out instead of
 *   piling on (rejected requests still count against Asana's quota);
 * - a request budget per window, declared (`rateLimit`) or learned from the first 429: a request
 *   starts only once the one `requests` places before it was answered `windowMs` ago. Asana counts a
 *   request on arrival, which the client cannot see; the answer is the latest that can have been, so
 *   no window on Asana's side ever holds more than `requests`, however late a burst arrived.
 */
import { sleep } from "../internal/sleep.ts";

export interface LimiterOptions {
  /** In-flight GET/HEAD requests (default 50). */
  reads?: number;
  /** In-flight POST/PUT/PATCH/DELETE requests (default 15). */
  writes?: number;
}

export interface RateLimitOptions {
  /** Requests allowed per window, e.g. 1500 (Asana's paid plans) or 150 (free) per 60,000 ms. */
  requests: number;
  windowMs: number;
}

interface Pool {
  active: number;
  readonly max: number;
  readonly queue: Array<() => void>;
}

export interface Ticket {
  /** When the request was let through. */
  readonly startedAt: number;
  /** Which lesson was in force when it was let through. */
  readonly generation: number;
  release(): void;
}

/** A learned budget is cut by this much when a 429 still arrives for a request sent under it. */
const TIGHTEN = 0.9;
/** Fewer successes than this before a 429 say more about someone else's use of the token than its budget. */
const MIN_SAMPLE = 10;
/** A learned budget is forgotten after this many windows without a 429, and learned again if need be. */
const FORGET_AFTER_WINDOWS = 10;

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

export class Limiter {
  readonly #reads: Pool;
  readonly #writes: Pool;
  #pausedUntil = 0;
  #budget: RateLimitOptions | undefined;
  readonly #learns: boolean;
  /** Recent requests, oldest first: request k waits for request k − budget.requests. */
  #marks: Mark[] = [];
  /** Learning: successes counted since the last lesson, which bumps the generation. */
  #generation = 0;
  #succeeded = 0;
  #lessonAt = 0;

  constructor(concurrency: LimiterOptions | false = {}, rate?: RateLimitOptions | false) {
    const caps = concurrency === false ? { reads: Infinity, writes: Infinity } : concurrency;
    this.#reads = pool(caps.reads ?? 50, "reads");
    this.#writes = pool(caps.writes ?? 15, "writes");
    if (rate) {
      if (!(rate.requests >= 1) || !(rate.windowMs > 0)) throw new RangeError("rateLimit needs requests ≥ 1 and windowMs > 0");
      this.#budget = { requests: Math.floor(rate.requests), windowMs: rate.windowMs };
    }
    this.#learns = rate === undefined;
  }

  /**
   * A ticket once a slot is held, any pause is over and the budget allows a start: at once (no
   * promise, no extra tick) when nothing stands in the way, which is the common case.
   */
  acquire(method: string, signal?: AbortSignal | null): Ticket | Promise<Ticket> {
    const target = method === "GET" || method === "HEAD" ? this.#reads : this.#writes;
    if (target.active < target.max && target.queue.length === 0) {
      target.active++;
      return this.#admit(target, signal ?? undefined);
    }
    return this.#enqueue(target, signal).then(() => this.#admit(target, signal ?? undefined));
  }

  /** Holding a slot: takes a place in the budget, then waits its turn if it has to. */
  #admit(target: Pool, signal: AbortSignal | undefined): Ticket | Promise<Ticket> {
    const mark: Mark = { at: undefined };
    const blocker = this.#learns || this.#budget !== undefined ? this.#enter(mark) : undefined;
    if (!this.#mustWait(blocker, Date.now())) return this.#ticket(target, mark);
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
    const startedAt = Date.now();
    if (this.#lessonAt === 0) this.#lessonAt = startedAt;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      settle(mark, Date.now());
      freeSlot(target);
    };
    return { startedAt, generation: this.#generation, release };
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

  /** What came back for a request let through with `ticket`. */
  observe(ticket: Ticket, status: number, retryAfterMs: number | undefined): void {
    // Answers to requests sent before the last lesson teach nothing new.
    const current = ticket.generation === this.#generation;
    if (status !== 429) {
      if (current) this.#succeeded++;
      const learned = this.#learns ? this.#budget : undefined;
      if (learned && ticket.startedAt - this.#lessonAt > learned.windowMs * FORGET_AFTER_WINDOWS) this.#learn(undefined, ticket.startedAt);
      return;
    }
    const now = Date.now();
    if (retryAfterMs !== undefined) this.#pausedUntil = Math.max(this.#pausedUntil, now + retryAfterMs);
    if (!this.#learns || !current) return;
    if (this.#budget === undefined) {
      if (this.#succeeded < MIN_SAMPLE) return; // just the pause: too little seen to size a budget
      // The window: from the first counted request until Asana says room frees up.
      const windowMs = Math.max(1, now - this.#lessonAt + (retryAfterMs ?? 1_000));
      this.#learn({ requests: this.#succeeded, windowMs }, now);
    } else {
      this.#learn({ ...this.#budget, requests: Math.max(1, Math.floor(this.#budget.requests * TIGHTEN)) }, now);
    }
  }

  #learn(budget: RateLimitOptions | undefined, now: number): void {
    this.#budget = budget;
    this.#generation++;
    this.#lessonAt = now;
    this.#succeeded = 0;
  }

  /** The budget in force: declared, learned, or undefined while nothing is known. */
  get rateLimit(): RateLimitOptions | undefined {
    return this.#budget;
  }

  get inFlight(): { reads: number; writes: number } {
    return { reads: this.#reads.active, writes: this.#writes.active };
  }

  #enqueue(target: Pool, signal?: AbortSignal | null): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        const index = target.queue.indexOf(grant);
        if (index >= 0) target.queue.splice(index, 1);
        reject(signal!.reason);
      };
      const grant = () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      };
      target.queue.push(grant);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }
}

/** Hands the slot straight to the next in the queue, or frees it. */
function freeSlot(target: Pool): void {
  const next = target.queue.shift();
  if (next) next();
  else target.active--;
}

function settle(mark: Mark, at: number): void {
  if (mark.at !== undefined) return;
  mark.at = at;
  mark.waiters?.splice(0).forEach((wake) => wake());
}

/** Resolves once the mark's answer has arrived. */
function settled(mark: Mark, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => reject(signal!.reason);
    (mark.waiters ??= []).push(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    });
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function pool(max: number, name: string): Pool {
  if (max !== Infinity && (!Number.isInteger(max) || max < 1)) {
    throw new RangeError(`concurrency.${name} must be a positive integer, got ${String(max)}`);
  }
  return { active: 0, max, queue: [] };
}

/**
 * The limiter every process using a token shares through Redis: the same rules as the in-memory one
 * (core/quota/limiter.ts), with the state in the store and every decision taken by one atomic script
 * (script.ts). Requests wait here, in order, one queue per token and kind; only the oldest asks Redis,
 * and a "not now" comes back with how long, so processes wait without polling Redis in a loop.
 *
 * If the store fails (refused, timed out, script error), requests go on under the client's own
 * limiter, `onWarning` is told once, and the store is tried again in the background, more rarely each
 * time, until it answers.
 */
import { DEFAULT_RETRY_AFTER_MS, FORGET_AFTER_WINDOWS, MIN_SAMPLE, TIGHTEN } from "../core/quota/learning.ts";
import { WaitQueue } from "../core/quota/queue.ts";
import type { QuotaLimiter, QuotaStoreContext, QuotaStoreWarning, Ticket } from "../core/quota/types.ts";
import type { ScriptRunner } from "./client.ts";
import { keyCache, type QuotaKeys } from "./keys.ts";

const READS = 1;
const WRITES = 2;
type Kind = typeof READS | typeof WRITES;

/** Why an admission said "not now" (see script.ts). */
const SLOT = 1;

/** What the store is told about a request when it ends (see script.ts). */
const OUTCOME = { neverSent: 0, noStatus: 1, answered: 2, refused: 3 } as const;

/** Waiters granted in one round trip, at most. */
const BATCH = 64;
/** Answers kept for a budget learned later: for this long, and at most this many. */
const KEEP = { ms: 120_000, entries: 2048 } as const;
/**
 * While every slot is held elsewhere: ask again after 2 ms, doubling to 50 ms (a release here wakes
 * the queue at once). After a failure: try the store again after 250 ms, doubling to 5 s.
 */
const POLL_MS = { min: 2, max: 50 } as const;
const PROBE_MS = { min: 250, max: 5_000 } as const;

export interface SharedLimiterOptions {
  prefix: string;
  commandTimeoutMs: number;
}

/** One token's requests of one kind, waiting in this process's queue. */
interface Line {
  readonly id: string;
  readonly keys: QuotaKeys;
  readonly kind: Kind;
  readonly token: string;
  readonly queue: WaitQueue<Ticket>;
  pumping: boolean;
  /** Set while the oldest waiter sleeps; `wakeOnRelease` when only a slot it cannot see being freed stands in the way. */
  sleep?: { wake(): void; wakeOnRelease: boolean };
}

class SharedTicket implements Ticket {
  outcome: number = OUTCOME.noStatus;
  retryAfterMs = -1;
  /** Released, and the store told (the release goes in a microtask, so the status observed just after rides along). */
  released = false;
  told = false;

  readonly #end: (ticket: SharedTicket) => void;

  constructor(
    readonly line: Line,
    readonly seq: number,
    readonly generation: number,
    end: (ticket: SharedTicket) => void,
  ) {
    this.#end = end;
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    queueMicrotask(() => this.#end(this));
  }
}

export class SharedLimiter implements QuotaLimiter {
  readonly #runner: ScriptRunner;
  readonly #context: QuotaStoreContext;
  readonly #timeoutMs: number;
  readonly #keys: (token: string) => QuotaKeys | Promise<QuotaKeys>;
  readonly #lines = new Map<string, Line>();
  readonly #caps: Record<Kind, number>;
  readonly #declared: [requests: number, windowMs: number];
  readonly #learns: boolean;
  #failing = false;
  #probeAt = 0;
  #probeMs: number = PROBE_MS.min;
  #probing = false;

  constructor(runner: ScriptRunner, context: QuotaStoreContext, options: SharedLimiterOptions) {
    this.#runner = runner;
    this.#context = context;
    this.#timeoutMs = options.commandTimeoutMs;
    this.#keys = keyCache(options.prefix);
    const { concurrency, rateLimit } = context;
    // 0: no cap. The local limiter has already checked the values.
    const caps = concurrency === false ? { reads: Infinity, writes: Infinity } : concurrency;
    const cap = (value: number | undefined, fallback: number) => (value === Infinity ? 0 : (value ?? fallback));
    this.#caps = { [READS]: cap(caps.reads, 50), [WRITES]: cap(caps.writes, 15) };
    this.#declared = rateLimit ? [Math.floor(rateLimit.requests), rateLimit.windowMs] : [0, 0];
    this.#learns = rateLimit === undefined;
  }

  acquire(method: string, signal: AbortSignal | undefined, token: string): Ticket | Promise<Ticket> {
    if (this.#failing) return this.#local(method, signal, token);
    const keys = this.#keys(token);
    if (!(keys instanceof Promise)) return this.#join(keys, method, signal, token);
    return keys.then(
      (known) => (this.#failing ? this.#local(method, signal, token) : this.#join(known, method, signal, token)),
      (error: unknown) => {
        this.#fail(error);
        return this.#local(method, signal, token);
      },
    );
  }

  observe(ticket: Ticket, status: number, retryAfterMs: number | undefined): void {
    if (!(ticket instanceof SharedTicket)) return this.#context.local.observe(ticket, status, retryAfterMs);
    ticket.outcome = status === 429 ? OUTCOME.refused : OUTCOME.answered;
    ticket.retryAfterMs = retryAfterMs ?? -1;
    // Observed after the release was sent: tell the store on its own (a 429 pauses everyone).
    if (ticket.told && (ticket.outcome === OUTCOME.refused || this.#learns)) this.#finish(ticket, false);
  }

  /** While the store fails: the client's own limiter, and now and then a try of the store in the background. */
  #local(method: string, signal: AbortSignal | undefined, token: string): Ticket | Promise<Ticket> {
    this.#probe(token);
    return this.#context.local.acquire(method, signal, token);
  }

  #join(keys: QuotaKeys, method: string, signal: AbortSignal | undefined, token: string): Promise<Ticket> {
    const kind: Kind = method === "GET" || method === "HEAD" ? READS : WRITES;
    const id = `${keys[0]}\n${kind}`;
    let line = this.#lines.get(id);
    if (!line) {
      const created: Line = { id, keys, kind, token, pumping: false, queue: new WaitQueue<Ticket>(() => created.queue.size === 0 && created.sleep?.wake()) };
      this.#lines.set(id, (line = created));
    }
    const ticket = line.queue.join(signal);
    void this.#pump(line);
    return ticket;
  }

  /** Asks the store for the oldest waiters' admission until none is left, waiting as long as it says. */
  async #pump(line: Line): Promise<void> {
    if (line.pumping) return;
    line.pumping = true;
    let pollMs: number = POLL_MS.min;
    try {
      while (line.queue.size > 0 && !this.#failing) {
        const wanted = Math.min(line.queue.size, BATCH);
        const [granted, last, generation, waitMs, why] = await this.#admit(line, wanted);
        for (let seq = last - granted + 1; seq <= last; seq++) {
          const ticket = new SharedTicket(line, seq, generation, this.#ended);
          // Its waiter gave up meanwhile: the place goes back.
          if (!line.queue.grant(ticket)) this.#finish(ticket, true, OUTCOME.neverSent);
        }
        if (granted > 0) pollMs = POLL_MS.min;
        if (line.queue.size === 0 || granted === wanted) continue;
        const slot = why === SLOT;
        await this.#sleep(line, slot ? Math.min(waitMs, pollMs) : waitMs, slot);
        if (slot) pollMs = Math.min(2 * pollMs, POLL_MS.max);
      }
    } catch (error) {
      this.#fail(error);
    } finally {
      line.pumping = false;
    }
    if (this.#failing) this.#handOver(line);
    else if (line.queue.size === 0) this.#lines.delete(line.id);
  }

  #sleep(line: Line, ms: number, wakeOnRelease: boolean): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        line.sleep = undefined;
        resolve();
      };
      const timer = setTimeout(wake, ms);
      line.sleep = { wake, wakeOnRelease };
    });
  }

  #admitArgs(kind: Kind, wanted: number): Array<string | number> {
    const [requests, windowMs] = this.#declared;
    return ["admit", kind, this.#caps[kind], this.#context.leaseMs, requests, windowMs, this.#learns ? 1 : 0, wanted, FORGET_AFTER_WINDOWS, KEEP.ms, KEEP.entries];
  }

  #admit(line: Line, wanted: number): Promise<[granted: number, last: number, generation: number, waitMs: number, why: number]> {
    return this.#call(line.keys, this.#admitArgs(line.kind, wanted)).then((reply) => {
      if (!Array.isArray(reply) || reply.length < 5 || !reply.every((n) => typeof n === "number")) throw new Error("the quota script answered something unexpected");
      return reply as [number, number, number, number, number];
    });
  }

  readonly #ended = (ticket: SharedTicket): void => {
    this.#finish(ticket, true);
    // Sent before the next admission on the same connection, so that one sees the slot free.
    if (ticket.line.sleep?.wakeOnRelease) ticket.line.sleep.wake();
  };

  #finish(ticket: SharedTicket, release: boolean, outcome = ticket.outcome): void {
    ticket.told = true;
    const args = ["finish", ticket.line.kind, ticket.seq, release ? 1 : 0, outcome, ticket.generation, ticket.retryAfterMs, this.#learns ? 1 : 0, MIN_SAMPLE, TIGHTEN, DEFAULT_RETRY_AFTER_MS];
    this.#call(ticket.line.keys, args).catch((error: unknown) => this.#fail(error));
  }

  /**
   * One script call, given up on after the store's timeout. When the timer fires, the answer may be
   * waiting unread behind a busy event loop (timers run before I/O): one more turn lets it in first.
   */
  #call(keys: QuotaKeys, args: Array<string | number>): Promise<unknown> {
    if (!this.#runner.available()) return Promise.reject(new Error("the Redis client is not connected"));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      const giveUp = () => reject(new Error(`no answer within ${this.#timeoutMs} ms`));
      timer = setTimeout(() => (timer = setTimeout(giveUp, 0)), this.#timeoutMs);
    });
    return Promise.race([this.#runner.run(keys, args.map(String)), timeout]).finally(() => clearTimeout(timer));
  }

  #fail(error: unknown): void {
    this.#probeAt = Date.now() + this.#probeMs;
    if (this.#failing) return;
    this.#failing = true;
    const reason = (error instanceof Error ? error.message : String(error)).slice(0, 200);
    const warning: QuotaStoreWarning = {
      kind: "quota-store",
      name: "quota-store-unavailable",
      affected: false,
      message: `asana-fetch: the quota store failed (${reason}); requests go on under this process's own limits until it answers again.`,
    };
    try {
      this.#context.onWarning(warning);
    } catch {
      // A throwing onWarning must not fail the request that happened to notice the store was down.
    }
    for (const line of this.#lines.values()) {
      line.sleep?.wake();
      if (!line.pumping) this.#handOver(line);
    }
  }

  /** The store failed: whoever waits here goes on under the local limiter, in the same order. */
  #handOver(line: Line): void {
    const method = line.kind === READS ? "GET" : "POST";
    for (let waiter = line.queue.take(); waiter; waiter = line.queue.take()) {
      waiter.resolve(this.#context.local.acquire(method, waiter.signal, line.token));
    }
    this.#lines.delete(line.id);
  }

  #probe(token: string): void {
    if (this.#probing || Date.now() < this.#probeAt) return;
    this.#probing = true;
    Promise.resolve(this.#keys(token))
      // Asks for nothing: any answer means the store is back.
      .then((keys) => this.#call(keys, this.#admitArgs(READS, 0)))
      .then(
        () => {
          this.#failing = false;
          this.#probeMs = PROBE_MS.min;
        },
        () => {
          this.#probeMs = Math.min(2 * this.#probeMs, PROBE_MS.max);
          this.#probeAt = Date.now() + this.#probeMs;
        },
      )
      .finally(() => {
        this.#probing = false;
      });
  }
}

/**
 * Keeps at most `reads` GETs and `writes` other requests in flight (Asana's per-token caps are 50 and
 * 15) and queues the rest in order. After a 429 the whole client pauses for Retry-After, so queued
 * requests wait it out instead of piling on (rejected requests still count against Asana's quota).
 */
import { sleep } from "./sleep.ts";

export interface LimiterOptions {
  /** In-flight GET/HEAD requests (default 50). */
  reads?: number;
  /** In-flight POST/PUT/PATCH/DELETE requests (default 15). */
  writes?: number;
}

interface Pool {
  active: number;
  readonly max: number;
  readonly queue: Array<() => void>;
}

export type Release = () => void;

export class Limiter {
  readonly #reads: Pool;
  readonly #writes: Pool;
  #pausedUntil = 0;

  constructor(options: LimiterOptions = {}) {
    this.#reads = pool(options.reads ?? 50, "reads");
    this.#writes = pool(options.writes ?? 15, "writes");
  }

  /** Resolves once a slot is held and any pause is over; the caller must call the release. */
  async acquire(method: string, signal?: AbortSignal | null): Promise<Release> {
    const target = method === "GET" || method === "HEAD" ? this.#reads : this.#writes;
    if (target.active < target.max && target.queue.length === 0) target.active++;
    else await this.#enqueue(target, signal);

    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const next = target.queue.shift();
      if (next) next(); // hand the slot straight over
      else target.active--;
    };
    try {
      while (Date.now() < this.#pausedUntil) await sleep(this.#pausedUntil - Date.now(), signal ?? undefined);
    } catch (error) {
      release();
      throw error;
    }
    return release;
  }

  /** Hold every new request until `ms` from now (a 429's Retry-After). */
  pause(ms: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, Date.now() + ms);
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

function pool(max: number, name: string): Pool {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`limit.${name} must be a positive integer, got ${String(max)}`);
  return { active: 0, max, queue: [] };
}

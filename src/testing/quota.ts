/**
 * Asana's limits for one token: a sliding window of `requests` per `windowMs` in which rejected
 * requests count too (so a client that hammers stays locked out), and caps on requests in flight
 * (50 GETs, 15 writes by default). Both answer 429 with Retry-After in whole seconds.
 */
import { errorResponse, TOO_MANY } from "./http.ts";
import type { QuotaOptions } from "./types.ts";

export type RequestClass = "get" | "write";

export class Quota {
  readonly #options: Required<QuotaOptions>;
  /** Arrival times in the window, oldest first; `#head` skips the expired ones without shifting. */
  #log: number[] = [];
  #head = 0;

  constructor(options: QuotaOptions) {
    const { requests, windowMs, maxGets = 50, maxWrites = 15 } = options;
    for (const [name, value] of Object.entries({ requests, windowMs, maxGets, maxWrites })) {
      if (typeof value !== "number" || Number.isNaN(value) || value < 0) throw new RangeError(`quota.${name} must be a non-negative number`);
    }
    this.#options = { requests, windowMs, maxGets, maxWrites };
  }

  /** Counts the request and answers 429 if it is over a limit; `inFlight` includes this request. */
  admit(kind: RequestClass, inFlight: number, now: number): Response | undefined {
    const { requests, windowMs, maxGets, maxWrites } = this.#options;
    const log = this.#log;
    while (this.#head < log.length && log[this.#head]! <= now - windowMs) this.#head++;
    if (this.#head > 1024 && this.#head * 2 > log.length) {
      this.#log = log.slice(this.#head);
      this.#head = 0;
    }
    const inWindow = this.#log.length - this.#head;
    this.#log.push(now);
    if (inWindow >= requests) {
      // The next request fits once enough of the oldest have left the window.
      const freesAt = (this.#log[this.#head + (inWindow + 1 - requests)] ?? now) + windowMs;
      return tooMany(TOO_MANY, Math.ceil((freesAt - now) / 1000));
    }
    if (inFlight > (kind === "get" ? maxGets : maxWrites)) {
      return tooMany(`Too many ${kind === "get" ? "read" : "write"} requests in flight at once. Please, be chill.`, 1);
    }
    return undefined;
  }

  reset(): void {
    this.#log = [];
    this.#head = 0;
  }
}

function tooMany(message: string, seconds: number): Response {
  return errorResponse(429, message, { "retry-after": String(Math.max(1, seconds)) });
}

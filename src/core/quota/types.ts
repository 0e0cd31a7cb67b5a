/**
 * One interface for the request limiter, whether it keeps its state in this process (Limiter) or in a
 * store shared by every process using the token (asana-fetch/redis). The transport asks it before
 * each attempt and tells it what came back.
 */

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

/** A request's permission to go out; released once its answer (or failure) is in. */
export interface Ticket {
  release(): void;
}

export interface QuotaLimiter {
  /**
   * A ticket once the request may go: a slot is free, no pause is in force and the budget allows a
   * start. May return the ticket itself (no promise) when nothing stands in the way. `token` is the
   * credential this attempt is sent with: a shared store keys its state by a digest of it.
   */
  acquire(method: string, signal: AbortSignal | undefined, token: string): Ticket | Promise<Ticket>;
  /** What came back for a request let through with `ticket`: a 429 pauses and teaches. */
  observe(ticket: Ticket, status: number, retryAfterMs: number | undefined): void;
}

/** Told once when a quota store fails: calls go on under the client's own limiter until it answers again. */
export interface QuotaStoreWarning {
  kind: "quota-store";
  name: "quota-store-unavailable";
  /** Always false: no call fails because of the store. */
  affected: false;
  message: string;
}

/** What a client hands its quota store (`quotaStore` option) to build the limiter it shares. */
export interface QuotaStoreContext {
  concurrency: LimiterOptions | false;
  /** Declared, `false` (none) or undefined (learned from 429s, and shared once learned). */
  rateLimit: RateLimitOptions | false | undefined;
  /** The client's in-memory limiter, used while the store fails. */
  local: QuotaLimiter;
  /** No attempt outlives this (the client's timeout): in-flight slots held in the store expire after it. */
  leaseMs: number;
  onWarning(warning: QuotaStoreWarning): void;
}

/** A place where clients in several processes share one token's quota (see `asana-fetch/redis`). */
export interface QuotaStore {
  /** Called once by createAsanaClient. */
  limiter(context: QuotaStoreContext): QuotaLimiter;
}

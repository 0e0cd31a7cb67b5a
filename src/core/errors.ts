/**
 * Typed errors. None holds the request's headers, and every text field passes through a redactor
 * that knows the token of the request that failed, so the token reaches no message, field,
 * stack, JSON or inspect output.
 */
import type { AsanaErrorDetail, Job } from "../types.ts";

export type Redact = (text: string) => string;

const keep: Redact = (text) => text;

/** Replaces the token (as is, or percent-encoded as in a URL), and any bearer credential, with a marker. */
export function redactor(token: string | undefined): Redact {
  const forms = token ? [...new Set([token, encodeURIComponent(token)])] : [];
  return (text) => {
    let out = text.replace(/Bearer\s+[^\s"',;]+/gi, "Bearer [redacted]");
    for (const form of forms) if (out.includes(form)) out = out.split(form).join("[redacted]");
    return out;
  };
}

export interface AsanaErrorInit {
  status: number;
  errors: AsanaErrorDetail[];
  method: string;
  url: string;
  headers: Headers;
}

/** What JSON.stringify(asanaError) gives: every field, redacted, with the headers as an object. */
export interface AsanaErrorJSON {
  name: string;
  message: string;
  status: number;
  method: string;
  url: string;
  errors: AsanaErrorDetail[];
  headers: Record<string, string>;
}

/** A non-2xx answer from Asana. Subclasses by status: catch AsanaError, or a specific one. */
export class AsanaError extends Error {
  override name = "AsanaError";
  readonly status: number;
  readonly errors: AsanaErrorDetail[];
  readonly method: string;
  /** Absolute, with the query. */
  readonly url: string;
  /** The response's headers. */
  readonly headers: Headers;

  constructor(init: AsanaErrorInit, redact: Redact = keep) {
    const url = redact(init.url);
    const errors = init.errors.map((e) => ({
      ...e,
      message: redact(e.message),
      ...(e.help === undefined ? {} : { help: redact(e.help) }),
    }));
    const detail = errors.map((e) => e.message).join("; ");
    super(`${init.method} ${pathOf(url)} → ${init.status}${detail ? `: ${detail}` : ""}`);
    this.status = init.status;
    this.errors = errors;
    this.method = init.method;
    this.url = url;
    this.headers = init.headers;
  }

  /** Asana's error phrase (500s only), the thing to quote to Asana support. */
  get phrase(): string | undefined {
    return this.errors.find((e) => e.phrase)?.phrase;
  }

  toJSON(): AsanaErrorJSON {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      method: this.method,
      url: this.url,
      errors: this.errors,
      headers: Object.fromEntries(this.headers),
    };
  }
}

export class BadRequestError extends AsanaError { override name = "BadRequestError"; }
export class UnauthorizedError extends AsanaError { override name = "UnauthorizedError"; }
export class PaymentRequiredError extends AsanaError { override name = "PaymentRequiredError"; }
export class ForbiddenError extends AsanaError { override name = "ForbiddenError"; }
export class NotFoundError extends AsanaError { override name = "NotFoundError"; }
export class ServerError extends AsanaError { override name = "ServerError"; }

/** 429: rate, concurrency or cost limit. `retryAfterMs` is Asana's Retry-After, when it sent one. */
export class RateLimitError extends AsanaError {
  override name = "RateLimitError";
  readonly retryAfterMs: number | undefined;
  constructor(init: AsanaErrorInit, redact: Redact = keep, retryAfterMs?: number) {
    super(init, redact);
    this.retryAfterMs = retryAfterMs;
  }
  override toJSON(): AsanaErrorJSON & { retryAfterMs: number | undefined } {
    return { ...super.toJSON(), retryAfterMs: this.retryAfterMs };
  }
}

const BY_STATUS: Record<number, new (init: AsanaErrorInit, redact?: Redact) => AsanaError> = {
  400: BadRequestError,
  401: UnauthorizedError,
  402: PaymentRequiredError,
  403: ForbiddenError,
  404: NotFoundError,
};

export function createAsanaError(init: AsanaErrorInit, redact: Redact, retryAfterMs?: number): AsanaError {
  if (init.status === 429) return new RateLimitError(init, redact, retryAfterMs);
  if (init.status >= 500) return new ServerError(init, redact);
  const ErrorClass = BY_STATUS[init.status] ?? AsanaError;
  return new ErrorClass(init, redact);
}

/** No usable answer: the network failed, the connection dropped, or a 2xx body was cut off. */
export class ConnectionError extends Error {
  override name = "ConnectionError";
  readonly method: string;
  readonly url: string;

  constructor(message: string, init: { method: string; url: string; cause: unknown }, redact: Redact = keep) {
    const url = redact(init.url);
    super(`${init.method} ${pathOf(url)}: ${redact(message)}`, { cause: redactCause(init.cause, redact) });
    this.method = init.method;
    this.url = url;
  }

  toJSON(): { name: string; message: string; method: string; url: string; cause: string | undefined } {
    const cause = this.cause instanceof Error ? `${this.cause.name}: ${this.cause.message}` : undefined;
    return { name: this.name, message: this.message, method: this.method, url: this.url, cause };
  }
}

/** Keeps the cause unless its text would leak the token; then a redacted copy stands in for it. */
function redactCause(cause: unknown, redact: Redact): unknown {
  if (!(cause instanceof Error)) return cause;
  const text = `${cause.message}\n${cause.stack ?? ""}`;
  if (redact(text) === text) return cause;
  const copy = new Error(redact(cause.message));
  copy.name = cause.name;
  copy.stack = redact(cause.stack ?? "");
  return copy;
}

export class JobFailedError extends Error {
  override name = "JobFailedError";
  readonly job: Job;
  constructor(job: Job) {
    // A failed job says nothing about why; the subtype and gid are all there is to report.
    super(`Job ${job.gid}${job.resource_subtype ? ` (${job.resource_subtype})` : ""} failed`);
    this.job = job;
  }
}

/** A call's timeoutMs, or jobs.wait's, ran out. Distinct from the caller's own abort reason. */
export class TimeoutError extends Error {
  override name = "TimeoutError";
  readonly timeoutMs: number;
  constructor(message: string, timeoutMs: number) {
    super(message);
    this.timeoutMs = timeoutMs;
  }
}

function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return u.pathname + u.search;
  } catch {
    return url;
  }
}

const EXCERPT = 200;

/** Asana's `{errors: [...]}`, or a short excerpt of whatever else came back (a proxy's HTML page). */
export function parseErrorBody(text: string, status: number, statusText: string): AsanaErrorDetail[] {
  if (text) {
    try {
      const errors = (JSON.parse(text) as { errors?: unknown } | null)?.errors;
      if (Array.isArray(errors)) {
        return errors.map((e: { message?: unknown; help?: unknown; phrase?: unknown } | null) => ({
          message: typeof e?.message === "string" ? e.message : String(e?.message ?? ""),
          ...(typeof e?.help === "string" ? { help: e.help } : {}),
          ...(typeof e?.phrase === "string" ? { phrase: e.phrase } : {}),
        }));
      }
    } catch {
      // not JSON: fall through to the excerpt
    }
    const flat = text.replace(/\s+/g, " ").trim();
    const excerpt = flat.length > EXCERPT ? `${flat.slice(0, EXCERPT)}…` : flat;
    return [{ message: `${status} ${statusText || "error"} (non-JSON body: ${excerpt})` }];
  }
  return [{ message: `${status} ${statusText || "error"} (empty body)` }];
}

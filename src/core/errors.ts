/**
 * Typed errors. None holds the request's headers, and every text field passes through the redactor
 * of the tokens in play (src/internal/redact.ts) when the error is built, so the token reaches no
 * message, field, stack, JSON or inspect output. A cause the client does not own is kept only as a
 * redacted copy.
 */
import type { AsanaErrorDetail, Job } from "../types.ts";
import { redactedCopy, redactJson, type Redact } from "../internal/redact.ts";

export type { Redact };

const keep: Redact = (text) => text;

export interface AsanaErrorInit {
  status: number;
  errors: AsanaErrorDetail[];
  method: string;
  url: string;
  headers: Headers;
  /** Appended to the message: what the client can tell about the cause (a baseUrl without /api/1.0). */
  hint?: string | undefined;
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
    const method = redact(init.method);
    const errors = init.errors.map((e) => redactJson(e, redact));
    const detail = errors.map((e) => e.message).join("; ");
    const hint = init.hint ? ` (${redact(init.hint)})` : "";
    super(`${method} ${pathOf(url)} → ${init.status}${detail ? `: ${detail}` : ""}${hint}`);
    this.status = init.status;
    this.errors = errors;
    this.method = method;
    this.url = url;
    this.headers = redactHeaders(init.headers, redact);
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

  constructor(message: string, init: { method: string; url: string; cause?: unknown }, redact: Redact = keep) {
    const url = redact(init.url);
    const method = redact(init.method);
    const cause = init.cause === undefined ? undefined : redactedCopy(init.cause, redact);
    super(`${method} ${pathOf(url)}: ${redact(message)}`, cause === undefined ? undefined : { cause });
    this.method = method;
    this.url = url;
  }

  toJSON(): { name: string; message: string; method: string; url: string; cause: string | undefined } {
    const cause = this.cause instanceof Error ? `${this.cause.name}: ${this.cause.message}` : undefined;
    return { name: this.name, message: this.message, method: this.method, url: this.url, cause };
  }
}

/** A job reached status "failed". The message holds only the gid asked for: the rest is the server's, in `job`. */
export class JobFailedError extends Error {
  override name = "JobFailedError";
  /** The failed job as polled, redacted like every other field. */
  readonly job: Job;
  constructor(job: Job, redact: Redact = keep, gid: string = job.gid) {
    super(`Job ${redact(gid)} failed; see error.job`);
    this.job = redactJson(job, redact);
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

/** The errors the client builds (already redacted): everything else leaving it is sanitized first. */
export function isOwnError(error: unknown): boolean {
  return error instanceof AsanaError || error instanceof ConnectionError || error instanceof JobFailedError || error instanceof TimeoutError;
}

/** The response's headers as an error keeps them: a proxy echoing the credential must not leak it. */
function redactHeaders(headers: Headers, redact: Redact): Headers {
  const copy = new Headers();
  headers.forEach((value, name) => {
    // A name that held a token is dropped: "[redacted]" is no header name.
    if (redact(name) === name) copy.append(name, redact(value));
  });
  return copy;
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

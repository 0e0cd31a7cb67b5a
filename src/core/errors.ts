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
  declare readonly status: number;
  declare readonly errors: AsanaErrorDetail[];
  declare readonly method: string;
  /** Absolute, with the query. */
  declare readonly url: string;
  /** The response's headers. */
  declare readonly headers: Headers;

  constructor(init: AsanaErrorInit, redact: Redact = keep) {
    const [method, url, where] = target(init, redact);
    const errors = init.errors.map((e) => redactJson(e, redact));
    const detail = errors.map((e) => e.message).join("; ");
    super(`${where} → ${init.status}${detail && `: ${detail}`}${init.hint ? ` (${redact(init.hint)})` : ""}`);
    const headers = new Headers();
    // A header name that held a token is dropped ("[redacted]" is no header name); values are redacted.
    init.headers.forEach((value, name) => redact(name) === name && headers.append(name, redact(value)));
    // In the order toJSON gives them.
    Object.assign(this, { status: init.status, method, url, errors, headers });
  }

  /** Asana's error phrase (500s only), the thing to quote to Asana support. */
  get phrase(): string | undefined {
    return this.errors.find((e) => e.phrase)?.phrase;
  }

  toJSON(): AsanaErrorJSON {
    return json(this, { headers: Object.fromEntries(this.headers) }) as AsanaErrorJSON;
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
  declare readonly retryAfterMs: number | undefined;
  constructor(init: AsanaErrorInit, redact: Redact = keep, retryAfterMs?: number) {
    super(init, redact);
    Object.assign(this, { retryAfterMs });
  }
}
export interface RateLimitError {
  toJSON(): AsanaErrorJSON & { retryAfterMs: number | undefined };
}

const BY_STATUS: Record<number, typeof AsanaError> = {
  400: BadRequestError,
  401: UnauthorizedError,
  402: PaymentRequiredError,
  403: ForbiddenError,
  404: NotFoundError,
  429: RateLimitError,
};

export function createAsanaError(init: AsanaErrorInit, redact: Redact, retryAfterMs?: number): AsanaError {
  const ErrorClass = init.status > 499 ? ServerError : (BY_STATUS[init.status] ?? AsanaError);
  return new (ErrorClass as typeof RateLimitError)(init, redact, retryAfterMs);
}

/** No usable answer: the network failed, the connection dropped, or a 2xx body was cut off. */
export class ConnectionError extends Error {
  override name = "ConnectionError";
  declare readonly method: string;
  declare readonly url: string;

  constructor(message: string, init: { method: string; url: string; cause?: unknown }, redact: Redact = keep) {
    const [method, url, where] = target(init, redact);
    const cause = redactedCopy(init.cause, redact);
    super(`${where}: ${redact(message)}`, cause === undefined ? undefined : { cause });
    Object.assign(this, { method, url });
  }

  toJSON(): { name: string; message: string; method: string; url: string; cause: string | undefined } {
    const cause = this.cause;
    return json(this, { cause: cause instanceof Error ? `${cause.name}: ${cause.message}` : undefined }) as ReturnType<ConnectionError["toJSON"]>;
  }
}

/** A job reached status "failed". The message holds only the gid asked for: the rest is the server's, in `job`. */
export class JobFailedError extends Error {
  override name = "JobFailedError";
  /** The failed job as polled, redacted like every other field. */
  declare readonly job: Job;
  constructor(job: Job, redact: Redact = keep, gid: string = job.gid) {
    super(`Job ${redact(gid)} failed; see error.job`);
    Object.assign(this, { job: redactJson(job, redact) });
  }
}

/** A call's timeoutMs, or jobs.wait's, ran out. Distinct from the caller's own abort reason. */
export class TimeoutError extends Error {
  override name = "TimeoutError";
  declare readonly timeoutMs: number;
  constructor(message: string, timeoutMs: number) {
    super(message);
    Object.assign(this, { timeoutMs });
  }
}

/** The errors the client builds (already redacted): everything else leaving it is sanitized first. */
export function isOwnError(error: unknown): boolean {
  return [AsanaError, ConnectionError, JobFailedError, TimeoutError].some((ErrorClass) => error instanceof ErrorClass);
}

/** What JSON.stringify gives of an error: its name, message and own fields (all redacted when built), then `extra`. */
const json = (error: Error, extra: object): object => ({ name: error.name, message: error.message, ...(error as object), ...extra });

/** The request's method and URL, redacted, and how a message names them: the method and the path with the query. */
function target(init: { method: string; url: string }, redact: Redact): [method: string, url: string, where: string] {
  const method = redact(init.method);
  const url = redact(init.url);
  let path = url;
  try {
    const u = new URL(url);
    path = u.pathname + u.search;
  } catch {
    // not absolute: as is
  }
  return [method, url, `${method} ${path}`];
}

/** Asana's `{errors: [...]}`, or a short excerpt of whatever else came back (a proxy's HTML page). */
export function parseErrorBody(text: string, status: number, statusText: string): AsanaErrorDetail[] {
  try {
    const errors = (JSON.parse(text) as { errors?: unknown } | null)?.errors;
    if (Array.isArray(errors)) {
      return errors.map((e: Record<string, unknown> | null) => {
        const detail: Record<string, unknown> = { message: String(e?.message ?? "") };
        for (const key of ["help", "phrase"]) if (typeof e?.[key] == "string") detail[key] = e[key];
        return detail as AsanaErrorDetail;
      });
    }
  } catch {
    // not JSON: the excerpt
  }
  const flat = text.replace(/\s+/g, " ").trim();
  return [{ message: `${status} ${statusText || "error"} (${text ? `non-JSON body: ${flat.length > 200 ? `${flat.slice(0, 200)}…` : flat}` : "empty body"})` }];
}

import type { AsanaErrorDetail, Job } from "./types.ts";

const EXCERPT = 200;

/** A non-2xx answer from Asana. Never holds the request's headers, so never the token. */
export class AsanaError extends Error {
  override name = "AsanaError";
  readonly status: number;
  readonly errors: AsanaErrorDetail[];
  readonly method: string;
  /** Absolute, with the query. */
  readonly url: string;
  readonly headers: Headers;

  constructor(init: { status: number; errors: AsanaErrorDetail[]; method: string; url: string; headers: Headers }) {
    const path = pathOf(init.url);
    const detail = init.errors.map((e) => e.message).join("; ");
    super(`${init.method} ${path} → ${init.status}${detail ? `: ${detail}` : ""}`);
    this.status = init.status;
    this.errors = init.errors;
    this.method = init.method;
    this.url = init.url;
    this.headers = init.headers;
  }
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

/** Asana's `{errors: [...]}`, or a short excerpt of whatever else came back (a proxy's HTML page). */
export function parseErrorBody(text: string, status: number, statusText: string): AsanaErrorDetail[] {
  if (text) {
    try {
      const body: unknown = JSON.parse(text);
      const errors = (body as { errors?: unknown } | null)?.errors;
      if (Array.isArray(errors)) {
        return errors.map((e: { message?: unknown; help?: unknown; phrase?: unknown }) => ({
          message: typeof e?.message === "string" ? e.message : String(e?.message ?? ""),
          ...(typeof e?.help === "string" ? { help: e.help } : {}),
          ...(typeof e?.phrase === "string" ? { phrase: e.phrase } : {}),
        }));
      }
    } catch {
      // not JSON: fall through to the excerpt
    }
    const excerpt = text.replace(/\s+/g, " ").trim().slice(0, EXCERPT);
    return [{ message: `${status} ${statusText || "error"} (non-JSON body: ${excerpt}${text.length > EXCERPT ? "…" : ""})` }];
  }
  return [{ message: `${status} ${statusText || "error"} (empty body)` }];
}

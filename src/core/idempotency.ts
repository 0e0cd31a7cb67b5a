/**
 * Whether a request may be sent again after a 5xx, a dropped connection or a cut-off body: the rule
 * of its operation's row in generated/operations.ts, so the facade and `raw` retry alike. Looked up
 * only when a retry is in question, never on the way out.
 */
import { idempotentWrites } from "../../generated/operations.ts";

const SAFE_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]);

/** POST/PATCH templates the table marks idempotent, as patterns over "METHOD pathname" (matched at the end, after the base path). */
let safeWrites: RegExp[] | undefined;

function patterns(): RegExp[] {
  // "POST /tasks/{task_gid}/addTag" → ^POST (/[^?#]*)?/tasks/[^/]+/addTag$
  return (safeWrites ??= idempotentWrites.map((route) => new RegExp(`^${route.replace(" ", " (/[^?#]*)?").replace(/\{\w+\}/g, "[^/]+")}$`)));
}

/** `url` is the request's absolute URL: its pathname, after whatever base path, names the operation. */
export function isRetrySafe(method: string, url: string): boolean {
  if (SAFE_METHODS.has(method)) return true;
  const line = `${method} ${new URL(url).pathname}`;
  return patterns().some((pattern) => pattern.test(line));
}

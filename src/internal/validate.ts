/** Checks run before any request, so bad input never reaches the wire. */

import { MAX_TIMER_MS } from "./sleep.ts";

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * The baseUrl, normalized (no trailing slash). Messages never echo it whole: userinfo would be a
 * password.
 */
export function checkBaseUrl(baseUrl: unknown): string {
  let url: URL;
  try {
    url = new URL(String(baseUrl));
  } catch {
    throw new TypeError("baseUrl must be an absolute URL");
  }
  if (url.username || url.password) throw new TypeError("baseUrl must not carry credentials");
  const loopbackHttp = url.protocol === "http:" && LOOPBACK.test(url.hostname);
  if (url.protocol !== "https:" && !loopbackHttp) {
    throw new TypeError(`baseUrl must use https: (http: only for loopback hosts), got ${url.protocol}//${url.host}`);
  }
  // Even an empty "?" or "#" would end up between the base path and every request's path.
  if (/[?#]/.test(url.href)) throw new TypeError("baseUrl must not carry a query or fragment, even an empty one");
  return url.href.replace(/\/+$/, "");
}

/** A printable ASCII run: what RFC 6750 tokens and Asana's tokens are made of, and all a header takes safely. */
const TOKEN_CHARS = /^[\x21-\x7e]+$/;

/**
 * A string token, from the options or from the token function (`source` says which). The message
 * never quotes it.
 */
export function checkToken(value: unknown, source: string): string {
  if (typeof value !== "string" || value.trim() === "") throw new TypeError(`${source} must be a non-empty string`);
  if (!TOKEN_CHARS.test(value)) {
    throw new TypeError(`${source} must be printable ASCII, without spaces or line breaks`);
  }
  return value;
}

/** How a value is shown in an error message: numbers as they are, never a string's content. */
const shown = (value: unknown): string => (typeof value === "number" ? String(value) : value === null ? "null" : typeof value);

/**
 * Every duration option: a number of milliseconds from 0 to 2³¹−1 (what a timer keeps), or
 * Infinity where `infinity` allows it (a timeout that never fires).
 */
export function checkDuration(value: unknown, name: string, fallback: number, { infinity = false } = {}): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !(value >= 0) || (value > MAX_TIMER_MS && !(infinity && value === Infinity))) {
    throw new RangeError(`${name} must be 0 to ${MAX_TIMER_MS} ms${infinity ? " or Infinity" : ""}, got ${shown(value)}`);
  }
  return value;
}

/** Same as checkDuration with Infinity allowed (the name kept for callers from before durations were bounded). */
export function checkPositive(value: unknown, name: string, fallback: number): number {
  return checkDuration(value, name, fallback, { infinity: true });
}

/** A caller's signal: an AbortSignal, or none (undefined or null). */
export function checkSignal(value: unknown, name = "signal"): AbortSignal | undefined {
  if (value === undefined || value === null) return undefined;
  if (!(value instanceof AbortSignal)) throw new TypeError(`${name} must be an AbortSignal, got ${shown(value)}`);
  return value;
}

/** Every gid goes into a path: blank, `.` and `..` are refused because URL parsing would collapse them. */
export function checkGid(value: unknown, name: string): string {
  if (typeof value !== "string") throw new TypeError(`${name} must be a string gid, got ${typeof value}`);
  const trimmed = value.trim();
  if (trimmed === "" || trimmed === "." || trimmed === "..") {
    throw new TypeError(`${name} must be a non-blank gid, got ${JSON.stringify(value)}`);
  }
  return value;
}

export function checkLimit(limit: unknown): number {
  if (limit === undefined) return 100;
  if (typeof limit !== "number" || !Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw new RangeError(`limit must be an integer from 1 to 100, got ${shown(limit)}`);
  }
  return limit;
}

export function checkMaxItems(maxItems: unknown): number {
  if (maxItems === undefined) return Infinity;
  if (typeof maxItems !== "number" || Number.isNaN(maxItems) || maxItems < 0 || (!Number.isInteger(maxItems) && maxItems !== Infinity)) {
    throw new RangeError(`maxItems must be a non-negative integer, got ${shown(maxItems)}`);
  }
  return maxItems;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A task body: an object whose date fields are what Asana accepts (or null, to clear them). */
export function checkTaskBody(body: unknown, name = "body"): void {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new TypeError(`${name} must be an object of task fields`);
  }
  const fields = body as Record<string, unknown>;
  for (const key of ["due_on", "start_on"]) {
    const value = fields[key];
    if (value != null && (typeof value !== "string" || !isCalendarDate(value))) {
      throw new TypeError(`${name}.${key} must be a date like 2026-01-31, got ${JSON.stringify(value)}`);
    }
  }
  for (const key of ["due_at", "start_at"]) {
    const value = fields[key];
    if (value != null && (typeof value !== "string" || !DATE_TIME.test(value) || !isCalendarDate(value.slice(0, 10)) || Number.isNaN(Date.parse(value)))) {
      throw new TypeError(`${name}.${key} must be an ISO 8601 date-time with a zone, like 2026-01-31T17:00:00Z, got ${JSON.stringify(value)}`);
    }
  }
}

/** A plain object argument (a query, a body): not null, not an array. */
export function checkObject(value: unknown, name: string): object {
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new TypeError(`${name} must be an object`);
  return value;
}

/** A non-empty array of gids (each checked like a path gid), sent as given. */
export function checkGidList(value: unknown, name: string): string[] {
  if (!Array.isArray(value) || value.length === 0) throw new TypeError(`${name} must be a non-empty array of gids`);
  value.forEach((gid, i) => checkGid(gid, `${name}[${i}]`));
  return value;
}

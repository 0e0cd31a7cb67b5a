/** Checks run before any request, so bad input never reaches the wire. */

import { MAX_TIMER_MS } from "./sleep.ts";

/** How a value is shown in an error message: numbers as they are, never a string's content. */
export const shown = (value: unknown): string => (typeof value === "number" ? String(value) : value === null ? "null" : typeof value);

/**
 * The baseUrl, normalized (no trailing slash): absolute, without credentials, query or fragment
 * (even an empty "?" or "#" would land between the base path and every request's path), and
 * https: (or http: on a loopback host). The href is normalized (scheme and host lowercased, a path
 * always), so userinfo shows as an "@" before the path. Messages show at most the scheme and host:
 * userinfo would be a password.
 */
export function checkBaseUrl(baseUrl: unknown): string {
  let href = "";
  try {
    href = new URL(String(baseUrl)).href;
  } catch {
    // not a URL: refused below
  }
  if (!/^[a-z][\w+.-]*:\/\/[^/@]*\/[^?#]*$/i.test(href)) throw new TypeError("baseUrl must be an absolute URL without credentials, query or fragment");
  if (!/^(https:|http:\/\/(localhost|127(\.\d{1,3}){3}|\[::1\])[:/])/.test(href)) {
    throw new TypeError(`baseUrl must be https: (http: on loopback only), got ${href.replace(/(\/\/[^/]*).*/, "$1")}`);
  }
  return href.replace(/\/+$/, "");
}

/**
 * A string token, from the options or from the token function (`source` says which): printable
 * ASCII (what RFC 6750 tokens and Asana's are made of, and all a header takes safely). The message
 * never quotes it.
 */
export function checkToken(value: unknown, source: string): string {
  if (typeof value !== "string" || !/^[\x21-\x7e]+$/.test(value)) {
    throw new TypeError(`${source} must be a non-empty printable ASCII string without spaces`);
  }
  return value;
}

/**
 * A number option: `fallback` when undefined, else a number from `min` to `max` (an integer if
 * `integer`), or Infinity if `infinity`; a RangeError otherwise.
 */
function checkNumber(value: unknown, name: string, fallback: number, expected: string, min: number, max: number, integer?: boolean, infinity?: boolean): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !(value >= min && ((value <= max && (!integer || Number.isInteger(value))) || (infinity && value === Infinity)))) {
    throw new RangeError(`${name} must be ${expected}, got ${shown(value)}`);
  }
  return value;
}

/**
 * Every duration option: a number of milliseconds from 0 to 2³¹−1 (what a timer keeps), or
 * Infinity where `infinity` allows it (a timeout that never fires).
 */
export const checkDuration = (value: unknown, name: string, fallback: number, { infinity = false } = {}): number =>
  checkNumber(value, name, fallback, `0 to ${MAX_TIMER_MS} ms${infinity ? " or Infinity" : ""}`, 0, MAX_TIMER_MS, false, infinity);

export const checkLimit = (limit: unknown): number => checkNumber(limit, "limit", 100, "an integer from 1 to 100", 1, 100, true);

/** A count option: an integer from `min` (0 or 1) up, or Infinity for no limit. */
export const checkCount = (value: unknown, name: string, fallback: number, min: 0 | 1): number =>
  checkNumber(value, name, fallback, `a ${min ? "positive" : "non-negative"} integer or Infinity`, min, Infinity, true, true);

export const checkMaxItems = (maxItems: unknown): number => checkCount(maxItems, "maxItems", Infinity, 0);

/** A caller's signal: an AbortSignal, or none (undefined or null). */
export function checkSignal(value: unknown): AbortSignal | undefined {
  if (value == null) return undefined;
  if (!(value instanceof AbortSignal)) throw new TypeError(`signal must be an AbortSignal, got ${shown(value)}`);
  return value;
}

/** A callback option: a function, or undefined. */
export function checkFunction(value: unknown, name: string): void {
  if (value !== undefined && typeof value !== "function") throw new TypeError(`${name} must be a function`);
}

/**
 * Every gid goes into a path: blank, `.` and `..` are refused because URL parsing would collapse
 * them. With `orNull`, null passes too (setParent's parent and anchors).
 */
export function checkGid(value: unknown, name: string, orNull?: boolean): string {
  if (orNull && value === null) return value as never;
  if (typeof value !== "string" || /^\.{0,2}$/.test(value.trim())) {
    throw new TypeError(`${name} must be a non-blank gid${orNull ? " or null" : ""}, got ${typeof value === "string" ? JSON.stringify(value) : shown(value)}`);
  }
  return value;
}

/** A plain object argument (a query, a body): not null, not an array. */
export function checkObject(value: unknown, name: string): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new TypeError(`${name} must be an object`);
  return value as Record<string, unknown>;
}

/** A non-empty array of gids (each checked like a path gid), sent as given. */
export function checkGidList(value: unknown, name: string): string[] {
  if (!Array.isArray(value) || !value.length) throw new TypeError(`${name} must be a non-empty array of gids`);
  value.forEach((gid, i) => checkGid(gid, `${name}[${i}]`));
  return value;
}

/** A calendar date, then for date-times a time and a zone. */
const DATE = /^(\d{4})-(\d\d)-(\d\d)(T\d\d:\d\d(:\d\d(\.\d{1,9})?)?(Z|[+-]\d\d:\d\d))?$/;

/** A task body's date fields (already an object): what Asana accepts, or null to clear them. */
export function checkTaskDates(body: Record<string, unknown>): void {
  for (const key of ["due_on", "start_on", "due_at", "start_at"]) {
    const value = body[key];
    if (value == null) continue;
    const at = key.endsWith("at");
    const [, year, month, day, time] = (typeof value === "string" && DATE.exec(value)) || [];
    // Date.UTC rolls 02-30 over to 03-02 (and years below 100 into the 1900s): a date must come back as written.
    if (!day || !time === at || !new Date(Date.UTC(+year!, +month! - 1, +day)).toISOString().startsWith((value as string).slice(0, 10)) || isNaN(Date.parse(value as string))) {
      throw new TypeError(`body.${key} must be ${at ? "an ISO 8601 date-time with a zone" : "a YYYY-MM-DD date"}, got ${JSON.stringify(value)}`);
    }
  }
}

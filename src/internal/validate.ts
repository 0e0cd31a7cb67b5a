/** Checks run before any request, so bad input never reaches the wire. */

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

export function checkBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError(`baseUrl must be an absolute URL, got ${JSON.stringify(baseUrl)}`);
  }
  const loopbackHttp = url.protocol === "http:" && LOOPBACK.test(url.hostname);
  if (url.protocol !== "https:" && !loopbackHttp) {
    throw new TypeError(`baseUrl must use https: (http: only for loopback hosts), got ${url.protocol}//${url.host}`);
  }
  if (url.search || url.hash) throw new TypeError("baseUrl must not carry a query or fragment");
  return url.href.replace(/\/+$/, "");
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
    throw new RangeError(`limit must be an integer from 1 to 100, got ${String(limit)}`);
  }
  return limit;
}

export function checkMaxItems(maxItems: unknown): number {
  if (maxItems === undefined) return Infinity;
  if (typeof maxItems !== "number" || Number.isNaN(maxItems) || maxItems < 0 || (!Number.isInteger(maxItems) && maxItems !== Infinity)) {
    throw new RangeError(`maxItems must be a non-negative integer, got ${String(maxItems)}`);
  }
  return maxItems;
}

export function checkPositive(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || Number.isNaN(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative number of milliseconds, got ${String(value)}`);
  }
  return value;
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

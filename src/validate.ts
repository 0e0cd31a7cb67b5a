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

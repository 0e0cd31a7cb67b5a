/**
 * Offset paging as Asana does it: opaque tokens that only a previous response hands out, bound to
 * the list they came from, expiring after 15 minutes; next_page only when `limit` was sent.
 */
import type { ApiRequest, FakeContext } from "./context.ts";
import { badRequest, HttpError } from "./http.ts";

export const OFFSET_TTL_MS = 15 * 60_000;
export const MAX_LIMIT = 100;
const TOO_LARGE = "The result is too large. You should use pagination (may require specifying a workspace)!";

interface Cursor {
  /** Which list (path and filters) the token belongs to. */
  key: string;
  index: number;
  /** The last gid handed out, so a deletion before the cursor does not make the next page skip. */
  afterGid: string | undefined;
  expires: number;
}

export interface NextPage {
  offset: string;
  path: string;
  uri: string;
}

function randomToken(): string {
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export class OffsetStore {
  readonly #cursors = new Map<string, Cursor>();

  issue(cursor: Cursor, now: number): string {
    if (this.#cursors.size >= 10_000) {
      for (const [token, c] of this.#cursors) if (c.expires <= now) this.#cursors.delete(token);
    }
    const token = randomToken();
    this.#cursors.set(token, cursor);
    return token;
  }

  take(token: string, key: string, now: number): Cursor {
    const cursor = this.#cursors.get(token);
    if (!cursor || cursor.key !== key) throw badRequest("offset: Your pagination token is invalid");
    if (cursor.expires <= now) {
      this.#cursors.delete(token);
      throw badRequest("offset: Your pagination token has expired");
    }
    return cursor;
  }

  clear(): void {
    this.#cursors.clear();
  }
}

/** `limit` as Asana checks it: an integer from 1 to 100, or absent. */
export function parseLimit(query: URLSearchParams, fallback?: number): number | undefined {
  const raw = query.get("limit");
  if (raw === null) return fallback;
  const value = /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= 1 && value <= MAX_LIMIT)) {
    throw badRequest(`limit: Must be an integer between 1 and ${MAX_LIMIT}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

const NOT_FILTERS = new Set(["limit", "offset", "opt_fields", "opt_pretty"]);

/** The list a token belongs to: the path and its filters, whatever the page size or fields. */
function listKey(req: ApiRequest): string {
  const filters = [...req.query].filter(([name]) => !NOT_FILTERS.has(name)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${req.path}?${new URLSearchParams(filters).toString()}`;
}

export interface ListPage {
  data: string[];
  /** Present only when the request was paged (limit or offset sent). */
  next_page?: NextPage | null;
}

/** One page of an ordered list of gids, or 400 as Asana answers for bad paging input. */
export function paginate(ctx: FakeContext, req: ApiRequest, gids: readonly string[]): ListPage {
  const limit = parseLimit(req.query);
  const offset = req.query.get("offset");
  const key = listKey(req);
  const now = ctx.now();

  let start = 0;
  if (offset !== null) {
    const cursor = ctx.offsets.take(offset, key, now);
    start = cursor.index;
    if (cursor.afterGid !== undefined && gids[start - 1] !== cursor.afterGid) {
      // The list changed under the cursor: resume after the last item handed out, if it still exists.
      const at = gids.indexOf(cursor.afterGid);
      if (at >= 0) start = at + 1;
      else start = Math.min(start, gids.length);
    }
  }

  if (limit === undefined && offset === null) {
    if (gids.length > MAX_LIMIT) throw new HttpError(400, TOO_LARGE);
    return { data: gids.slice() };
  }

  const data = gids.slice(start, start + (limit ?? MAX_LIMIT));
  const end = start + data.length;
  if (data.length === 0 || end >= gids.length) return { data, next_page: null };

  const token = ctx.offsets.issue({ key, index: end, afterGid: data[data.length - 1], expires: now + OFFSET_TTL_MS }, now);
  const query = new URLSearchParams([...req.query].filter(([name]) => name !== "offset"));
  query.append("offset", token);
  // Commas left as they are, as Asana writes opt_fields=a,b.
  const path = `${req.path}?${query.toString().replace(/%2C/gi, ",")}`;
  return { data, next_page: { offset: token, path, uri: `${req.apiRoot}${path}` } };
}

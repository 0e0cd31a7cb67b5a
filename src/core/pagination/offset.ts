/**
 * Asana's offset paging: each list answer carries `next_page: { offset, path, uri } | null`. Only
 * `offset` is followed, never `path` or `uri`, so a page can never lead the token elsewhere.
 */
import type { Envelope } from "../call.ts";
import type { PageFetcher } from "./paginator.ts";

/** Fetches one page of a list: `limit` items from `offset` (undefined for the first page). */
export type FetchList<T> = (limit: number, offset: string | undefined, signal?: AbortSignal) => Promise<Envelope<T[]> | undefined>;

export function offsetPages<T>(fetchList: FetchList<T>): PageFetcher<T, string> {
  return async (offset, limit, signal) => {
    const body = await fetchList(limit, offset, signal);
    const nextPage = body?.next_page ?? null;
    return { page: { data: body?.data ?? [], nextPage }, next: nextPage?.offset || undefined };
  };
}

/**
 * How one-page requests become pages. A scheme gets `fetchPage` (one request), the caller's filters
 * and the page size, and returns the Paginator's PageFetcher; it may also add to opt_fields.
 *
 * Asana's own scheme is offset paging: each list answer carries `next_page: { offset, path, uri } |
 * null`. Only `offset` is followed, never `path` or `uri`, so a page can never lead the token elsewhere.
 */
import type { Envelope } from "../call.ts";
import type { PageFetcher } from "./paginator.ts";

/** One request for a page: the query (without paging), the page size, and the offset to resume at. */
export type FetchPage = (
  query: Record<string, unknown>,
  limit: number,
  signal?: AbortSignal,
  offset?: string,
) => Promise<Envelope<unknown[]>>;

export interface PageScheme {
  /** The opt_fields every page asks for, when the scheme needs a field of its own. */
  fields?(optFields: readonly string[] | undefined, filters: Record<string, unknown>): string[] | undefined;
  pages(fetchPage: FetchPage, filters: Record<string, unknown>, pageSize: number): PageFetcher<unknown, unknown>;
}

export const offsetPages: PageScheme = {
  pages: (fetchPage, filters) => async (offset, limit, signal) => {
    const body = await fetchPage(filters, limit, signal, offset as string | undefined);
    const nextPage = body?.next_page ?? null;
    return { page: { data: body?.data ?? [], nextPage }, next: nextPage?.offset || undefined };
  },
};

/**
 * A lazy list: nothing is sent until it is iterated, each iteration starts from the first page,
 * and a `break` sends nothing more. Iterate items with `for await`, or pages with `pages()`.
 */
import type { Page } from "../../types.ts";
import { checkLimit, checkMaxItems } from "../../internal/validate.ts";

/**
 * Fetches one page. `limit` is the size to ask for (smaller than the page size near maxItems);
 * `signal` cancels a prefetched page the consumer no longer wants.
 */
export type PageFetcher<T, C> = (
  cursor: C | undefined,
  limit: number,
  signal?: AbortSignal,
) => Promise<{ page: Page<T>; next: C | undefined }>;

export class Paginator<T> implements AsyncIterable<T> {
  readonly #fetchPage: PageFetcher<T, unknown>;
  readonly #limit: number;
  readonly #maxItems: number;
  readonly #prefetch: boolean;

  /** Throws RangeError for a bad `limit` or `maxItems` before anything is sent. */
  constructor(
    fetchPage: PageFetcher<T, unknown>,
    options: { limit?: number | undefined; maxItems?: number | undefined; prefetch?: boolean | undefined },
  ) {
    this.#fetchPage = fetchPage;
    this.#limit = checkLimit(options.limit);
    this.#maxItems = checkMaxItems(options.maxItems);
    if (options.prefetch !== undefined && typeof options.prefetch !== "boolean") throw new TypeError("prefetch must be a boolean");
    this.#prefetch = options.prefetch === true;
  }

  /**
   * Pages as the API returned them, trimmed to maxItems. With `prefetch`, page n+1 is requested
   * before page n is handed over (never more than one ahead); its error surfaces in its own turn,
   * and a `break` cancels it.
   */
  async *pages(): AsyncGenerator<Page<T>, void, undefined> {
    let remaining = this.#maxItems;
    if (remaining <= 0) return;
    const stop = this.#prefetch ? new AbortController() : undefined;
    const request = (cursor: unknown) => {
      const pending = this.#fetchPage(cursor, Math.min(this.#limit, remaining), stop?.signal);
      // Awaited in its turn; until then a failure must not count as unhandled.
      if (stop) pending.catch(() => {});
      return pending;
    };
    let pending = request(undefined);
    try {
      for (;;) {
        const { page, next } = await pending;
        const data = page.data.length > remaining ? page.data.slice(0, remaining) : page.data;
        remaining -= data.length;
        const more = next !== undefined && remaining > 0;
        if (more && stop) pending = request(next);
        yield data === page.data ? page : { data, nextPage: page.nextPage };
        if (!more) return;
        if (!stop) pending = request(next);
      }
    } finally {
      stop?.abort(new Error("paginator closed"));
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    // A loop of yields, not `yield* page.data`: delegating to an array wraps it in an async iterator,
    // a promise more per item (about 80 ns of the 240 an item costs).
    for await (const page of this.pages()) for (const item of page.data) yield item;
  }

  /** Every item (up to maxItems) in one array. */
  async toArray(): Promise<T[]> {
    const all: T[] = [];
    for await (const page of this.pages()) all.push(...page.data);
    return all;
  }
}

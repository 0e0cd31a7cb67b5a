/**
 * A lazy list: nothing is sent until it is iterated, each iteration starts from the first page,
 * and a `break` sends nothing more. Iterate items with `for await`, or pages with `pages()`.
 */
import type { Page } from "./types.ts";
import { checkLimit, checkMaxItems } from "./validate.ts";

/** Fetches one page. `limit` is the size to ask for (smaller than the page size near maxItems). */
export type PageFetcher<T, C> = (cursor: C | undefined, limit: number) => Promise<{ page: Page<T>; next: C | undefined }>;

export class Paginator<T> implements AsyncIterable<T> {
  readonly #fetchPage: PageFetcher<T, unknown>;
  readonly #limit: number;
  readonly #maxItems: number;

  /** Throws RangeError for a bad `limit` or `maxItems` before anything is sent. */
  constructor(fetchPage: PageFetcher<T, unknown>, options: { limit?: number | undefined; maxItems?: number | undefined }) {
    this.#fetchPage = fetchPage;
    this.#limit = checkLimit(options.limit);
    this.#maxItems = checkMaxItems(options.maxItems);
  }

  /** Pages as the API returned them, trimmed to maxItems. */
  async *pages(): AsyncGenerator<Page<T>, void, undefined> {
    let remaining = this.#maxItems;
    let cursor: unknown = undefined;
    while (remaining > 0) {
      const { page, next } = await this.#fetchPage(cursor, Math.min(this.#limit, remaining));
      const data = page.data.length > remaining ? page.data.slice(0, remaining) : page.data;
      remaining -= data.length;
      yield data === page.data ? page : { data, nextPage: page.nextPage };
      if (next === undefined) return;
      cursor = next;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for await (const page of this.pages()) yield* page.data;
  }

  /** Every item (up to maxItems) in one array. */
  async toArray(): Promise<T[]> {
    const all: T[] = [];
    for await (const page of this.pages()) all.push(...page.data);
    return all;
  }
}

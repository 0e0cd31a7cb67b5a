/** What a facade method gives, settled: a promise's value, or every item of a paginator. */
export async function settle(result: Promise<unknown> | AsyncIterable<unknown>): Promise<unknown> {
  if (Symbol.asyncIterator in result) {
    const items: unknown[] = [];
    for await (const item of result) items.push(item);
    return items;
  }
  return result;
}

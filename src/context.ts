import type { Client } from "openapi-fetch";
import type { paths, RequestOptions } from "./types.ts";
import type { FetchLike } from "./transport.ts";

/** What every resource needs from the client: the typed openapi-fetch client and the strict fetch. */
export interface ClientContext {
  raw: Client<paths>;
  strict: FetchLike;
}

/** opt_fields / opt_pretty for the query, leaving out what was not given. */
export function optQuery(opts: RequestOptions | undefined): { opt_fields?: string[]; opt_pretty?: boolean } {
  if (!opts) return {};
  const query: { opt_fields?: string[]; opt_pretty?: boolean } = {};
  if (opts.opt_fields !== undefined) query.opt_fields = opts.opt_fields;
  if (opts.opt_pretty !== undefined) query.opt_pretty = opts.opt_pretty;
  return query;
}

/** The RequestInit part of a facade call: the strict fetch, the signal and per-call headers. */
export function callInit(ctx: ClientContext, opts: RequestOptions | undefined) {
  return { fetch: ctx.strict, signal: opts?.signal, headers: opts?.headers };
}

/** Unwraps `{data}`; the strict fetch has already turned every non-2xx into an AsanaError. */
export async function unwrap<T>(call: Promise<{ data?: { data: T } }>): Promise<T> {
  const { data } = await call;
  return data?.data as T;
}

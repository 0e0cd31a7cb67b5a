/** What every facade method shares: the client's settings and one way to make a call. */
import type { Client } from "openapi-fetch";
import { featureHeaders } from "./deprecations.ts";
import { resolveRetry, type RetryPolicy } from "./retry.ts";
import { UNABORTABLE } from "../internal/abortable.ts";
import { callScope } from "../internal/scope.ts";
import { parsedBody, type FetchLike, type Transport } from "./transport.ts";
import type { NextPage, paths, RequestOptions } from "../types.ts";
import { checkDuration, checkSignal } from "../internal/validate.ts";

export interface ClientContext {
  /** The unwrapped openapi-fetch client (no timeouts of its own: the facade adds them per call). */
  client: Client<paths>;
  transport: Transport;
  retry: RetryPolicy | false;
  timeoutMs: number | undefined;
  enable: readonly string[];
  disable: readonly string[];
}

/** The part of openapi-fetch's options a facade call sets. */
export interface CallInit {
  fetch: FetchLike;
  signal: AbortSignal | undefined;
  headers: Record<string, string> | undefined;
  parseAs: "stream";
}

/** Asana's envelope: `data`, and `next_page` on lists. */
export interface Envelope<T> {
  data: T;
  next_page?: NextPage | null;
}

/**
 * Sends one request through openapi-fetch and resolves to the parsed envelope; `extra` can also
 * cancel it. Whatever it rejects with has been through the transport's sanitize.
 */
export type Call = <T>(send: (init: CallInit) => Promise<{ response: Response }>, extra?: AbortSignal) => Promise<Envelope<T>>;

/**
 * Checks the per-call options once (before any request, even for a lazy paginator) and returns the
 * function that makes each request with them.
 */
export function prepareCall(ctx: ClientContext, opts: RequestOptions | undefined): Call {
  if (opts !== undefined && (opts === null || typeof opts !== "object")) throw new TypeError("options must be an object");
  const timeoutMs = opts?.timeoutMs === undefined ? ctx.timeoutMs : checkDuration(opts.timeoutMs, "timeoutMs", 0, { infinity: true });
  const retry = opts?.retry === undefined ? ctx.retry : resolveRetry(opts.retry, ctx.retry);
  const signal = checkSignal(opts?.signal);
  const { transport } = ctx;
  const headers =
    opts?.enable || opts?.disable
      ? {
          ...featureHeaders(union(ctx.enable, opts.enable), union(ctx.disable, opts.disable)),
          ...opts.headers,
        }
      : opts?.headers;

  return async <T>(send: (init: CallInit) => Promise<{ response: Response }>, extra?: AbortSignal): Promise<Envelope<T>> => {
    const scope = callScope(signal, timeoutMs, "request", extra);
    try {
      // The signal rides in fetch's init where it can (see Transport.signalInInit), else in the Request;
      // the transport gets it either way, for its own stages. parseAs "stream": the strict transport
      // has already parsed the body once.
      const inInit = transport.signalInInit;
      const callSignal = scope.signal ?? UNABORTABLE;
      const fetch: FetchLike = (request) => transport.send(request, true, retry, callSignal, scope.deadline);
      const { response } = await send({ fetch, signal: inInit ? undefined : scope.signal, headers, parseAs: "stream" });
      // An empty 2xx body (a proxy's 204) still gives an envelope.
      return (parsedBody(response) as Envelope<T> | undefined) ?? ({ data: undefined } as Envelope<T>);
    } catch (error) {
      // Errors from openapi-fetch itself (building the Request) have not been through the transport.
      throw transport.sanitize(error, scope.signal);
    } finally {
      scope.done();
    }
  };
}

function union(a: readonly string[], b: readonly string[] | undefined): string[] {
  return b ? [...new Set([...a, ...b])] : [...a];
}

/** opt_fields / opt_pretty for the query, leaving out what was not given. */
export function optQuery(opts: RequestOptions | undefined): { opt_fields?: string[]; opt_pretty?: boolean } {
  const query: { opt_fields?: string[]; opt_pretty?: boolean } = {};
  if (opts?.opt_fields !== undefined) query.opt_fields = opts.opt_fields;
  if (opts?.opt_pretty !== undefined) query.opt_pretty = opts.opt_pretty;
  return query;
}

/** The `data` of a single-resource answer. */
export async function data<T>(envelope: Promise<Envelope<T>>): Promise<T> {
  return (await envelope).data;
}

/** What every facade method shares: the client's settings and one way to make a call. */
import type { Client } from "openapi-fetch";
import { featureHeaders } from "./deprecations.ts";
import { ConnectionError } from "./errors.ts";
import { resolveRetry, type RetryPolicy } from "./retry.ts";
import { unabortable } from "../internal/abortable.ts";
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
 * What a call resolves to: the envelope (lists), its `data`, which must be a resource (single
 * results), or nothing (actions), all in the one async step that makes the call.
 */
export type Answer = "envelope" | "resource" | "none";

/**
 * Sends one request through openapi-fetch and resolves as `answer` says; `extra` can also cancel
 * it. Whatever it rejects with has been through the transport's sanitize.
 */
export type Call = <T>(send: (init: CallInit) => Promise<{ response: Response }>, extra?: AbortSignal, answer?: Answer) => Promise<T>;

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

  return async <T>(send: (init: CallInit) => Promise<{ response: Response }>, extra?: AbortSignal, answer: Answer = "envelope"): Promise<T> => {
    const scope = callScope(signal, timeoutMs, "request", extra);
    try {
      // The signal rides in fetch's init where it can (see Transport.signalInInit), else in the Request;
      // the transport gets it either way, for its own stages. parseAs "stream": the strict transport
      // has already parsed the body once.
      const inInit = transport.signalInInit;
      const callSignal = scope.signal ?? unabortable();
      let sent: Request | undefined;
      const fetch: FetchLike = (request) => transport.send((sent = request), true, retry, callSignal, scope.deadline);
      const { response } = await send({ fetch, signal: inInit ? undefined : scope.signal, headers, parseAs: "stream" });
      const envelope = parsedBody(response) as Envelope<unknown> | undefined;
      if (answer === "none") return undefined as T;
      if (answer === "envelope") return (envelope ?? { data: undefined }) as T; // a proxy's bodiless 2xx: an empty list
      const data = envelope?.data;
      if (data !== null && typeof data === "object") return data as T;
      // A proxy's empty 2xx is not the resource: say so instead of resolving to undefined.
      const what = envelope ? "data that is not a resource" : "no body";
      throw new ConnectionError(`the ${response.status} answer had ${what}`, { method: sent!.method, url: sent!.url }, transport.redactor());
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

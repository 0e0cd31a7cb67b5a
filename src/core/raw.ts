/**
 * asana.raw: the openapi-fetch client with the client's timeout and deadline, its path parameters
 * checked like the facade's gids, redirects left to the transport, and errors sanitized. Each method
 * is wrapped (rather than the fetch) because the merged signal must be in the init before
 * openapi-fetch builds the Request.
 */
import type { Client } from "openapi-fetch";
import type { FetchLike, Transport } from "./transport.ts";
import { unabortable } from "../internal/abortable.ts";
import { callScope } from "../internal/scope.ts";
import { checkGid, checkSignal } from "../internal/validate.ts";
import type { paths } from "../types.ts";

const PARAM = /\{([^{}]+)\}/g;

interface RawInit {
  signal?: AbortSignal | null;
  params?: { path?: Record<string, unknown> };
}

/**
 * Every `{name}` of the path template needs a gid in `params.path`, with the facade's checks (a
 * blank, ".", ".." or non-string value would change the path); openapi-fetch then percent-encodes
 * it, as the facade's are.
 */
function checkPathParams(path: unknown, init: RawInit | undefined): void {
  if (typeof path !== "string") throw new TypeError(`the path must be a string, got ${typeof path}`);
  const values = init?.params?.path;
  for (const [, template] of path.matchAll(PARAM)) {
    // openapi-fetch's styles: {name*}, {.name}, {;name}
    const name = template!.replace(/^[.;]|\*$/g, "");
    checkGid(values?.[name], `params.path.${name}`);
  }
}

export function createRaw(client: Client<paths>, transport: Transport, timeoutMs: number | undefined): Client<paths> {
  const wrapped: Record<string, unknown> = { ...client };
  const call = async (method: string, path: unknown, init?: RawInit) => {
    checkPathParams(path, init);
    const scope = callScope(checkSignal(init?.signal), timeoutMs);
    try {
      const callSignal = scope.signal ?? unabortable();
      const fetch: FetchLike = (request) => transport.send(request, false, undefined, callSignal, scope.deadline);
      // `fetch` and `redirect` last: every raw request goes through the transport, which follows no redirect.
      const options = { ...init, signal: transport.signalInInit ? undefined : scope.signal, fetch, redirect: "manual" as const };
      return await client.request(method as never, path as never, options as never);
    } catch (error) {
      throw transport.sanitize(error, scope.signal);
    } finally {
      scope.done();
    }
  };
  // GET, PUT, POST… (openapi-fetch's other keys, request, use and eject, are lower case)
  for (const method in client) if (method < "a") wrapped[method] = (path: unknown, init?: RawInit) => call(method, path, init);
  wrapped.request = (method: string, path: unknown, init?: RawInit) => call(String(method).toUpperCase(), path, init);
  return wrapped as unknown as Client<paths>;
}

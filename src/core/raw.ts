import type { Client } from "openapi-fetch";
import { callScope } from "../internal/scope.ts";
import type { paths } from "../types.ts";

const METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;

/**
 * `raw` with the client's timeout: the merged signal has to be in the init, before openapi-fetch
 * builds the Request, so each method is wrapped rather than the fetch.
 */
export function withTimeouts(client: Client<paths>, timeoutMs: number | undefined): Client<paths> {
  if (timeoutMs === undefined || timeoutMs === Infinity) return client;
  const wrapped: Record<string, unknown> = { ...client };
  const wrap =
    (send: (path: unknown, init?: { signal?: AbortSignal | null }) => Promise<unknown>) =>
    async (path: unknown, init?: { signal?: AbortSignal | null }) => {
      const scope = callScope(init?.signal ?? undefined, timeoutMs);
      try {
        return await send(path, { ...init, signal: scope.signal });
      } finally {
        scope.done();
      }
    };
  for (const method of METHODS) wrapped[method] = wrap(client[method] as never);
  wrapped.request = async (method: string, path: unknown, init?: { signal?: AbortSignal | null }) =>
    wrap((p, i) => client.request(method as never, p as never, i as never))(path, init);
  return wrapped as unknown as Client<paths>;
}

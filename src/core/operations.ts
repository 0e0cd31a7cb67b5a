/**
 * The three shapes of a facade method, so that a resource is a list of one-line declarations over
 * the generated operation table (generated/operations.ts):
 * - `single`: path gids (in the path's order), maybe a body, options → the unwrapped `data`;
 * - `action`: the same, for the operations that answer `{data: {}}` → void;
 * - `list`: path gids, a query, options → a lazy Paginator.
 * Every argument is checked before any request: `single` and `action` reject, `list` throws at once
 * (a Paginator is returned synchronously). Retries follow the operation's row of the table, looked
 * up by the transport, so the facade and `raw` share one rule.
 */
import type { Answer, ClientContext, Envelope } from "./call.ts";
import { optQuery, prepareCall } from "./call.ts";
import { offsetPages, type FetchPage, type PageScheme } from "./pagination/offset.ts";
import { Paginator } from "./pagination/paginator.ts";
import type { Route } from "../../generated/operations.ts";
import type { RequestOptions } from "../types.ts";
import type { BodyRule } from "../internal/bodies.ts";
import { checkGid, checkLimit, checkObject } from "../internal/validate.ts";

/** Checks a list's filters (the query without the paginator's own options). */
export type QueryRule = (filters: Record<string, unknown>) => void;

type Method = (...args: unknown[]) => unknown;

/** A facade method, waiting to be bound to a client; it names its operation (for the coverage test). */
export type Declaration = ((ctx: ClientContext) => Method) & { readonly operation: readonly [method: string, path: string] };

/**
 * Declares `op`'s method: `run` checks the arguments and makes the call. What the checks throw
 * leaves through the transport's redaction, as every error does; a promise method (`rejects`)
 * rejects with it, never throwing where .catch cannot see it.
 */
function declare(route: Route, run: (ctx: ClientContext, args: unknown[], gids: Record<string, string>, method: string, path: string) => unknown, rejects?: boolean): Declaration {
  const [method, path] = route.split(" ") as [string, string];
  // The path's gid params, each with its argument's name in messages (`task_gid` → `taskGid`, as the signature names it).
  const params = [...path.matchAll(/\{(\w+)\}/g)].map(([, param]) => [param!, param!.replace(/_(\w)/g, (_, c: string) => c.toUpperCase())] as const);
  const bindTo = (ctx: ClientContext): Method => (...args) => {
    try {
      const gids: Record<string, string> = {};
      params.forEach(([param, name], i) => (gids[param] = checkGid(args[i], name)));
      return run(ctx, args.slice(params.length), gids, method, path);
    } catch (error) {
      const sanitized = ctx.transport.sanitize(error);
      if (rejects) return Promise.reject(sanitized);
      throw sanitized;
    }
  };
  return Object.assign(bindTo, { operation: [method, path] as const });
}

/** An operation with a body rule or none, that resolves as `answer` says. */
function request(route: Route, body: BodyRule | undefined, answer: Answer): Declaration {
  return declare(
    route,
    (ctx, args, gids, method, path) => {
      const opts = args[body ? 1 : 0] as RequestOptions | undefined;
      const payload = body && { data: body(args[0]) };
      return prepareCall(ctx, opts)(
        (init) =>
          ctx.client.request(method as never, path as never, {
            params: { path: gids, query: optQuery(opts) },
            body: payload,
            ...init,
          } as never) as Promise<{ response: Response }>,
        undefined,
        answer,
      );
    },
    true,
  );
}

/** An operation that answers one resource: resolves to its `data` (a bodiless 2xx is a ConnectionError). */
export const single = (route: Route, body?: BodyRule): Declaration => request(route, body, "resource");

/** An operation that answers `{data: {}}`: resolves to undefined once Asana has answered 2xx. */
export const action = (route: Route, body?: BodyRule): Declaration => request(route, body, "none");

/**
 * A list: path gids, then a query (its paginator options `limit`, `maxItems`, `prefetch` stay here;
 * the rest are filters sent as is, after `checkQuery`), then options. `scheme` turns one-page
 * requests into pages.
 * It throws at once on bad input (a Paginator is returned synchronously).
 */
export function list(route: Route, checkQuery?: QueryRule, scheme: PageScheme = offsetPages): Declaration {
  return declare(route, (ctx, [queryArg, optsArg], gids, _method, path) => {
    const query = checkObject(queryArg ?? {}, "query");
    const { limit, maxItems: _maxItems, prefetch: _prefetch, ...filters } = query;
    checkQuery?.(filters);
    const opts = optsArg as RequestOptions | undefined;
    const call = prepareCall(ctx, opts);
    const fields = optQuery({ ...opts, opt_fields: scheme.fields?.(opts?.opt_fields, filters) ?? opts?.opt_fields });
    // Filters, fields, then paging: the order Asana's own next_page links use.
    const fetchPage: FetchPage = (pageQuery, pageLimit, signal, offset) =>
      call<Envelope<unknown[]>>(
        (init) =>
          ctx.client.request("get" as never, path as never, {
            params: { path: gids, query: { ...pageQuery, ...fields, limit: pageLimit, offset } },
            ...init,
          } as never) as Promise<{ response: Response }>,
        signal,
      );
    // The paginator reads (and checks) only its own options: limit, maxItems, prefetch.
    return new Paginator(scheme.pages(fetchPage, filters, checkLimit(limit)), query);
  });
}

/** Binds a resource's declarations to a client. */
export function bind<Api>(ctx: ClientContext, declarations: Record<keyof Api, Declaration>): Api {
  const api: Record<string, Method> = {};
  for (const name in declarations) api[name] = declarations[name](ctx);
  return api as Api;
}

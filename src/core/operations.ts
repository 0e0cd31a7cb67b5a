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
import type { Answer, Call, ClientContext, Envelope } from "./call.ts";
import { optQuery, prepareCall } from "./call.ts";
import { offsetPages, type FetchPage, type PageScheme } from "./pagination/offset.ts";
import { Paginator } from "./pagination/paginator.ts";
import type { Operation } from "../../generated/operations.ts";
import type { RequestOptions } from "../types.ts";
import type { BodyRule } from "../internal/bodies.ts";
import { checkGid, checkLimit, checkObject } from "../internal/validate.ts";

/** Checks a list's filters (the query without the paginator's own options). */
export type QueryRule = (filters: Record<string, unknown>) => void;

type Method = (...args: unknown[]) => unknown;

/** A facade method, waiting to be bound to a client; it names its operation (for the coverage test). */
export type Declaration = ((ctx: ClientContext) => Method) & { readonly operation: Operation };

const declare = (operation: Operation, bindTo: (ctx: ClientContext) => Method): Declaration => Object.assign(bindTo, { operation });

/** `task_gid` → `taskGid`: the argument's name in error messages, as the method's signature names it. */
const argumentName = (param: string): string => param.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());

function pathParams(path: string): [param: string, name: string][] {
  return [...path.matchAll(/\{(\w+)\}/g)].map(([, param]) => [param!, argumentName(param!)]);
}

function pathValues(params: [string, string][], args: unknown[]): Record<string, string> {
  const values: Record<string, string> = {};
  params.forEach(([param, name], i) => (values[param] = checkGid(args[i], name)));
  return values;
}

/** An operation with a body rule or none, that resolves as `answer` says. */
function request(op: Operation, body: BodyRule | undefined, answer: Answer): Declaration {
  const [method, path] = op;
  const params = pathParams(path);
  const at = params.length + (body ? 1 : 0);
  return declare(op, (ctx) => (...args) => {
    const opts = args[at] as RequestOptions | undefined;
    let pathValuesOf: Record<string, string>;
    let payload: { data: object } | undefined;
    let call: Call;
    try {
      pathValuesOf = pathValues(params, args);
      payload = body && { data: body(args[params.length]) };
      call = prepareCall(ctx, opts);
    } catch (error) {
      // A promise method rejects (never throws where .catch cannot see it), and what the checks
      // throw leaves through the transport's redaction, as every error does.
      return Promise.reject(ctx.transport.sanitize(error));
    }
    return call(
      (init) =>
        ctx.client.request(method as never, path as never, {
          params: { path: pathValuesOf, query: optQuery(opts) },
          body: payload,
          ...init,
        } as never) as Promise<{ response: Response }>,
      undefined,
      answer,
    );
  });
}

/** An operation that answers one resource: resolves to its `data` (a bodiless 2xx is a ConnectionError). */
export const single = (op: Operation, body?: BodyRule): Declaration => request(op, body, "resource");

/** An operation that answers `{data: {}}`: resolves to undefined once Asana has answered 2xx. */
export const action = (op: Operation, body?: BodyRule): Declaration => request(op, body, "none");

/**
 * A list: path gids, then a query (its paginator options `limit`, `maxItems`, `prefetch` stay here;
 * the rest are filters sent as is), then options. `scheme` turns one-page requests into pages.
 */
export function list(op: Operation, rules: { query?: QueryRule; scheme?: PageScheme } = {}): Declaration {
  const path = op[1];
  const params = pathParams(path);
  const { query: checkQuery, scheme = offsetPages } = rules;
  return declare(op, (ctx) =>
    (...args) => {
      try {
        return paginator(ctx, args);
      } catch (error) {
        // What the checks throw leaves through the transport's redaction, as every error does.
        throw ctx.transport.sanitize(error);
      }
    });

  function paginator(ctx: ClientContext, args: unknown[]) {
    const pathValuesOf = pathValues(params, args);
    const query = checkObject(args[params.length] ?? {}, "query") as Record<string, unknown>;
    const { limit, maxItems, prefetch, ...filters } = query;
    checkQuery?.(filters);
    const opts = args[params.length + 1] as RequestOptions | undefined;
    const call = prepareCall(ctx, opts);
    const optFields = scheme.fields?.(opts?.opt_fields, filters) ?? opts?.opt_fields;
    const fields = optQuery(optFields === opts?.opt_fields ? opts : { ...opts, opt_fields: optFields });
    // Filters, fields, then paging: the order Asana's own next_page links use.
    const fetchPage: FetchPage = (pageQuery, pageLimit, signal, offset) =>
      call<Envelope<unknown[]>>(
        (init) =>
          ctx.client.request("get" as never, path as never, {
            params: { path: pathValuesOf, query: { ...pageQuery, ...fields, limit: pageLimit, offset } },
            ...init,
          } as never) as Promise<{ response: Response }>,
        signal,
      );
    const pages = scheme.pages(fetchPage, filters, checkLimit(limit));
    return new Paginator(pages, { limit: limit as number | undefined, maxItems: maxItems as number | undefined, prefetch: prefetch as boolean | undefined });
  }
}

/** Binds a resource's declarations to a client. */
export function bind<Api>(ctx: ClientContext, declarations: Record<keyof Api, Declaration>): Api {
  const api: Record<string, Method> = {};
  for (const name in declarations) api[name] = declarations[name](ctx);
  return api as Api;
}

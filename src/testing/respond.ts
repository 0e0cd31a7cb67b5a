/** The answers routes give: one record, a page of a list, or `{data: {}}`; opt_fields and opt_pretty honoured. */
import type { ApiRequest, FakeContext } from "./context.ts";
import { json } from "./http.ts";
import { paginate } from "./paging.ts";
import { type Kind, parseOptFields, render } from "./serialize.ts";

export const isPretty = (req: ApiRequest): boolean => {
  const value = req.query.get("opt_pretty");
  return value !== null && value !== "false";
};

/** The full record (or the opt_fields asked for). */
export function respondOne(ctx: FakeContext, req: ApiRequest, kind: Kind, gid: string, status = 200, headers: Record<string, string> = {}): Response {
  const data = render(ctx, kind, gid, parseOptFields(req.query.get("opt_fields")), "full");
  return json(status, { data }, headers, isPretty(req));
}

/** One page of compact task records; next_page when the request was paged. */
export function respondList(ctx: FakeContext, req: ApiRequest, gids: readonly string[]): Response {
  const page = paginate(ctx, req, gids);
  const fields = parseOptFields(req.query.get("opt_fields"));
  const data = page.data.map((gid) => render(ctx, "task", gid, fields, "compact"));
  return json(200, page.next_page === undefined ? { data } : { data, next_page: page.next_page }, {}, isPretty(req));
}

/** What DELETE and most actions answer. */
export const respondEmpty = (req: ApiRequest): Response => json(200, { data: {} }, {}, isPretty(req));

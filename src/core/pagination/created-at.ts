/**
 * Search has no offset. Pages are cut by created_at, as Asana advises: sort on it and ask for the
 * next page strictly beyond the last item's timestamp, widened by 1 ms so that tasks sharing the
 * boundary millisecond are fetched again and de-duplicated by gid rather than skipped.
 */
import type { PageScheme } from "./offset.ts";

export interface SearchCursor {
  /** The created_at bound (exclusive) for the next request, as ISO 8601. */
  bound: string;
  /** The boundary millisecond and the gids already yielded at it: the only ones a next page can repeat. */
  ms: number;
  seen: Set<string>;
}

/** What the scheme reads of an item. */
interface Stamped {
  gid: string;
  created_at?: string | null;
}

/** Asana's compact fields, kept when created_at is added so the caller still gets names. */
const DEFAULT_FIELDS = ["name", "resource_type", "resource_subtype"];

export function withCreatedAt(optFields: readonly string[] | undefined): string[] {
  const fields = [...(optFields || DEFAULT_FIELDS)];
  if (!fields.includes("created_at")) fields.push("created_at");
  return fields;
}

/** A task's created_at in ms, NaN without one. */
const stamp = (task: Stamped | undefined) => (typeof task?.created_at === "string" ? Date.parse(task.created_at) : NaN);

/** Search pages carry no next_page: the cursor is the scheme's own. */
const onePage = (data: Stamped[], next?: SearchCursor) => ({ page: { data, nextPage: null }, next });

/** Only created_at gives a stable cursor; any other order yields one page. */
const byCreatedAt = (filters: Record<string, unknown>) => filters.sort_by === undefined || filters.sort_by === "created_at";

/**
 * Always asks for the page size, not the smaller count the paginator wants near maxItems: a short page
 * would fill with repeats sooner and be taken for "more tasks share this millisecond than a page
 * holds", skipping the rest of that millisecond. The paginator trims what is over.
 */
export const createdAtPages: PageScheme = {
  fields: (optFields, filters) => (byCreatedAt(filters) ? withCreatedAt(optFields) : undefined),
  pages(fetchPage, filters, limit) {
    const items = async (query: Record<string, unknown>, signal?: AbortSignal) => ((await fetchPage(query, limit, signal)).data ?? []) as Stamped[];
    if (!byCreatedAt(filters)) return async (_cursor, _wanted, signal) => onePage(await items(filters, signal));
    const ascending = filters.sort_ascending === true;
    const boundKey = ascending ? "created_at.after" : "created_at.before";
    const step = ascending ? -1 : 1;
    const base = { ...filters, sort_by: "created_at", sort_ascending: ascending };

    return async (at, _wanted, signal) => {
      const cursor = at as SearchCursor | undefined;
      const raw = await items(cursor ? { ...base, [boundKey]: cursor.bound } : base, signal);
      const seen = cursor?.seen;
      const data = seen ? raw.filter((task) => !seen.has(task.gid)) : raw;
      const lastMs = stamp(raw[raw.length - 1]);
      if (raw.length < limit || Number.isNaN(lastMs)) return onePage(data);
      // A full page of repeats: more tasks share this millisecond than a page holds. Move past it.
      if (data.length === 0) return onePage(data, { bound: new Date(lastMs).toISOString(), ms: NaN, seen: new Set() });
      const atBoundary = new Set(cursor?.ms === lastMs ? cursor.seen : undefined);
      for (const task of raw) if (stamp(task) === lastMs) atBoundary.add(task.gid);
      return onePage(data, { bound: new Date(lastMs + step).toISOString(), ms: lastMs, seen: atBoundary });
    };
  },
};

/**
 * GET /workspaces/{gid}/tasks/search: premium only, no offset, no next_page, at most 100 results.
 * Filters are ANDed. Ties in the sort order are broken by gid in the same direction, so repeated
 * searches return tasks sharing a created_at in a stable order (the client's paging relies on it).
 */
import { dateTime } from "./body.ts";
import type { ApiRequest, FakeContext } from "./context.ts";
import { badRequest, HttpError, json, notFound } from "./http.ts";
import type { FakeState, FakeTask } from "./model.ts";
import { MAX_LIMIT, parseLimit } from "./paging.ts";
import { isPretty } from "./respond.ts";
import { parseOptFields, render } from "./serialize.ts";
import { findUser } from "./users.ts";

type Test = (task: FakeTask) => boolean;
interface Match {
  gid: string;
  key: string | null;
}

/**
 * Sort keys as strings: stored times are all normalised by toISOString(), whose text order is time
 * order, so no date is parsed per task per search. null: the task has no value (sorted last).
 */
const SORTS: Record<string, (task: FakeTask) => string | null> = {
  created_at: (t) => t.created_at,
  modified_at: (t) => t.modified_at,
  completed_at: (t) => t.completed_at,
  due_date: (t) => t.due_at ?? (t.due_on === null ? null : `${t.due_on}T00:00:00.000Z`),
  likes: (t) => String(t.num_likes).padStart(16, "0"),
};

function boolParam(name: string, raw: string): boolean {
  if (raw === "true") return true;
  if (raw === "false") return false;
  throw badRequest(`${name}: Value is not a boolean: ${JSON.stringify(raw)}`);
}

const one = (gid: string | null): readonly string[] => (gid === null ? [] : [gid]);
/** What each set filter (`<name>.any`, `<name>.not`, `<name>.all`) looks at; `users` marks those that take "me" and emails. */
const SETS: Record<string, { of: (t: FakeTask) => readonly string[]; users?: true }> = {
  assignee: { of: (t) => one(t.assignee), users: true },
  created_by: { of: (t) => one(t.created_by), users: true },
  assigned_by: { of: (t) => one(t.assigned_by), users: true },
  followers: { of: (t) => t.followers, users: true },
  projects: { of: (t) => t.projects },
  sections: { of: (t) => t.memberships.map((m) => m.section) },
  tags: { of: (t) => t.tags },
};

function setTest(state: FakeState, name: string, raw: string): Test | undefined {
  const [base, op] = name.split(".") as [string, string | undefined];
  const set = SETS[base];
  if (!set || (op !== "any" && op !== "not" && op !== "all")) return undefined;
  const wanted = raw.split(",").map((s) => s.trim()).filter(Boolean).map((id) => (set.users ? (findUser(state, id) ?? id) : id));
  return (t) => {
    const values = set.of(t);
    const has = (gid: string) => values.includes(gid);
    return op === "all" ? wanted.every(has) : op === "any" ? wanted.some(has) : !wanted.some(has);
  };
}

/** A date-time bound, normalised like the stored times so that strings compare as times. */
function isoParam(name: string, raw: string): string {
  return dateTime(name, raw)!;
}

function dayParam(name: string, raw: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw) || Number.isNaN(Date.parse(raw))) throw badRequest(`${name}: Value is not a valid date (YYYY-MM-DD): ${JSON.stringify(raw)}`);
  return raw;
}

function buildTests(state: FakeState, q: URLSearchParams): Test[] {
  const tests: Test[] = [];
  for (const [name, raw] of q) {
    switch (name) {
      case "text": {
        const needle = raw.toLowerCase();
        tests.push((t) => t.name.toLowerCase().includes(needle) || t.notes.toLowerCase().includes(needle));
        break;
      }
      case "completed": {
        const want = boolParam(name, raw);
        tests.push((t) => t.completed === want);
        break;
      }
      case "is_subtask": {
        const want = boolParam(name, raw);
        tests.push((t) => (t.parent !== null) === want);
        break;
      }
      case "resource_subtype":
        tests.push((t) => t.resource_subtype === raw);
        break;
      case "is_blocked": {
        const want = boolParam(name, raw);
        tests.push((t) => t.dependencies.some((gid) => state.tasks.get(gid)?.completed === false) === want);
        break;
      }
      case "is_blocking": {
        const want = boolParam(name, raw);
        tests.push((t) => (!t.completed && t.dependents.length > 0) === want);
        break;
      }
      case "created_at.before":
      case "created_at.after":
      case "modified_at.before":
      case "modified_at.after":
      case "completed_at.before":
      case "completed_at.after":
      case "due_at.before":
      case "due_at.after": {
        // Strict comparisons at millisecond precision, as Asana's are.
        const bound = isoParam(name, raw);
        const field = name.slice(0, name.indexOf(".")) as "created_at" | "modified_at" | "completed_at" | "due_at";
        const before = name.endsWith(".before");
        tests.push((t) => {
          const value = t[field];
          if (value === null) return false;
          return before ? value < bound : value > bound;
        });
        break;
      }
      case "due_on":
      case "due_on.before":
      case "due_on.after":
      case "start_on":
      case "start_on.before":
      case "start_on.after":
      case "created_on":
      case "created_on.before":
      case "created_on.after":
      case "modified_on":
      case "modified_on.before":
      case "modified_on.after":
      case "completed_on":
      case "completed_on.before":
      case "completed_on.after": {
        const day = dayParam(name, raw);
        const [field, op] = name.split(".") as [string, string | undefined];
        const dayOf = (t: FakeTask): string | null => {
          switch (field) {
            case "due_on": return t.due_on;
            case "start_on": return t.start_on;
            case "created_on": return t.created_at.slice(0, 10);
            case "modified_on": return t.modified_at.slice(0, 10);
            default: return t.completed_at?.slice(0, 10) ?? null;
          }
        };
        tests.push((t) => {
          const value = dayOf(t);
          if (value === null) return false;
          return op === "before" ? value < day : op === "after" ? value > day : value === day;
        });
        break;
      }
      default: {
        // Filters the fake does not model (teams, portfolios, custom fields, …) are ignored.
        const test = setTest(state, name, raw);
        if (test) tests.push(test);
        break;
      }
    }
  }
  return tests;
}

export function searchTasks(ctx: FakeContext, req: ApiRequest): Response {
  const workspace = req.params.workspace_gid!;
  if (!ctx.state.workspaces.has(workspace)) throw notFound("workspace", workspace);
  if (!ctx.premium) {
    throw new HttpError(402, "Search is only available to premium users. Your workspace must be upgraded to a premium plan.");
  }
  const q = req.query;
  const limit = parseLimit(q, MAX_LIMIT)!;
  const sortBy = q.get("sort_by") ?? "modified_at";
  const sortKey = SORTS[sortBy];
  if (!sortKey) throw badRequest(`sort_by: Invalid value ${JSON.stringify(sortBy)}; expected one of ${Object.keys(SORTS).join(", ")}`);
  const ascending = q.has("sort_ascending") ? boolParam("sort_ascending", q.get("sort_ascending")!) : false;
  const tests = buildTests(ctx.state, q);

  // A task without the sort value (no due date, never completed) sorts last in either direction;
  // ties go by gid, in the same direction.
  const precedes = (key: string | null, gid: string, other: Match): boolean => {
    if ((key === null) !== (other.key === null)) return key !== null;
    if (key !== null && key !== other.key) return ascending ? key < other.key! : key > other.key!;
    return ascending ? gid < other.gid : gid > other.gid;
  };

  // Only the best `limit` are kept, in a heap with the worst on top: O(n log limit) per search.
  // Tasks are visited newest first when descending, so with the usual data (created in time order)
  // the heap fills at once and every later task is turned away by one comparison, allocating nothing.
  const heap: Match[] = [];
  const worse = (i: number, j: number) => precedes(heap[j]!.key, heap[j]!.gid, heap[i]!);
  const swap = (i: number, j: number) => ([heap[i], heap[j]] = [heap[j]!, heap[i]!]);
  const tasks = Array.from(ctx.state.tasks.values());
  for (let n = 0; n < tasks.length; n++) {
    const task = tasks[ascending ? n : tasks.length - 1 - n]!;
    if (task.workspace !== workspace) continue;
    const key = sortKey(task);
    if (heap.length === limit && !precedes(key, task.gid, heap[0]!)) continue;
    if (!tests.every((test) => test(task))) continue;
    const match = { gid: task.gid, key };
    if (heap.length < limit) {
      heap.push(match);
      for (let i = heap.length - 1; i > 0 && worse(i, (i - 1) >> 1); i = (i - 1) >> 1) swap(i, (i - 1) >> 1);
    } else {
      heap[0] = match;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let top = i;
        if (l < heap.length && worse(l, top)) top = l;
        if (r < heap.length && worse(r, top)) top = r;
        if (top === i) break;
        swap(i, top);
        i = top;
      }
    }
  }
  const best = heap.sort((a, b) => (precedes(a.key, a.gid, b) ? -1 : precedes(b.key, b.gid, a) ? 1 : 0));

  const fields = parseOptFields(q.get("opt_fields"));
  const data = best.map(({ gid }) => render(ctx, "task", gid, fields, "compact"));
  return json(200, { data }, {}, isPretty(req));
}

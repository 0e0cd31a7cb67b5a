/** Public types of the fake Asana (`asana-fetch/testing`). Type-only: no runtime code here. */
import type { CustomFieldType, FakeState, TaskSubtype } from "./model.ts";

export type * from "./model.ts";

/**
 * One of msw's request handlers, typed without naming msw, so that these declarations compile
 * without msw installed (msw is an optional peer dependency). msw's handler classes have private
 * members, which no structural type can match; `never` is the element type that spreads into
 * `setupServer(...)` and `server.use(...)` as it is. To inspect one, cast: `fake.handlers as RequestHandler[]`.
 */
export type MswHandler = never;

export interface FakeAsanaOptions {
  /** The only bearer token accepted; default "fake-asana-token". */
  token?: string;
  /** Duplication jobs: GET k (1-based) shows not_started (k = 1), in_progress (k ≤ pollsToFinish), then the end state. */
  jobs?: { pollsToFinish?: number; fail?: boolean };
  /** Default true; false makes search answer 402, as on a free plan. */
  premium?: boolean;
  /** Added to every response (a timer, cancelled when the request is aborted). Default 0. */
  latencyMs?: number;
  /** Rate and concurrency limits; off by default. */
  quota?: QuotaOptions;
  /** Clock for created_at/modified_at/completed_at, offset expiry and the quota window; default Date.now. */
  now?: () => number;
  /** API roots the msw `handlers` answer for; default ["https://app.asana.com/api/1.0"]. */
  mswBaseUrls?: string[];
}

export interface QuotaOptions {
  /** Requests allowed per sliding window (rejected ones count too, as on Asana). */
  requests: number;
  windowMs: number;
  /** In-flight GETs allowed at once; default 50. */
  maxGets?: number;
  /** In-flight POST/PUT/PATCH/DELETE allowed at once; default 15. */
  maxWrites?: number;
}

export interface RecordedRequest {
  method: string;
  /** Absolute, with the query. */
  url: string;
  /** The path after ".../api/1.0" as sent (percent-encoding kept), e.g. "/tasks/123"; the whole pathname if the prefix is absent. */
  path: string;
  query: Record<string, string>;
  /** Lower-case names. */
  headers: Record<string, string>;
  /** Parsed JSON, the raw text if it is not JSON, undefined when empty. */
  body: unknown;
  /** `now()` when the request arrived. */
  at: number;
}

export interface FakeStats {
  /** Requests between entry and response (latency included), by kind; writes are POST/PUT/PATCH/DELETE. */
  inFlight: { get: number; write: number };
  maxInFlight: { get: number; write: number };
  total: number;
  /** Every 429 answered: quota, in-flight caps and 429 faults. */
  rejected429: number;
}

export type Fault =
  | { status: 429; retryAfter?: number; retryAfterDate?: boolean }
  | { status: 500 | 502 | 503 | 504 }
  | { kind: "truncated" }
  | { kind: "non-json" }
  | { kind: "drop" }
  | { kind: "latency"; ms: number };

export interface Faults {
  /** The next `count` requests answer with this fault (queued after earlier `next` calls). */
  next(count: number, fault: Fault): void;
  /** Each request gets a fault with this probability, drawn from a PRNG seeded by `seed` (default 1). Replaces the previous rate. */
  rate(probability: number, fault: Fault | Fault[], opts?: { seed?: number }): void;
  /**
   * Requests whose path (after /api/1.0, no query) matches get the fault. A string matches whole
   * segments, with `*` or `:name` for any one segment (`"/tasks/:gid"`); a RegExp is tested against the path.
   */
  path(pattern: string | RegExp, fault: Fault, opts?: { count?: number; method?: string }): void;
  clear(): void;
}

/** Fields for `seed.task`. Unknown gids throw: seed workspaces, users, projects, sections, tags and fields first. */
export interface SeedTaskFields {
  /** Default: the workspace of `projects`/`sections`/`parent`, else the first workspace (created if none). */
  workspace?: string;
  /** Each at the end of the project (its last section). */
  projects?: string[];
  /** Each at the end of that section; its project is implied. */
  sections?: string[];
  /** At the end of its subtasks. */
  parent?: string;
  name?: string;
  notes?: string;
  /** A gid, "me" or a seeded user's email. */
  assignee?: string | null;
  completed?: boolean;
  /** Default `now()` when completed. */
  completed_at?: string | null;
  resource_subtype?: TaskSubtype;
  /** ISO 8601; default `now()`. Several tasks may share one. */
  created_at?: string;
  /** Default created_at. */
  modified_at?: string;
  due_on?: string | null;
  due_at?: string | null;
  start_on?: string | null;
  start_at?: string | null;
  tags?: string[];
  /** Gids, "me" or emails. */
  followers?: string[];
  /** Tasks this one depends on (kept symmetric; the API's rules apply: no self, at most 30 links a task). */
  dependencies?: string[];
  /** Values by custom field gid, as the API takes them: a string, a number, an enum option gid, option gids, `{ date }` or `{ date_time }`. */
  custom_fields?: Record<string, CustomFieldInput>;
  /** "ENG-42": found by GET /workspaces/{gid}/tasks/custom_id/ENG-42. */
  custom_id?: string;
  liked?: boolean;
  num_likes?: number;
}

/** A custom field value as the API takes it (`custom_fields: {field_gid: value}` on create and update); null clears. */
export type CustomFieldInput = string | number | string[] | { date?: string; date_time?: string } | null;

/** For `seed.tasks`: every field may also be a function of the index (0-based). */
export type SeedTasksFields = { [K in keyof SeedTaskFields]?: SeedTaskFields[K] | ((i: number) => SeedTaskFields[K]) };

export interface SeedCustomFieldFields {
  /** Default: the first workspace (created if none). */
  workspace?: string;
  name?: string;
  type: CustomFieldType;
  /** Enum and multi_enum fields: the options, in order; colors default to Asana's palette in turn. */
  options?: (string | { name: string; color?: string; enabled?: boolean })[];
  /** Number fields: decimal places, 0..6; default 0. */
  precision?: number;
  description?: string;
}

export interface Seed {
  workspace(fields?: { name?: string }): { gid: string };
  /** Default workspace: the first one (created if none). The first user seeded is "me", the user behind the token. Each user gets a user task list ("My Tasks") in its workspace. */
  user(fields?: { name?: string; email?: string; workspace?: string }): { gid: string; userTaskList: string };
  /** Made with one section, "Untitled section" (`state.projects.get(gid).section`). */
  project(fields: { workspace: string; name?: string }): { gid: string };
  /** Appended after the project's other sections. */
  section(fields: { project: string; name?: string }): { gid: string };
  tag(fields: { workspace: string; name?: string }): { gid: string };
  /** The user's task list in that workspace (default: the user's first); joins the user to the workspace if needed. */
  userTaskList(fields: { user: string; workspace?: string }): { gid: string };
  customField(fields: SeedCustomFieldFields): { gid: string; enumOptions: string[] };
  /** Gives a task a custom id ("ENG-42"), replacing any it had; unique in the task's workspace. */
  customId(task: string, customId: string): void;
  task(fields?: SeedTaskFields): { gid: string };
  /** Many tasks at once (10,000 in about 50–100 ms); names default to "Task 1", "Task 2", … */
  tasks(count: number, fields?: SeedTasksFields): string[];
}

export interface FakeAsana {
  token: string;
  /** fetch's signature; routes on the path after "/api/1.0" whatever the origin. A "drop" fault rejects with TypeError("fetch failed"). */
  fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
  /** msw 2 handlers for `mswBaseUrls`, for `setupServer(...fake.handlers)` (built on first read; needs msw installed). */
  readonly handlers: readonly MswHandler[];
  /** The core. A "drop" fault answers `Response.error()` (type "error"), which fetch, handlers and the server turn into a network failure. */
  handle(request: Request): Promise<Response>;
  requests: RecordedRequest[];
  stats: FakeStats;
  faults: Faults;
  seed: Seed;
  state: FakeState;
  /** Forgets requests, stats, faults and the quota window, keeping data; `{ data: true }` clears the data too. Gids are never reused. */
  reset(options?: { data?: boolean }): void;
}

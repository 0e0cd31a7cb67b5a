/** Public types of the fake Asana (`asana-fetch/testing`). Type-only: no runtime code here. */
import type { RequestHandler } from "msw";

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

export type TaskSubtype = "default_task" | "milestone" | "section" | "approval";
export type JobStatus = "not_started" | "in_progress" | "succeeded" | "failed";

export interface FakeWorkspace {
  gid: string;
  name: string;
}

export interface FakeUser {
  gid: string;
  name: string;
  email: string;
  workspaces: string[];
}

export interface FakeProject {
  gid: string;
  name: string;
  workspace: string;
  /** The project's one section ("Untitled section"); GET /tasks?section= lists the project. */
  section: string;
}

export interface FakeSection {
  gid: string;
  name: string;
  project: string;
}

export interface FakeTag {
  gid: string;
  name: string;
  workspace: string;
}

/** A task as stored: references are gids; responses expand them to compact objects. */
export interface FakeTask {
  gid: string;
  resource_subtype: TaskSubtype;
  name: string;
  notes: string;
  completed: boolean;
  completed_at: string | null;
  created_at: string;
  modified_at: string;
  due_on: string | null;
  due_at: string | null;
  start_on: string | null;
  start_at: string | null;
  assignee: string | null;
  parent: string | null;
  projects: string[];
  workspace: string;
  tags: string[];
  followers: string[];
  liked: boolean;
  num_likes: number;
  approval_status: "pending" | "approved" | "rejected" | "changes_requested" | null;
}

export interface FakeJob {
  gid: string;
  resource_subtype: "duplicate_task";
  status: JobStatus;
  /** GET /jobs/{gid} answered so far. */
  polls: number;
  /** The task being duplicated. */
  source: string;
  name: string;
  include: string[];
  /** Set when the job succeeds. */
  new_task: string | null;
}

/**
 * Everything the fake stores, for assertions. Treat it as read-only: change data through `seed` or
 * the API, so that the indexes below stay in step.
 */
export interface FakeState {
  workspaces: Map<string, FakeWorkspace>;
  users: Map<string, FakeUser>;
  projects: Map<string, FakeProject>;
  sections: Map<string, FakeSection>;
  tags: Map<string, FakeTag>;
  tasks: Map<string, FakeTask>;
  jobs: Map<string, FakeJob>;
  /** Task gids per project, in the project's order (insertion order). */
  projectTasks: Map<string, string[]>;
  /** Subtask gids per parent task, in order. */
  subtasks: Map<string, string[]>;
}

/** Fields for `seed.task`. Unknown gids throw: seed workspaces, users, projects and tags first. */
export interface SeedTaskFields {
  /** Default: the workspace of `projects`/`parent`, else the first workspace (created if none). */
  workspace?: string;
  projects?: string[];
  parent?: string;
  name?: string;
  notes?: string;
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
  followers?: string[];
  liked?: boolean;
  num_likes?: number;
}

/** For `seed.tasks`: every field may also be a function of the index (0-based). */
export type SeedTasksFields = { [K in keyof SeedTaskFields]?: SeedTaskFields[K] | ((i: number) => SeedTaskFields[K]) };

export interface Seed {
  workspace(fields?: { name?: string }): { gid: string };
  /** Default workspace: the first one (created if none). */
  user(fields?: { name?: string; email?: string; workspace?: string }): { gid: string };
  project(fields: { workspace: string; name?: string }): { gid: string };
  tag(fields: { workspace: string; name?: string }): { gid: string };
  task(fields?: SeedTaskFields): { gid: string };
  /** Many tasks at once (10,000 in about 50–100 ms); names default to "Task 1", "Task 2", … */
  tasks(count: number, fields?: SeedTasksFields): string[];
}

export interface FakeAsana {
  token: string;
  /** fetch's signature; routes on the path after "/api/1.0" whatever the origin. A "drop" fault rejects with TypeError("fetch failed"). */
  fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
  /** msw 2 handlers for `mswBaseUrls` (built on first read; needs msw installed). */
  readonly handlers: RequestHandler[];
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

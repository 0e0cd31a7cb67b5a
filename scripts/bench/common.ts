/** Shared by every bench section: the token, the test data and the statistics. */

export const TOKEN = "0/bench-personal-access-token-0123456789abcdef";
export const AUTH = `Bearer ${TOKEN}`;

/** Projects the bench server knows: 20,000 tasks for the heap/wall-time walk, 20 slow pages for prefetch. */
export const BIG_PROJECT = "1200000000000001";
export const SLOW_PROJECT = "1200000000000002";
export const BIG_PROJECT_TASKS = 20_000;
export const SLOW_PROJECT_TASKS = 2_000;
export const SLOW_PAGE_LATENCY_MS = 20;
/** Task gids served by GET /tasks/{gid}: TASK_GID_BASE + 0 .. TASK_COUNT - 1. */
export const TASK_GID_BASE = 1_300_000_000_000_000;
export const TASK_COUNT = 1_000;

export const taskGid = (i: number): string => String(TASK_GID_BASE + (i % TASK_COUNT));

/** A full task record as GET /tasks/{gid} returns it by default: about 1 KB of JSON. */
export function taskRecord(gid: string): Record<string, unknown> {
  const user = { gid: "1100000000000001", resource_type: "user", name: "Greg Sanchez" };
  return {
    gid,
    resource_type: "task",
    resource_subtype: "default_task",
    name: `Review the Q3 launch checklist (${gid})`,
    assignee: user,
    assignee_status: "upcoming",
    completed: false,
    completed_at: null,
    completed_by: null,
    created_at: "2025-03-14T09:26:53.589Z",
    modified_at: "2025-06-02T16:11:08.204Z",
    due_at: null,
    due_on: "2025-07-01",
    start_at: null,
    start_on: null,
    dependencies: [],
    followers: [user],
    liked: false,
    likes: [],
    num_likes: 0,
    memberships: [
      {
        project: { gid: BIG_PROJECT, resource_type: "project", name: "Launch" },
        section: { gid: "1100000000000090", resource_type: "section", name: "In progress" },
      },
    ],
    notes: "Walk through every item with the owners.",
    parent: null,
    permalink_url: `https://app.asana.com/0/${BIG_PROJECT}/${gid}`,
    projects: [{ gid: BIG_PROJECT, resource_type: "project", name: "Launch" }],
    tags: [],
    workspace: { gid: "1100000000000002", resource_type: "workspace", name: "Example Co" },
    custom_fields: [],
  };
}

/** A compact task as lists return it. */
export function compactTask(index: number): Record<string, unknown> {
  return { gid: String(1_400_000_000_000_000 + index), resource_type: "task", name: `Task ${index + 1}`, resource_subtype: "default_task" };
}

/** An opaque offset that looks like Asana's (a JWT-like token); the server decodes the position from it. */
export function encodeOffset(position: number): string {
  const payload = Buffer.from(JSON.stringify({ b: 1_700_000_000, o: position })).toString("base64url");
  return `eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.${payload}.W3-ZcLm0dA`;
}

export function decodeOffset(offset: string): number | undefined {
  const part = offset.split(".")[1];
  if (part === undefined) return undefined;
  try {
    const value = (JSON.parse(Buffer.from(part, "base64url").toString()) as { o?: unknown }).o;
    return typeof value === "number" && Number.isInteger(value) && value >= 0 ? value : undefined;
  } catch {
    return undefined;
  }
}

// ---- statistics ----------------------------------------------------------------------------

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * A different order each round, so no client always runs first or always follows the same one:
 * rotated by one each round, and reversed in every other cycle of rotations.
 */
export function roundOrder<T>(items: readonly T[], round: number): T[] {
  const n = items.length;
  const rotated = items.map((_, i) => items[(i + round) % n]!);
  return Math.floor(round / n) % 2 === 1 ? rotated.reverse() : rotated;
}

/** Per-round ratios a[i]/b[i], then their median: robust to the whole machine speeding up or slowing down. */
export function medianRatio(a: readonly number[], b: readonly number[]): number {
  return median(a.map((value, i) => value / b[i]!));
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error("run with --expose-gc");
  collect();
  collect();
}

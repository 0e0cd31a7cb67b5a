/** The stub-fetch cases of overhead.ts by name, kept apart so the runner can name them without loading dist/. */
export const CASES = {
  floor: "stub fetch + Request + json (floor)",
  bareGet: "openapi-fetch GET /tasks/{gid}",
  facadeGet: "asana-fetch tasks.get",
  /** The same, with the stub as the global fetch: the call's signal then rides in fetch's init, not in a Request. */
  facadeGetGlobal: "asana-fetch tasks.get, global fetch (stubbed)",
  barePage: "openapi-fetch GET one page (100 items)",
  facadePage: "asana-fetch forProject, one page (100 items)",
  facadeItems: "asana-fetch for await over forProject, 100 items",
} as const;

/** tasks.get with one feature switched off at a time: the difference to the default is that feature's cost. */
export const ABLATIONS = {
  noTimeout: "tasks.get, timeoutMs: Infinity (no per-call AbortController + timer)",
  noLimiter: "tasks.get, concurrency: false, rateLimit: false (no limiter)",
  noRetry: "tasks.get, retry: false",
  bare: "tasks.get, all three off",
} as const;

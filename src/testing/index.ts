/**
 * asana-fetch/testing: a stateful, in-memory fake of Asana's Tasks and Jobs API, built on web-standard
 * Request/Response only (Node, Deno, Bun, Workers). Use `fake.fetch` as the client's fetch, msw
 * `fake.handlers`, or `asana-fetch/testing/node` for a real loopback server. See README.md here.
 */
import type { FakeContext } from "./context.ts";
import { sleep } from "../internal/sleep.ts";
import { errorResponse, HELP } from "./http.ts";
import { FaultTable, faultResponse } from "./faults.ts";
import { createMswHandlers, DEFAULT_MSW_BASE_URLS } from "./msw.ts";
import { OffsetStore } from "./paging.ts";
import { Quota, type RequestClass } from "./quota.ts";
import { route, splitApiPath } from "./router.ts";
import { createSeed } from "./seed.ts";
import { clearState, createGidSource, createState } from "./state.ts";
import type { FakeAsana, FakeAsanaOptions, FakeStats, RecordedRequest } from "./types.ts";

export type * from "./types.ts";
export { ROUTES } from "./router.ts";

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function parseBody(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function checkCount(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !(value >= 0) || !Number.isFinite(value)) throw new RangeError(`${name} must be a non-negative number, got ${String(value)}`);
  return value;
}

export function createFakeAsana(options: FakeAsanaOptions = {}): FakeAsana {
  const token = options.token ?? "fake-asana-token";
  if (typeof token !== "string" || token.trim() === "") throw new TypeError("token must be a non-empty string");
  const now = options.now ?? (() => Date.now());
  const latencyMs = checkCount("latencyMs", options.latencyMs, 0);
  const state = createState();
  const offsets = new OffsetStore();
  const ctx: FakeContext = {
    state,
    newGid: createGidSource(),
    now,
    premium: options.premium ?? true,
    jobs: { pollsToFinish: checkCount("jobs.pollsToFinish", options.jobs?.pollsToFinish, 2), fail: options.jobs?.fail ?? false },
    offsets,
  };
  const faults = new FaultTable();
  const quota = options.quota ? new Quota(options.quota) : undefined;
  const requests: RecordedRequest[] = [];
  const stats: FakeStats = { inFlight: { get: 0, write: 0 }, maxInFlight: { get: 0, write: 0 }, total: 0, rejected429: 0 };

  const authorized = (request: Request): boolean => {
    const header = request.headers.get("authorization") ?? "";
    const match = /^Bearer\s+(.+)$/i.exec(header.trim());
    return match !== null && match[1] === token;
  };

  async function handle(request: Request): Promise<Response> {
    const method = request.method.toUpperCase();
    const kind: RequestClass = WRITES.has(method) ? "write" : "get";
    stats.total += 1;
    stats.inFlight[kind] += 1;
    stats.maxInFlight[kind] = Math.max(stats.maxInFlight[kind], stats.inFlight[kind]);
    try {
      const url = new URL(request.url);
      const record: RecordedRequest = {
        method,
        url: request.url,
        path: splitApiPath(url).path,
        query: Object.fromEntries(url.searchParams),
        headers: Object.fromEntries(request.headers),
        body: undefined,
        at: now(),
      };
      requests.push(record);

      // Every decision is taken here, before the first await, so requests sent together see each
      // other in flight and are admitted in the order they arrived.
      const fault = faults.pick(method, record.path);
      const extraLatency = fault && "kind" in fault && fault.kind === "latency" ? fault.ms : 0;
      let early: Response | undefined;
      if (fault && !("kind" in fault && fault.kind === "latency")) early = faultResponse(fault, now());
      else if (!authorized(request)) early = errorResponse(401, "Not Authorized");
      else if (quota) early = quota.admit(kind, stats.inFlight[kind], now());

      const bodyText = await request.text().catch(() => "");
      record.body = parseBody(bodyText);
      await sleep(extraLatency + latencyMs, request.signal);
      const response = early ?? route(ctx, { method, url, bodyText });
      if (response.status === 429) stats.rejected429 += 1;
      return response;
    } finally {
      stats.inFlight[kind] -= 1;
    }
  }

  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    if (request.signal.aborted) throw request.signal.reason;
    const response = await handle(request);
    if (response.type === "error") {
      throw new TypeError("fetch failed", { cause: new Error('fake Asana dropped the connection (a "drop" fault)') });
    }
    return response;
  };

  let handlers: ReturnType<typeof createMswHandlers> | undefined;

  return {
    token,
    fetch,
    get handlers() {
      handlers ??= createMswHandlers(handle, options.mswBaseUrls ?? DEFAULT_MSW_BASE_URLS);
      return handlers;
    },
    handle,
    requests,
    stats,
    faults,
    seed: createSeed(ctx),
    state,
    reset(resetOptions) {
      requests.length = 0;
      stats.total = 0;
      stats.rejected429 = 0;
      // Requests still in flight will decrement the counters when they end.
      stats.maxInFlight.get = stats.inFlight.get;
      stats.maxInFlight.write = stats.inFlight.write;
      faults.clear();
      quota?.reset();
      if (resetOptions?.data) {
        clearState(state);
        offsets.clear();
      }
    },
  };
}

/** Asana's `help` text, for tests that compare whole error bodies. */
export const ERROR_HELP = HELP;

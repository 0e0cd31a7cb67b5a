/**
 * Bulk work bound by Asana's quota: N tasks.get fired at once (Promise.allSettled) against the fake
 * Asana with a sliding-window quota of B requests per W ms, Asana's in-flight caps, and a latency
 * added to every answer (the fake counts a request when it arrives, then answers after the latency).
 * Rejected requests count against the window, as on Asana, so a client that hammers pays for it.
 *
 * Two shapes of window: a short one (100 per second), and Asana's own (1,500 per 60 s on paid plans)
 * scaled down in time by `scale`, so the ratios of in-flight cap to quota and of latency to window
 * stay those of the real API. Latencies are given as on the real API; the scaled runs divide them.
 *
 * Theoretical minimum: in any window of W ms at most B requests may arrive, so request k (0-based) can
 * arrive no earlier than floor(k / B)·W after the first; N requests need at least floor((N−1)/B)·W.
 */
import { createAsanaClient } from "../../src/index.ts";
import { createFakeAsana, type FakeAsana } from "../../src/testing/index.ts";
import { createFakeAsanaServer } from "../../src/testing/node.ts";
import { official } from "./clients.ts";
import { roundOrder, sleep, TOKEN } from "./common.ts";

export interface QuotaBenchOptions {
  rounds: number;
  tasks: number;
  requests: number;
  windowMs: number;
  /** Time divided by this much (1: none); latencies are divided too. */
  scale?: number;
  /** As on the real API, before scaling. */
  latenciesMs: number[];
  /** Also run the official client (at the first latency only: it does not retry, so it just fails fast). */
  official?: boolean;
}

export interface QuotaRun {
  ms: number;
  failures: number;
  /** Requests the fake received, retries included. */
  requests: number;
  rejected429: number;
  /** Most GETs the fake saw in flight at once. */
  maxInFlight: number;
  firstFailure?: string;
}

export interface QuotaScenarioResult {
  /** As on the real API; the fake's latency is this ÷ scale. */
  latencyMs: number;
  /** contender → one run per round */
  runs: Record<string, QuotaRun[]>;
}

export interface QuotaResult {
  minimumMs: number;
  tasks: number;
  quota: { requests: number; windowMs: number };
  scale: number;
  scenarios: QuotaScenarioResult[];
}

interface Contender {
  name: string;
  make(baseUrl: string): (gid: string) => Promise<unknown>;
}

export const minimumMs = (n: number, requests: number, windowMs: number): number => Math.floor((n - 1) / requests) * windowMs;

/**
 * A fake Asana on loopback with the quota on and `tasks` tasks seeded. With time scaled down, its
 * Retry-After is scaled too: the fake answers in whole seconds, which at ÷10 would be as coarse as
 * 10 s on Asana; here it is given in tenths (1 s ÷ scale), computed by the fake's own rule.
 */
export async function quotaServer(quota: { requests: number; windowMs: number }, latencyMs: number, tasks: number, scale = 1) {
  const fake = createFakeAsana({ token: TOKEN, quota, latencyMs });
  const server = createFakeAsanaServer(scale === 1 ? fake : withScaledRetryAfter(fake, quota, scale));
  const workspace = fake.seed.workspace();
  const project = fake.seed.project({ workspace: workspace.gid });
  const gids = fake.seed.tasks(tasks, { projects: [project.gid] });
  return { server, fake, gids, baseUrl: await server.listen() };
}

/** The fake, answering 429s with Retry-After in units of 1 s ÷ scale, from the same sliding log it keeps. */
function withScaledRetryAfter(fake: FakeAsana, quota: { requests: number; windowMs: number }, scale: number): FakeAsana {
  const arrivals: number[] = [];
  const unitMs = 1000 / scale;
  const handle = async (request: Request): Promise<Response> => {
    // The fake takes its decision before its first await, at this same instant: replay it.
    const now = Date.now();
    let first = arrivals.length;
    while (first > 0 && arrivals[first - 1]! > now - quota.windowMs) first--;
    const inWindow = arrivals.length - first;
    arrivals.push(now);
    const freesAt = inWindow >= quota.requests ? arrivals[first + inWindow + 1 - quota.requests]! + quota.windowMs : now + unitMs;
    const response = await fake.handle(request);
    if (response.status !== 429) return response;
    const headers = new Headers(response.headers);
    headers.set("retry-after", String(Math.max(1, Math.ceil((freesAt - now) / unitMs)) / scale));
    return new Response(response.body, { status: 429, statusText: response.statusText, headers });
  };
  return Object.create(fake, { handle: { value: handle } }) as FakeAsana;
}

/** What the fake saw, and how many calls failed (with the first failure a caller got). */
export function quotaRun(ms: number, failures: number, firstFailure: string | undefined, stats: { total: number; rejected429: number; maxInFlight: { get: number } }): QuotaRun {
  return {
    ms,
    failures,
    requests: stats.total,
    rejected429: stats.rejected429,
    maxInFlight: stats.maxInFlight.get,
    ...(firstFailure ? { firstFailure } : {}),
  };
}

/** A failed call as one line: status and message. */
export function describeFailure(reason: unknown): string {
  const error = reason as { status?: number; message?: string };
  return `${error.status ?? ""} ${String(error.message ?? reason).slice(0, 80)}`.trim();
}

async function once(contender: Contender, options: QuotaBenchOptions, latencyMs: number): Promise<QuotaRun> {
  const { server, fake, gids, baseUrl } = await quotaServer({ requests: options.requests, windowMs: options.windowMs }, latencyMs, options.tasks, options.scale);
  try {
    const get = contender.make(baseUrl);
    const start = performance.now();
    const results = await Promise.allSettled(gids.map((gid) => get(gid)));
    const failed = results.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
    return quotaRun(performance.now() - start, failed.length, failed.length ? describeFailure(failed[0]) : undefined, fake.stats);
  } finally {
    await server.close();
  }
}

export async function runQuota(options: QuotaBenchOptions): Promise<QuotaResult> {
  const scale = options.scale ?? 1;
  const rateLimit = { requests: options.requests, windowMs: options.windowMs };
  const contenders: Contender[] = [
    { name: "asana-fetch (default options)", make: (baseUrl) => {
      const asana = createAsanaClient({ token: TOKEN, baseUrl });
      return (gid) => asana.tasks.get(gid);
    } },
    { name: "asana-fetch (rateLimit declared)", make: (baseUrl) => {
      const asana = createAsanaClient({ token: TOKEN, baseUrl, rateLimit });
      return (gid) => asana.tasks.get(gid);
    } },
  ];
  const officialClient: Contender = { name: "official asana", make: (baseUrl) => {
    const client = official(baseUrl);
    return (gid) => client.get(gid);
  } };
  const scenarios: QuotaScenarioResult[] = options.latenciesMs.map((latencyMs) => ({ latencyMs, runs: {} }));
  for (let round = 0; round < options.rounds; round++) {
    for (const [i, scenario] of scenarios.entries()) {
      const field = i === 0 && options.official ? [...contenders, officialClient] : contenders;
      for (const c of roundOrder(field, round)) {
        (scenario.runs[c.name] ??= []).push(await once(c, options, scenario.latencyMs / scale));
        await sleep(50);
      }
    }
  }
  return { minimumMs: minimumMs(options.tasks, options.requests, options.windowMs), tasks: options.tasks, quota: rateLimit, scale, scenarios };
}

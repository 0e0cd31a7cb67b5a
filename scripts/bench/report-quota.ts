/** The quota sections of the benchmark report: tables and targets for quota, quota-60s, quota-shared, quota-store. */
import { median } from "./common.ts";
import { fixed, int, spread, table } from "./format.ts";
import type { QuotaResult, QuotaRun } from "./quota.ts";
import { SETUP_NAMES, type QuotaSharedResult } from "./quota-shared.ts";
import type { QuotaStoreResult } from "./quota-store.ts";
import type { Results, Target } from "./report.ts";

const percent = (share: number): string => `${fixed(100 * share, 1)} %`;
const share429 = (run: QuotaRun): number => run.rejected429 / run.requests;

/** The fake's latency is the real one ÷ scale: "300 ms (30 ms scaled)". */
const latency = (ms: number, scale: number): string => (scale === 1 || ms === 0 ? `${int(ms)} ms` : `${int(ms)} ms (${fixed(ms / scale, ms / scale < 1 ? 1 : 0)} ms scaled)`);

function minimumNote(q: { tasks: number; minimumMs: number; quota: { requests: number; windowMs: number } }): string {
  return `Theoretical minimum: floor((${int(q.tasks)} − 1) / ${int(q.quota.requests)}) × ${int(q.quota.windowMs)} ms = **${int(q.minimumMs)} ms** (request k cannot arrive before floor(k / ${int(q.quota.requests)}) windows).`;
}

function quotaTable(q: QuotaResult): string {
  const rows = q.scenarios.flatMap((scenario) =>
    Object.entries(scenario.runs).map(([name, runs]) => {
      const ms = runs.map((r) => r.ms);
      const requests = median(runs.map((r) => r.requests));
      const rejected = median(runs.map((r) => r.rejected429));
      return [
        latency(scenario.latencyMs, q.scale),
        name,
        int(median(ms)),
        `${fixed(median(ms) / q.minimumMs)}${spread(ms.map((m) => m / q.minimumMs))}`,
        runs.map((r) => r.failures).join(", "),
        int(requests),
        int(rejected),
        percent(rejected / requests),
        int(Math.max(...runs.map((r) => r.maxInFlight))),
      ];
    }),
  );
  const firstFailures = q.scenarios.flatMap((scenario) =>
    Object.entries(scenario.runs).flatMap(([name, runs]) => (runs[0]?.firstFailure ? [`- ${name} at ${latency(scenario.latencyMs, q.scale)}: first failure seen by the caller: \`${runs[0].firstFailure}\``] : [])),
  );
  return [
    table(["latency", "client", "wall ms", "÷ minimum", "failures (per round)", "requests sent", "429s", "429s / requests", "most in flight"], rows),
    ...(firstFailures.length ? [``, ...firstFailures] : []),
  ].join("\n");
}

function shortWindowSection(q: QuotaResult, rounds: number): string {
  return [
    `### Quota-bound bulk job, short window: ${int(q.tasks)} tasks.get fired at once, ${int(q.quota.requests)} requests per sliding ${int(q.quota.windowMs)} ms`,
    ``,
    `The fake Asana enforces the quota as Asana does (a request counts on arrival, rejected ones too; 429 + Retry-After in whole seconds) and 50 GETs in flight;`,
    `each answer comes after the latency shown. ${minimumNote(q)} Medians over ${rounds} round(s).`,
    `A window this short exaggerates two costs that Asana's 60 s window makes small: waiting for the answer a window back costs latency ÷ window per window,`,
    `and Retry-After's whole seconds can overstate a learned window by up to a second.`,
    ``,
    quotaTable(q),
  ].join("\n");
}

function asanaWindowSection(q: QuotaResult): string {
  const perMinute = (q.quota.requests * 60_000) / (q.quota.windowMs * q.scale);
  return [
    `### Quota-bound bulk job, Asana's window: ${int(q.tasks)} tasks.get fired at once, ${int(q.quota.requests)} requests per ${int(q.quota.windowMs)} ms`,
    ``,
    `Asana's paid quota (${int(perMinute)} requests per 60 s, 50 GETs in flight) with time divided by ${q.scale}: the ratios of in-flight cap to quota and of latency`,
    `to window are the real API's. Latencies are the real ones; the fake answers after latency ÷ ${q.scale}, and gives Retry-After in units of 1 s ÷ ${q.scale}`,
    `(Asana's whole seconds, scaled). ${minimumNote(q)}`,
    ``,
    quotaTable(q),
  ].join("\n");
}

function sharedSection(s: QuotaSharedResult): string {
  const rows = s.runs.map((run) => [
    String(run.processes),
    latency(run.latencyMs, s.scale),
    SETUP_NAMES[run.setup].replace("1/P", `1/${run.processes}`),
    int(run.ms),
    fixed(run.ms / s.minimumMs),
    String(run.failures),
    int(run.requests),
    int(run.rejected429),
    percent(share429(run)),
    int(run.maxInFlight),
    run.setup.startsWith("store") ? String(run.warnings) : "",
  ]);
  return [
    `### Several processes, one token: ${int(s.tasks)} tasks.get split between P processes, fired at the same moment`,
    ``,
    `One fake Asana on loopback holds the token's quota: ${int(s.quota.requests)} requests per sliding ${int(s.quota.windowMs)} ms, rejected requests counting too,`,
    `and 50 GETs in flight${s.scale === 1 ? "" : ` (Asana's paid quota with time ÷ ${s.scale}, latency and Retry-After included)`}.`,
    `Each process is its own Node process with one client; with the store they share one redis-server (half through ioredis, half through`,
    `node-redis). ${minimumNote(s)}`,
    ``,
    table(["processes", "latency", "setup", "wall ms", "÷ minimum", "failures", "requests sent", "429s", "429s / requests", "most in flight", "store warnings"], rows),
    ``,
    `A store warning means a process found Redis failing (here: no answer within the store's timeout on a starved machine) and went on under its own limiter.`,
  ].join("\n");
}

function storeCostSection(c: QuotaStoreResult): string {
  const memory = (concurrency: number) => c.rows.find((r) => r.concurrency === concurrency && r.roundTripsPerRequest === undefined)?.usPerRequest;
  const rows = c.rows.map((r) => [
    r.limiter,
    String(r.concurrency),
    fixed(r.usPerRequest, r.usPerRequest < 10 ? 2 : 0),
    r.roundTripsPerRequest === undefined ? "0" : fixed(r.roundTripsPerRequest, 2),
    r.roundTripsPerRequest === undefined ? "" : `+${fixed(r.usPerRequest - (memory(r.concurrency) ?? 0), 0)} µs`,
  ]);
  return [
    `### What the Redis store costs per request (redis-server on loopback)`,
    ``,
    `${int(c.iterations)} requests through the limiter alone (acquire, release, observe a 200), one at a time and several at once, with no cap or budget in the way.`,
    `Round trips are Redis's own count of script calls (INFO commandstats). Each request costs one admission (awaited) and one release (sent, not awaited);`,
    `requests that queue together are admitted in one round trip.`,
    ``,
    table(["limiter", "in flight", "µs per request", "Redis round trips per request", "beside in-memory"], rows),
  ].join("\n");
}

export function quotaSections(r: Results, rounds: (name: string) => number): Record<string, string> {
  const out: Record<string, string> = {};
  if (r.quota) out.quota = shortWindowSection(r.quota, rounds("quota"));
  if (r["quota-60s"]) out["quota-60s"] = asanaWindowSection(r["quota-60s"]);
  if (r["quota-shared"]) out["quota-shared"] = sharedSection(r["quota-shared"]);
  if (r["quota-store"]) out["quota-store"] = storeCostSection(r["quota-store"]);
  return out;
}

/** Worst case over runs: ratio to the minimum, failures, share of 429s; with what missed. */
function worst(runs: QuotaRun[], minimumMs: number, goal: { ratio: number; share: number }) {
  const ratio = Math.max(...runs.map((run) => run.ms / minimumMs));
  const failures = runs.reduce((n, run) => n + run.failures, 0);
  const share = Math.max(...runs.map(share429));
  const misses = [
    ratio > goal.ratio ? `${fixed(ratio)}× the minimum` : "",
    failures > 0 ? `${failures} failures` : "",
    share >= goal.share && !(goal.share === 0 && share === 0) ? `${percent(share)} of requests got a 429` : "",
  ].filter(Boolean);
  return { measured: `worst ${fixed(ratio)}×, ${failures} failures, ${percent(share)} 429s`, misses };
}

function target(name: string, goal: string, result: ReturnType<typeof worst>, metWhy: string): Target {
  return { name, goal, measured: result.measured, met: result.misses.length === 0, why: result.misses.length === 0 ? metWhy : `Missed: ${result.misses.join(", ")}. See "Findings".` };
}

export function quotaTargets(r: Results): Target[] {
  const out: Target[] = [];
  const short = r.quota?.scenarios.find((s) => s.latencyMs === 0);
  if (r.quota && short) {
    for (const [name, runs] of Object.entries(short.runs)) {
      if (!name.startsWith("asana-fetch")) continue;
      out.push(target(`Quota-bound bulk job, 1 s window, no latency, ${name}`, "≤ 1.15× the minimum, 0 failures, 429s < 5 %", worst(runs, r.quota.minimumMs, { ratio: 1.15, share: 0.05 }), "Requests are spaced to the quota."));
    }
  }
  const asana = r["quota-60s"];
  if (asana) {
    const latencies = asana.scenarios.map((s) => s.latencyMs).join(", ");
    const runsOf = (name: string) => asana.scenarios.flatMap((s) => s.runs[name] ?? []);
    out.push(target(`One process, default options, Asana's window, latency ${latencies} ms`, "≤ 1.2× the minimum, 0 failures, 429s < 5 %", worst(runsOf("asana-fetch (default options)"), asana.minimumMs, { ratio: 1.2, share: 0.05 }), "The learned budget holds at every latency: only the first burst, before anything is known, is refused."));
    out.push(target(`One process, rateLimit declared, Asana's window, latency ${latencies} ms`, "≤ 1.1× the minimum, 0 failures, no 429", worst(runsOf("asana-fetch (rateLimit declared)"), asana.minimumMs, { ratio: 1.1, share: 0 }), "Requests are spaced to the quota."));
  }
  const shared = r["quota-shared"];
  if (shared) {
    for (const processes of [...new Set(shared.runs.map((run) => run.processes))]) {
      const runs = shared.runs.filter((run) => run.processes === processes && run.setup === "store");
      if (runs.length === 0) continue;
      const latencies = runs.map((run) => run.latencyMs).join(" and ");
      const window = `${int(shared.quota.requests)} per ${int(shared.quota.windowMs / 1000)} s`;
      out.push(target(`${processes} processes, one token, Redis store, ${latencies} ms, ${window}`, "≤ 1.2× the minimum, 0 failures, 429s < 5 %", worst(runs, shared.minimumMs, { ratio: 1.2, share: 0.05 }), "One budget, one set of caps and one pause for all processes."));
    }
  }
  return out;
}

/**
 * Bulk work bound by Asana's quota: N tasks.get fired at once (Promise.allSettled) against the fake
 * Asana with a sliding-window quota of B requests per W ms and Asana's in-flight caps. The fake counts
 * rejected requests against the window, as Asana does, so a client that hammers pays for it.
 *
 * Theoretical minimum: in any window of W ms at most B requests may arrive, so request k (0-based) can
 * arrive no earlier than floor(k / B)·W after the first; N requests need at least floor((N−1)/B)·W.
 */
import { createAsanaClient } from "../../src/index.ts";
import { createFakeAsanaServer } from "../../src/testing/node.ts";
import { official } from "./clients.ts";
import { roundOrder, sleep, TOKEN } from "./common.ts";

export interface QuotaBenchOptions {
  rounds: number;
  tasks: number;
  requests: number;
  windowMs: number;
}

export interface QuotaRun {
  ms: number;
  failures: number;
  /** Requests the fake received, retries included. */
  requests: number;
  rejected429: number;
  firstFailure?: string;
}

export interface QuotaResult {
  minimumMs: number;
  tasks: number;
  quota: { requests: number; windowMs: number };
  /** contender → one run per round */
  runs: Record<string, QuotaRun[]>;
}

interface Contender {
  name: string;
  make(baseUrl: string): (gid: string) => Promise<unknown>;
}

export const minimumMs = (n: number, requests: number, windowMs: number): number => Math.floor((n - 1) / requests) * windowMs;

async function once(contender: Contender, options: QuotaBenchOptions): Promise<QuotaRun> {
  const server = createFakeAsanaServer({ token: TOKEN, quota: { requests: options.requests, windowMs: options.windowMs } });
  try {
    const { fake } = server;
    const workspace = fake.seed.workspace();
    const project = fake.seed.project({ workspace: workspace.gid });
    const gids = fake.seed.tasks(options.tasks, { projects: [project.gid] });
    const get = contender.make(await server.listen());
    const start = performance.now();
    const results = await Promise.allSettled(gids.map((gid) => get(gid)));
    const ms = performance.now() - start;
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    const reason = failed[0]?.reason as { status?: number; message?: string } | undefined;
    return {
      ms,
      failures: failed.length,
      requests: fake.stats.total,
      rejected429: fake.stats.rejected429,
      ...(reason ? { firstFailure: `${reason.status ?? ""} ${String(reason.message ?? reason).slice(0, 80)}`.trim() } : {}),
    };
  } finally {
    await server.close();
  }
}

export async function runQuota(options: QuotaBenchOptions): Promise<QuotaResult> {
  const contenders: Contender[] = [
    { name: "asana-fetch (default options)", make: (baseUrl) => {
      const asana = createAsanaClient({ token: TOKEN, baseUrl });
      return (gid) => asana.tasks.get(gid);
    } },
    { name: "asana-fetch (rateLimit declared)", make: (baseUrl) => {
      const asana = createAsanaClient({ token: TOKEN, baseUrl, rateLimit: { requests: options.requests, windowMs: options.windowMs } });
      return (gid) => asana.tasks.get(gid);
    } },
    { name: "official asana", make: (baseUrl) => {
      const client = official(baseUrl);
      return (gid) => client.get(gid);
    } },
  ];
  const runs: Record<string, QuotaRun[]> = Object.fromEntries(contenders.map((c) => [c.name, []]));
  for (let round = 0; round < options.rounds; round++) {
    for (const c of roundOrder(contenders, round)) {
      runs[c.name]!.push(await once(c, options));
      await sleep(50);
    }
  }
  return {
    minimumMs: minimumMs(options.tasks, options.requests, options.windowMs),
    tasks: options.tasks,
    quota: { requests: options.requests, windowMs: options.windowMs },
    runs,
  };
}

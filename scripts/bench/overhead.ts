/**
 * Client CPU per call, without a network: every client gets a fetch that answers a prebuilt body at
 * once (a fresh Response each time, as a body can be read once). What is left is the client's own
 * work: building the Request, auth, the limiter, timeouts, parsing, unwrapping.
 */
import createClient from "openapi-fetch";
import type { paths } from "../../generated/index.ts";
import { createAsanaClient, type AsanaClientOptions } from "./built.ts";
import { openapiFetch, type FetchLike } from "./clients.ts";
import { ABLATIONS, CASES } from "./cases.ts";
import { AUTH, BIG_PROJECT, compactTask, encodeOffset, gc, roundOrder, taskGid, taskRecord, TOKEN } from "./common.ts";

export interface OverheadOptions {
  rounds: number;
  /** Also time tasks.get with features switched off, to say what each costs. */
  ablations: boolean;
  /** Calls per case per round. */
  iterations: number;
}

export interface OverheadResult {
  /** case → µs per call (wall clock), per round */
  us: Record<string, number[]>;
  /** case → µs of process CPU time per call, per round */
  cpu: Record<string, number[]>;
  iterations: number;
}

export { ABLATIONS, CASES };

const ABLATION_OPTIONS: Record<string, Partial<AsanaClientOptions>> = {
  [ABLATIONS.noTimeout]: { timeoutMs: Infinity },
  [ABLATIONS.noLimiter]: { concurrency: false, rateLimit: false },
  [ABLATIONS.noRetry]: { retry: false },
  [ABLATIONS.bare]: { timeoutMs: Infinity, concurrency: false, rateLimit: false, retry: false },
};

const BASE = "https://app.asana.com/api/1.0";
const HEADERS = { "content-type": "application/json; charset=UTF-8" };

function stub(body: string): FetchLike {
  return async () => new Response(body, { status: 200, headers: HEADERS });
}

const taskBody = JSON.stringify({ data: taskRecord(taskGid(1)) });
const nextOffset = encodeOffset(100);
const pageBody = JSON.stringify({
  data: Array.from({ length: 100 }, (_, i) => compactTask(i)),
  // Not the last page: the paginator must stop on maxItems, not on next_page.
  next_page: { offset: nextOffset, path: `/projects/${BIG_PROJECT}/tasks?limit=100&offset=${nextOffset}`, uri: `${BASE}/projects/${BIG_PROJECT}/tasks?limit=100&offset=${nextOffset}` },
});

export interface Case {
  name: string;
  call(): Promise<unknown>;
}

export function overheadCases(withAblations = false): Case[] {
  const gid = taskGid(1);
  const floorFetch = stub(taskBody);
  const bareTask = openapiFetch(BASE, stub(taskBody));
  const facadeTask = createAsanaClient({ token: TOKEN, baseUrl: BASE, fetch: stub(taskBody) });
  const globalStub = stub(taskBody) as typeof globalThis.fetch;
  const facadeGlobal = createAsanaClient({ token: TOKEN, baseUrl: BASE });
  const barePage = createClient<paths>({ baseUrl: BASE, headers: { Authorization: AUTH }, fetch: stub(pageBody) });
  const facadePage = createAsanaClient({ token: TOKEN, baseUrl: BASE, fetch: stub(pageBody) });
  const ablations = Object.entries(ABLATION_OPTIONS).map(([name, options]): Case => {
    const client = createAsanaClient({ token: TOKEN, baseUrl: BASE, fetch: stub(taskBody), ...options });
    return { name, call: () => client.tasks.get(gid) };
  });
  return [
    {
      name: CASES.floor,
      call: async () => (await floorFetch(new Request(`${BASE}/tasks/${gid}`, { headers: { Authorization: AUTH } }))).json(),
    },
    { name: CASES.bareGet, call: () => bareTask.get(gid) },
    { name: CASES.facadeGet, call: () => facadeTask.tasks.get(gid) },
    {
      name: CASES.facadeGetGlobal,
      call: async () => {
        const real = globalThis.fetch;
        globalThis.fetch = globalStub;
        try {
          return await facadeGlobal.tasks.get(gid);
        } finally {
          globalThis.fetch = real;
        }
      },
    },
    {
      name: CASES.barePage,
      call: async () => {
        const { data, error } = await barePage.GET("/projects/{project_gid}/tasks", {
          params: { path: { project_gid: BIG_PROJECT }, query: { limit: 100 } },
        });
        if (error !== undefined || data === undefined) throw new Error("page failed");
        return data.data;
      },
    },
    { name: CASES.facadePage, call: () => facadePage.tasks.forProject(BIG_PROJECT, { limit: 100, maxItems: 100 }).toArray() },
    {
      name: CASES.facadeItems,
      call: async () => {
        let n = 0;
        for await (const task of facadePage.tasks.forProject(BIG_PROJECT, { limit: 100, maxItems: 100 })) n += task.gid.length;
        return n;
      },
    },
    ...(withAblations ? ablations : []),
  ];
}

/** µs per call: wall clock and this process's CPU time (less moved by other processes on the machine). */
async function timeBatch(call: () => Promise<unknown>, iterations: number): Promise<{ wall: number; cpu: number }> {
  const cpu0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) await call();
  const wall = Number(process.hrtime.bigint() - start) / 1000 / iterations;
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpu: (cpu.user + cpu.system) / iterations };
}

export async function runOverhead(options: OverheadOptions): Promise<OverheadResult> {
  const cases = overheadCases(options.ablations);
  const us: Record<string, number[]> = Object.fromEntries(cases.map((c) => [c.name, []]));
  const cpu: Record<string, number[]> = Object.fromEntries(cases.map((c) => [c.name, []]));
  // Warm-up until the JIT has settled: the same work as two rounds, not measured.
  for (let i = 0; i < 2; i++) for (const c of cases) await timeBatch(c.call, options.iterations);
  for (let round = 0; round < options.rounds; round++) {
    for (const c of roundOrder(cases, round)) {
      gc();
      const t = await timeBatch(c.call, options.iterations);
      us[c.name]!.push(t.wall);
      cpu[c.name]!.push(t.cpu);
    }
  }
  return { us, cpu, iterations: options.iterations };
}

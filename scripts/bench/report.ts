/** Turns the sections' raw results into Markdown tables and the list of targets, met or missed. */
import type { BundleRow } from "./bundle.ts";
import { median, medianRatio } from "./common.ts";
import { ABLATIONS, CASES } from "./cases.ts";
import type { InstructionsResult } from "./instructions.ts";
import type { OverheadResult } from "./overhead.ts";
import type { PaginateResult } from "./paginate.ts";
import type { PrefetchResult } from "./prefetch.ts";
import type { QuotaResult } from "./quota.ts";
import type { QuotaSharedResult } from "./quota-shared.ts";
import type { QuotaStoreResult } from "./quota-store.ts";
import { quotaSections, quotaTargets } from "./report-quota.ts";
import type { ThroughputResult } from "./throughput.ts";
import { diffs, fixed, int, kb, mb, ratios, signedKb, spread, table } from "./format.ts";

export interface Machine {
  cpu: string;
  cores: number;
  node: string;
  os: string;
  date: string;
  loadBefore: number[];
  loadAfter?: number[];
}

export interface Results {
  mode: "full" | "quick";
  machine: Machine;
  options: Record<string, unknown>;
  throughput?: ThroughputResult;
  overhead?: OverheadResult;
  instructions?: InstructionsResult;
  paginate?: PaginateResult;
  quota?: QuotaResult;
  "quota-60s"?: QuotaResult;
  "quota-shared"?: QuotaSharedResult;
  "quota-store"?: QuotaStoreResult;
  prefetch?: PrefetchResult;
  bundle?: BundleRow[];
  errors: Record<string, string>;
}

export interface Target {
  name: string;
  goal: string;
  measured: string;
  met: boolean | undefined;
  why: string;
}

// ---- sections ---------------------------------------------------------------------------------

function throughputSection(t: ThroughputResult, rounds: number): string {
  const concurrencies = Object.keys(Object.values(t.rps)[0] ?? {});
  const rows = Object.entries(t.rps).map(([name, byC]) => [
    name,
    ...concurrencies.map((c) => `${int(median(byC[c]!))}${spread(byC[c]!, 0)}`),
    int(t.connections[name] ?? 0),
    String(t.errors[name] ?? 0),
  ]);
  const ratioRows: [string, string, string][] = [
    ["raw fetch #2 / raw fetch (noise control, should be ~1.00)", "raw fetch #2", "raw fetch"],
    ["asana-fetch / openapi-fetch", "asana-fetch", "openapi-fetch"],
    ["asana-fetch / official asana", "asana-fetch", "official asana"],
    ["asana-fetch / official with a keep-alive agent", "asana-fetch", "official (keep-alive agent)"],
    ["openapi-fetch / raw fetch", "openapi-fetch", "raw fetch"],
    ["asana-fetch / raw fetch", "asana-fetch", "raw fetch"],
  ];
  const ratioTable = table(
    ["ratio (median of per-round ratios, min–max)", ...concurrencies.map((c) => `c=${c}`)],
    ratioRows
      .filter(([, a, b]) => t.rps[a] && t.rps[b])
      .map(([label, a, b]) => [label, ...concurrencies.map((c) => {
        const r = ratios(t.rps[a]![c]!, t.rps[b]![c]!);
        return `${fixed(median(r))}${spread(r)}`;
      })]),
  );
  return [
    `### Throughput: single GET /tasks/{gid} (~1.1 KB body) over loopback`,
    ``,
    `Median req/s over ${rounds} rounds (min–max in brackets); each client runs the same time slice per round, in a rotating order.`,
    ``,
    table(["client", ...concurrencies.map((c) => `c=${c} req/s`), "TCP connections opened", "errors"], rows),
    ``,
    ratioTable,
  ].join("\n");
}

function overheadSection(o: OverheadResult): string {
  const rows = Object.entries(o.us).map(([name, us]) => [name, fixed(median(us)), spread(us, 1).trim(), fixed(median(o.cpu[name] ?? []))]);
  const get = diffs(o.us[CASES.facadeGet]!, o.us[CASES.bareGet]!);
  const page = diffs(o.us[CASES.facadePage]!, o.us[CASES.barePage]!);
  const items = o.us[CASES.facadeItems] ? diffs(o.us[CASES.facadeItems]!, o.us[CASES.facadePage]!) : undefined;
  const lines = [
    `### Client CPU per call (stub fetch, no network)`,
    ``,
    `${int(o.iterations)} sequential calls per case per round; µs per call, median over rounds (wall clock; process CPU time,`,
    `which also counts GC and other helper threads, beside it). Every case pays for the stub's \`new Response\`.`,
    ``,
    table(["case", "µs/call", "min–max", "CPU µs/call"], rows),
    ``,
    table(
      ["difference (median of per-round differences)", "µs/call"],
      [
        ["asana-fetch tasks.get − openapi-fetch GET", `${fixed(median(get))}${spread(get, 1)}`],
        ["asana-fetch one page − openapi-fetch one page", `${fixed(median(page))}${spread(page, 1)}`],
        ...(items ? [["for await over its 100 items − toArray() of the page (item iteration)", `${fixed(median(items))}${spread(items, 1)}`]] : []),
      ],
    ),
  ];
  const ablations = Object.values(ABLATIONS).filter((name) => o.us[name]);
  if (ablations.length > 0) {
    lines.push(
      ``,
      `What each feature costs: tasks.get with it switched off (positive = the feature's cost per call).`,
      ``,
      table(
        ["tasks.get variant", "µs/call", "saves vs default (median of per-round differences)"],
        ablations.map((name) => {
          const saved = diffs(o.us[CASES.facadeGet]!, o.us[name]!);
          return [name, fixed(median(o.us[name]!)), `${fixed(median(saved))}${spread(saved, 1)}`];
        }),
      ),
    );
  }
  return lines.join("\n");
}

function paginateSection(p: PaginateResult, rounds: number): string {
  const raw = p.ms["raw fetch"]!;
  const rows = Object.entries(p.ms).map(([name, ms]) => {
    const h = p.heap[name]!;
    const r = ratios(ms, raw);
    return [name, int(median(ms)), `${fixed(median(r))}${spread(r)}`, mb(h.start), mb(h.max), mb(h.end), signedKb(h.max - h.start)];
  });
  return [
    `### Pagination: ${int(p.items)} tasks over ${p.pages} pages (limit=100) from the loopback server`,
    ``,
    `Wall time: median of ${rounds} rounds. Heap: \`gc(); process.memoryUsage().heapUsed\` before the walk, every few pages during it, and after.`,
    ``,
    table(["client", "ms per walk", "÷ raw fetch", "heap start", "heap max", "heap end", "max − start"], rows),
  ].join("\n");
}

function instructionsSection(i: InstructionsResult): string {
  const bare = i.perCall[CASES.bareGet];
  const rows = Object.entries(i.perCall).map(([name, n]) => [name, fixed(n / 1000, 1), bare ? `${fixed(n / bare)}×` : ""]);
  return [
    `### Instructions per call (callgrind, stub fetch)`,
    ``,
    i.skipped
      ? `Not measured: ${i.skipped}.`
      : [
          `Instructions per call counted by valgrind's callgrind (the difference between runs of 9,000 and 1,000 calls`,
          `after the same warm-up, divided by 8,000; V8 in predictable mode): the same on a busy machine, where time is not.`,
          ``,
          table(["case", "k instructions/call", "÷ openapi-fetch GET"], rows),
        ].join("\n"),
  ].join("\n");
}

function bundleSection(rows: BundleRow[]): string {
  return [
    `### Bundle size (esbuild --minify, then gzip -9)`,
    ``,
    table(
      ["entry", "platform", "minified", "gzipped"],
      rows.map((r) => [r.name, r.platform, r.minified === undefined ? `failed: ${r.error}` : kb(r.minified), r.gzipped === undefined ? "" : kb(r.gzipped)]),
    ),
  ].join("\n");
}

function prefetchSection(p: PrefetchResult): string {
  const speedup = ratios(p.ms.none!, p.ms.prefetch!);
  return [
    `### Page prefetch: ${p.pages} pages, ${p.latencyMs} ms server latency and ${p.consumerMs} ms of consumer work per page`,
    ``,
    table(
      ["mode", "ms per walk (median)", "ms per page"],
      [
        ["no prefetch", int(median(p.ms.none!)), fixed(median(p.ms.none!) / p.pages, 1)],
        ["prefetch: true", int(median(p.ms.prefetch!)), fixed(median(p.ms.prefetch!) / p.pages, 1)],
      ],
    ),
    ``,
    `Speed-up (median of per-round ratios): **${fixed(median(speedup))}×**${spread(speedup)}; the ideal is (latency + work) / max(latency, work) = ${fixed((p.latencyMs + p.consumerMs) / Math.max(p.latencyMs, p.consumerMs))}×.`,
  ].join("\n");
}

// ---- targets ----------------------------------------------------------------------------------

export function targets(r: Results): Target[] {
  const out: Target[] = [];
  const t = r.throughput;
  const o = r.overhead;
  const overheadGet = o ? median(diffs(o.us[CASES.facadeGet]!, o.us[CASES.bareGet]!)) : undefined;

  if (t && t.rps["asana-fetch"]?.["16"]) {
    const noise = medianRatio(t.rps["raw fetch #2"]!["16"]!, t.rps["raw fetch"]!["16"]!);
    for (const c of ["16", "1"].filter((c) => t.rps["asana-fetch"]![c])) {
      const vsBare = ratios(t.rps["asana-fetch"]![c]!, t.rps["openapi-fetch"]![c]!);
      const met = median(vsBare) >= 0.95;
      out.push({
        name: `Throughput at c=${c} vs bare openapi-fetch`,
        goal: "≥ 0.95×",
        measured: `${fixed(median(vsBare))}×${spread(vsBare)}`,
        met,
        why:
          `median of per-round ratios; noise control raw #2 / raw at c=16 = ${fixed(noise)}. ` +
          (met
            ? "The facade's extra per-call CPU is small next to a loopback round trip."
            : `${c === "1" ? "One request at a time, the facade's extra CPU per call" : "At c=16 the client process is CPU-bound (the server shares the cores), so the facade's extra CPU per call"} (${overheadGet === undefined ? "see the overhead table" : `${fixed(overheadGet, 1)} µs above openapi-fetch with a stub fetch`}) is a share of every round trip on loopback; see "Findings".`),
      });
    }
    const vsOfficial = ratios(t.rps["asana-fetch"]!["16"]!, t.rps["official asana"]!["16"]!);
    const officialConnections = t.connections["official asana"] ?? 0;
    out.push({
      name: "Throughput at c=16 vs the official client",
      goal: "≥ 1.10×",
      measured: `${fixed(median(vsOfficial))}×${spread(vsOfficial)}`,
      met: median(vsOfficial) >= 1.1,
      why: `median of per-round ratios. The official client (superagent, \`agent: false\`) opened ${int(officialConnections)} TCP connections in the measured slices, one per request; asana-fetch reuses undici's keep-alive pool (${int(t.connections["asana-fetch"] ?? 0)}).`,
    });
  }
  if (o) {
    const cpu = diffs(o.cpu[CASES.facadeGet]!, o.cpu[CASES.bareGet]!);
    const wall = diffs(o.us[CASES.facadeGet]!, o.us[CASES.bareGet]!);
    const met = median(cpu) <= 10;
    const costs = Object.values(ABLATIONS)
      .filter((name) => o.us[name])
      .map((name) => `${name.replace(/^tasks\.get, /, "")}: saves ${fixed(median(diffs(o.us[CASES.facadeGet]!, o.us[name]!)), 1)} µs`);
    out.push({
      name: "CPU per call over a stub fetch (tasks.get − openapi-fetch GET)",
      goal: "≤ 10 µs",
      measured: `${fixed(median(cpu), 1)} µs CPU${spread(cpu, 1)}; wall ${fixed(median(wall), 1)} µs`,
      met,
      why: `median of per-round differences of process CPU time (wall clock beside it). Switching features off (wall): ${costs.join("; ") || "not measured (quick mode)"}. See "Findings" for where the rest goes, line by line.`,
    });
  }
  const i = r.instructions;
  if (i && !i.skipped && i.perCall[CASES.bareGet] && i.perCall[CASES.facadeGet]) {
    const bare = i.perCall[CASES.bareGet]!;
    const custom = i.perCall[CASES.facadeGet]! / bare;
    const global = i.perCall[CASES.facadeGetGlobal] === undefined ? undefined : i.perCall[CASES.facadeGetGlobal]! / bare;
    out.push({
      name: "Instructions per tasks.get (callgrind) ÷ openapi-fetch's GET",
      goal: "≤ 1.2×",
      measured: `${fixed(custom)}× (custom fetch)${global === undefined ? "" : `, ${fixed(global)}× (global fetch)`}`,
      met: custom <= 1.2,
      why: `${fixed(i.perCall[CASES.facadeGet]! / 1000, 1)} k against ${fixed(bare / 1000, 1)} k instructions per call. With a custom fetch, undici makes the Request follow the call's timeout signal; with the global fetch the signal rides in fetch's init. See "Findings".`,
    });
  }
  if (r.paginate) {
    const ms = r.paginate.ms;
    if (ms["asana-fetch"] && ms["raw fetch"]) {
      const vsRaw = ratios(ms["asana-fetch"]!, ms["raw fetch"]!);
      const bare = ms["openapi-fetch"] ? ` (openapi-fetch: ${fixed(median(ratios(ms["openapi-fetch"]!, ms["raw fetch"]!)))}×)` : "";
      out.push({
        name: `${int(r.paginate.items)} tasks over ${r.paginate.pages} pages, time ÷ raw fetch`,
        goal: "≤ 1.10×",
        measured: `${fixed(median(vsRaw))}×${spread(vsRaw)}`,
        met: median(vsRaw) <= 1.1,
        why: `median of per-round ratios${bare}; each page costs what one call costs plus parsing 100 tasks.`,
      });
    }
    const h = r.paginate.heap["asana-fetch"];
    if (h) {
      const growth = h.max - h.start;
      out.push({
        name: `Heap flat while iterating ${int(r.paginate.items)} tasks (asana-fetch)`,
        goal: "max − start ≤ 1 MB",
        measured: `${signedKb(growth)} (start ${mb(h.start)}, max ${mb(h.max)}, end ${mb(h.end)}; ${h.samples} samples)`,
        met: growth <= 1024 * 1024,
        why: growth <= 1024 * 1024 ? "Pages are dropped once consumed: nothing is buffered." : "The heap grows with the pages walked: something keeps pages or per-request state alive.",
      });
    }
  }
  const bundle = r.bundle?.find((row) => row.name.startsWith("asana-fetch") && row.platform === "browser");
  if (bundle?.gzipped !== undefined) {
    out.push({
      name: "Full client, minified + gzipped (browser bundle with every method)",
      goal: "≤ 8 KB",
      measured: kb(bundle.gzipped),
      met: bundle.gzipped <= 8 * 1024,
      why: "esbuild --minify + gzip -9, openapi-fetch included; `npm run size` prints what each file costs. See \"Findings\".",
    });
  }
  out.push(...quotaTargets(r));
  if (r.prefetch) {
    const speedup = median(ratios(r.prefetch.ms.none!, r.prefetch.ms.prefetch!));
    out.push({
      name: "Page prefetch speed-up (20 ms latency, 20 ms work per page)",
      goal: "≥ 1.6×",
      measured: `${fixed(speedup)}×`,
      met: speedup >= 1.6,
      why: speedup >= 1.6 ? "The next page's request overlaps the consumer's work." : "The next page's request does not overlap the consumer's work enough.",
    });
  }
  return out;
}

function targetsSection(list: Target[]): string {
  return [
    `### Targets`,
    ``,
    table(
      ["target", "goal", "measured", "", "why"],
      list.map((t) => [t.name, t.goal, t.measured, t.met === undefined ? "not measured" : t.met ? "**met**" : "**missed**", t.why]),
    ),
  ].join("\n");
}

// ---- the whole report -------------------------------------------------------------------------

export function sections(r: Results): Record<string, string> {
  const rounds = (name: string) => Number((r.options[name] as { rounds?: number } | undefined)?.rounds ?? 0);
  const out: Record<string, string> = {};
  if (r.throughput) out.throughput = throughputSection(r.throughput, rounds("throughput"));
  if (r.overhead) out.overhead = overheadSection(r.overhead);
  if (r.instructions) out.instructions = instructionsSection(r.instructions);
  if (r.paginate) out.paginate = paginateSection(r.paginate, rounds("paginate"));
  Object.assign(out, quotaSections(r, rounds));
  if (r.prefetch) out.prefetch = prefetchSection(r.prefetch);
  if (r.bundle) out.bundle = bundleSection(r.bundle);
  return out;
}

export function markdown(r: Results, findings: string | undefined): string {
  const m = r.machine;
  const body = Object.values(sections(r));
  const errors = Object.entries(r.errors).map(([name, error]) => `- **${name} crashed**:\n\n\`\`\`\n${error}\n\`\`\``);
  return [
    `# Benchmarks`,
    ``,
    `Generated by \`npm run bench${r.mode === "quick" ? " -- --quick" : ""}\` (scripts/bench/) on ${m.date}. Do not edit by hand: re-run it.`,
    ``,
    table(
      ["machine", ""],
      [
        ["CPU", m.cpu],
        ["cores", String(m.cores)],
        ["Node", m.node],
        ["OS", m.os],
        ["load average (1, 5, 15 min) before / after", `${m.loadBefore.map((l) => fixed(l)).join(", ")} / ${(m.loadAfter ?? []).map((l) => fixed(l)).join(", ")}`],
      ],
    ),
    ``,
    `## How to reproduce`,
    ``,
    "```sh",
    "npm run bench              # full run (about 15 minutes: the quota sections wait out real windows), rewrites BENCHMARKS.md",
    "npm run bench -- --quick   # CI smoke run (about a minute), prints only; add --out FILE to write",
    "npm run bench -- --only throughput,overhead   # some sections (quota, quota-60s, quota-shared, quota-store for the quota)",
    "npx tsx --expose-gc scripts/bench/profile.ts get 4   # where tasks.get's CPU goes (V8 sampling profiler)",
    "npx tsx scripts/bench/instructions.ts               # instructions per call under callgrind (slow)",
    "```",
    ``,
    `Method: the loopback server (scripts/bench/server.ts) runs in its own process; every section runs in a fresh`,
    `process with \`--expose-gc\`. Clients are interleaved within each round in a rotating order, and comparisons`,
    `are medians of per-round ratios (or differences), which hold to about ±5 % on a noisy machine where a single`,
    `batch can move 30 %. A second, identical raw-fetch client is a noise control: its ratio to the first should`,
    `be ~1.00. The benchmark never fails on numbers, only on crashes.`,
    ``,
    `## Targets`,
    ``,
    targetsSection(targets(r)).replace(/^### Targets\n\n/, ""),
    ``,
    `## Results`,
    ``,
    ...body.flatMap((s) => [s, ``]),
    ...(errors.length ? [`## Errors`, ``, ...errors, ``] : []),
    ...(findings ? [findings.trim(), ``] : []),
  ].join("\n");
}

export { targetsSection };

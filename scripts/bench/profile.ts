/**
 * Where a facade call's CPU goes: runs one stub-fetch case (no network) under V8's sampling profiler
 * and prints self and inclusive time by function and by file, so a cost can be pinned to src/.
 *
 *   npx tsx --expose-gc scripts/bench/profile.ts [get|page|bare] [seconds]
 */
import { Session } from "node:inspector/promises";
import { CASES, overheadCases } from "./overhead.ts";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const which = process.argv[2] ?? "get";
const seconds = Number(process.argv[3] ?? 3);
const caseName = { get: CASES.facadeGet, page: CASES.facadePage, bare: CASES.bareGet }[which];
if (!caseName) throw new Error("usage: profile.ts [get|page|bare] [seconds]");
const call = overheadCases().find((c) => c.name === caseName)!.call;

function where(node: ProfileNode): string {
  const { url, functionName, lineNumber } = node.callFrame;
  const file = url.replace(/^file:\/\/.*?\/(node_modules\/|work\/main\/)/, "").replace(/^node:/, "node:") || "(native)";
  return `${functionName || "(anonymous)"} ${file}${url ? `:${lineNumber + 1}` : ""}`;
}

function fileOf(node: ProfileNode): string {
  const { url } = node.callFrame;
  if (!url) return node.callFrame.functionName.startsWith("(") ? node.callFrame.functionName : "(native / V8 builtins)";
  if (url.includes("/src/")) return url.slice(url.indexOf("/src/") + 1);
  if (url.includes("/dist/")) return url.slice(url.indexOf("/dist/") + 1);
  if (url.includes("/node_modules/")) return url.slice(url.lastIndexOf("/node_modules/") + 14).split("/").slice(0, 1).join("/");
  if (url.includes("/scripts/bench/")) return "scripts/bench (the harness and stub)";
  return url.startsWith("node:") ? `node internals (${url.split("/")[0]})` : url;
}

async function main(): Promise<void> {
  for (let i = 0; i < 20_000; i++) await call(); // warm the JIT before sampling
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 50 });
  await session.post("Profiler.start");
  let calls = 0;
  const deadline = performance.now() + seconds * 1000;
  while (performance.now() < deadline) {
    for (let i = 0; i < 200; i++) await call();
    calls += 200;
  }
  const { profile } = (await session.post("Profiler.stop")) as { profile: Profile };
  session.disconnect();

  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const idleUs = [...selfUs].filter(([id]) => /^\((idle|program|garbage collector)\)$/.test(byId.get(id)!.callFrame.functionName));
  const perCall = (us: number) => (us / calls).toFixed(2);

  const selfByFn = new Map<string, number>();
  const selfByFile = new Map<string, number>();
  const inclByFn = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id)!;
    selfByFn.set(where(node), (selfByFn.get(where(node)) ?? 0) + us);
    selfByFile.set(fileOf(node), (selfByFile.get(fileOf(node)) ?? 0) + us);
    // Inclusive: credit every distinct src/ frame on the stack once.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!;
      // The package's own frames: dist/ (what the benchmarks run) or src/.
      if (!/\/(src|dist)\//.test(frame.callFrame.url)) continue;
      const key = where(frame);
      if (seen.has(key)) continue;
      seen.add(key);
      inclByFn.set(key, (inclByFn.get(key) ?? 0) + us);
    }
  }
  const top = (map: Map<string, number>, n: number) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n);
  console.log(`case: ${caseName}; ${calls} calls in ${seconds} s; ${perCall(totalUs)} µs sampled per call (GC ${perCall(idleUs.reduce((a, [, us]) => a + us, 0))} µs of it, in "(garbage collector)")`);
  console.log("\nself time by file (µs per call):");
  for (const [file, us] of top(selfByFile, 15)) console.log(`  ${perCall(us).padStart(7)}  ${file}`);
  console.log("\ninclusive time of src/ functions (µs per call):");
  for (const [fn, us] of top(inclByFn, 25)) console.log(`  ${perCall(us).padStart(7)}  ${fn}`);
  console.log("\nself time by function (µs per call):");
  for (const [fn, us] of top(selfByFn, 30)) console.log(`  ${perCall(us).padStart(7)}  ${fn}`);
}

await main();

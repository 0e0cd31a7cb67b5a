/**
 * A timeline of one quota-bound bulk job (see quota.ts): when asana-fetch let each request out, when
 * it arrived at the fake, and what came back, in 250 ms buckets. Shows where the time over the
 * theoretical minimum goes. A profiling aid, not part of `npm run bench`.
 *
 *   npx tsx scripts/bench/quota-trace.ts [default|declared|declared:WINDOW_MS] [tasks]
 *
 * `declared:1100` declares a longer window than the fake's (1,000 ms): a test of how much margin the
 * limiter's spacing needs.
 */
import { createAsanaClient } from "../../src/index.ts";
import { createFakeAsanaServer } from "../../src/testing/node.ts";
import { TOKEN } from "./common.ts";
import { minimumMs } from "./quota.ts";

const mode = process.argv[2] ?? "declared";
const tasks = Number(process.argv[3] ?? 600);
const QUOTA = { requests: 100, windowMs: 1000 };
const BUCKET_MS = 250;

interface Attempt {
  sent: number;
  answered: number;
  status: number;
  retryAfter: string | null;
}

const server = createFakeAsanaServer({ token: TOKEN, quota: QUOTA });
const { fake } = server;
const workspace = fake.seed.workspace();
const project = fake.seed.project({ workspace: workspace.gid });
const gids = fake.seed.tasks(tasks, { projects: [project.gid] });
const baseUrl = await server.listen();

const attempts: Attempt[] = [];
const asana = createAsanaClient({
  token: TOKEN,
  baseUrl,
  ...(mode.startsWith("declared") ? { rateLimit: { requests: QUOTA.requests, windowMs: Number(mode.split(":")[1] ?? QUOTA.windowMs) } } : {}),
  // Sees every attempt the transport lets out, retries included.
  fetch: async (request) => {
    const sent = performance.now();
    const response = await fetch(request);
    attempts.push({ sent, answered: performance.now(), status: response.status, retryAfter: response.headers.get("retry-after") });
    return response;
  },
});

const t0 = performance.now();
const wallStart = Date.now();
const results = await Promise.allSettled(gids.map((gid) => asana.tasks.get(gid)));
const wall = performance.now() - t0;
await server.close();

const rel = (t: number) => t - t0;
const buckets = new Map<number, { sent: number; arrived: number; ok: number; rejected: number }>();
const bucket = (ms: number) => {
  const key = Math.floor(ms / BUCKET_MS) * BUCKET_MS;
  let b = buckets.get(key);
  if (!b) buckets.set(key, (b = { sent: 0, arrived: 0, ok: 0, rejected: 0 }));
  return b;
};
for (const a of attempts) {
  bucket(rel(a.sent)).sent++;
  if (a.status === 429) bucket(rel(a.answered)).rejected++;
  else bucket(rel(a.answered)).ok++;
}
for (const r of fake.requests) bucket(r.at - wallStart).arrived++;

console.log(`${mode}: ${tasks} tasks.get, quota ${QUOTA.requests}/${QUOTA.windowMs} ms; wall ${wall.toFixed(0)} ms = ${(wall / minimumMs(tasks, QUOTA.requests, QUOTA.windowMs)).toFixed(2)}× the minimum`);
console.log(`attempts ${attempts.length}, 429s ${attempts.filter((a) => a.status === 429).length}, failures ${results.filter((r) => r.status === "rejected").length}`);
const retryAfters = attempts.filter((a) => a.status === 429).map((a) => a.retryAfter);
console.log(`Retry-After values: ${[...new Set(retryAfters)].map((v) => `${v} s ×${retryAfters.filter((x) => x === v).length}`).join(", ")}`);
console.log(`\n  from ms   sent  arrived   2xx  429`);
for (const [at, b] of [...buckets].sort((a, b) => a[0] - b[0])) {
  console.log(`  ${String(at).padStart(7)} ${String(b.sent).padStart(6)} ${String(b.arrived).padStart(8)} ${String(b.ok).padStart(5)} ${String(b.rejected).padStart(4)}`);
}
const first429 = attempts.filter((a) => a.status === 429).sort((a, b) => a.sent - b.sent).slice(0, 5);
console.log(`\nfirst 429s (sent → answered, ms from start): ${first429.map((a) => `${rel(a.sent).toFixed(0)}→${rel(a.answered).toFixed(0)}`).join(", ")}`);

/**
 * Size budget: what a browser or Worker user ships for a client that pages a list and waits for a job,
 * openapi-fetch included, bundled from the built package (dist/), minified and gzipped. The facade
 * is one object, so that is the whole client: all 27 Tasks methods, paginators, search, jobs.wait,
 * retries, the limiter and typed errors.
 * Reports the TARGET (8 KB) as met or missed, and fails above BUDGET, the regression guard: the
 * measured size plus 5 % (13,347 B on 2026-12-02, after the lean issue's three passes; the 12 KB
 * budget before it predated the hardening issue's 3.3 KB). Also prints what each part costs, so a
 * failure says where the bytes went; BENCHMARKS.md "Findings: Size" says what the bytes buy.
 *
 *   npm run build && npm run size
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build, transform } from "esbuild";

const TARGET = 8 * 1024;
const BUDGET = Math.floor(13_347 * 1.05);
const root = fileURLToPath(new URL("..", import.meta.url));

/** The measured use: a client, one paginated list and jobs.wait. */
const TYPICAL = `
import { createAsanaClient } from "asana-fetch";
const asana = createAsanaClient({ token: "t" });
for await (const task of asana.tasks.forProject("1", { limit: 50 })) console.log(task.gid);
console.log(await asana.jobs.wait("2", { intervalMs: 100 }));
`;

/** Subsets, smallest first, so the table shows what each step adds. */
const SUBSETS: [string, string][] = [
  ["openapi-fetch alone (createClient + GET)", `import createClient from "openapi-fetch"; console.log(await createClient({ baseUrl: "https://x" }).GET("/x"));`],
  ["createAsanaClient + tasks.get", `import { createAsanaClient } from "asana-fetch"; console.log(await createAsanaClient({ token: "t" }).tasks.get("1"));`],
  ["+ paginator (tasks.forProject)", `import { createAsanaClient } from "asana-fetch"; const a = createAsanaClient({ token: "t" }); for await (const t of a.tasks.forProject("1")) console.log(t);`],
  ["+ jobs.wait (the measured entry)", TYPICAL],
  ["everything exported from the root", `import * as all from "asana-fetch"; console.log(all);`],
];

interface Measure {
  minified: number;
  gzipped: number;
}

/** Bundles `source` against the built package, minified, and gzips it. */
async function measure(source: string): Promise<Measure> {
  const result = await build({
    stdin: { contents: source, resolveDir: root, sourcefile: "size-entry.ts", loader: "ts" },
    bundle: true,
    write: false,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    logLevel: "silent",
  });
  const code = result.outputFiles![0]!.contents;
  return { minified: code.byteLength, gzipped: gzipSync(code, { level: 9 }).byteLength };
}

/**
 * What each file costs: its minified bytes, and the gzipped bytes the bundle loses without it
 * (gzip is not additive, so the second column does not sum exactly to the total).
 * Bundled from src/ (the same code as dist/, still split per file), with identifiers and syntax
 * minified but whitespace kept, so esbuild's `// path` comments mark where each file starts.
 */
async function costPerFile(source: string): Promise<{ file: string; minified: number; gzipped: number }[]> {
  const result = await build({
    stdin: { contents: source, resolveDir: root, sourcefile: "size-entry.ts", loader: "ts" },
    alias: { "asana-fetch": `${root}src/index.ts` },
    bundle: true,
    write: false,
    minifySyntax: true,
    minifyIdentifiers: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    logLevel: "silent",
  });
  const parts = result.outputFiles![0]!.text.split(/^\/\/ (\S+)\n/m).slice(1);
  const segments: { file: string; code: string }[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const { code } = await transform(parts[i + 1]!, { minifyWhitespace: true, format: "esm", loader: "js", target: "es2022" });
    segments.push({ file: parts[i]!.replace(/^.*node_modules\//, ""), code });
  }
  const gz = (codes: string[]) => gzipSync(codes.join(""), { level: 9 }).byteLength;
  const all = gz(segments.map((s) => s.code));
  return segments
    .map(({ file, code }, i) => ({
      file,
      minified: Buffer.byteLength(code),
      gzipped: all - gz(segments.filter((_, j) => j !== i).map((s) => s.code)),
    }))
    .sort((a, b) => b.gzipped - a.gzipped);
}

async function main(): Promise<void> {
  if (!existsSync(new URL("../dist/index.js", import.meta.url))) {
    console.error("size: dist/index.js is missing; run `npm run build` first.");
    process.exit(1);
  }

  console.log("what each part costs (gzipped bytes are for the whole bundle):");
  for (const [label, source] of SUBSETS) {
    const m = await measure(source);
    console.log(`  ${label.padEnd(42)} ${String(m.minified).padStart(6)} B min  ${String(m.gzipped).padStart(5)} B gz`);
  }

  const typical = await measure(TYPICAL);
  console.log("\nwhat each file of the measured bundle costs:");
  console.log(`  ${"min B".padStart(6)}  ${"gz B".padStart(5)}  file (gz: what the bundle loses without it)`);
  for (const { file, minified, gzipped } of await costPerFile(TYPICAL)) {
    console.log(`  ${String(minified).padStart(6)}  ${String(gzipped).padStart(5)}  ${file}`);
  }

  const ok = typical.gzipped <= BUDGET;
  const met = typical.gzipped <= TARGET;
  console.log(`\ntarget ${TARGET} B: ${met ? "met" : `missed by ${typical.gzipped - TARGET} B`}`);
  console.log(
    `${ok ? "PASS" : "FAIL"} size: ${typical.gzipped} B gzipped (${typical.minified} B minified), budget ${BUDGET} B`,
  );
  if (!ok) process.exit(1);
}

await main();

/**
 * What each client costs a browser or Worker bundle: esbuild, minified, then gzip -9. asana-fetch is
 * bundled from src/ (what a bundler sees through the package's exports), openapi-fetch included.
 */
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build, type Platform } from "esbuild";

export interface BundleRow {
  name: string;
  platform: string;
  minified?: number;
  gzipped?: number;
  error?: string;
}

const root = fileURLToPath(new URL("../..", import.meta.url));

const ENTRIES: { name: string; platforms: Platform[]; format: "esm" | "cjs"; source: string }[] = [
  {
    name: "asana-fetch: createAsanaClient + forProject paginator + jobs.wait",
    platforms: ["neutral", "browser"],
    format: "esm",
    source: `import { createAsanaClient } from "asana-fetch";
const asana = createAsanaClient({ token: "t" });
for await (const task of asana.tasks.forProject("1", { limit: 50 })) console.log(task.gid);
console.log(await asana.jobs.wait("2"));`,
  },
  {
    name: "openapi-fetch alone: createClient + GET",
    platforms: ["neutral", "browser"],
    format: "esm",
    source: `import createClient from "openapi-fetch";
console.log(await createClient({ baseUrl: "https://app.asana.com/api/1.0" }).GET("/tasks/{task_gid}", { params: { path: { task_gid: "1" } } }));`,
  },
  {
    name: "official asana 3.2.0: ApiClient + TasksApi.getTask",
    // Not bundleable for "neutral" (needs Node's util, fs, events); "browser" uses superagent's browser build.
    platforms: ["browser", "node"],
    format: "cjs",
    source: `const Asana = require("asana");
const client = Asana.ApiClient.instance;
client.authentications.token.accessToken = "t";
new Asana.TasksApi().getTask("1", {}).then(console.log);`,
  },
];

async function measure(source: string, platform: Platform, format: "esm" | "cjs"): Promise<{ minified: number; gzipped: number }> {
  const result = await build({
    alias: { "asana-fetch": `${root}/src/index.ts` },
    stdin: { contents: source, resolveDir: root, sourcefile: "entry.ts", loader: "ts" },
    bundle: true,
    write: false,
    minify: true,
    format,
    platform,
    target: "es2022",
    // "neutral" picks no package.json main field by default; the exports map is what matters.
    ...(platform === "neutral" ? { mainFields: ["module", "main"] } : {}),
    logLevel: "silent",
  });
  const code = result.outputFiles[0]!.contents;
  return { minified: code.byteLength, gzipped: gzipSync(code, { level: 9 }).byteLength };
}

export async function runBundle(): Promise<BundleRow[]> {
  const rows: BundleRow[] = [];
  for (const entry of ENTRIES) {
    for (const platform of entry.platforms) {
      try {
        rows.push({ name: entry.name, platform, ...(await measure(entry.source, platform, entry.format)) });
      } catch (error) {
        const errors = (error as { errors?: { text: string }[] }).errors;
        rows.push({ name: entry.name, platform, error: errors?.map((e) => e.text).slice(0, 3).join("; ") ?? String(error) });
      }
    }
  }
  return rows;
}

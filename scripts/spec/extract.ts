/**
 * Writes openapi/upstream/: each spec's operations of Asana's official OpenAPI spec and every
 * component they reference, unmodified, plus SOURCE.md saying where they came from.
 *
 *   npm run spec:extract -- <path or http(s) URL of asana_oas.yaml>
 *   --out DIR     another folder (the tests use it)
 *
 * Review what Asana changed with `git diff openapi/upstream/`, then run `npm run spec:build`.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { isObject, parseDocument, readSource, toYaml } from "./document.ts";
import { componentCount, extractTag, operationsOf } from "./filter.ts";
import { argValue, positionals, SPECS } from "./specs.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const outDir = resolve(argValue("--out") ?? join(root, "openapi", "upstream"));

async function main(): Promise<void> {
  const [location, ...extra] = positionals(["--out"]);
  if (location === undefined || extra.length > 0) {
    throw new Error("usage: npm run spec:extract -- <path or URL of asana_oas.yaml> [--out DIR]");
  }
  const source = await readSource(location);
  const doc = await parseDocument(source.text, location);
  const info = isObject(doc.info) ? doc.info : {};
  const version = typeof info.version === "string" ? info.version : "(none)";

  const outputs = new Map<string, string>();
  const lines: string[] = [];
  for (const { name, tag } of SPECS) {
    const extracted = await extractTag(doc, tag);
    const operations = operationsOf(extracted);
    if (operations.length === 0) throw new Error(`${location}: no operation is tagged ${tag}`);
    outputs.set(`${name}.yaml`, await toYaml(extracted));
    lines.push(`- \`${name}.yaml\`: the ${operations.length} operation${operations.length === 1 ? "" : "s"} tagged \`${tag}\` and the ${componentCount(extracted)} components they reference.`);
  }

  await mkdir(outDir, { recursive: true });
  for (const [file, text] of outputs) await writeFile(join(outDir, file), text);
  await writeFile(join(outDir, "SOURCE.md"), provenance(location, version, source.sha256, source.bytes, lines));
  console.log(`spec:extract: wrote ${[...outputs.keys(), "SOURCE.md"].map((f) => `${relative(root, join(outDir, f)) || f}`).join(", ")}`);
}

function provenance(location: string, version: string, sha256: string, bytes: number, lines: string[]): string {
  // A local path is recorded by its file name only: where it sat on one machine says nothing.
  const from = /^https?:\/\//i.test(location) ? location : basename(location);
  return [
    "# openapi/upstream/",
    "",
    "Written by `npm run spec:extract`: do not edit. Every node here is Asana's, unmodified; the",
    "corrections live in `../overlays/`.",
    "",
    `- Source: \`${from}\``,
    `- \`info.version\`: \`${version}\``,
    `- SHA-256: \`${sha256}\` (${bytes} bytes)`,
    ...lines,
    "",
  ].join("\n");
}

main().catch((error: unknown) => {
  console.error(`spec:extract: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

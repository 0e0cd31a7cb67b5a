/**
 * Writes openapi/<name>.yaml (what `npm run generate` reads) from openapi/upstream/<name>.yaml with
 * openapi/overlays/shared.yaml and openapi/overlays/<name>.yaml applied, in that order.
 *
 *   npm run spec:build              write openapi/*.yaml
 *   npm run spec:build -- --check   write nothing; exit 1 naming every stale, missing or stray file
 *   --upstream DIR / --overlays DIR / --out DIR   other folders (the tests use them)
 *
 * Fails, writing nothing, when an overlay action matches nothing: the correction no longer applies
 * (Asana fixed it, or moved what it targets) and needs a look.
 */
import { existsSync } from "node:fs";
import { mkdir, readdir, writeFile } from "node:fs/promises";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readDocument, toYaml } from "./document.ts";
import { applyOverlay, checkBuilt } from "./overlay.ts";
import { argValue, SHARED_OVERLAY, SPECS } from "./specs.ts";
import { readOrNull } from "../files.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const openapiDir = join(root, "openapi");
const upstreamDir = resolve(argValue("--upstream") ?? join(openapiDir, "upstream"));
const overlayDir = resolve(argValue("--overlays") ?? join(openapiDir, "overlays"));
const outDir = resolve(argValue("--out") ?? openapiDir);
const show = (path: string) => relative(root, path) || ".";

async function buildSpec(name: string): Promise<string> {
  const upstream = join(upstreamDir, `${name}.yaml`);
  if (!existsSync(upstream)) throw new Error(`missing ${show(upstream)}: run \`npm run spec:extract -- <asana_oas.yaml>\``);
  let doc = await readDocument(upstream, show(upstream));
  const applied: string[] = [];
  for (const file of [SHARED_OVERLAY, `${name}.yaml`]) {
    const path = join(overlayDir, file);
    if (!existsSync(path)) continue;
    doc = await applyOverlay(doc, await readDocument(path, show(path)), `${show(path)} on ${name}`);
    applied.push(`${basename(overlayDir)}/${file}`);
  }
  checkBuilt(doc, `${name}.yaml after ${applied.join(" and ") || "no overlay"}`);
  const header = [
    `Built by \`npm run spec:build\` from ${basename(upstreamDir)}/${name}.yaml with ${applied.join(" and ") || "no overlay"}.`,
    "Do not edit: change an overlay (or re-extract upstream/) and rebuild. See openapi/README.md.",
  ].join("\n");
  return toYaml(doc, header);
}

async function main(): Promise<number> {
  const check = process.argv.includes("--check");
  const known = new Set([SHARED_OVERLAY, ...SPECS.map((s) => `${s.name}.yaml`)]);
  const strayOverlays = (await readdir(overlayDir).catch(() => [] as string[])).filter((f) => /\.ya?ml$/.test(f) && !known.has(f));
  if (strayOverlays.length > 0) throw new Error(`${show(overlayDir)}/ holds overlays no spec uses: ${strayOverlays.join(", ")}`);

  // Every spec is built in memory first, so one failure leaves openapi/ untouched.
  const outputs = new Map<string, string>();
  const failures: string[] = [];
  for (const { name } of SPECS) {
    try {
      outputs.set(`${name}.yaml`, await buildSpec(name));
    } catch (error) {
      failures.push(`${name}.yaml: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (failures.length > 0) {
    console.error(`spec:build: ${failures.length} spec(s) failed; ${show(outDir)}/ left untouched\n- ${failures.join("\n- ")}`);
    return 1;
  }

  const existing = (await readdir(outDir).catch(() => [] as string[])).filter((n) => /\.ya?ml$/.test(n));
  const stray = existing.filter((n) => !outputs.has(n));
  if (check) {
    const problems: string[] = [];
    for (const [file, text] of outputs) {
      const current = await readOrNull(join(outDir, file));
      if (current === null) problems.push(`missing: ${show(join(outDir, file))}`);
      else if (current !== text) problems.push(`stale:   ${show(join(outDir, file))}`);
    }
    for (const file of stray) problems.push(`stray:   ${show(join(outDir, file))} (no ${basename(upstreamDir)}/${file})`);
    if (problems.length > 0) {
      console.error(`spec:build --check: the built specs are out of date; run \`npm run spec:build\`\n${problems.join("\n")}`);
      return 1;
    }
    console.log(`spec:build --check: ${outputs.size} specs up to date`);
    return 0;
  }

  if (stray.length > 0) {
    console.error(`spec:build: ${stray.map((f) => show(join(outDir, f))).join(", ")} come from no upstream spec; remove them or add them to scripts/spec/specs.ts`);
    return 1;
  }
  await mkdir(outDir, { recursive: true });
  for (const [file, text] of outputs) {
    if ((await readOrNull(join(outDir, file))) !== text) await writeFile(join(outDir, file), text);
  }
  console.log(`spec:build: wrote ${[...outputs.keys()].map((f) => show(join(outDir, f))).join(", ")}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`spec:build: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);

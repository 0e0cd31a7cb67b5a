/**
 * deno.json (JSR) must describe the same package as package.json (npm): same version, and an export
 * for every entry except the Node-only ./testing/node, each pointing at a source file that exists.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const read = (file: string) => JSON.parse(readFileSync(root + file, "utf8")) as Record<string, unknown>;
const npm = read("package.json") as { version: string; exports: Record<string, unknown> };
const deno = read("deno.json") as { version: string; exports: Record<string, string> };

const problems: string[] = [];
if (deno.version !== npm.version) problems.push(`version: deno.json ${deno.version}, package.json ${npm.version}`);
const expected = Object.keys(npm.exports).filter((key) => key !== "./package.json" && key !== "./testing/node");
for (const key of expected) if (!(key in deno.exports)) problems.push(`deno.json exports lacks "${key}"`);
for (const [key, path] of Object.entries(deno.exports)) {
  if (!expected.includes(key)) problems.push(`deno.json exports "${key}", which package.json does not`);
  if (!existsSync(root + path)) problems.push(`deno.json exports "${key}" → ${path}, which does not exist`);
}
if (problems.length > 0) {
  console.error(`deno.json does not match package.json:\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
console.log(`deno.json matches package.json (${deno.version}; ${Object.keys(deno.exports).join(", ")})`);

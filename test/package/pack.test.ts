/**
 * What `npm publish` would ship: exactly the built entries (ESM, CommonJS and both declaration
 * flavours), their shared declaration chunks, package.json, README and LICENSE; never sources, tests, scripts or CI.
 * Needs a build: `npm run build` first.
 */
import { beforeAll, describe, expect, test } from "@jest/globals";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const ENTRIES = ["index", "testing/index", "testing/node", "redis/index"];
const FLAVOURS = [".js", ".cjs", ".d.ts", ".d.cts"];
/** Declarations shared by entries (the fake's types, for testing and testing/node); named with a content hash. */
const CHUNK = /^dist\/[a-z]+-[A-Za-z0-9_-]{6,}\.d\.c?ts$/;

interface PackResult {
  files: { path: string }[];
}

function packedFiles(): string[] {
  const built = ENTRIES.flatMap((e) => FLAVOURS.map((f) => join(root, "dist", e + f))).filter((f) => !existsSync(f));
  if (built.length > 0) {
    throw new Error(`dist/ is missing ${built.length} built files (e.g. ${built[0]}): run \`npm run build\` before this test.`);
  }
  // --ignore-scripts: list what is there, without prepack rebuilding it.
  const output = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
    timeout: 60_000,
  });
  return (JSON.parse(output) as PackResult[])[0]!.files.map((f) => f.path).sort();
}

describe("npm pack", () => {
  let files: string[] = [];
  beforeAll(() => {
    files = packedFiles();
  }, 60_000);

  test("ships exactly the built entries, shared declarations, package.json, README and LICENSE", () => {
    const expected = [
      "package.json",
      ...["README.md", "LICENSE"].filter((f) => existsSync(join(root, f))),
      ...ENTRIES.flatMap((e) => FLAVOURS.map((f) => `dist/${e}${f}`)),
    ].sort();
    expect(files.filter((f) => !CHUNK.test(f))).toEqual(expected);
  });

  test("ships no sources, tests, scripts, specs, CI or dependencies", () => {
    const forbidden = /^(src|test|scripts|generated|openapi|node_modules|\.ci|coverage)\/|^(tsconfig|tsup\.config|jest\.config|deno)\b|\.test\.|\.tgz$|\.map$/;
    expect(files.filter((f) => forbidden.test(f))).toEqual([]);
  });

  test("every file the exports map and main/module/types name is in the package", () => {
    const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as Record<string, unknown>;
    const targets = new Set<string>();
    const collect = (value: unknown): void => {
      if (typeof value === "string") targets.add(value.replace(/^\.\//, ""));
      else if (value && typeof value === "object") Object.values(value).forEach(collect);
    };
    collect(manifest.exports);
    collect([manifest.main, manifest.module, manifest.types]);
    expect([...targets].filter((t) => !files.includes(t))).toEqual([]);
    // Each entry, in both module systems, with its own declarations.
    expect(manifest.exports).toMatchObject({
      ".": { import: { types: "./dist/index.d.ts" }, require: { types: "./dist/index.d.cts" } },
      "./testing": { import: { types: "./dist/testing/index.d.ts" }, require: { types: "./dist/testing/index.d.cts" } },
      "./testing/node": { import: { types: "./dist/testing/node.d.ts" }, require: { types: "./dist/testing/node.d.cts" } },
      "./redis": { import: { types: "./dist/redis/index.d.ts" }, require: { types: "./dist/redis/index.d.cts" } },
    });
  });
});

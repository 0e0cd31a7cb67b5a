/**
 * Installs the package as a user gets it: `npm pack`, unpacked into <dir>/node_modules/asana-fetch, with
 * its runtime dependencies copied next to it. Every runtime then resolves "asana-fetch" through the
 * packed package.json (exports map, files list), never through this repository's src/.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
}

const readManifest = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Manifest;

export function installPackedPackage(root: string, dir: string): void {
  const packed = JSON.parse(
    execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dir], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      timeout: 60_000,
    }),
  ) as { filename: string }[];
  const target = join(dir, "node_modules", "asana-fetch");
  mkdirSync(target, { recursive: true });
  execFileSync("tar", ["-xzf", join(dir, packed[0]!.filename), "-C", target, "--strip-components=1"], { timeout: 60_000 });

  // Runtime dependencies and theirs, copied flat from this repository's node_modules.
  const pending = Object.keys(readManifest(target).dependencies ?? {});
  const copied = new Set<string>();
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (copied.has(name)) continue;
    copied.add(name);
    const from = join(root, "node_modules", name);
    cpSync(from, join(dir, "node_modules", name), { recursive: true, dereference: true });
    pending.push(...Object.keys(readManifest(from).dependencies ?? {}));
  }

  const { version } = readManifest(target);
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({ name: "runtime-matrix", private: true, type: "module", dependencies: { "asana-fetch": version } }),
  );
}

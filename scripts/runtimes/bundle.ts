/**
 * Bundles the runtime entries. They import "../../../src/index.ts" so that `tsc` type-checks them
 * without a build; here that import is swapped for the installed package "asana-fetch": left external
 * for the command-line runtimes (each resolves it itself), bundled from <dir>/node_modules for workerd
 * and the browser. A bundle that still contains src/ code fails the run.
 */
import { build, type Plugin } from "esbuild";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const entries = fileURLToPath(new URL("./entries/", import.meta.url));

function usePackage(dir: string, external: boolean): Plugin {
  return {
    name: "use-installed-package",
    setup(b) {
      b.onResolve({ filter: /\/src\/index\.ts$/ }, async (args) => {
        if (external) return { path: "asana-fetch", external: true };
        const resolved = await b.resolve("asana-fetch", { kind: args.kind, resolveDir: dir });
        return resolved.errors.length > 0 ? { errors: resolved.errors } : { path: resolved.path };
      });
    },
  };
}

async function bundle(entry: string, outfile: string, dir: string, options: {
  format: "esm" | "cjs";
  platform: "neutral" | "browser";
  external: boolean;
  conditions?: string[];
}): Promise<void> {
  const result = await build({
    entryPoints: [join(entries, entry)],
    outfile: join(dir, outfile),
    bundle: true,
    format: options.format,
    platform: options.platform,
    target: "es2022",
    conditions: options.conditions ?? [],
    plugins: [usePackage(dir, options.external)],
    metafile: true,
    logLevel: "error",
  });
  const fromSrc = Object.keys(result.metafile.inputs).filter((input) => /(^|\/)src\//.test(input));
  if (fromSrc.length > 0) throw new Error(`${outfile} bundled source files instead of the package: ${fromSrc.join(", ")}`);
}

/** Writes runner.mjs, runner.cjs, worker.mjs and app.js into `dir`, where the package is installed. */
export async function bundleEntries(dir: string): Promise<void> {
  await Promise.all([
    bundle("cli.ts", "runner.mjs", dir, { format: "esm", platform: "neutral", external: true }),
    bundle("cli.ts", "runner.cjs", dir, { format: "cjs", platform: "neutral", external: true }),
    bundle("worker.ts", "worker.mjs", dir, {
      format: "esm",
      platform: "browser",
      external: false,
      conditions: ["workerd", "worker", "browser"],
    }),
    bundle("browser.ts", "app.js", dir, { format: "esm", platform: "browser", external: false }),
  ]);
}

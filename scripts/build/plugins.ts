/** esbuild plugins for the tsup build (tsup.config.ts). */
import { readFile } from "node:fs/promises";
import { dirname, relative, resolve } from "node:path";
import type { Plugin } from "esbuild";
import type { Options } from "tsup";

type TsupPlugin = NonNullable<Options["plugins"]>[number];

/**
 * An entry that imports another entry (testing/node → testing/index) imports the built file instead
 * of inlining a second copy: one fake, one set of module state, whichever entry a user loads first.
 */
export function entriesStayExternal(entries: Record<string, string>): Plugin {
  const root = process.cwd();
  const outOf = new Map(Object.entries(entries).map(([out, src]) => [resolve(root, src), out]));
  return {
    name: "entries-stay-external",
    setup(build) {
      const ext = build.initialOptions.format === "cjs" ? ".cjs" : ".js";
      build.onResolve({ filter: /^\.\.?\/.*\.ts$/ }, (args) => {
        const target = outOf.get(resolve(args.resolveDir, args.path));
        if (target === undefined || args.kind === "entry-point") return undefined;
        const from = outOf.get(args.importer);
        if (from === undefined) {
          return { errors: [{ text: `${args.importer} imports the entry ${args.path}; only entries may import entries` }] };
        }
        let path = relative(dirname(from), target) + ext;
        if (!path.startsWith(".")) path = `./${path}`;
        return { path, external: true };
      });
    },
  };
}

/**
 * CommonJS has no top-level await. src/testing/msw.ts loads its optional peer with
 * `await import("msw").catch(onError)` so that `fake.handlers` can stay synchronous in ESM; in the
 * CommonJS build that expression becomes a synchronous require with the same fallback. Any other
 * top-level await still fails the CommonJS build (esbuild refuses it), so nothing is silently lost.
 */
export function topLevelImportAsRequire(): Plugin {
  const pattern = /\bawait import\(("[^"\\]+")\)\.catch\(/g;
  return {
    name: "top-level-import-as-require",
    setup(build) {
      if (build.initialOptions.format !== "cjs") return;
      build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
        const source = await readFile(args.path, "utf8");
        if (!pattern.test(source)) return undefined;
        pattern.lastIndex = 0;
        const contents = source.replace(
          pattern,
          (_, id: string) =>
            `(() => { try { const m = require(${id}); return { catch: () => m }; } ` +
            `catch (error) { return { catch: (onError) => onError(error) }; } })().catch(`,
        );
        return { contents, loader: "ts" };
      });
    },
  };
}

/**
 * In the CommonJS build, `import createClient from "openapi-fetch"` must mean openapi-fetch's
 * `exports.default`. esbuild compiles a default import in a `"type": "module"` package with Node's
 * ESM semantics, `__toESM(require(pkg), 1)`, where default is the whole `module.exports` object: under
 * require() createClient would be an object. Dropping the `1` makes __toESM honour `__esModule`.
 * A tsup plugin (renderChunk), because tsup's own external plugin resolves the import first.
 */
export function cjsHonoursEsModule(packages: string[]): TsupPlugin {
  return {
    name: "cjs-honours-es-module",
    renderChunk(code, chunk) {
      if (this.format !== "cjs") return;
      let out = code;
      for (const pkg of packages) {
        const required = `require(${JSON.stringify(pkg)})`;
        if (!out.includes(required)) continue;
        out = out.split(`__toESM(${required}, 1)`).join(`__toESM(${required})`);
        if (out.includes(`__toESM(${required}, 1)`) || !out.includes(`__toESM(${required})`)) {
          throw new Error(`${chunk.path}: cannot find esbuild's __toESM(${required}, 1) to fix; check the CommonJS output`);
        }
      }
      return { code: out };
    },
  };
}

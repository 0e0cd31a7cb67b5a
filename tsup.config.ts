/**
 * The published build: ESM (.js) and CommonJS (.cjs), each with its own declarations (.d.ts / .d.cts),
 * for the package root, the fake Asana (`./testing`), its Node loopback server (`./testing/node`) and
 * the Redis quota store (`./redis`).
 * Dependencies and peer dependencies (openapi-fetch, msw) stay external; generated/ types are inlined.
 */
import { defineConfig } from "tsup";
import { cjsHonoursEsModule, entriesStayExternal, topLevelImportAsRequire } from "./scripts/build/plugins.ts";

const entry = {
  index: "src/index.ts",
  "testing/index": "src/testing/index.ts",
  "testing/node": "src/testing/node.ts",
  "redis/index": "src/redis/index.ts",
};

export default defineConfig({
  entry,
  format: ["esm", "cjs"],
  dts: true,
  outDir: "dist",
  clean: true,
  // Web-standard code: no Node polyfills or shims. Node built-ins (testing/node only) stay external, prefix kept.
  platform: "neutral",
  target: "es2022",
  external: [/^node:/],
  removeNodeProtocol: false,
  // One file per entry and format, no hashed chunks: entries share nothing but testing/index, which
  // testing/node imports as a file (entriesStayExternal).
  splitting: false,
  sourcemap: false,
  minify: false,
  // Each plugin looks at the format it is building (splitting and treeshake off: esbuild emits it directly).
  esbuildPlugins: [entriesStayExternal(entry), topLevelImportAsRequire()],
  plugins: [cjsHonoursEsModule(["openapi-fetch"])],
});

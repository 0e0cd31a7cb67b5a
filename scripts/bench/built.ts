/**
 * The package as users run it: dist/ (npm run build), not src/ through tsx, whose keepNames
 * transform wraps every function it creates in a naming call: a per-call cost no user pays.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const dist = new URL("../../dist/index.js", import.meta.url);
if (!existsSync(fileURLToPath(dist))) throw new Error("run `npm run build` first: the benchmarks measure dist/");

export const { createAsanaClient } = (await import(dist.href)) as typeof import("../../src/index.ts");
export type { AsanaClientOptions } from "../../src/index.ts";

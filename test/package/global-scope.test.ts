/**
 * Loading the package does nothing that Cloudflare Workers refuse at a module's top level: no
 * AbortController, timer, random value, crypto call or fetch before a handler runs (workerd then
 * fails to start the whole Worker). Each entry point is bundled from src/ and evaluated in a context
 * where those throw; the runtime matrix (`npm run test:runtimes`) checks the same in real workerd.
 */
import { describe, expect, test } from "@jest/globals";
import { fileURLToPath } from "node:url";
import { createContext, runInContext, SourceTextModule, type Module } from "node:vm";
import { build } from "esbuild";

const root = fileURLToPath(new URL("../..", import.meta.url));

const ENTRIES = ["src/index.ts", "src/testing/index.ts", "src/redis/index.ts"];

async function bundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [`${root}${entry}`],
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    target: "es2022",
    // msw is an optional peer of the fake, imported dynamically: left out, as in a Worker without it.
    external: ["msw", "msw/*"],
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}

/** A global object whose disallowed operations throw, naming themselves. */
function workerLikeGlobals(): Record<string, unknown> {
  const refuse = (what: string) => () => {
    throw new Error(`${what} called at the top level`);
  };
  class RefusedAbortController {
    constructor() {
      refuse("new AbortController()")();
    }
  }
  return {
    ...Object.fromEntries(["TextEncoder", "TextDecoder", "URL", "URLSearchParams", "Headers", "Request", "Response", "AbortSignal", "btoa", "atob", "console", "structuredClone"].map((name) => [name, (globalThis as Record<string, unknown>)[name]])),
    AbortController: RefusedAbortController,
    setTimeout: refuse("setTimeout"),
    setInterval: refuse("setInterval"),
    fetch: refuse("fetch"),
    crypto: { getRandomValues: refuse("crypto.getRandomValues"), randomUUID: refuse("crypto.randomUUID"), subtle: new Proxy({}, { get: () => refuse("crypto.subtle") }) },
    Math: Object.assign(Object.create(Math) as Math, { random: refuse("Math.random") }),
    require: refuse("require"),
  };
}

describe("top-level module code", () => {
  test.each(ENTRIES)("%s loads without a timer, an AbortController, randomness or I/O", async (entry) => {
    const module = new SourceTextModule(await bundle(entry), {
      context: createContext(workerLikeGlobals()),
      importModuleDynamically: (() => Promise.reject(new Error("msw is not installed"))) as () => Promise<Module>,
    });
    await module.link(() => {
      throw new Error("a bundle has no static imports");
    });
    await module.evaluate();
    expect(module.status).toBe("evaluated");
  });

  test("the check can fail: a top-level AbortController is caught", () => {
    const context = createContext(workerLikeGlobals());
    expect(() => runInContext("const never = new AbortController().signal;", context)).toThrow("new AbortController() called at the top level");
  });
});

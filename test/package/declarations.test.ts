/**
 * The published declarations as a user's compiler sees them: the package installed (package.json and
 * dist/ copied into a temp project's node_modules) and type-checked with `skipLibCheck: false`.
 * `asana-fetch/testing` must compile without msw (an optional peer dependency, hidden here), and
 * `setupServer(...fake.handlers)` must still compile once msw is there. Needs a build: `npm run build` first.
 */
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const root = fileURLToPath(new URL("../..", import.meta.url));
const TSC = join(root, "node_modules/typescript/lib/tsc.js");

const USES_THE_FAKE = `
import { createAsanaClient } from "asana-fetch";
import { createFakeAsana, type FakeAsana, type MswHandler } from "asana-fetch/testing";
const fake: FakeAsana = createFakeAsana();
const asana = createAsanaClient({ token: fake.token, fetch: fake.fetch });
const handlers: readonly MswHandler[] = fake.handlers;
export const task = asana.tasks.get("1", { opt_fields: ["name", "assignee.name"] }).then((t) => t.assignee?.name);
export { handlers };
`;

const USES_MSW = `
import { setupServer } from "msw/node";
import { http } from "msw";
import { createFakeAsana } from "asana-fetch/testing";
const fake = createFakeAsana();
export const server = setupServer(...fake.handlers);
server.use(...fake.handlers, http.get("https://example.com/", () => undefined));
`;

/** A project in a temp dir with the built package in node_modules (and, when asked, msw). */
function project(options: { msw: boolean }): string {
  const dir = mkdtempSync(join(tmpdir(), "asana-fetch-declarations-"));
  const installed = join(dir, "node_modules/asana-fetch");
  mkdirSync(installed, { recursive: true });
  cpSync(join(root, "package.json"), join(installed, "package.json"));
  cpSync(join(root, "dist"), join(installed, "dist"), { recursive: true });
  // The one runtime dependency, as npm would install it; msw only when asked.
  symlinkSync(join(root, "node_modules/openapi-fetch"), join(dir, "node_modules/openapi-fetch"));
  if (options.msw) symlinkSync(join(root, "node_modules/msw"), join(dir, "node_modules/msw"));
  return dir;
}

/** tsc over the given files (name → source) in `dir`, strict, libraries checked; resolves to its output. */
async function typeCheck(dir: string, files: Record<string, string>, compilerOptions: Record<string, unknown>): Promise<string> {
  for (const [name, source] of Object.entries(files)) writeFileSync(join(dir, name), source);
  const options = { strict: true, noEmit: true, skipLibCheck: false, lib: ["ES2022", "DOM", "DOM.Iterable"], types: [], target: "ES2022", ...compilerOptions };
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: options, files: Object.keys(files) }));
  return promisify(execFile)(process.execPath, [TSC, "-p", join(dir, "tsconfig.json")], { cwd: dir, timeout: 60_000 })
    .then(({ stdout }) => stdout)
    .catch((error: { stdout?: string }) => error.stdout ?? String(error));
}

const RESOLUTIONS = {
  "ESM (bundler)": { module: "ESNext", moduleResolution: "Bundler" },
  "ESM (node16, .mts)": { module: "Node16", moduleResolution: "Node16" },
  "CommonJS (node16, .cts)": { module: "Node16", moduleResolution: "Node16" },
};
const fileFor = (resolution: string) => (resolution.includes(".cts") ? "consumer.cts" : resolution.includes(".mts") ? "consumer.mts" : "consumer.ts");

describe("the built declarations, skipLibCheck: false", () => {
  const dirs: string[] = [];
  beforeAll(() => {
    if (!existsSync(join(root, "dist/testing/index.d.ts"))) throw new Error("dist/ is missing: run `npm run build` before this test.");
  });
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  test.each(Object.keys(RESOLUTIONS))("asana-fetch/testing compiles without msw installed: %s", async (resolution) => {
    const dir = project({ msw: false });
    dirs.push(dir);
    const file = fileFor(resolution);
    // The control: msw really is out of reach here.
    const probe = { [`probe.${file.split(".")[1]}`]: 'import type { RequestHandler } from "msw";\nexport type H = RequestHandler;\n' };
    const options = RESOLUTIONS[resolution as keyof typeof RESOLUTIONS];
    expect(await typeCheck(dir, probe, options)).toMatch(/TS2307: Cannot find module 'msw'/);
    expect(await typeCheck(dir, { [file]: USES_THE_FAKE }, options)).toBe("");
  }, 120_000);

  test("with msw installed, setupServer(...fake.handlers) and server.use(...) compile", async () => {
    const dir = project({ msw: true });
    dirs.push(dir);
    // msw's own declarations are not ours to check.
    expect(await typeCheck(dir, { "consumer.ts": USES_MSW }, { ...RESOLUTIONS["ESM (bundler)"], skipLibCheck: true })).toBe("");
  }, 120_000);
});

// `npm run demo` as a newcomer runs it: no token, no network, the embedded fake.
import { expect, test } from "@jest/globals";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";

test("npm run demo works against the embedded fake and reports every step", async () => {
  const env = { ...process.env };
  delete env.ASANA_TOKEN;
  const { stdout } = await promisify(execFile)(join(process.cwd(), "node_modules", ".bin", "tsx"), ["scripts/demo.ts"], {
    cwd: process.cwd(),
    env,
    timeout: 60_000,
  });
  expect(stdout).toContain("Fake Asana on http://127.0.0.1:");
  expect(stdout).toMatch(/300 tasks in 3 pages/);
  expect(stdout).toMatch(/\d+ open tasks mention "homepage"/);
  expect(stdout).toMatch(/poll \d+: succeeded/);
  expect(stdout).toMatch(/new task \d+ "Copy made by the asana-fetch demo" with \d+ subtasks copied/);
  expect(stdout).toMatch(/"[^"]+" is now in section "In progress"/);
  expect(stdout).toMatch(/tags: urgent; followers: Grace Hopper/);
  expect(stdout).toMatch(/waits on: \S+/);
  expect(stdout).toContain("NotFoundError (status 404)");
  expect(stdout).toMatch(/\d+ requests to the fake Asana/);
  expect(stdout).not.toContain("skipped");
}, 90_000);

// spec:build as a user runs it, over a scratch copy of openapi/upstream/ and openapi/overlays/.
import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { root, run, snapshot } from "./helpers.ts";

let dir: string;
let upstream: string;
let overlays: string;
let out: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "asana-fetch-build-"));
  upstream = join(dir, "upstream");
  overlays = join(dir, "overlays");
  out = join(dir, "openapi");
  await cp(join(root, "openapi", "upstream"), upstream, { recursive: true });
  await cp(join(root, "openapi", "overlays"), overlays, { recursive: true });
  await mkdir(out);
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const build = (...extra: string[]) =>
  run("scripts/spec/build.ts", "--upstream", upstream, "--overlays", overlays, "--out", out, ...extra);

/** Appends actions to a scratch overlay, as YAML text (the file stays as a user would edit it). */
async function appendActions(file: string, yaml: string): Promise<void> {
  const path = join(overlays, file);
  await writeFile(path, (await readFile(path, "utf8")).trimEnd() + "\n" + yaml);
}

describe("scripts/spec/build.ts", () => {
  test("writes the committed openapi/tasks.yaml and jobs.yaml byte for byte, and the same bytes on every run", async () => {
    const first = await build();
    expect(first.code).toBe(0);
    const files = await snapshot(out);
    expect(Object.keys(files)).toEqual(["jobs.yaml", "tasks.yaml"]);
    expect(files["tasks.yaml"]).toBe(await readFile(join(root, "openapi", "tasks.yaml"), "utf8"));
    expect(files["jobs.yaml"]).toBe(await readFile(join(root, "openapi", "jobs.yaml"), "utf8"));
    expect(files["tasks.yaml"]!.startsWith("# Built by `npm run spec:build` from upstream/tasks.yaml with overlays/shared.yaml and overlays/tasks.yaml.\n")).toBe(true);

    expect((await build()).code).toBe(0);
    expect(await snapshot(out)).toEqual(files);
    expect((await build("--check")).output).toContain("2 specs up to date");
  }, 60_000);

  test("--check writes nothing, exits nonzero and names every stale, missing and stray file", async () => {
    expect((await build()).code).toBe(0);
    await writeFile(join(out, "tasks.yaml"), (await readFile(join(out, "tasks.yaml"), "utf8")).replace("Get a task", "Get one task"));
    await rm(join(out, "jobs.yaml"));
    await writeFile(join(out, "projects.yaml"), "openapi: 3.0.0\n");
    const before = await snapshot(out);

    const result = await build("--check");
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/stale: +.*tasks\.yaml/);
    expect(result.output).toMatch(/missing: .*jobs\.yaml/);
    expect(result.output).toMatch(/stray: +.*projects\.yaml \(no upstream\/projects\.yaml\)/);
    expect(result.output).toContain("run `npm run spec:build`");
    expect(await snapshot(out)).toEqual(before);
  }, 60_000);

  test("an action whose target matches nothing fails the build, naming the overlay, the action and its target", async () => {
    expect((await build()).code).toBe(0);
    const before = await snapshot(out);
    await appendActions(
      "tasks.yaml",
      [
        "  - description: A correction for an operation Asana has since removed.",
        "    target: $.paths['/tasks/{task_gid}/stories'].get.responses",
        "    update:",
        "      '402':",
        "        $ref: '#/components/responses/PaymentRequired'",
      ].join("\n") + "\n",
    );
    const result = await build();
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/overlays\/tasks\.yaml on tasks action #\d+: target \$\.paths\['\/tasks\/\{task_gid\}\/stories'\]\.get\.responses matched nothing \(A correction for an operation Asana has since removed\.\)/);
    expect(result.output).toContain("left untouched");
    expect(await snapshot(out)).toEqual(before);
  }, 60_000);

  test("a shared action must match in every spec it is applied to", async () => {
    await appendActions(
      "shared.yaml",
      ["  - description: Only the Tasks spec has NextPage.", "    target: $.components.schemas.NextPage", "    update:", "      x-checked: true"].join("\n") + "\n",
    );
    const result = await build();
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/jobs\.yaml: .*overlays\/shared\.yaml on jobs action #\d+: target \$\.components\.schemas\.NextPage matched nothing/);
    expect(result.output).not.toMatch(/shared\.yaml on tasks/);
  }, 60_000);

  test("an action without a description, a duplicated required entry or a dangling $ref fails the build", async () => {
    await appendActions("jobs.yaml", ["  - target: $.info", "    update:", "      x-note: why?"].join("\n") + "\n");
    const undescribed = await build();
    expect(undescribed.code).not.toBe(0);
    expect(undescribed.output).toMatch(/overlays\/jobs\.yaml on jobs action #\d+ \(\$\.info\): needs a description saying why/);

    await cp(join(root, "openapi", "overlays", "jobs.yaml"), join(overlays, "jobs.yaml"));
    await appendActions(
      "jobs.yaml",
      [
        "  - description: gid again, as if Asana had marked it required itself.",
        "    target: $.components.schemas.JobCompact",
        "    update:",
        "      required:",
        "        - gid",
        "  - description: A reference to a component that is not there.",
        "    target: $.components.schemas.JobCompact.properties",
        "    update:",
        "      new_goal:",
        "        $ref: '#/components/schemas/GoalCompact'",
      ].join("\n") + "\n",
    );
    const broken = await build();
    expect(broken.code).not.toBe(0);
    expect(broken.output).toContain('required lists "gid" twice');
    expect(broken.output).toContain("unresolved $ref #/components/schemas/GoalCompact");
  }, 60_000);

  test("a removal of several elements of one list fails rather than remove the wrong ones", async () => {
    await appendActions(
      "tasks.yaml",
      [
        "  - description: Two parameters at once.",
        "    target: \"$.paths['/tasks'].get.parameters[?(@.name == 'project' || @.name == 'section')]\"",
        "    remove: true",
      ].join("\n") + "\n",
    );
    const result = await build();
    expect(result.code).not.toBe(0);
    expect(result.output).toContain("removes several elements of one list");
    expect(await snapshot(out)).toEqual({});
  }, 60_000);

  test("a missing upstream spec or an overlay no spec uses fails, naming it", async () => {
    await rm(join(upstream, "jobs.yaml"));
    const missing = await build();
    expect(missing.code).not.toBe(0);
    expect(missing.output).toMatch(/missing .*upstream\/jobs\.yaml: run `npm run spec:extract/);

    await cp(join(root, "openapi", "upstream", "jobs.yaml"), join(upstream, "jobs.yaml"));
    await writeFile(join(overlays, "projects.yaml"), "overlay: 1.0.0\n");
    const stray = await build();
    expect(stray.code).not.toBe(0);
    expect(stray.output).toContain("holds overlays no spec uses: projects.yaml");
  }, 60_000);
});

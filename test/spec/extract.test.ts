// spec:extract as a user runs it, on a small fixture spec (never on ../shared).
import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { obj, operations, readDocument, root, run, snapshot, type JsonObject } from "./helpers.ts";

const fixture = join(root, "test", "spec", "fixtures", "mini_oas.yaml");
let out: string;
let source: JsonObject;
beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), "asana-fetch-extract-"));
  source = await readDocument(fixture);
});
afterEach(() => rm(out, { recursive: true, force: true }));

const extract = (location: string) => run("scripts/spec/extract.ts", location, "--out", out);
const names = (doc: JsonObject, type: string) => Object.keys(obj(obj(doc.components)[type] ?? {}));
const components = (doc: JsonObject) => obj(doc.components);

describe("scripts/spec/extract.ts", () => {
  test("keeps each tag's operations and exactly the components they reach, path-level fields included", async () => {
    const result = await extract(fixture);
    expect(result.code).toBe(0);
    expect(Object.keys(await snapshot(out))).toEqual(["SOURCE.md", "jobs.yaml", "tasks.yaml"]);

    const tasks = await readDocument(join(out, "tasks.yaml"));
    expect(operations(tasks).map((o) => `${o.method} ${o.path}`)).toEqual(["get /pets/{pet_gid}", "post /pets"]);
    expect(names(tasks, "parameters")).toEqual(["pet_gid", "pretty"]);
    expect(names(tasks, "responses")).toEqual(["NotFound"]);
    expect(names(tasks, "schemas")).toEqual(["Pet", "Person", "Error"]);
    expect(names(tasks, "securitySchemes")).toEqual(["token"]);
    expect(tasks.tags).toEqual([{ name: "Tasks", description: "Stand-in for Tasks." }]);

    const jobs = await readDocument(join(out, "jobs.yaml"));
    expect(operations(jobs).map((o) => `${o.method} ${o.path}`)).toEqual(["delete /pets/{pet_gid}", "get /stores/{store_gid}"]);
    expect(names(jobs, "parameters")).toEqual(["pet_gid", "pretty", "store_gid"]);
    expect(names(jobs, "responses")).toEqual(["StoreClosed"]);
    expect(names(jobs, "schemas")).toEqual(["Store", "Address"]);
  }, 60_000);

  test("every kept node is the source's, unmodified, in the source's order", async () => {
    expect((await extract(fixture)).code).toBe(0);
    const tasks = await readDocument(join(out, "tasks.yaml"));
    const paths = obj(source.paths);
    const petPath = obj(paths["/pets/{pet_gid}"]);

    expect(Object.keys(tasks)).toEqual(["openapi", "info", "servers", "security", "tags", "components", "paths"]);
    for (const key of ["openapi", "info", "servers", "security"]) expect(tasks[key]).toEqual(source[key]);
    // openapi-format's tag pass alone would drop these path-level parameters ...
    expect(obj(obj(tasks.paths)["/pets/{pet_gid}"])).toEqual({ parameters: petPath.parameters, get: petPath.get });
    // ... and the `data` of an example whose `tags` list names no kept tag.
    expect(obj(tasks.paths)["/pets"]).toEqual(paths["/pets"]);
    for (const type of ["parameters", "responses", "schemas", "securitySchemes"]) {
      for (const [name, node] of Object.entries(obj(components(tasks)[type]))) {
        expect(node).toEqual(obj(components(source)[type])[name]);
      }
    }
    const schemas = obj(components(tasks).schemas);
    expect(obj(schemas.Pet).example).toEqual({});
    expect(obj(obj(obj(schemas.Person).properties).name).example).toBe("2012-02-22T02:06:58.147Z");
  }, 60_000);

  test("records the source's version and SHA-256, and writes the same bytes every time", async () => {
    expect((await extract(fixture)).code).toBe(0);
    const first = await snapshot(out);
    const digest = createHash("sha256").update(await readFile(fixture)).digest("hex");
    expect(first["SOURCE.md"]).toContain(`SHA-256: \`${digest}\``);
    expect(first["SOURCE.md"]).toContain("`info.version`: `2.0`");
    expect(first["SOURCE.md"]).toContain("Source: `mini_oas.yaml`");
    expect(first["SOURCE.md"]).toContain("`tasks.yaml`: the 2 operations tagged `Tasks`");

    expect((await extract(fixture)).code).toBe(0);
    expect(await snapshot(out)).toEqual(first);
  }, 60_000);

  test("reads an http(s) URL as well as a path, to the same upstream files", async () => {
    const body = await readFile(fixture);
    const server: Server = createServer((req, res) => {
      if (req.url === "/defs/asana_oas.yaml") res.writeHead(200, { "content-type": "text/yaml" }).end(body);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      expect((await extract(fixture)).code).toBe(0);
      const fromPath = await snapshot(out);
      expect((await extract(`${base}/defs/asana_oas.yaml`)).code).toBe(0);
      const fromUrl = await snapshot(out);
      expect(fromUrl["tasks.yaml"]).toBe(fromPath["tasks.yaml"]);
      expect(fromUrl["jobs.yaml"]).toBe(fromPath["jobs.yaml"]);
      expect(fromUrl["SOURCE.md"]).toContain(`Source: \`${base}/defs/asana_oas.yaml\``);

      const missing = await extract(`${base}/nope.yaml`);
      expect(missing.code).not.toBe(0);
      expect(missing.output).toContain("HTTP 404");
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }, 60_000);

  test("fails with usage and writes nothing without a source, or when a tag has no operation", async () => {
    const usage = await extract("");
    expect(usage.code).not.toBe(0);
    const none = await run("scripts/spec/extract.ts", "--out", out);
    expect(none.code).not.toBe(0);
    expect(none.output).toContain("usage: npm run spec:extract -- <path or URL of asana_oas.yaml>");

    const onlyTasks = join(out, "only-tasks.yaml");
    const text = (await readFile(fixture, "utf8")).replace(/- Jobs$/gm, "- Tasks");
    await writeFile(onlyTasks, text);
    const noJobs = await run("scripts/spec/extract.ts", onlyTasks, "--out", join(out, "upstream"));
    expect(noJobs.code).not.toBe(0);
    expect(noJobs.output).toContain("no operation is tagged Jobs");
    expect(Object.keys(await snapshot(out))).toEqual(["only-tasks.yaml"]);
  }, 60_000);
});

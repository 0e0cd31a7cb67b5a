/**
 * FieldPath is derived from the response schemas, the one source of truth: the per-operation
 * opt_fields enums of Asana's spec are dropped by openapi/overlays/shared.yaml. They still agree:
 * every path those enums list (openapi/upstream/, Asana's text) is a FieldPath of the operation's
 * resource, but for the pagination members the overlay names as junk (offset, path, uri).
 */
import { describe, expect, test } from "@jest/globals";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { isObject, readDocument } from "../../scripts/spec/document.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
/** The operations that answer a job; every other one with opt_fields answers tasks. */
const JOB_OPERATIONS = new Set(["getJob", "duplicateTask"]);

async function enums(): Promise<Map<string, { resource: "Task" | "Job"; paths: string[] }>> {
  const found = new Map<string, { resource: "Task" | "Job"; paths: string[] }>();
  for (const file of ["tasks.yaml", "jobs.yaml"]) {
    const doc = await readDocument(join(root, "openapi/upstream", file));
    for (const item of Object.values(doc.paths as Record<string, unknown>)) {
      for (const op of Object.values(item as Record<string, unknown>)) {
        if (!isObject(op) || !Array.isArray(op.parameters)) continue;
        const param = op.parameters.find((p) => isObject(p) && p.name === "opt_fields") as { schema?: { items?: { enum?: string[] } } } | undefined;
        const listed = param?.schema?.items?.enum;
        if (listed) found.set(String(op.operationId), { resource: JOB_OPERATIONS.has(String(op.operationId)) ? "Job" : "Task", paths: listed });
      }
    }
  }
  return found;
}

/** The paths (of all operations) that tsc rejects as FieldPath of their resource. */
async function rejected(lists: Map<string, { resource: string; paths: string[] }>): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), "asana-fetch-field-paths-"));
  try {
    const lines = ['import type { FieldPath, Job, Task } from "asana-fetch";'];
    for (const [id, { resource, paths }] of lists) lines.push(`export const ${id}: FieldPath<${resource}>[] = [\n${paths.map((p) => `  ${JSON.stringify(p)},`).join("\n")}\n];`);
    writeFileSync(join(dir, "enums.ts"), lines.join("\n"));
    const config = { extends: join(root, "tsconfig.json"), compilerOptions: { typeRoots: [join(root, "node_modules/@types")] }, include: [join(dir, "enums.ts")] };
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(config));
    const output = await promisify(execFile)(process.execPath, [join(root, "node_modules/typescript/lib/tsc.js"), "--noEmit", "-p", join(dir, "tsconfig.json")], { cwd: root })
      .then(({ stdout }) => stdout)
      .catch((error: { stdout?: string }) => error.stdout ?? String(error));
    const errors = output.split("\n").filter((line) => line.includes("error TS"));
    const paths = errors.map((line) => /Type '"([^"]+)"' is not assignable/.exec(line)?.[1] ?? line);
    return [...new Set(paths)].sort();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("FieldPath and the spec's own opt_fields lists", () => {
  test("every listed path is a FieldPath of the operation's resource, but the junk the overlay names", async () => {
    const lists = await enums();
    expect(lists.size).toBeGreaterThanOrEqual(18);
    expect([...lists.values()].reduce((n, { paths }) => n + paths.length, 0)).toBeGreaterThan(1_500);
    expect(await rejected(lists)).toEqual(["offset", "path", "uri"]);
  }, 120_000);
});

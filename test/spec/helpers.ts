// Shared by the spec pipeline tests: run a script as a user does, and read specs with their $refs.
import { execFile } from "node:child_process";
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { isObject, readDocument, type JsonObject } from "../../scripts/spec/document.ts";

const exec = promisify(execFile);
export const root = process.cwd();
const tsx = join(root, "node_modules", ".bin", "tsx");

export async function run(script: string, ...args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await exec(tsx, [script, ...args], { cwd: root });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

export const snapshot = async (dir: string): Promise<Record<string, string>> =>
  Object.fromEntries(
    await Promise.all(
      (await readdir(dir, { withFileTypes: true }))
        .filter((e) => e.isFile())
        .map((e) => e.name)
        .sort()
        .map(async (n) => [n, await readFile(join(dir, n), "utf8")] as const),
    ),
  );

export { isObject, readDocument, type JsonObject };

export function obj(value: unknown, where = "value"): JsonObject {
  if (!isObject(value)) throw new Error(`${where} is not an object: ${JSON.stringify(value)?.slice(0, 80)}`);
  return value;
}

/** Follows a local $ref (once per hop) to the node it names. */
export function deref(doc: JsonObject, node: unknown): JsonObject {
  let current = obj(node);
  for (let hops = 0; typeof current.$ref === "string"; hops++) {
    if (hops > 10) throw new Error(`$ref loop at ${current.$ref}`);
    let target: unknown = doc;
    for (const key of current.$ref.slice(2).split("/")) target = obj(target, current.$ref)[key.replace(/~1/g, "/").replace(/~0/g, "~")];
    current = obj(target, current.$ref);
  }
  return current;
}

const METHODS = ["get", "put", "post", "delete", "patch"];

export interface Operation {
  path: string;
  method: string;
  id: string;
  op: JsonObject;
  /** Path-level and operation-level parameters, resolved; the operation's win on a name clash. */
  params: Map<string, JsonObject>;
}

export function operations(doc: JsonObject): Operation[] {
  const list: Operation[] = [];
  for (const [path, rawItem] of Object.entries(obj(doc.paths))) {
    const item = obj(rawItem);
    for (const method of METHODS) {
      if (!(method in item)) continue;
      const op = obj(item[method]);
      const params = new Map<string, JsonObject>();
      for (const p of [...((item.parameters as unknown[]) ?? []), ...((op.parameters as unknown[]) ?? [])]) {
        const resolved = deref(doc, p);
        params.set(`${resolved.in}:${resolved.name}`, resolved);
      }
      list.push({ path, method, id: String(op.operationId), op, params });
    }
  }
  return list;
}

/** A component schema with every allOf member merged: properties, required and nullable, as a reader sees them. */
export function flatten(doc: JsonObject, schema: unknown): { properties: Record<string, JsonObject>; required: string[] } {
  const node = deref(doc, schema);
  const properties: Record<string, JsonObject> = {};
  const required: string[] = [];
  for (const member of (node.allOf as unknown[] | undefined) ?? []) {
    const inner = flatten(doc, member);
    Object.assign(properties, inner.properties);
    required.push(...inner.required);
  }
  for (const [name, p] of Object.entries(obj(node.properties ?? {}))) properties[name] = obj(p);
  required.push(...((node.required as string[] | undefined) ?? []));
  return { properties, required };
}

export const built = (name: string) => readDocument(join(root, "openapi", `${name}.yaml`));

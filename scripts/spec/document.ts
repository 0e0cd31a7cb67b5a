/**
 * Reading and writing spec documents, through openapi-format's own YAML helpers so that what the
 * filter and overlay functions see is exactly what they would see from openapi-format's CLI.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { parseString, stringify } from "openapi-format";

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export interface Source {
  /** What the user passed: a path or an http(s) URL. */
  location: string;
  text: string;
  sha256: string;
  bytes: number;
}

/** A local path or an http(s) URL, read as bytes so the digest is of exactly what was read. */
export async function readSource(location: string): Promise<Source> {
  let bytes: Buffer;
  if (/^https?:\/\//i.test(location)) {
    const response = await fetch(location);
    if (!response.ok) throw new Error(`${location}: HTTP ${response.status} ${response.statusText}`);
    bytes = Buffer.from(await response.arrayBuffer());
  } else {
    bytes = await readFile(location);
  }
  return {
    location,
    text: bytes.toString("utf8"),
    sha256: createHash("sha256").update(bytes).digest("hex"),
    bytes: bytes.length,
  };
}

/** YAML or JSON text to an object; `label` names the file in errors. */
export async function parseDocument(text: string, label: string): Promise<JsonObject> {
  // openapi-format reports parse failures as a returned Error, not a throw.
  const parsed: unknown = await parseString(text, {});
  if (parsed instanceof Error) throw new Error(`${label}: ${parsed.message}`);
  if (!isObject(parsed)) throw new Error(`${label}: not a YAML or JSON object`);
  return parsed;
}

export async function readDocument(path: string, label = path): Promise<JsonObject> {
  return parseDocument(await readFile(path, "utf8"), label);
}

/**
 * Deterministic YAML: keys in the object's own order (no sorting), no line folding, single quotes
 * where quoting is needed. The same object always gives the same bytes.
 */
export async function toYaml(doc: JsonObject, header?: string): Promise<string> {
  const body = await stringify(doc, { format: "yaml", lineWidth: -1, yamlQuoteStyle: "single" });
  const comment = header === undefined ? "" : header.split("\n").map((line) => `# ${line}`.trimEnd()).join("\n") + "\n";
  return comment + (body.endsWith("\n") ? body : `${body}\n`);
}

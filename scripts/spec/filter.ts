/**
 * One tag's operations of a spec and every component they reference, unmodified, with openapi-format's
 * filter (inverseTags, then unusedComponents for every component type).
 *
 * openapi-format 1.33's inverseTags pass changes some of what it keeps: it deletes the path-level
 * fields (`parameters`, `summary`, …) of the paths it keeps, treating every key of a path item as an
 * operation without tags (Asana puts path parameters, limit/offset and every search filter there),
 * and it deletes the parent of any `tags` array that does not name the tag, examples included
 * (`{data: {tags: ["123"]}}` loses `data`). So the tag pass only decides which operations and
 * top-level tags stay; the path items are rebuilt from the source with those operations and every
 * non-operation field, the rest of the document is the source's, and only then are unused
 * components removed. `assertUnmodified` checks that every kept node equals the source's, so any
 * other surprise of the library fails the extraction instead of changing the upstream copy.
 */
import { isDeepStrictEqual } from "node:util";
import { openapiFilter } from "openapi-format";
import { isObject, type JsonObject } from "./document.ts";

const HTTP_METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace", "query"]);
/** Every component type openapi-format can strip (securitySchemes are referenced by name, not $ref). */
const COMPONENT_TYPES = ["schemas", "responses", "parameters", "examples", "requestBodies", "headers", "mediaTypes"];

function objectAt(doc: JsonObject, key: string): JsonObject {
  const value = doc[key];
  return isObject(value) ? value : {};
}

export async function extractTag(source: JsonObject, tag: string): Promise<JsonObject> {
  const byTag = (await openapiFilter(structuredClone(source), { filterSet: { inverseTags: [tag] } })).data as JsonObject;

  const keptPaths = objectAt(byTag, "paths");
  const paths: JsonObject = {};
  for (const [path, original] of Object.entries(objectAt(source, "paths"))) {
    const kept = keptPaths[path];
    if (!isObject(original) || !isObject(kept)) continue;
    const item: JsonObject = {};
    for (const [key, value] of Object.entries(original)) {
      if (!HTTP_METHODS.has(key) || key in kept) item[key] = structuredClone(value);
    }
    paths[path] = item;
  }
  const selected: JsonObject = { ...structuredClone(source), paths };
  if ("tags" in source) selected.tags = byTag.tags ?? [];

  // preserveEmptyObjects: openapi-format otherwise deletes empty objects, which is a change.
  const { data } = await openapiFilter(selected, {
    filterSet: { unusedComponents: COMPONENT_TYPES, preserveEmptyObjects: true },
  });
  const extracted = data as JsonObject;
  assertUnmodified(source, extracted);
  return extracted;
}

/**
 * Every node of `extracted` equals the source's: top-level fields, each kept path item's fields,
 * each kept component and each kept tag entry. Dropping operations, components and tags is the
 * only change allowed.
 */
export function assertUnmodified(source: JsonObject, extracted: JsonObject): void {
  const changed: string[] = [];
  const sourceKeys = Object.keys(source);
  if (!isDeepStrictEqual(Object.keys(extracted), sourceKeys.filter((k) => k in extracted))) changed.push("top-level key order");
  for (const [key, value] of Object.entries(extracted)) {
    const original = source[key];
    if (key === "paths" && isObject(value) && isObject(original)) {
      for (const [path, item] of Object.entries(value)) {
        const from = original[path];
        if (!isObject(item) || !isObject(from)) {
          changed.push(`paths.${path} (not in the source)`);
          continue;
        }
        for (const [field, node] of Object.entries(item)) {
          if (!isDeepStrictEqual(node, from[field])) changed.push(`paths.${path}.${field}`);
        }
        for (const field of Object.keys(from)) {
          if (!HTTP_METHODS.has(field) && !(field in item)) changed.push(`paths.${path}.${field} (dropped)`);
        }
      }
    } else if (key === "components" && isObject(value) && isObject(original)) {
      for (const [type, entries] of Object.entries(value)) {
        const from = original[type];
        if (!isObject(entries) || !isObject(from)) {
          changed.push(`components.${type}`);
          continue;
        }
        for (const [name, node] of Object.entries(entries)) {
          if (!isDeepStrictEqual(node, from[name])) changed.push(`components.${type}.${name}`);
        }
      }
    } else if (key === "tags" && Array.isArray(value) && Array.isArray(original)) {
      for (const entry of value) {
        if (!original.some((o) => isDeepStrictEqual(o, entry))) changed.push(`tags: ${JSON.stringify(entry).slice(0, 60)}`);
      }
    } else if (!isDeepStrictEqual(value, original)) {
      changed.push(key);
    }
  }
  if (changed.length > 0) throw new Error(`the filter changed what it kept (a bug to report upstream):\n- ${changed.join("\n- ")}`);
}

/** "GET /tasks/{task_gid}" for every operation, in document order. */
export function operationsOf(doc: JsonObject): string[] {
  const list: string[] = [];
  for (const [path, item] of Object.entries(objectAt(doc, "paths"))) {
    if (!isObject(item)) continue;
    for (const method of Object.keys(item)) if (HTTP_METHODS.has(method)) list.push(`${method.toUpperCase()} ${path}`);
  }
  return list;
}

export function componentCount(doc: JsonObject): number {
  return Object.values(objectAt(doc, "components")).reduce<number>(
    (sum, entries) => sum + (isObject(entries) ? Object.keys(entries).length : 0),
    0,
  );
}

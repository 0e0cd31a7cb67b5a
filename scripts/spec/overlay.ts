/**
 * Applies an OpenAPI Overlay 1.0 document with openapi-format's openapiOverlay, and fails where the
 * library would only skip: an action whose target matches nothing (a correction that no longer
 * applies, or a typo), an action without a description, a removal the library would get wrong,
 * and a result with dangling $refs or duplicated `required` entries (Overlay 1.0's update appends
 * to arrays, so a correction Asana has since made itself would otherwise list a field twice).
 */
import { openapiOverlay, resolveJsonPath, type OpenAPIOverlayAction } from "openapi-format";
import { isObject, type JsonObject } from "./document.ts";

interface OverlayAction extends OpenAPIOverlayAction {
  description: string;
}

function actionsOf(overlay: JsonObject, label: string): OverlayAction[] {
  if (typeof overlay.overlay !== "string" || !/^1\.0\.\d+$/.test(overlay.overlay)) {
    throw new Error(`${label}: not an Overlay 1.0 document (overlay: ${JSON.stringify(overlay.overlay)})`);
  }
  const info = overlay.info;
  if (!isObject(info) || typeof info.title !== "string" || typeof info.version !== "string") {
    throw new Error(`${label}: info.title and info.version are required`);
  }
  const actions = overlay.actions;
  if (!Array.isArray(actions) || actions.length === 0) throw new Error(`${label}: actions must be a non-empty list`);
  return actions.map((action: unknown, index) => {
    const where = `${label} action #${index + 1}`;
    if (!isObject(action) || typeof action.target !== "string") throw new Error(`${where}: needs a target`);
    if (typeof action.description !== "string" || action.description.trim() === "") {
      throw new Error(`${where} (${action.target}): needs a description saying why`);
    }
    if (!("update" in action) && action.remove !== true) throw new Error(`${where} (${action.target}): needs update or remove: true`);
    return action as unknown as OverlayAction;
  });
}

export async function applyOverlay(doc: JsonObject, overlay: JsonObject, label: string): Promise<JsonObject> {
  const actions = actionsOf(overlay, label);
  let current = structuredClone(doc);
  const failed: string[] = [];
  // One action at a time, so each is checked against the document as the actions before it left it.
  for (const [index, action] of actions.entries()) {
    const where = `${label} action #${index + 1}`;
    if (action.remove === true) assertSafeRemove(current, action.target, where);
    const { data, resultData } = await openapiOverlay(current, { overlaySet: { ...overlay, actions: [action] } });
    if (resultData.totalUsedActions !== 1) failed.push(`${where}: target ${action.target} matched nothing (${firstLine(action.description)})`);
    current = data as JsonObject;
  }
  if (failed.length > 0) throw new Error(failed.join("\n"));
  return current;
}

/**
 * openapi-format removes matched array elements one by one with splice, so a target matching two
 * elements of one list removes the wrong second one. Such a removal fails instead.
 */
function assertSafeRemove(doc: JsonObject, target: string, where: string): void {
  const perList = new Map<unknown, number>();
  for (const node of resolveJsonPath(doc, target)) {
    if (Array.isArray(node.parent)) perList.set(node.parent, (perList.get(node.parent) ?? 0) + 1);
  }
  if ([...perList.values()].some((n) => n > 1)) {
    throw new Error(`${where}: target ${target} removes several elements of one list, which openapi-format cannot do safely; remove one element per action`);
  }
}

function firstLine(text: string): string {
  const line = text.trim().split("\n")[0] ?? "";
  return line.length > 90 ? `${line.slice(0, 87)}...` : line;
}

/** Problems in a built document that no single action can see. */
export function checkBuilt(doc: JsonObject, label: string): void {
  const problems: string[] = [];
  for (const node of resolveJsonPath(doc, "$..required")) {
    if (!Array.isArray(node.value)) continue;
    const seen = new Set<unknown>();
    for (const name of node.value) {
      if (seen.has(name)) problems.push(`required lists ${JSON.stringify(name)} twice`);
      seen.add(name);
    }
  }
  for (const node of resolveJsonPath(doc, "$..['$ref']")) {
    const ref = node.value;
    if (typeof ref === "string" && ref.startsWith("#/") && pointer(doc, ref) === undefined) problems.push(`unresolved $ref ${ref}`);
  }
  if (problems.length > 0) throw new Error(`${label}:\n- ${[...new Set(problems)].join("\n- ")}`);
}

function pointer(doc: JsonObject, ref: string): unknown {
  let node: unknown = doc;
  for (const raw of ref.slice(2).split("/")) {
    const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    node = isObject(node) ? node[key] : undefined;
  }
  return node;
}

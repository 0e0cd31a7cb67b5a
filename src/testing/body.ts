/** Request bodies: the `{data}` envelope and the checks every body shares, with Asana-style 400 messages. */
import type { ApiRequest } from "./context.ts";
import { badRequest } from "./http.ts";

export const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** The object inside `{"data": …}`. */
export function readData(req: ApiRequest): Record<string, unknown> {
  const text = req.bodyText.trim();
  if (text === "") throw badRequest("data: Missing input");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw badRequest("Could not parse request data, invalid JSON");
  }
  if (!isObject(body) || !("data" in body)) throw badRequest("data: Missing input");
  if (!isObject(body.data)) throw badRequest("data: Value is not an object");
  return body.data;
}

/** The data of an action's body, which takes only `allowed` fields; `what` names it in the message. */
export function readAction(req: ApiRequest, allowed: readonly string[], what: string): Record<string, unknown> {
  const data = readData(req);
  for (const key of Object.keys(data)) {
    if (!allowed.includes(key)) throw badRequest(`${key}: Unknown property for ${what}`);
  }
  return data;
}

export function required(data: Record<string, unknown>, field: string): unknown {
  if (data[field] === undefined) throw badRequest(`${field}: Missing input`);
  return data[field];
}

export function str(field: string, value: unknown): string {
  if (typeof value !== "string") throw badRequest(`${field}: Value is not a string: ${JSON.stringify(value)}`);
  return value;
}

export function bool(field: string, value: unknown): boolean {
  if (typeof value !== "boolean") throw badRequest(`${field}: Value is not a boolean: ${JSON.stringify(value)}`);
  return value;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

export function date(field: string, value: unknown): string | null {
  if (value === null) return null;
  if (typeof value !== "string" || !DATE.test(value) || Number.isNaN(Date.parse(value))) {
    throw badRequest(`${field}: Value is not a valid date (YYYY-MM-DD): ${JSON.stringify(value)}`);
  }
  return value;
}

/** An ISO 8601 date-time, normalised by toISOString() (so stored times compare as strings). */
export function dateTime(field: string, value: unknown): string | null {
  if (value === null) return null;
  const ms = typeof value === "string" && DATE_TIME.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw badRequest(`${field}: Value is not a valid ISO 8601 date-time: ${JSON.stringify(value)}`);
  return new Date(ms).toISOString();
}

/** A gid in a body; unknown objects answer 400 (only path objects answer 404). */
export function gidOf(field: string, value: unknown, known: Map<string, unknown>): string {
  if (typeof value !== "string" && typeof value !== "number") throw badRequest(`${field}: Not a recognized ID: ${JSON.stringify(value)}`);
  const gid = String(value);
  if (!known.has(gid)) throw badRequest(`${field}: Unknown object: ${gid}`);
  return gid;
}

/** An array of items, or (as Asana also takes) one comma-separated string. */
export function listOfItems(field: string, value: unknown): unknown[] {
  const items = typeof value === "string" ? value.split(",").map((s) => s.trim()).filter(Boolean) : value;
  if (!Array.isArray(items)) throw badRequest(`${field}: Value is not an array of gids: ${JSON.stringify(value)}`);
  return items;
}

/** Distinct known gids, in the order given. */
export function gidList(field: string, value: unknown, known: Map<string, unknown>): string[] {
  return [...new Set(listOfItems(field, value).map((item) => gidOf(field, item, known)))];
}

/** Where an insert_before / insert_after pair puts something; `gid: null` is the start (after) or the end (before). */
export interface Anchor {
  field: "insert_before" | "insert_after";
  side: "before" | "after";
  gid: string | null;
}

/** At most one of insert_before and insert_after; a non-null one must name a known task. */
export function readAnchor(data: Record<string, unknown>, tasks: Map<string, unknown>): Anchor | undefined {
  const { insert_before: before, insert_after: after } = data;
  if (before !== undefined && after !== undefined) throw badRequest("You may only provide one of insert_before or insert_after");
  if (before === undefined && after === undefined) return undefined;
  const field = before !== undefined ? "insert_before" : "insert_after";
  const value = before !== undefined ? before : after;
  return { field, side: field === "insert_before" ? "before" : "after", gid: value === null ? null : gidOf(field, value, tasks) };
}

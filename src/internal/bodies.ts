/**
 * Body rules: each turns a method's body argument into the `data` of the request, or throws a
 * TypeError naming what is wrong, before any request. The facade wraps bodies in `{data: …}` itself.
 */
import type { DuplicateInclude } from "../types.ts";
import { checkGid, checkGidList, checkObject, checkTaskDates, shown } from "./validate.ts";

/** Turns the argument after the path gids into the `data` of the request body; throws on bad input. */
export type BodyRule = (value: unknown) => object;

/** An object of fields, never its own `{data: …}` envelope (Asana would answer 200 and change nothing). */
function fields(value: unknown): Record<string, unknown> {
  const body = checkObject(value, "body");
  if (Object.hasOwn(body, "data")) throw new TypeError("body must be the fields: the client wraps them in {data}");
  return body;
}

/** `{ [key]: gid }`, from a single gid argument (`tagGid` → `{ tag }`). */
export const gidAs = (key: string, name: string): BodyRule => (value) => ({ [key]: checkGid(value, name) });

/** `{ [key]: [gids] }`, from a gid list argument (`followerGids` → `{ followers }`). */
export const gidsAs = (key: string, name: string): BodyRule => (value) => ({ [key]: checkGidList(value, name) });

/** Task fields whose own endpoints change them: PUT refuses them. */
const MOVED: Record<string, string> = {
  projects: ": use add/removeProject",
  tags: ": use add/removeTag",
  followers: ": use add/removeFollowers",
  parent: ": use setParent",
  workspace: "", // a task keeps its workspace
};

export const createBody: BodyRule = (value) => {
  const body = fields(value);
  checkTaskDates(body);
  return body;
};

export const updateBody: BodyRule = (value) => {
  const body = createBody(value) as Record<string, unknown>;
  for (const key in MOVED) {
    if (Object.hasOwn(body, key)) throw new TypeError(`body.${key} cannot be changed by update${MOVED[key]}`);
  }
  return body;
};

/** insert_before / insert_after: at most one, each a gid or null. */
function anchored(body: Record<string, unknown>): Record<string, unknown> {
  const { insert_before: before, insert_after: after } = body;
  if (before !== undefined && after !== undefined) throw new TypeError("body takes insert_before or insert_after, not both");
  if (before !== undefined) checkGid(before, "body.insert_before", true);
  if (after !== undefined) checkGid(after, "body.insert_after", true);
  return body;
}

/** `parent` is required: a task gid, or null to make the task top-level. */
export const setParentBody: BodyRule = (value) => {
  const body = fields(value);
  checkGid(body.parent, "body.parent", true);
  return anchored(body);
};

export const addProjectBody: BodyRule = (value) => {
  const body = fields(value);
  checkGid(body.project, "body.project");
  if (body.section !== undefined) checkGid(body.section, "body.section");
  return anchored(body);
};

/** Asana's duplicate `include` fields; typed against the spec's enum, so a new value fails to compile here. */
const INCLUDE = [
  "assignee", "attachments", "dates", "dependencies", "followers",
  "notes", "parent", "projects", "subtasks", "tags",
] as const satisfies readonly DuplicateInclude[];
// Every value of the spec's enum is listed above (the reverse of `satisfies`).
type Missing = Exclude<DuplicateInclude, (typeof INCLUDE)[number]>;
const _everyInclude: Missing extends never ? true : Missing = true;
void _everyInclude;

/** `{ name?, include? }`, with `include` an array sent comma-joined as Asana reads it. */
export const duplicateBody: BodyRule = (value) => {
  const { include, ...rest } = fields(value === undefined ? {} : value);
  if (include === undefined) return rest;
  const unknown = Array.isArray(include) ? include.filter((field) => !(INCLUDE as readonly unknown[]).includes(field)) : [shown(include)];
  if (unknown.length) throw new TypeError(`body.include must be an array of ${INCLUDE.join(", ")}; got ${unknown.join(", ")}`);
  return { ...rest, include: (include as string[]).join(",") };
};

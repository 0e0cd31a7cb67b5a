/**
 * References between records in a view. A Ref stays lazy until opt_fields asks for its sub-fields,
 * so `assignee.name` or `parent.assignee.email` costs only what is asked.
 */
export type Kind = "task" | "user" | "project" | "workspace" | "section" | "tag" | "job" | "custom_field" | "enum_option";

export const REF: unique symbol = Symbol("ref");

export interface Ref {
  [REF]: Kind;
  gid: string;
  /** The record itself, when it is not found by gid alone (a task's value of a custom field). */
  record?: unknown;
  /** The fields it shows nested in a full record, when not its kind's compact ones. */
  nested?: readonly string[];
}

export const ref = (kind: Kind, gid: string, extra?: { record?: unknown; nested?: readonly string[] }): Ref => ({ [REF]: kind, gid, ...extra });
export const refOrNull = (kind: Kind, gid: string | null): Ref | null => (gid === null ? null : ref(kind, gid));
export const isRef = (value: object): value is Ref => REF in value;

const BARE = ["resource_type"] as const;
/** A reference that a full record shows as `{gid, resource_type}` only (the spec's AsanaResource). */
export const bareRef = (kind: Kind, gid: string): Ref => ref(kind, gid, { nested: BARE });
export const bareRefOrNull = (kind: Kind, gid: string | null): Ref | null => (gid === null ? null : bareRef(kind, gid));

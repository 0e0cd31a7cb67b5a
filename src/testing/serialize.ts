/**
 * Records as Asana returns them, from the views in views.ts:
 *
 * - lists: compact records ({gid, name, resource_type, resource_subtype} for tasks);
 * - GET one: the full record, nested references as compact records;
 * - with opt_fields: gid plus exactly the requested fields (each present, null or [] included); a
 *   path through a reference gives {gid, ...requested} (null for a null reference), through an array
 *   an array of those; a reference asked for without sub-fields is {gid, resource_type}. Unknown
 *   fields are left out.
 */
import type { FakeContext } from "./context.ts";
import type { FakeState } from "./model.ts";
import { isRef, type Kind, REF, ref, type Ref } from "./refs.ts";
import { VIEWS } from "./views.ts";

export type { Kind } from "./refs.ts";
type View = Record<string, unknown>;

/** A field tree: `null` for a leaf. */
export type FieldTree = Map<string, FieldTree | null>;

export function parseOptFields(raw: string | null): FieldTree | undefined {
  if (raw === null) return undefined;
  const tree: FieldTree = new Map();
  for (const field of raw.split(",")) {
    const parts = field.trim().split(".").filter(Boolean);
    let node = tree;
    parts.forEach((part, i) => {
      const last = i === parts.length - 1;
      const existing = node.get(part);
      if (last) {
        if (existing === undefined) node.set(part, null);
      } else {
        // `assignee` and `assignee.name` together: the sub-fields win.
        const child = existing ?? new Map();
        node.set(part, child);
        node = child;
      }
    });
  }
  return tree;
}

const recordOf = (state: FakeState, r: Ref): unknown => r.record ?? VIEWS[r[REF]].find(state, r.gid);

/** A record of this kind: with `fields` (parsed opt_fields) exactly those, else compact or full. */
export function render(ctx: FakeContext, kind: Kind, gid: string, fields: FieldTree | undefined, form: "compact" | "full"): View {
  const { state } = ctx;
  const record = VIEWS[kind].find(state, gid);
  if (record === undefined) return { gid, resource_type: kind };
  if (fields) return select(state, ref(kind, gid), record, fields);
  const { compact, fields: all, optIn = [] } = VIEWS[kind];
  return shown(state, ref(kind, gid), record, form === "compact" ? compact : Object.keys(all).filter((key) => !optIn.includes(key)));
}

function select(state: FakeState, r: Ref, record: unknown, fields: FieldTree): View {
  const spec = VIEWS[r[REF]];
  const out: View = { gid: r.gid };
  for (const [key, sub] of fields) {
    if (key !== "gid" && Object.hasOwn(spec.fields, key)) out[key] = pick(state, spec.fields[key]!(record, state), sub);
  }
  return out;
}

function pick(state: FakeState, value: unknown, fields: FieldTree | null): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item) => pick(state, item, fields));
  if (isRef(value)) {
    if (fields === null) return { gid: value.gid, resource_type: value[REF] };
    const record = recordOf(state, value);
    return record === undefined ? { gid: value.gid } : select(state, value, record, fields);
  }
  // An embedded object (a membership, external, date_value): no gid of its own.
  const embedded = value as View;
  const out: View = {};
  if (fields === null) {
    for (const [key, item] of Object.entries(embedded)) out[key] = pick(state, item, null);
  } else {
    for (const [key, sub] of fields) if (Object.hasOwn(embedded, key)) out[key] = pick(state, embedded[key], sub);
  }
  return out;
}

/** In a full record, nested references are compact records (or what the reference says it shows). */
function expandDefault(state: FakeState, value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item) => expandDefault(state, item));
  if (isRef(value)) {
    const record = recordOf(state, value);
    if (record === undefined) return { gid: value.gid, resource_type: value[REF] };
    return shown(state, value, record, value.nested ?? VIEWS[value[REF]].compact);
  }
  const out: View = {};
  for (const [key, item] of Object.entries(value as View)) out[key] = expandDefault(state, item);
  return out;
}

/** These fields of a record, references in them compact in turn (compact forms hold no cycles). */
function shown(state: FakeState, r: Ref, record: unknown, fields: readonly string[]): View {
  const spec = VIEWS[r[REF]];
  const out: View = { gid: r.gid };
  for (const key of fields) out[key] = expandDefault(state, spec.fields[key]!(record, state));
  return out;
}

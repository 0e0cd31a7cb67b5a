/** How a kind of record is shown: how to find it, each field the API answers, and its compact form. */
import type { FakeState } from "./model.ts";
import type { Kind } from "./refs.ts";

export interface ViewSpec<T> {
  find(state: FakeState, gid: string): T | undefined;
  /** Every field of the full record, in the order Asana lists them (gid comes first, always). */
  fields: Record<string, (record: T, state: FakeState) => unknown>;
  /** What lists and references nested in a full record show without opt_fields. */
  compact: readonly string[];
  /** Fields of `fields` that only opt_fields brings, left out of the full record. */
  optIn?: readonly string[];
}

/** Erases the record type, so specs of every kind share one table. */
export const viewSpec = <T>(spec: ViewSpec<T>): ViewSpec<unknown> => spec as unknown as ViewSpec<unknown>;

const NAMED = ["name", "resource_type"] as const;

/** A resource with a name (TaskCompact, UserCompact, ProjectCompact, …): compact as {gid, name, resource_type} plus `compactMore`. */
export function namedView<T extends { name: string }>(kind: Kind, records: (state: FakeState) => Map<string, T>, more: ViewSpec<T>["fields"] = {}, compactMore: readonly string[] = []) {
  return viewSpec<T>({
    find: (state, gid) => records(state).get(gid),
    compact: [...NAMED, ...compactMore],
    fields: { resource_type: () => kind, name: (record) => record.name, ...more },
  });
}

/** How a kind of record is shown: how to find it, each field the API answers, and its compact form. */
import type { FakeState } from "./model.ts";

export interface ViewSpec<T> {
  find(state: FakeState, gid: string): T | undefined;
  /** Every field of the full record, in the order Asana lists them (gid comes first, always). */
  fields: Record<string, (record: T, state: FakeState) => unknown>;
  /** What lists and references nested in a full record show without opt_fields. */
  compact: readonly string[];
}

/** Erases the record type, so specs of every kind share one table. */
export const viewSpec = <T>(spec: ViewSpec<T>): ViewSpec<unknown> => spec as unknown as ViewSpec<unknown>;

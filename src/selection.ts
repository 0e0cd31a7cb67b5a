/**
 * Typed field selection: the `opt_fields` paths of a resource, and the result narrowed to them.
 * Both are derived from the response schemas in generated/ (the spec's own per-operation opt_fields
 * enums are dropped by openapi/overlays/shared.yaml, so the schemas are the one source of truth).
 * The rule, the one Asana (and the fake) follow:
 * - `gid` always; each requested field present, keeping the schema's `null`;
 * - a reference (an object with a required `gid`: a user, a project, a custom field, …) gives
 *   `{ gid, ...requested }`, or `{ gid, resource_type }` when asked for by itself;
 * - an embedded object (no `gid` of its own: a membership, `external`, a date value) gives the
 *   requested fields, or all of its fields when asked for by itself;
 * - through an array, an array of those. Paths under one field merge; sub-fields win over the bare field.
 */

/** Counts down the segments a path may still have, so that a schema that refers to itself still ends. */
type Less = [never, 0, 1, 2, 3];

type Item<V> = V extends readonly (infer E)[] ? E : V;

/**
 * Every dot path into T that `opt_fields` can ask for (`"name"`, `"assignee.name"`,
 * `"memberships.section.name"`), through references, embedded objects and arrays, of at most
 * `Segments` segments (the schemas' longest have 3).
 */
export type FieldPath<T, Segments extends number = 4> = Segments extends 0
  ? never
  : T extends object
    ? { [K in keyof T & string]-?: K | SubPath<K, NonNullable<Item<NonNullable<T[K]>>>, Less[Segments]> }[keyof T & string]
    : never;

type SubPath<K extends string, V, Segments extends number> = V extends object ? `${K}.${FieldPath<V, Segments>}` : never;

/** The first segment of each path. */
type Head<P extends string> = P extends `${infer K}.${string}` ? K : P;
/** What P asks for under the field K. */
type Under<P extends string, K extends string> = P extends `${K}.${infer Rest}` ? Rest : never;

type Reference = { readonly gid: string };

/**
 * The fields K of T, present (`-?` also drops the `undefined` of optional), each narrowed to what P
 * asks under it; modifiers kept.
 * (Mapped once more through `infer`, so that editors show the object, not this alias.)
 */
type Fields<T, K extends keyof T, P extends string> = { [F in K]-?: Field<T[F], Under<P, F & string>> } extends infer O
  ? { [F in keyof O]: O[F] }
  : never;

type Leaf = string | number | boolean | null | undefined;

/** One field's value, as the rule above says. Leaves pass through whole (an enum is not split into its members). */
type Field<V, P extends string> = [V] extends [Leaf] ? V : Value<V, P>;

type Value<V, P extends string> = V extends readonly (infer E)[]
  ? Field<E, P>[]
  : V extends Reference
    ? [P] extends [never]
      ? Fields<V, Extract<"gid" | "resource_type", keyof V>, never>
      : Select<V, P>
    : V extends object
      ? Fields<V, [P] extends [never] ? keyof V : Extract<Head<P>, keyof V>, P>
      : V;

type Select<T, P extends string> = Fields<T, Extract<"gid" | Head<P>, keyof T>, P>;

/**
 * T as Asana answers it for the opt_fields P: `Selected<Task, "name" | "assignee.name">` is
 * `{ gid: string; name: string; assignee: { gid: string; name: string } | null }`.
 */
export type Selected<T, P extends FieldPath<T>> = Select<T, P>;

/**
 * The constraint of an `opt_fields` type parameter F: paths of T (a misspelt one does not compile),
 * or any `string[]`, for lists built at run time (their results are not narrowed).
 */
export type FieldList<T, F extends readonly unknown[]> = readonly (string extends F[number] ? string : FieldPath<T>)[];

/**
 * True when F holds exactly known paths: a non-empty tuple of single literals, as a literal array
 * infers (an empty list is not sent, so it selects nothing; `[c ? "a" : "b"]` asks for one of two).
 * Flat checks rather than a walk down the tuple: this runs on every call.
 */
type Exact<F extends readonly string[]> = number extends F["length"]
  ? false
  : F extends readonly []
    ? false
    : string extends F[number]
      ? false
      : true extends { [I in keyof F]: [F[I]] extends [UnionToIntersection<F[I]>] ? false : true }[number]
        ? false
        : true;

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/**
 * T narrowed to the opt_fields F when they are known exactly, else `Otherwise` (the unnarrowed type);
 * `Also`: paths the method adds to opt_fields itself.
 */
export type Narrowed<T, F extends readonly string[], Otherwise, Also extends string = never> = Exact<F> extends true
  ? Select<T, F[number] | Also>
  : Otherwise;

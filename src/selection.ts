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

/** Path segments FieldPath follows, so that a schema that refers to itself still ends. */
type Deeper = [never, 0, 1, 2, 3];

type Item<V> = V extends readonly (infer E)[] ? E : V;

/** Every dot path into T that `opt_fields` can ask for: `"name"`, `"assignee.name"`, `"memberships.section.name"`. */
export type FieldPath<T, Depth extends number = 4> = T extends object
  ? { [K in keyof T & string]-?: K | SubPath<K, NonNullable<Item<NonNullable<T[K]>>>, Depth> }[keyof T & string]
  : never;

type SubPath<K extends string, V, Depth extends number> = [Depth] extends [never]
  ? never
  : V extends object
    ? `${K}.${FieldPath<V, Deeper[Depth]>}`
    : never;

/** The first segment of each path. */
type Head<P extends string> = P extends `${infer K}.${string}` ? K : P;
/** What P asks for under the field K. */
type Under<P extends string, K extends string> = P extends `${K}.${infer Rest}` ? Rest : never;

type Reference = { readonly gid: string };

/**
 * The fields K of T, in T's order, present (not optional), each narrowed to what P asks under it;
 * modifiers kept.
 * (Mapped once more through `infer`, so that editors show the object, not this alias.)
 */
type Fields<T, K extends keyof T, P extends string> = {
  [F in keyof T as F extends K ? F : never]-?: Field<Exclude<T[F], undefined>, Under<P, F & string>>;
} extends infer O
  ? { [F in keyof O]: O[F] }
  : never;

/** One field's value, as the rule above says; `null` and other leaves pass through. */
type Field<V, P extends string> = V extends readonly (infer E)[]
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

/** True when F holds exactly known paths: a tuple of single literals, as a literal array infers. */
type Exact<F> = F extends readonly [infer P, ...infer Rest]
  ? string extends P
    ? false
    : [P] extends [UnionToIntersection<P>]
      ? Exact<Rest>
      : false
  : F extends readonly []
    ? true
    : false;

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/**
 * T narrowed to the opt_fields F when they are known exactly, else `Otherwise` (the unnarrowed type);
 * `Also`: paths the method adds to opt_fields itself.
 */
export type Narrowed<T, F extends readonly string[], Otherwise, Also extends string = never> = Exact<F> extends true
  ? Select<T, F[number] | Also>
  : Otherwise;

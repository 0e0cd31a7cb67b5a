/**
 * The selection rule at run time, for checking the types against the fake's answers:
 * - `expectedKeys(resource, paths)` mirrors `Selected` (src/selection.ts) over a table of the
 *   schema's facts (which paths are references, which embedded objects). The tables are checked
 *   against the types at compile time, so a schema change that the table misses fails `tsc`.
 * - `answeredKeys(value)` lists the key paths of an answer, through arrays and nulls.
 * - `KeyPaths<X>` lists the key paths of a type, so that a literal list of them can be tied to `Selected`.
 */
import type { FieldPath, Job, Task } from "asana-fetch";

// ---- the types' view of a resource ----

type Item<V> = V extends readonly (infer E)[] ? E : V;
type Kind<V> = V extends { readonly gid: string } ? "reference" : V extends object ? "embedded" : "leaf";
/** The value at a path (through arrays and nulls). */
type ValueAt<T, P extends string> = P extends `${infer K}.${infer Rest}`
  ? ValueAt<NonNullable<Item<NonNullable<T[K & keyof T]>>>, Rest>
  : NonNullable<Item<NonNullable<T[P & keyof T]>>>;
type PathsOf<T, K> = { [P in FieldPath<T>]: Kind<ValueAt<T, P>> extends K ? P : never }[FieldPath<T>];
type EmbeddedFields<T> = { [P in PathsOf<T, "embedded">]: { [F in keyof ValueAt<T, P>]-?: Kind<NonNullable<Item<NonNullable<ValueAt<T, P>[F]>>>> } };
type WithoutResourceType<T> = { [P in PathsOf<T, "reference">]: "resource_type" extends keyof ValueAt<T, P> ? never : P }[PathsOf<T, "reference">];

/** Every key path of X ("assignee", "assignee.gid", "assignee.name"), through arrays and nulls. */
export type KeyPaths<X, Prefix extends string = ""> = X extends readonly (infer E)[]
  ? KeyPaths<E, Prefix>
  : X extends object
    ? { [K in keyof X & string]-?: `${Prefix}${K}` | KeyPaths<NonNullable<X[K]>, `${Prefix}${K}.`> }[keyof X & string]
    : never;

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** Compile-time assertion: fails `tsc` unless given `true`. */
export const is = <T extends true>(..._checks: T[]): void => undefined;

// ---- the schema's facts, as the run-time mirror needs them ----

export interface Facts {
  /** Paths whose value is a reference (a schema with a required gid), or an array of them. */
  references: readonly string[];
  /** References whose schema has no resource_type (asked for by themselves: just {gid}). */
  withoutResourceType: readonly string[];
  /** Embedded objects (no gid of their own), with the kind of each of their fields. */
  embedded: Record<string, Record<string, "reference" | "embedded" | "leaf">>;
}

const TASK_REFERENCES = [
  "created_by", "assigned_by", "completed_by", "dependencies", "dependents", "hearts", "hearts.user", "likes", "likes.user",
  "memberships.project", "memberships.section", "assignee", "assignee_section", "custom_fields", "custom_fields.enum_options",
  "custom_fields.enum_value", "custom_fields.multi_enum_values", "custom_fields.created_by", "custom_fields.people_value",
  "custom_fields.reference_value", "custom_type", "custom_type_status_option", "followers", "parent", "parent.created_by",
  "projects", "tags", "workspace",
] as const;
const TASK_WITHOUT_RESOURCE_TYPE = ["hearts", "likes"] as const;
const TASK_EMBEDDED = {
  external: { gid: "leaf", data: "leaf" },
  memberships: { project: "reference", section: "reference" },
  "custom_fields.date_value": { date: "leaf", date_time: "leaf" },
} as const;

const JOB_REFERENCES = [
  "new_portfolio", "new_project", "new_task", "new_task.created_by", "new_project_template", "new_graph_export", "new_resource_export",
] as const;

is<Equal<(typeof TASK_REFERENCES)[number], PathsOf<Task, "reference">>>(true);
is<Equal<(typeof TASK_WITHOUT_RESOURCE_TYPE)[number], WithoutResourceType<Task>>>(true);
is<Equal<typeof TASK_EMBEDDED, { readonly [P in keyof EmbeddedFields<Task>]: { readonly [F in keyof EmbeddedFields<Task>[P]]: EmbeddedFields<Task>[P][F] } }>>(true);
is<Equal<(typeof JOB_REFERENCES)[number], PathsOf<Job, "reference">>>(true);
is<Equal<PathsOf<Job, "embedded">, never>>(true);
is<Equal<WithoutResourceType<Job>, never>>(true);

export const FACTS = {
  task: { references: TASK_REFERENCES, withoutResourceType: TASK_WITHOUT_RESOURCE_TYPE, embedded: TASK_EMBEDDED },
  job: { references: JOB_REFERENCES, withoutResourceType: [], embedded: {} },
} satisfies Record<string, Facts>;

// ---- the mirror of Selected ----

/** A key tree: a leaf is `null`. */
type Tree = Map<string, Tree | null>;

function bare(facts: Facts, path: string): Tree | null {
  if (facts.references.includes(path)) {
    const tree: Tree = new Map([["gid", null]]);
    if (!facts.withoutResourceType.includes(path)) tree.set("resource_type", null);
    return tree;
  }
  const fields = facts.embedded[path];
  if (!fields) return null;
  return new Map(Object.keys(fields).map((field) => [field, bare(facts, `${path}.${field}`)]));
}

/** The key paths `Selected<T, paths>` promises, sorted. */
export function expectedKeys(facts: Facts, paths: readonly string[]): string[] {
  const root: Tree = new Map([["gid", null]]);
  for (const path of paths) {
    const parts = path.split(".");
    let node = root;
    parts.forEach((part, i) => {
      const at = parts.slice(0, i + 1).join(".");
      if (i === parts.length - 1) {
        // The bare field; sub-fields asked for elsewhere win.
        if (!node.has(part)) node.set(part, bare(facts, at));
        return;
      }
      let child = node.get(part);
      if (!child || !isSelectedTree(child)) {
        child = Object.assign(new Map() as Tree, { selected: true });
        if (facts.references.includes(at)) child.set("gid", null);
        node.set(part, child);
      }
      node = child;
    });
  }
  return flatten(root).sort();
}

/** A tree built from sub-paths (not a bare field's expansion, which sub-paths replace). */
const isSelectedTree = (tree: Tree): boolean => (tree as Tree & { selected?: boolean }).selected === true;

function flatten(tree: Tree, prefix = ""): string[] {
  return [...tree].flatMap(([key, sub]) => [`${prefix}${key}`, ...(sub ? flatten(sub, `${prefix}${key}.`) : [])]);
}

// ---- what an answer holds ----

export interface Disagreement {
  /** Objects whose keys are not the expected ones: "assignee: answered gid,name,email; expected gid,name". */
  wrong: string[];
  /** Expected key paths the answer never reached (below a null, an empty array or a missing key). */
  unchecked: string[];
}

/** Compares every object of an answer (each array element too) with the expected key paths. */
export function disagreements(answer: unknown, expected: readonly string[]): Disagreement {
  const wrong: string[] = [];
  const seen = new Set<string>();
  const check = (value: unknown, path: string): void => {
    if (Array.isArray(value)) return value.forEach((item) => check(item, path));
    if (value === null || typeof value !== "object") return;
    const want = expected.filter((key) => key.startsWith(path ? `${path}.` : "") && !key.slice(path ? path.length + 1 : 0).includes("."));
    const got = Object.keys(value).map((key) => (path ? `${path}.${key}` : key));
    if ([...got].sort().join() !== [...want].sort().join()) wrong.push(`${path || "(root)"}: answered ${got.sort().join(",")}; expected ${want.sort().join(",")}`);
    for (const [key, item] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      seen.add(at);
      check(item, at);
    }
  };
  check(answer, "");
  return { wrong, unchecked: expected.filter((key) => !seen.has(key)) };
}

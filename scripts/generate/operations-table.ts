/**
 * generated/operations.ts: the runtime table of every operation in openapi/*.yaml, as octokit
 * generates its route data. One row per operationId: method, path template, and whether sending it
 * twice leaves the same state.
 * The client itself reads no row: it takes each operation as its own const route, "METHOD /path"
 * (so a bundle keeps only those it uses, under minified names, and no operationIds), and the retry
 * rule as `idempotentWrites`, the POST/PATCH routes marked x-idempotent. That last column is the one retry rule for the facade and `raw`:
 * GET, HEAD, PUT, DELETE and OPTIONS are idempotent by HTTP's definition; a POST or PATCH is only when
 * its operation says `x-idempotent: true` (set by an overlay, with the reason, in openapi/overlays/).
 */
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch"] as const;
const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]);

interface OperationObject {
  operationId?: string;
  "x-idempotent"?: unknown;
}
type PathItem = Partial<Record<(typeof METHODS)[number], OperationObject>>;
export interface SpecDocument {
  paths?: Record<string, PathItem>;
}

export function operationsModule(specs: { file: string; doc: SpecDocument }[], header: string): string {
  const rows: string[] = [];
  const routes: string[] = [];
  const idempotentWrites: string[] = [];
  const seen = new Map<string, string>();
  for (const { file, doc } of specs) {
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      for (const method of METHODS) {
        const op = item[method];
        if (!op) continue;
        const id = op.operationId;
        if (!id) throw new Error(`${file}: ${method.toUpperCase()} ${path} has no operationId`);
        if (!/^[a-z]\w*$/i.test(id) || id === "operations" || id === "idempotentWrites") throw new Error(`${file}: operationId ${id} cannot name a const`);
        if (seen.has(id)) throw new Error(`${file}: operationId ${id} is also used in ${seen.get(id)}`);
        seen.set(id, file);
        const upper = method.toUpperCase();
        const idempotent = IDEMPOTENT_METHODS.has(upper) || op["x-idempotent"] === true;
        rows.push(`  ${id}: [${JSON.stringify(upper)}, ${JSON.stringify(path)}, ${idempotent}],`);
        routes.push(`export const ${id} = ${JSON.stringify(`${upper} ${path}`)};`);
        if (idempotent && !IDEMPOTENT_METHODS.has(upper)) idempotentWrites.push(id);
      }
    }
  }
  return [
    header.trimEnd(),
    "",
    "/** An operation: its method, its path template, and whether sending it twice leaves the same state. */",
    'export type Operation = readonly [method: "GET" | "PUT" | "POST" | "DELETE" | "OPTIONS" | "HEAD" | "PATCH", path: string, idempotent: boolean];',
    "",
    "/** Every operation of every spec, by operationId. */",
    "export const operations = {",
    ...rows,
    "} as const satisfies Record<string, Operation>;",
    "",
    "/** An operation as the client declares it: \"METHOD /path/template\". */",
    "export type Route = `${Operation[0]} /${string}`;",
    "",
    ...routes,
    "",
    "/** The POST and PATCH routes marked x-idempotent: sending them twice leaves the same state. */",
    `export const idempotentWrites: readonly Route[] = [${idempotentWrites.join(", ")}];`,
    "",
  ].join("\n");
}

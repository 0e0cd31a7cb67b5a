/**
 * Compares the generated types of two revisions, operation by operation (by operationId, so renamed
 * components do not matter): for every field the old types declare in an operation's parameters,
 * JSON request body, 2xx JSON response and response headers, is the new type at least as precise? Same optionality
 * or stricter, null kept where the old type had it, a type no wider than before. Also lists the
 * error statuses each side declares.
 *
 *   npx tsx scripts/spec/compare-types.ts <git revision> [new generated dir, default generated/]
 *
 * Responses are compared as openapi-fetch returns them (`Readable<T>`), request bodies as it takes
 * them (`Writable<T>`), so read/write markers on either side make no difference.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** One line of the report: where, and what changed. */
interface Finding {
  path: string;
  kind: "missing" | "now optional" | "lost null" | "wider" | "different" | "narrower" | "now required" | "gained null" | "added";
  detail?: string;
}

const WORSE = new Set<Finding["kind"]>(["missing", "now optional", "lost null", "wider", "different"]);

/** The probe: old and new operations side by side, as openapi-fetch sees them. */
function probe(oldDir: string, newDir: string): string {
  return `
import type * as O from ${JSON.stringify(join(oldDir, "index.ts"))};
import type * as N from ${JSON.stringify(join(newDir, "index.ts"))};
type Rd<T> = N.Readable<T>;
type Wr<T> = N.Writable<T>;
type OldOps = O.TasksOperations & O.JobsOperations;
type NewOps = N.TasksOperations & N.JobsOperations;
type Params<Op, W extends string> = Op extends { parameters: { [K in W]?: infer P } } ? NonNullable<P> : never;
type Body<Op> = Op extends { requestBody?: { content: { "application/json": infer B } } } ? B : never;
type Ok<Op> = Op extends { responses: infer R }
  ? { [C in keyof R as C extends 200 | 201 ? C : never]: R[C] extends { content: { "application/json": infer B } } ? B : never }
  : never;
/** Named response headers (Location, Retry-After), by status, for the statuses that declare any. */
type Named<H> = { [K in keyof H as string extends K ? never : K]: H[K] };
type Headers<Op> = Op extends { responses: infer R }
  ? { [C in keyof R as R[C] extends { headers: infer H } ? (keyof Named<H> extends never ? never : C) : never]: R[C] extends { headers: infer H } ? Named<H> : never }
  : never;
type Codes<Op> = Op extends { responses: infer R } ? keyof R : never;
type Pair<A, B> = { old: A; new: B };
export type Operations = {
  [K in keyof OldOps]: K extends keyof NewOps
    ? {
        path: Pair<Params<OldOps[K], "path">, Params<NewOps[K], "path">>;
        query: Pair<Params<OldOps[K], "query">, Params<NewOps[K], "query">>;
        body: Pair<Body<OldOps[K]>, Wr<Body<NewOps[K]>>>;
        ok: Pair<Ok<OldOps[K]>, Rd<Ok<NewOps[K]>>>;
        headers: Pair<Headers<OldOps[K]>, Headers<NewOps[K]>>;
        codes: Pair<Codes<OldOps[K]>, Codes<NewOps[K]>>;
      }
    : "gone";
};
`;
}

class Comparer {
  readonly findings: Finding[] = [];
  compared = 0;
  constructor(private readonly checker: ts.TypeChecker) {}

  prop(type: ts.Type, name: string): ts.Type {
    const symbol = type.getProperty(name);
    if (!symbol) throw new Error(`no ${name} on ${this.checker.typeToString(type)}`);
    return this.checker.getTypeOfSymbol(symbol);
  }

  private nullable(type: ts.Type): boolean {
    return type.isUnion() ? type.types.some((t) => (t.flags & ts.TypeFlags.Null) !== 0) : (type.flags & ts.TypeFlags.Null) !== 0;
  }

  private objectLike(type: ts.Type): boolean {
    return (type.flags & ts.TypeFlags.Object) !== 0 || (type.isIntersection() && type.types.every((t) => (t.flags & ts.TypeFlags.Object) !== 0));
  }

  /** Walks `oldT` and reports how `newT` types each of its fields. */
  compare(path: string, oldT: ts.Type, newT: ts.Type, seen: ReadonlySet<string> = new Set(), depth = 0): void {
    this.compared++;
    const c = this.checker;
    if (this.nullable(oldT) && !this.nullable(newT)) this.findings.push({ path, kind: "lost null" });
    if (!this.nullable(oldT) && this.nullable(newT)) this.findings.push({ path, kind: "gained null" });
    const o = c.getNonNullableType(oldT);
    const n = c.getNonNullableType(newT);

    if (c.isArrayType(o) && c.isArrayType(n)) {
      const [oe] = c.getTypeArguments(o as ts.TypeReference);
      const [ne] = c.getTypeArguments(n as ts.TypeReference);
      if (oe && ne) this.compare(`${path}[]`, oe, ne, seen, depth + 1);
      return;
    }
    const key = `${c.typeToString(o)}|${c.typeToString(n)}`;
    if (this.objectLike(o) && this.objectLike(n) && c.getPropertiesOfType(o).length > 0 && depth < 6 && !seen.has(key)) {
      const inner = new Set(seen).add(key);
      for (const symbol of c.getPropertiesOfType(o)) {
        const name = symbol.getName();
        const target = n.getProperty(name);
        const at = `${path}.${name}`;
        if (!target) {
          this.findings.push({ path: at, kind: "missing" });
          continue;
        }
        const wasOptional = (symbol.flags & ts.SymbolFlags.Optional) !== 0;
        const isOptional = (target.flags & ts.SymbolFlags.Optional) !== 0;
        if (!wasOptional && isOptional) this.findings.push({ path: at, kind: "now optional" });
        if (wasOptional && !isOptional) this.findings.push({ path: at, kind: "now required" });
        this.compare(at, c.getTypeOfSymbol(symbol), c.getTypeOfSymbol(target), inner, depth + 1);
      }
      for (const symbol of c.getPropertiesOfType(n)) {
        if (!o.getProperty(symbol.getName())) this.findings.push({ path: `${path}.${symbol.getName()}`, kind: "added" });
      }
      return;
    }
    const toOld = c.isTypeAssignableTo(n, o);
    const toNew = c.isTypeAssignableTo(o, n);
    if (toOld && toNew) return;
    const detail = `${c.typeToString(o)} → ${c.typeToString(n)}`;
    this.findings.push({ path, kind: toOld ? "narrower" : toNew ? "wider" : "different", detail });
  }

  literals(type: ts.Type): string[] {
    const parts = type.isUnion() ? type.types : [type];
    return parts.map((t) => this.checker.typeToString(t)).sort();
  }
}

function checkoutGenerated(revision: string): string {
  const dir = mkdtempSync(join(tmpdir(), "asana-fetch-types-"));
  const out = join(dir, "generated");
  mkdirSync(out);
  const files = execFileSync("git", ["ls-tree", "--name-only", `${revision}:generated`], { cwd: root, encoding: "utf8" })
    .split("\n")
    .filter((f) => f.endsWith(".ts"));
  for (const file of files) {
    writeFileSync(join(out, file), execFileSync("git", ["show", `${revision}:generated/${file}`], { cwd: root, encoding: "utf8" }));
  }
  return out;
}

function main(): number {
  const [revision, newArg] = process.argv.slice(2);
  if (!revision) {
    console.error("usage: npx tsx scripts/spec/compare-types.ts <git revision> [new generated dir]");
    return 1;
  }
  const oldDir = checkoutGenerated(revision);
  const newDir = resolve(newArg ?? join(root, "generated"));
  const probeFile = join(dirname(oldDir), "probe.ts");
  writeFileSync(probeFile, probe(oldDir, newDir));
  try {
    const program = ts.createProgram([probeFile], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      allowImportingTsExtensions: true,
      skipLibCheck: true,
    });
    const errors = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    if (errors.length > 0) throw new Error(`the probe does not compile:\n${errors.join("\n")}`);
    const checker = program.getTypeChecker();
    const source = program.getSourceFile(probeFile)!;
    const symbol = checker.getSymbolAtLocation(source)!;
    const operations = checker.getDeclaredTypeOfSymbol(checker.getExportsOfModule(symbol).find((s) => s.getName() === "Operations")!);

    const cmp = new Comparer(checker);
    const codeLines: string[] = [];
    for (const op of checker.getPropertiesOfType(operations)) {
      const name = op.getName();
      const sides = checker.getTypeOfSymbol(op);
      if (sides.isStringLiteral()) {
        cmp.findings.push({ path: name, kind: "missing", detail: "operation gone" });
        continue;
      }
      for (const part of ["path", "query", "body", "ok", "headers"] as const) {
        const pair = cmp.prop(sides, part);
        cmp.compare(`${name} ${part}`, cmp.prop(pair, "old"), cmp.prop(pair, "new"));
      }
      const codes = cmp.prop(sides, "codes");
      const [was, now] = [cmp.literals(cmp.prop(codes, "old")), cmp.literals(cmp.prop(codes, "new"))];
      const gone = was.filter((c) => !now.includes(c));
      const added = now.filter((c) => !was.includes(c));
      if (gone.length + added.length > 0) codeLines.push(`- ${name}: ${[...added.map((c) => `+${c}`), ...gone.map((c) => `-${c}`)].join(" ")}`);
    }

    const worse = cmp.findings.filter((f) => WORSE.has(f.kind));
    const better = cmp.findings.filter((f) => !WORSE.has(f.kind) && f.kind !== "added");
    const added = cmp.findings.filter((f) => f.kind === "added");
    const line = (f: Finding) => `- ${f.path}: ${f.kind}${f.detail ? ` (${f.detail})` : ""}`;
    console.log(`compared ${cmp.compared} types of ${checker.getPropertiesOfType(operations).length} operations against ${revision}`);
    console.log(`\nless precise or missing (${worse.length}):\n${worse.map(line).join("\n") || "- none"}`);
    console.log(`\nmore precise (${better.length}):\n${better.map(line).join("\n") || "- none"}`);
    console.log(`\nfields the old types did not have: ${added.length}`);
    console.log(`\nresponse statuses (+ added, - removed):\n${codeLines.join("\n") || "- no change"}`);
    return 0;
  } finally {
    rmSync(dirname(oldDir), { recursive: true, force: true });
  }
}

process.exit(main());

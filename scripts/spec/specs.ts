/**
 * The specs the project builds from Asana's official one. Each becomes openapi/upstream/<name>.yaml
 * (the operations tagged `tag`, unmodified), then openapi/<name>.yaml (with the overlays applied).
 */
export interface SpecEntry {
  name: string;
  tag: string;
}

export const SPECS: readonly SpecEntry[] = [
  { name: "tasks", tag: "Tasks" },
  { name: "jobs", tag: "Jobs" },
];

/** Applied to every spec before its own overlay: corrections of components both specs contain. */
export const SHARED_OVERLAY = "shared.yaml";

/** Flag values from argv: `--out DIR`. */
export function argValue(flag: string, argv: readonly string[] = process.argv): string | undefined {
  const index = argv.indexOf(flag);
  return index >= 0 ? argv[index + 1] : undefined;
}

/** Positional arguments: everything that is neither a flag nor a flag's value. */
export function positionals(valueFlags: readonly string[], argv: readonly string[] = process.argv.slice(2)): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (valueFlags.includes(arg)) i++;
    else if (!arg.startsWith("--")) out.push(arg);
  }
  return out;
}

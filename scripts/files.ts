/** File helpers the build scripts share. */
import { readFile } from "node:fs/promises";

/** The file's text, or null when it does not exist yet (a first build, a `--check` against nothing). */
export async function readOrNull(path: string): Promise<string | null> {
  try {
    return await readFile(path, "utf8");
  } catch {
    return null;
  }
}

/** Ordered gid lists kept in index maps (project, section, tag and subtask order): insert and remove in place. */

/** The list under `key`, created empty if absent. */
export function listOf(index: Map<string, string[]>, key: string): string[] {
  let list = index.get(key);
  if (!list) index.set(key, (list = []));
  return list;
}

/** Inserts at `at` (clamped); appending is the cheap common case. */
export function insertAt(list: string[], at: number, gid: string): void {
  if (at >= list.length) list.push(gid);
  else list.splice(Math.max(0, at), 0, gid);
}

/** Removes one occurrence; searched from the end, where recent items are. */
export function unlink(list: string[] | undefined, gid: string): void {
  if (!list) return;
  const at = list.lastIndexOf(gid);
  if (at >= 0) list.splice(at, 1);
}

/** Appends unless present: what makes repeated add actions leave the same state. */
export function addOnce(list: string[], gid: string): boolean {
  if (list.includes(gid)) return false;
  list.push(gid);
  return true;
}

/**
 * The index for an insert_before / insert_after anchor in `list`: `before` an anchor, or after it;
 * a null anchor means the start (insert_after: null) or the end (insert_before: null).
 */
export function anchorIndex(list: readonly string[], anchor: { side: "before" | "after"; gid: string | null } | undefined): number {
  if (anchor === undefined) return list.length;
  if (anchor.gid === null) return anchor.side === "after" ? 0 : list.length;
  const at = list.indexOf(anchor.gid);
  return anchor.side === "before" ? at : at + 1;
}

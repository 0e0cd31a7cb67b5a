/** Objects named in the path: unknown ones answer 404 "task: Unknown object: 123" (project, section, …). */
import type { FakeContext } from "./context.ts";
import { notFound } from "./http.ts";
import type { FakeTask } from "./model.ts";

export function found<T>(map: Map<string, T>, kind: string, gid: string): T {
  const record = map.get(gid);
  if (record === undefined) throw notFound(kind, gid);
  return record;
}

export const requireTask = (ctx: FakeContext, gid: string): FakeTask => found(ctx.state.tasks, "task", gid);

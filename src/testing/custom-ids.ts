/** Custom ids ("ENG-42"): unique per workspace, found through `customIds` by `${workspace}/${customId}`. */
import type { FakeState, FakeTask } from "./model.ts";

export const customIdKey = (workspace: string, customId: string): string => `${workspace}/${customId}`;

export function findByCustomId(state: FakeState, workspace: string, customId: string): string | undefined {
  return state.customIds.get(customIdKey(workspace, customId));
}

/** Gives the task this custom id (null: none), releasing the one it had; the caller checks it is free. */
export function setCustomId(state: FakeState, task: FakeTask, customId: string | null): void {
  if (task.custom_id !== null) state.customIds.delete(customIdKey(task.workspace, task.custom_id));
  task.custom_id = customId;
  if (customId !== null) state.customIds.set(customIdKey(task.workspace, customId), task.gid);
}

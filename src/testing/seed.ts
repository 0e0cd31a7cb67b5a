/**
 * Direct data set-up for tests: no HTTP, no recording, no quota. Unknown references throw, so a
 * typo in a test fails at the seed rather than as a puzzling 400 later. Where the API has rules
 * (custom field values, dependencies), seeds apply the same ones and throw their message.
 */
import type { FakeContext } from "./context.ts";
import { findByCustomId, setCustomId } from "./custom-ids.ts";
import { applyCustomFieldValues, parseCustomFieldValues } from "./custom-fields.ts";
import { HttpError } from "./http.ts";
import { checkNewLinks, link } from "./links.ts";
import { initialMemberships } from "./memberships.ts";
import type { FakeTask } from "./model.ts";
import { createStructureSeeds, need } from "./seed-structure.ts";
import { insertTask, newTask } from "./state.ts";
import type { Seed, SeedTaskFields } from "./types.ts";
import { findUser, me } from "./users.ts";

/** Runs an API rule for a seed: its 400 becomes a thrown Error. */
function asSeed<T>(rule: () => T): T {
  try {
    return rule();
  } catch (error) {
    if (error instanceof HttpError) throw new Error(`seed: ${error.message}`);
    throw error;
  }
}

function iso(field: string, value: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`seed: ${field} is not a date-time: ${JSON.stringify(value)}`);
  return new Date(ms).toISOString();
}

export function createSeed(ctx: FakeContext): Seed {
  const { state } = ctx;
  const structure = createStructureSeeds(ctx);
  const user = (value: unknown) => {
    const gid = findUser(state, value);
    if (gid === undefined) throw new Error(`seed: unknown user ${JSON.stringify(value)}; seed it first`);
    return gid;
  };

  function task(fields: SeedTaskFields = {}): { gid: string } {
    const sections = (fields.sections ?? []).map((s) => state.sections.get(need(state.sections, "section", s))!);
    const projects = (fields.projects ?? []).map((p) => need(state.projects, "project", p));
    const wanted = [...sections.map((s) => ({ project: s.project, section: s.gid })), ...projects.map((project) => ({ project }))];
    const parent = fields.parent === undefined ? null : need(state.tasks, "task", fields.parent);
    const workspace =
      fields.workspace !== undefined
        ? need(state.workspaces, "workspace", fields.workspace)
        : wanted.length > 0
          ? state.projects.get(wanted[0]!.project)!.workspace
          : parent !== null
            ? state.tasks.get(parent)!.workspace
            : structure.defaultWorkspace();
    const assignee = fields.assignee == null ? null : user(fields.assignee);
    const created = fields.created_at === undefined ? new Date(ctx.now()).toISOString() : iso("created_at", fields.created_at);
    const completed = fields.completed ?? false;
    const self = me(state);
    const stored: Partial<FakeTask> & { workspace: string } = {
      workspace,
      memberships: initialMemberships(state, wanted),
      parent,
      assignee,
      name: fields.name,
      notes: fields.notes,
      completed,
      completed_at: fields.completed_at != null ? iso("completed_at", fields.completed_at) : completed ? created : null,
      resource_subtype: fields.resource_subtype,
      modified_at: fields.modified_at === undefined ? created : iso("modified_at", fields.modified_at),
      due_on: fields.due_on,
      due_at: fields.due_at == null ? fields.due_at : iso("due_at", fields.due_at),
      start_on: fields.start_on,
      start_at: fields.start_at == null ? fields.start_at : iso("start_at", fields.start_at),
      tags: fields.tags?.map((t) => need(state.tags, "tag", t)),
      followers: fields.followers?.map(user),
      created_by: self,
      assigned_by: assignee === null ? null : self,
      completed_by: completed ? self : null,
      liked: fields.liked,
      num_likes: fields.num_likes,
    };
    const record = newTask(ctx.newGid(), created, stored);
    if (record.due_at !== null && record.due_on === null) record.due_on = record.due_at.slice(0, 10);
    // Every check before the task is stored, so a throwing seed leaves nothing behind.
    if (fields.custom_fields !== undefined) applyCustomFieldValues(record, asSeed(() => parseCustomFieldValues(state, fields.custom_fields, workspace)));
    const dependencies = fields.dependencies?.map((d) => state.tasks.get(need(state.tasks, "task", d))!);
    if (dependencies) asSeed(() => checkNewLinks(record, "dependencies", dependencies));
    if (fields.custom_id !== undefined) checkCustomId(workspace, fields.custom_id);
    insertTask(state, record);
    for (const dependency of dependencies ?? []) link(record, "dependencies", dependency);
    if (fields.custom_id !== undefined) setCustomId(state, record, fields.custom_id);
    return { gid: record.gid };
  }

  function checkCustomId(workspace: string, customId: unknown, owner?: string): void {
    if (typeof customId !== "string" || customId.trim() === "") throw new Error(`seed: a custom id must be a non-empty string, got ${JSON.stringify(customId)}`);
    const holder = findByCustomId(state, workspace, customId);
    if (holder !== undefined && holder !== owner) throw new Error(`seed: custom id ${customId} is already task ${holder}'s`);
  }

  return {
    ...structure.seeds,
    task,
    tasks(count, fields = {}) {
      if (!Number.isInteger(count) || count < 0) throw new RangeError(`seed.tasks: count must be a non-negative integer, got ${String(count)}`);
      const entries = Object.entries(fields) as [keyof SeedTaskFields, unknown][];
      const gids: string[] = new Array(count);
      for (let i = 0; i < count; i++) {
        const one: Record<string, unknown> = { name: `Task ${i + 1}` };
        for (const [key, value] of entries) one[key] = typeof value === "function" ? (value as (i: number) => unknown)(i) : value;
        gids[i] = task(one as SeedTaskFields).gid;
      }
      return gids;
    },
    customId(taskGid, customId) {
      const record = state.tasks.get(need(state.tasks, "task", taskGid))!;
      checkCustomId(record.workspace, customId, record.gid);
      setCustomId(state, record, customId);
    },
  };
}

/**
 * Direct data set-up for tests: no HTTP, no recording, no quota. Unknown references throw, so a
 * typo in a test fails at the seed rather than as a puzzling 400 later.
 */
import type { FakeContext } from "./context.ts";
import { insertTask, newTask } from "./state.ts";
import type { FakeTask, Seed, SeedTaskFields, SeedTasksFields } from "./types.ts";

function need(map: Map<string, unknown>, kind: string, gid: unknown): string {
  if (typeof gid !== "string" || !map.has(gid)) throw new Error(`seed: unknown ${kind} ${JSON.stringify(gid)}; seed it first`);
  return gid;
}

function iso(field: string, value: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`seed: ${field} is not a date-time: ${JSON.stringify(value)}`);
  return new Date(ms).toISOString();
}

export function createSeed(ctx: FakeContext): Seed {
  const { state } = ctx;

  function defaultWorkspace(): string {
    const first = state.workspaces.keys().next();
    return first.done ? seed.workspace({ name: "Default workspace" }).gid : first.value;
  }

  function task(fields: SeedTaskFields = {}): { gid: string } {
    const projects = (fields.projects ?? []).map((p) => need(state.projects, "project", p));
    const parent = fields.parent === undefined ? null : need(state.tasks, "task", fields.parent);
    const workspace =
      fields.workspace !== undefined
        ? need(state.workspaces, "workspace", fields.workspace)
        : projects.length > 0
          ? state.projects.get(projects[0]!)!.workspace
          : parent !== null
            ? state.tasks.get(parent)!.workspace
            : defaultWorkspace();
    const assignee = fields.assignee == null ? null : need(state.users, "user", fields.assignee);
    const created = fields.created_at === undefined ? new Date(ctx.now()).toISOString() : iso("created_at", fields.created_at);
    const completed = fields.completed ?? false;
    const stored: Partial<FakeTask> & { workspace: string } = {
      workspace,
      projects,
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
      followers: fields.followers?.map((u) => need(state.users, "user", u)),
      liked: fields.liked,
      num_likes: fields.num_likes,
    };
    const record = newTask(ctx.newGid(), created, stored);
    if (record.due_at !== null && record.due_on === null) record.due_on = record.due_at.slice(0, 10);
    insertTask(state, record);
    return { gid: record.gid };
  }

  const seed: Seed = {
    workspace(fields = {}) {
      const gid = ctx.newGid();
      state.workspaces.set(gid, { gid, name: fields.name ?? `Workspace ${state.workspaces.size + 1}` });
      return { gid };
    },

    user(fields = {}) {
      const workspace = fields.workspace === undefined ? defaultWorkspace() : need(state.workspaces, "workspace", fields.workspace);
      const gid = ctx.newGid();
      const n = state.users.size + 1;
      state.users.set(gid, {
        gid,
        name: fields.name ?? `User ${n}`,
        email: fields.email ?? `user${n}@example.com`,
        workspaces: [workspace],
      });
      return { gid };
    },

    project(fields) {
      const workspace = need(state.workspaces, "workspace", fields?.workspace);
      const gid = ctx.newGid();
      const section = ctx.newGid();
      state.projects.set(gid, { gid, name: fields.name ?? `Project ${state.projects.size + 1}`, workspace, section });
      state.sections.set(section, { gid: section, name: "Untitled section", project: gid });
      state.projectTasks.set(gid, []);
      return { gid };
    },

    tag(fields) {
      const workspace = need(state.workspaces, "workspace", fields?.workspace);
      const gid = ctx.newGid();
      state.tags.set(gid, { gid, name: fields.name ?? `Tag ${state.tags.size + 1}`, workspace });
      return { gid };
    },

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
  };
  return seed;
}

/** Seeds for what tasks live in and refer to: workspaces, users (with their task lists), projects, sections, tags, custom fields. */
import type { FakeContext } from "./context.ts";
import type { CustomFieldType } from "./model.ts";
import type { Seed } from "./types.ts";
import { me } from "./users.ts";

/** Asana's enum option colors, given in turn to options seeded without one. */
const COLORS = ["red", "orange", "yellow-orange", "yellow", "yellow-green", "green", "blue-green", "aqua", "blue", "indigo", "purple", "magenta", "hot-pink", "pink", "cool-gray"];
const FIELD_TYPES: readonly CustomFieldType[] = ["text", "number", "enum", "multi_enum", "date"];

/** A seeded gid, or a thrown Error naming what to seed first. */
export function need(map: Map<string, unknown>, kind: string, gid: unknown): string {
  if (typeof gid !== "string" || !map.has(gid)) throw new Error(`seed: unknown ${kind} ${JSON.stringify(gid)}; seed it first`);
  return gid;
}

type StructureSeeds = Omit<Seed, "task" | "tasks" | "customId">;

export function createStructureSeeds(ctx: FakeContext): { seeds: StructureSeeds; defaultWorkspace(): string } {
  const { state } = ctx;
  const created = () => new Date(ctx.now()).toISOString();

  function defaultWorkspace(): string {
    const first = state.workspaces.keys().next();
    return first.done ? seeds.workspace({ name: "Default workspace" }).gid : first.value;
  }

  /** The user's list in the workspace, made (and the user joined to the workspace) if there is none yet. */
  function userTaskListOf(owner: string, workspace: string): string {
    for (const list of state.userTaskLists.values()) if (list.owner === owner && list.workspace === workspace) return list.gid;
    const user = state.users.get(owner)!;
    if (!user.workspaces.includes(workspace)) user.workspaces.push(workspace);
    const gid = ctx.newGid();
    state.userTaskLists.set(gid, { gid, name: "My Tasks", owner, workspace });
    return gid;
  }

  function addSection(project: string, name: string): string {
    const gid = ctx.newGid();
    state.sections.set(gid, { gid, name, project, created_at: created() });
    state.projects.get(project)!.sections.push(gid);
    state.sectionTasks.set(gid, []);
    return gid;
  }

  const seeds: StructureSeeds = {
    workspace(fields = {}) {
      const gid = ctx.newGid();
      state.workspaces.set(gid, { gid, name: fields.name ?? `Workspace ${state.workspaces.size + 1}` });
      return { gid };
    },

    user(fields = {}) {
      const workspace = fields.workspace === undefined ? defaultWorkspace() : need(state.workspaces, "workspace", fields.workspace);
      const gid = ctx.newGid();
      const n = state.users.size + 1;
      state.users.set(gid, { gid, name: fields.name ?? `User ${n}`, email: fields.email ?? `user${n}@example.com`, workspaces: [workspace] });
      return { gid, userTaskList: userTaskListOf(gid, workspace) };
    },

    userTaskList(fields) {
      const owner = need(state.users, "user", fields?.user);
      const workspace = fields.workspace === undefined ? state.users.get(owner)!.workspaces[0]! : need(state.workspaces, "workspace", fields.workspace);
      return { gid: userTaskListOf(owner, workspace) };
    },

    project(fields) {
      const workspace = need(state.workspaces, "workspace", fields?.workspace);
      const gid = ctx.newGid();
      state.projects.set(gid, { gid, name: fields.name ?? `Project ${state.projects.size + 1}`, workspace, section: "", sections: [] });
      state.projectTasks.set(gid, []);
      state.projects.get(gid)!.section = addSection(gid, "Untitled section");
      return { gid };
    },

    section(fields) {
      const project = need(state.projects, "project", fields?.project);
      return { gid: addSection(project, fields.name ?? `Section ${state.projects.get(project)!.sections.length + 1}`) };
    },

    tag(fields) {
      const workspace = need(state.workspaces, "workspace", fields?.workspace);
      const gid = ctx.newGid();
      state.tags.set(gid, { gid, name: fields.name ?? `Tag ${state.tags.size + 1}`, workspace });
      return { gid };
    },

    customField(fields) {
      const workspace = fields?.workspace === undefined ? defaultWorkspace() : need(state.workspaces, "workspace", fields.workspace);
      const { type, options = [], precision = 0 } = fields;
      if (!FIELD_TYPES.includes(type)) throw new Error(`seed: custom field type must be one of ${FIELD_TYPES.join(", ")}, got ${JSON.stringify(type)}`);
      const hasOptions = type === "enum" || type === "multi_enum";
      if (!hasOptions && options.length > 0) throw new Error(`seed: only enum and multi_enum fields have options, not ${type}`);
      if (!Number.isInteger(precision) || precision < 0 || precision > 6) throw new RangeError(`seed: precision must be an integer from 0 to 6, got ${String(precision)}`);
      const gid = ctx.newGid();
      const enumOptions = options.map((option, i) => {
        const { name, color = COLORS[i % COLORS.length]!, enabled = true } = typeof option === "string" ? { name: option } : option;
        const optionGid = ctx.newGid();
        state.enumOptions.set(optionGid, { gid: optionGid, name, color, enabled, custom_field: gid });
        return optionGid;
      });
      state.customFields.set(gid, {
        gid,
        name: fields.name ?? `Field ${state.customFields.size + 1}`,
        workspace,
        type,
        description: fields.description ?? "",
        precision: type === "number" ? precision : 0,
        enum_options: enumOptions,
        created_by: me(state),
      });
      return { gid, enumOptions };
    },
  };
  return { seeds, defaultWorkspace };
}

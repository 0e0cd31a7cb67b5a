/** The data the fake stores (`fake.state`). Records keep references as gids. Type-only: no runtime code here. */

export type TaskSubtype = "default_task" | "milestone" | "section" | "approval";
export type JobStatus = "not_started" | "in_progress" | "succeeded" | "failed";
export type CustomFieldType = "text" | "number" | "enum" | "multi_enum" | "date";

export interface FakeWorkspace {
  gid: string;
  name: string;
}

export interface FakeUser {
  gid: string;
  name: string;
  email: string;
  workspaces: string[];
}

export interface FakeProject {
  gid: string;
  name: string;
  workspace: string;
  /** The first section, "Untitled section", made with the project. */
  section: string;
  /** Every section, in order; `section` first. */
  sections: string[];
}

export interface FakeSection {
  gid: string;
  name: string;
  project: string;
  created_at: string;
}

export interface FakeTag {
  gid: string;
  name: string;
  workspace: string;
}

/** A user's "My Tasks" in one workspace: it lists the tasks assigned to `owner` there. */
export interface FakeUserTaskList {
  gid: string;
  name: string;
  owner: string;
  workspace: string;
}

export interface FakeCustomField {
  gid: string;
  name: string;
  workspace: string;
  type: CustomFieldType;
  description: string;
  /** Decimal places of a number field (0 for the others). */
  precision: number;
  /** Option gids, in order (enum and multi_enum fields). */
  enum_options: string[];
  created_by: string | null;
}

export interface FakeEnumOption {
  gid: string;
  name: string;
  color: string;
  enabled: boolean;
  custom_field: string;
}

/** A stored value: text → string, number → number, enum → option gid, multi_enum → option gids, date → {date, date_time}. */
export type FakeCustomFieldValue = string | number | string[] | { date: string; date_time: string | null };

/** A task's place in a project: exactly one section of it. */
export interface FakeMembership {
  project: string;
  section: string;
}

/** A task as stored: references are gids; responses expand them to compact objects. */
export interface FakeTask {
  gid: string;
  resource_subtype: TaskSubtype;
  name: string;
  notes: string;
  completed: boolean;
  completed_at: string | null;
  created_at: string;
  modified_at: string;
  due_on: string | null;
  due_at: string | null;
  start_on: string | null;
  start_at: string | null;
  assignee: string | null;
  parent: string | null;
  /** The projects, in the order the task joined them; `memberships` lists the same projects, in the same order, with their section. */
  projects: string[];
  memberships: FakeMembership[];
  workspace: string;
  /** In the order added. */
  tags: string[];
  followers: string[];
  /** Tasks this one depends on, and tasks depending on it: always symmetric (B in A.dependencies ⇔ A in B.dependents). */
  dependencies: string[];
  dependents: string[];
  /** Values by custom field gid, in the order first set; a field without a value is absent. */
  custom_fields: Record<string, FakeCustomFieldValue>;
  /** "ENG-42"; unique in the workspace. */
  custom_id: string | null;
  created_by: string | null;
  assigned_by: string | null;
  completed_by: string | null;
  external: { gid: string | null; data: string | null } | null;
  liked: boolean;
  num_likes: number;
  approval_status: "pending" | "approved" | "rejected" | "changes_requested" | null;
}

export interface FakeJob {
  gid: string;
  resource_subtype: "duplicate_task";
  status: JobStatus;
  /** GET /jobs/{gid} answered so far. */
  polls: number;
  /** The task being duplicated. */
  source: string;
  name: string;
  include: string[];
  /** Set when the job succeeds. */
  new_task: string | null;
}

/**
 * Everything the fake stores, for assertions. Treat it as read-only: change data through `seed` or
 * the API, so that the indexes below stay in step with the records.
 */
export interface FakeState {
  workspaces: Map<string, FakeWorkspace>;
  /** The first user is the one behind the token ("me"). */
  users: Map<string, FakeUser>;
  projects: Map<string, FakeProject>;
  sections: Map<string, FakeSection>;
  tags: Map<string, FakeTag>;
  userTaskLists: Map<string, FakeUserTaskList>;
  customFields: Map<string, FakeCustomField>;
  enumOptions: Map<string, FakeEnumOption>;
  tasks: Map<string, FakeTask>;
  jobs: Map<string, FakeJob>;
  /** Task gids per project, in project order: its sections in order, the tasks of each in order. */
  projectTasks: Map<string, string[]>;
  /** Task gids per section, in order. */
  sectionTasks: Map<string, string[]>;
  /** Task gids per tag, in the order they were tagged. */
  tagTasks: Map<string, string[]>;
  /** Subtask gids per parent task, in order. */
  subtasks: Map<string, string[]>;
  /** Task gid by `${workspaceGid}/${customId}`. */
  customIds: Map<string, string>;
}

/** Asana's Tasks API: one declaration per operation over the shared shapes in core/operations.ts. */
import { operations as op } from "../../generated/operations.ts";
import type { ClientContext } from "../core/call.ts";
import { action, bind, list, single, type Declaration, type QueryRule } from "../core/operations.ts";
import { createdAtPages } from "../core/pagination/created-at.ts";
import type { Paginator } from "../core/pagination/paginator.ts";
import { addProjectBody, createBody, duplicateBody, gidAs, gidsAs, setParentBody, updateBody } from "../internal/bodies.ts";
import type {
  AddProjectRequest,
  DependenciesQuery,
  DependentsQuery,
  DuplicateTaskRequest,
  Job,
  ListTasksQuery,
  ProjectTasksQuery,
  RequestOptions,
  SearchTasksQuery,
  SectionTasksQuery,
  SetParentRequest,
  SubtasksQuery,
  TagTasksQuery,
  Task,
  TaskCompact,
  TaskCreateRequest,
  TaskUpdateRequest,
  UserTaskListTasksQuery,
} from "../types.ts";

/**
 * Bad input never reaches the wire: methods that return a promise reject with a TypeError or
 * RangeError (never throw synchronously, so `.catch` sees it); paginator factories throw at once.
 */
export interface TasksApi {
  get(taskGid: string, opts?: RequestOptions): Promise<Task>;
  /** The task with this custom ID (the prefix-number shown in Asana, e.g. "ENG-42") in the workspace. */
  getByCustomId(workspaceGid: string, customId: string, opts?: RequestOptions): Promise<Task>;
  create(body: TaskCreateRequest, opts?: RequestOptions): Promise<Task>;
  /** A partial update. Projects, tags, followers and the parent have their own methods. */
  update(taskGid: string, body: TaskUpdateRequest, opts?: RequestOptions): Promise<Task>;
  delete(taskGid: string, opts?: RequestOptions): Promise<void>;
  /** Starts a duplication job; `jobs.wait(job)` waits for the copy. */
  duplicate(taskGid: string, body?: DuplicateTaskRequest, opts?: RequestOptions): Promise<Job>;

  /** Needs `project`, `section`, or both `assignee` and `workspace`. */
  list(query: ListTasksQuery, opts?: RequestOptions): Paginator<TaskCompact>;
  forProject(projectGid: string, query?: ProjectTasksQuery, opts?: RequestOptions): Paginator<TaskCompact>;
  forSection(sectionGid: string, query?: SectionTasksQuery, opts?: RequestOptions): Paginator<TaskCompact>;
  forTag(tagGid: string, query?: TagTasksQuery, opts?: RequestOptions): Paginator<TaskCompact>;
  forUserTaskList(userTaskListGid: string, query?: UserTaskListTasksQuery, opts?: RequestOptions): Paginator<TaskCompact>;
  /** Pages by created_at (search has no offsets): see the README. Premium only. */
  search(workspaceGid: string, query?: SearchTasksQuery, opts?: RequestOptions): Paginator<TaskCompact>;

  subtasks(taskGid: string, query?: SubtasksQuery, opts?: RequestOptions): Paginator<TaskCompact>;
  createSubtask(taskGid: string, body: TaskCreateRequest, opts?: RequestOptions): Promise<Task>;
  /** Moves the task under `parent` (null: top-level), before or after a sibling. */
  setParent(taskGid: string, body: SetParentRequest, opts?: RequestOptions): Promise<Task>;

  dependencies(taskGid: string, query?: DependenciesQuery, opts?: RequestOptions): Paginator<TaskCompact>;
  addDependencies(taskGid: string, dependencyGids: string[], opts?: RequestOptions): Promise<void>;
  removeDependencies(taskGid: string, dependencyGids: string[], opts?: RequestOptions): Promise<void>;
  dependents(taskGid: string, query?: DependentsQuery, opts?: RequestOptions): Paginator<TaskCompact>;
  addDependents(taskGid: string, dependentGids: string[], opts?: RequestOptions): Promise<void>;
  removeDependents(taskGid: string, dependentGids: string[], opts?: RequestOptions): Promise<void>;

  /** Adds the task to a project (or moves it within one): into `section`, before or after a task. */
  addProject(taskGid: string, body: AddProjectRequest, opts?: RequestOptions): Promise<void>;
  removeProject(taskGid: string, projectGid: string, opts?: RequestOptions): Promise<void>;
  addTag(taskGid: string, tagGid: string, opts?: RequestOptions): Promise<void>;
  removeTag(taskGid: string, tagGid: string, opts?: RequestOptions): Promise<void>;
  /** Followers are user gids, emails or "me"; resolves to the updated task. */
  addFollowers(taskGid: string, followerGids: string[], opts?: RequestOptions): Promise<Task>;
  removeFollowers(taskGid: string, followerGids: string[], opts?: RequestOptions): Promise<Task>;
}

/** GET /tasks answers 400 without one of these scopes. */
const needsScope: QueryRule = ({ project, section, assignee, workspace }) => {
  if (!project && !section && !(assignee && workspace)) {
    throw new TypeError("tasks.list needs project, section, or both assignee and workspace");
  }
};

/** The declarations, one per operation (exported for the test that every operation has a method). */
export const TASKS = {
  get: single(op.getTask),
  getByCustomId: single(op.getTaskForCustomID),
  create: single(op.createTask, createBody),
  update: single(op.updateTask, updateBody),
  delete: action(op.deleteTask),
  duplicate: single(op.duplicateTask, duplicateBody),
  list: list(op.getTasks, { query: needsScope }),
  forProject: list(op.getTasksForProject),
  forSection: list(op.getTasksForSection),
  forTag: list(op.getTasksForTag),
  forUserTaskList: list(op.getTasksForUserTaskList),
  search: list(op.searchTasksForWorkspace, { scheme: createdAtPages }),
  subtasks: list(op.getSubtasksForTask),
  createSubtask: single(op.createSubtaskForTask, createBody),
  setParent: single(op.setParentForTask, setParentBody),
  dependencies: list(op.getDependenciesForTask),
  addDependencies: action(op.addDependenciesForTask, gidsAs("dependencies", "dependencyGids")),
  removeDependencies: action(op.removeDependenciesForTask, gidsAs("dependencies", "dependencyGids")),
  dependents: list(op.getDependentsForTask),
  addDependents: action(op.addDependentsForTask, gidsAs("dependents", "dependentGids")),
  removeDependents: action(op.removeDependentsForTask, gidsAs("dependents", "dependentGids")),
  addProject: action(op.addProjectForTask, addProjectBody),
  removeProject: action(op.removeProjectForTask, gidAs("project", "projectGid")),
  addTag: action(op.addTagForTask, gidAs("tag", "tagGid")),
  removeTag: action(op.removeTagForTask, gidAs("tag", "tagGid")),
  addFollowers: single(op.addFollowersForTask, gidsAs("followers", "followerGids")),
  removeFollowers: single(op.removeFollowerForTask, gidsAs("followers", "followerGids")),
} satisfies Record<keyof TasksApi, Declaration>;

export const createTasksApi = (ctx: ClientContext): TasksApi => bind<TasksApi>(ctx, TASKS);

/** Asana's Tasks API: one declaration per operation over the shared shapes in core/operations.ts. */
import * as op from "../../generated/operations.ts";
import type { ClientContext } from "../core/call.ts";
import { action, bind, list, single, type Declaration, type QueryRule } from "../core/operations.ts";
import { createdAtPages } from "../core/pagination/created-at.ts";
import type { Paginator } from "../core/pagination/paginator.ts";
import type { FieldList, Narrowed } from "../selection.ts";
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
  TaskDuplicationJob,
  TaskUpdateRequest,
  UserTaskListTasksQuery,
} from "../types.ts";

/** A task's `opt_fields`: its field paths (list items may ask for any field of the full task), or a `string[]`. */
type TaskFields<F extends readonly unknown[]> = FieldList<Task, F>;
/** A single task, narrowed to a literal `opt_fields` list; the full Task without one. */
type OneTask<F extends readonly string[]> = Promise<Narrowed<Task, F, Task>>;
/** List items, narrowed to a literal `opt_fields` list; TaskCompact without one. */
type TaskPaginator<F extends readonly string[], Also extends string = never> = Paginator<Narrowed<Task, F, TaskCompact, Also>>;
/** Search adds created_at to opt_fields when it pages by it (sort_by created_at, the default). */
type SearchAdds<S> = [S] extends ["created_at" | undefined] ? "created_at" : never;

/**
 * Bad input never reaches the wire: methods that return a promise reject with a TypeError or
 * RangeError (never throw synchronously, so `.catch` sees it); paginator factories throw at once.
 * `opt_fields` is typed (a misspelt path does not compile) and narrows the result: see FieldPath and Selected.
 */
export interface TasksApi {
  get<const F extends TaskFields<F> = string[]>(taskGid: string, opts?: RequestOptions<F>): OneTask<F>;
  /** The task with this custom ID (the prefix-number shown in Asana, e.g. "ENG-42") in the workspace. */
  getByCustomId<const F extends TaskFields<F> = string[]>(workspaceGid: string, customId: string, opts?: RequestOptions<F>): OneTask<F>;
  create<const F extends TaskFields<F> = string[]>(body: TaskCreateRequest, opts?: RequestOptions<F>): OneTask<F>;
  /** A partial update. Projects, tags, followers and the parent have their own methods. */
  update<const F extends TaskFields<F> = string[]>(taskGid: string, body: TaskUpdateRequest, opts?: RequestOptions<F>): OneTask<F>;
  delete(taskGid: string, opts?: RequestOptions): Promise<void>;
  /** Starts a duplication job; `jobs.wait(job)` waits for the copy. */
  duplicate<const F extends FieldList<Job, F> = string[]>(
    taskGid: string,
    body?: DuplicateTaskRequest,
    opts?: RequestOptions<F>,
  ): Promise<TaskDuplicationJob<Narrowed<Job, F, Job>>>;

  /** Needs `project`, `section`, or both `assignee` and `workspace`. */
  list<const F extends TaskFields<F> = string[]>(query: ListTasksQuery, opts?: RequestOptions<F>): TaskPaginator<F>;
  forProject<const F extends TaskFields<F> = string[]>(projectGid: string, query?: ProjectTasksQuery, opts?: RequestOptions<F>): TaskPaginator<F>;
  forSection<const F extends TaskFields<F> = string[]>(sectionGid: string, query?: SectionTasksQuery, opts?: RequestOptions<F>): TaskPaginator<F>;
  forTag<const F extends TaskFields<F> = string[]>(tagGid: string, query?: TagTasksQuery, opts?: RequestOptions<F>): TaskPaginator<F>;
  forUserTaskList<const F extends TaskFields<F> = string[]>(userTaskListGid: string, query?: UserTaskListTasksQuery, opts?: RequestOptions<F>): TaskPaginator<F>;
  /** Pages by created_at (search has no offsets): see the README. Premium only. */
  search<const F extends TaskFields<F> = string[], S extends SearchTasksQuery["sort_by"] = undefined>(
    workspaceGid: string,
    query?: SearchTasksQuery & { sort_by?: S },
    opts?: RequestOptions<F>,
  ): TaskPaginator<F, SearchAdds<S>>;

  subtasks<const F extends TaskFields<F> = string[]>(taskGid: string, query?: SubtasksQuery, opts?: RequestOptions<F>): TaskPaginator<F>;
  createSubtask<const F extends TaskFields<F> = string[]>(taskGid: string, body: TaskCreateRequest, opts?: RequestOptions<F>): OneTask<F>;
  /** Moves the task under `parent` (null: top-level), before or after a sibling. */
  setParent<const F extends TaskFields<F> = string[]>(taskGid: string, body: SetParentRequest, opts?: RequestOptions<F>): OneTask<F>;

  dependencies<const F extends TaskFields<F> = string[]>(taskGid: string, query?: DependenciesQuery, opts?: RequestOptions<F>): TaskPaginator<F>;
  addDependencies(taskGid: string, dependencyGids: string[], opts?: RequestOptions): Promise<void>;
  removeDependencies(taskGid: string, dependencyGids: string[], opts?: RequestOptions): Promise<void>;
  dependents<const F extends TaskFields<F> = string[]>(taskGid: string, query?: DependentsQuery, opts?: RequestOptions<F>): TaskPaginator<F>;
  addDependents(taskGid: string, dependentGids: string[], opts?: RequestOptions): Promise<void>;
  removeDependents(taskGid: string, dependentGids: string[], opts?: RequestOptions): Promise<void>;

  /** Adds the task to a project (or moves it within one): into `section`, before or after a task. */
  addProject(taskGid: string, body: AddProjectRequest, opts?: RequestOptions): Promise<void>;
  removeProject(taskGid: string, projectGid: string, opts?: RequestOptions): Promise<void>;
  addTag(taskGid: string, tagGid: string, opts?: RequestOptions): Promise<void>;
  removeTag(taskGid: string, tagGid: string, opts?: RequestOptions): Promise<void>;
  /** Followers are user gids, emails or "me"; resolves to the updated task. */
  addFollowers<const F extends TaskFields<F> = string[]>(taskGid: string, followerGids: string[], opts?: RequestOptions<F>): OneTask<F>;
  removeFollowers<const F extends TaskFields<F> = string[]>(taskGid: string, followerGids: string[], opts?: RequestOptions<F>): OneTask<F>;
}

/** GET /tasks answers 400 without one of these scopes. */
const needsScope: QueryRule = ({ project, section, assignee, workspace }) => {
  if (!project && !section && !(assignee && workspace)) {
    throw new TypeError("tasks.list needs project, section, or assignee and workspace");
  }
};

const dependencyGids = gidsAs("dependencies", "dependencyGids");
const dependentGids = gidsAs("dependents", "dependentGids");
const tagGid = gidAs("tag", "tagGid");
const followerGids = gidsAs("followers", "followerGids");

/** The declarations, one per operation (exported for the test that every operation has a method). */
export const TASKS = {
  get: single(op.getTask),
  getByCustomId: single(op.getTaskForCustomID),
  create: single(op.createTask, createBody),
  update: single(op.updateTask, updateBody),
  delete: action(op.deleteTask),
  duplicate: single(op.duplicateTask, duplicateBody),
  list: list(op.getTasks, needsScope),
  forProject: list(op.getTasksForProject),
  forSection: list(op.getTasksForSection),
  forTag: list(op.getTasksForTag),
  forUserTaskList: list(op.getTasksForUserTaskList),
  search: list(op.searchTasksForWorkspace, undefined, createdAtPages),
  subtasks: list(op.getSubtasksForTask),
  createSubtask: single(op.createSubtaskForTask, createBody),
  setParent: single(op.setParentForTask, setParentBody),
  dependencies: list(op.getDependenciesForTask),
  addDependencies: action(op.addDependenciesForTask, dependencyGids),
  removeDependencies: action(op.removeDependenciesForTask, dependencyGids),
  dependents: list(op.getDependentsForTask),
  addDependents: action(op.addDependentsForTask, dependentGids),
  removeDependents: action(op.removeDependentsForTask, dependentGids),
  addProject: action(op.addProjectForTask, addProjectBody),
  removeProject: action(op.removeProjectForTask, gidAs("project", "projectGid")),
  addTag: action(op.addTagForTask, tagGid),
  removeTag: action(op.removeTagForTask, tagGid),
  addFollowers: single(op.addFollowersForTask, followerGids),
  removeFollowers: single(op.removeFollowerForTask, followerGids),
} satisfies Record<keyof TasksApi, Declaration>;

export const createTasksApi = (ctx: ClientContext): TasksApi => bind<TasksApi>(ctx, TASKS);

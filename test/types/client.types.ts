/**
 * Type-level tests: compiled by `tsc --noEmit -p tsconfig.json`, never run. Each @ts-expect-error
 * fails the build if the line below it starts to compile; each IsAny check fails if a result
 * degrades to `any`.
 */
import {
  AsanaError,
  JobFailedError,
  createAsanaClient,
  type AsanaClient,
  type Job,
  type JobStatus,
  type NextPage,
  type Page,
  type Paginator,
  type SucceededTaskDuplication,
  type Task,
  type TaskDuplicationJob,
  type TaskCompact,
} from "asana-fetch";

type IsAny<T> = 0 extends 1 & T ? true : false;
type IsUnknown<T> = unknown extends T ? (IsAny<T> extends true ? false : true) : false;
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

export async function typeTests(asana: AsanaClient): Promise<void> {
  // ---- results are typed, not any ----
  const task = await asana.tasks.get("1");
  const _task: IsAny<typeof task> = false;
  const _taskIsTask: Equal<typeof task, Task> = true;
  const name: string | undefined = task.name;
  const gid: string = task.gid;
  const completed: boolean | undefined = task.completed;
  // @ts-expect-error: a Task has no such field
  task.nmae;
  // @ts-expect-error: gid is readonly
  task.gid = "2";

  const created = await asana.tasks.create({ name: "n", workspace: "1" });
  const _created: Equal<typeof created, Task> = true;
  const updated = await asana.tasks.update("1", { completed: true });
  const _updated: Equal<typeof updated, Task> = true;
  const sub = await asana.tasks.createSubtask("1", { name: "child" });
  const _sub: Equal<typeof sub, Task> = true;
  const deleted = await asana.tasks.delete("1");
  const _deleted: Equal<typeof deleted, void> = true;

  const paginator = asana.tasks.forProject("1", { limit: 50 });
  const _paginator: Equal<typeof paginator, Paginator<TaskCompact>> = true;
  for await (const item of paginator) {
    const _item: IsAny<typeof item> = false;
    const _itemIsCompact: Equal<typeof item, TaskCompact> = true;
    const itemName: string | undefined = item.name;
    const itemGid: string = item.gid;
    void [itemName, itemGid, _item, _itemIsCompact];
  }
  for await (const item of asana.tasks.search("w", { text: "x" })) {
    const _searchItem: IsAny<typeof item> = false;
    const createdAt: string | undefined = item.created_at;
    void [_searchItem, createdAt];
  }
  for await (const page of asana.tasks.list({ project: "1" }).pages()) {
    const _page: Equal<typeof page, Page<TaskCompact>> = true;
    const _data: IsAny<(typeof page.data)[number]> = false;
    const data: TaskCompact[] = page.data;
    const next: NextPage | null = page.nextPage;
    const offset: string | undefined = page.nextPage?.offset;
    void [_page, _data, data, next, offset];
  }
  const all = await asana.tasks.subtasks("1").toArray();
  const _all: Equal<typeof all, TaskCompact[]> = true;

  const job = await asana.tasks.duplicate("1", { name: "copy", include: ["notes", "subtasks"] });
  const _job: IsAny<typeof job> = false;
  const _jobIsJob: Equal<typeof job, TaskDuplicationJob> = true;
  const _jobIsAJob: Job = job;
  const status: JobStatus = job.status;
  const _status: Equal<JobStatus, "not_started" | "in_progress" | "succeeded" | "failed"> = true;
  const newTaskGid: string | undefined = job.new_task?.gid;
  const polled = await asana.jobs.get(job.gid);
  const _polled: Equal<typeof polled, Job> = true;
  const done = await asana.jobs.wait(job, { intervalMs: 10, onPoll: (j) => void (j.status satisfies JobStatus) });
  const _done: IsAny<typeof done> = false;
  const _doneIsJob: Equal<typeof done, SucceededTaskDuplication> = true;

  // ---- wrong facade input does not compile ----
  // @ts-expect-error: not a TaskRequest field
  await asana.tasks.create({ nmae: "typo" });
  // @ts-expect-error: completed is a boolean
  await asana.tasks.update("1", { completed: "yes" });
  // @ts-expect-error: the facade takes the body without the {data} envelope
  await asana.tasks.create({ data: { name: "n" } });
  // @ts-expect-error: include is an array of known names
  await asana.tasks.duplicate("1", { include: ["nope"] });
  // @ts-expect-error: include is an array, not the wire's comma string
  await asana.tasks.duplicate("1", { include: "notes,subtasks" });
  // @ts-expect-error: not a GET /tasks query parameter
  asana.tasks.list({ project: "1", bogus: true });
  // @ts-expect-error: offset belongs to the paginator
  asana.tasks.forProject("1", { offset: "abc" });
  // @ts-expect-error: limit is a number
  asana.tasks.forProject("1", { limit: "50" });
  // @ts-expect-error: not a sort_by value
  asana.tasks.search("w", { sort_by: "name" });
  // @ts-expect-error: opt_fields is a string array
  await asana.tasks.get("1", { opt_fields: "name" });
  // @ts-expect-error: a gid is a string
  await asana.tasks.get(123);
  // @ts-expect-error: not a wait option
  await asana.jobs.wait("j", { every: 10 });

  // ---- raw is typed by the merged specs ----
  const raw = await asana.raw.GET("/tasks/{task_gid}", {
    params: { path: { task_gid: "1" }, query: { opt_fields: ["name", "assignee.name"] } },
  });
  if (raw.data) {
    const rawTask = raw.data.data;
    const _rawTask: IsAny<typeof rawTask> = false;
    const rawName: string | undefined = rawTask.name;
    void [_rawTask, rawName];
  }
  if (raw.error) {
    const _rawError: IsAny<typeof raw.error> = false;
    void _rawError;
  }
  const rawJob = await asana.raw.GET("/jobs/{job_gid}", { params: { path: { job_gid: "j" } } });
  const rawStatus: JobStatus | undefined = rawJob.data?.data.status;

  // @ts-expect-error: no such path
  await asana.raw.GET("/tasks/{task_gid}/nope", { params: { path: { task_gid: "1" } } });
  // @ts-expect-error: no such path
  await asana.raw.GET("/users/me", {});
  await asana.raw.GET("/tasks/{task_gid}", {
    // @ts-expect-error: path parameter misspelt
    params: { path: { taskGid: "1" } },
  });
  // openapi-fetch lets excess keys through in params and body (openapi-ts/openapi-typescript#2329,
  // #1769), so on raw a wrong parameter is caught by its type rather than by its name.
  await asana.raw.GET("/tasks", {
    // @ts-expect-error: limit is a number
    params: { query: { project: "1", limit: "10" } },
  });
  await asana.raw.GET("/tasks/{task_gid}", {
    // @ts-expect-error: opt_fields is a string array
    params: { path: { task_gid: "1" }, query: { opt_fields: "name" } },
  });
  await asana.raw.GET("/workspaces/{workspace_gid}/tasks/search", {
    // @ts-expect-error: sort_by is an enum
    params: { path: { workspace_gid: "w" }, query: { sort_by: "name" } },
  });
  // @ts-expect-error: the body needs the {data} envelope on raw
  await asana.raw.POST("/tasks", { body: { name: "n" } });
  // @ts-expect-error: completed is a boolean
  await asana.raw.POST("/tasks", { body: { data: { completed: "yes" } } });
  // @ts-expect-error: projects is an array of gids
  await asana.raw.POST("/tasks", { body: { data: { name: "n", projects: "1" } } });
  // @ts-expect-error: a GET has no body
  await asana.raw.GET("/tasks/{task_gid}", { params: { path: { task_gid: "1" } }, body: { data: {} } });
  // @ts-expect-error: PATCH is not in the spec for /tasks/{task_gid}
  await asana.raw.PATCH("/tasks/{task_gid}", { params: { path: { task_gid: "1" } } });

  // ---- errors ----
  try {
    await asana.tasks.get("1");
  } catch (error) {
    if (error instanceof AsanaError) {
      const s: number = error.status;
      const m: string = error.method;
      const u: string = error.url;
      const h: Headers = error.headers;
      const first: string | undefined = error.errors[0]?.message;
      const phrase: string | undefined = error.errors[0]?.phrase;
      void [s, m, u, h, first, phrase];
    }
    if (error instanceof JobFailedError) {
      const failed: Job = error.job;
      void failed;
    }
  }

  void [_task, _taskIsTask, name, gid, completed, _created, _updated, _sub, _deleted, _paginator, _all];
  void [_job, _jobIsJob, _jobIsAJob, status, _status, newTaskGid, _polled, _done, _doneIsJob, rawStatus];
}

// ---- client options ----
createAsanaClient({ token: "t" });
createAsanaClient({ token: () => "t" });
createAsanaClient({ token: async () => "t", headers: { "Asana-Enable": "x" }, baseUrl: "http://localhost:1" });
// @ts-expect-error: a token is required
createAsanaClient({});
// @ts-expect-error: a token is a string or a function returning one
createAsanaClient({ token: 42 });
// @ts-expect-error: header values are strings
createAsanaClient({ token: "t", headers: { "X-N": 1 } });

const _unknownCheck: IsUnknown<unknown> = true;
void _unknownCheck;

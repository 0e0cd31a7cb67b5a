/**
 * The one scenario every runtime runs against the built package. Runtime-agnostic on purpose: it
 * imports nothing and uses web-standard APIs only; each runtime's entry passes in the package's exports,
 * where the fake Asana listens, and how to report a step.
 */
import type { AsanaError as AsanaErrorClass, createAsanaClient as CreateAsanaClient } from "../../src/index.ts";

/** Every step, in order; a runtime that does not report a step has failed it. */
export const STEPS = ["create", "get", "list", "duplicate", "error404", "abort"] as const;
export type Step = (typeof STEPS)[number];

/** The JSON-serialisable part, handed to each runtime by the orchestrator. */
export interface ScenarioConfig {
  runtime: string;
  baseUrl: string;
  token: string;
  workspace: string;
  project: string;
  /** How many tasks the project holds: more than one page of 100. */
  projectTaskCount: number;
  taskToDuplicate: string;
  /** A task the fake answers only after several seconds: the abort step cancels the request in flight. */
  slowTask: string;
}

export interface StepResult {
  step: Step;
  ok: boolean;
  detail: string;
}

export interface ScenarioEnv extends ScenarioConfig {
  createAsanaClient: typeof CreateAsanaClient;
  AsanaError: typeof AsanaErrorClass;
  report(step: Step, ok: boolean, detail: string): void;
}

/** A step that hangs must not hang the runtime: each gets this long, then fails. */
const STEP_TIMEOUT_MS = 15_000;
const UNKNOWN_TASK = "404404404404404";

class StepFailed extends Error {}

function check(condition: boolean, detail: string): void {
  if (!condition) throw new StepFailed(detail);
}

function withTimeout<T>(work: Promise<T>, step: Step): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StepFailed(`${step} timed out after ${STEP_TIMEOUT_MS} ms`)), STEP_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function describe(error: unknown): string {
  if (error instanceof StepFailed) return error.message;
  if (error instanceof Error) return `threw ${error.name}: ${error.message}`;
  return `threw ${String(error)}`;
}

/** Runs every step, reporting each; never throws (a failed step is reported and the next one runs). */
export async function runScenario(env: ScenarioEnv): Promise<void> {
  const { createAsanaClient, AsanaError, token, runtime, report } = env;
  const asana = createAsanaClient({ token, baseUrl: env.baseUrl });
  const name = `created on ${runtime}`;
  let createdGid: string | undefined;

  const steps: Record<Step, () => Promise<string>> = {
    async create() {
      const task = await asana.tasks.create({ name, workspace: env.workspace, notes: "from the runtime matrix" });
      check(typeof task.gid === "string" && task.gid !== "", `no gid in ${JSON.stringify(task)}`);
      check(task.name === name, `name ${JSON.stringify(task.name)}`);
      createdGid = task.gid;
      return `gid ${task.gid}`;
    },

    async get() {
      check(createdGid !== undefined, "skipped: create failed");
      const task = await asana.tasks.get(createdGid!, { opt_fields: ["name", "notes"] });
      check(task.gid === createdGid && task.name === name, `got ${JSON.stringify(task)}`);
      return `gid ${task.gid}`;
    },

    async list() {
      const seen = new Set<string>();
      let count = 0;
      for await (const task of asana.tasks.forProject(env.project, { limit: 100 })) {
        count++;
        seen.add(task.gid);
      }
      check(count === env.projectTaskCount, `${count} tasks, expected ${env.projectTaskCount}`);
      check(seen.size === count, `${count - seen.size} tasks repeated`);
      return `${count} tasks over ${Math.ceil(count / 100)} pages`;
    },

    async duplicate() {
      const job = await asana.tasks.duplicate(env.taskToDuplicate, { name: `${name} (copy)`, include: ["notes"] });
      check(typeof job.gid === "string" && job.gid !== "", `no job gid in ${JSON.stringify(job)}`);
      let polls = 0;
      const done = await asana.jobs.wait(job, {
        intervalMs: 10,
        maxIntervalMs: 50,
        timeoutMs: 10_000,
        onPoll: () => void polls++,
      });
      check(done.status === "succeeded", `status ${done.status}`);
      const copy = done.new_task?.gid;
      check(typeof copy === "string" && copy !== "", `no new_task in ${JSON.stringify(done)}`);
      return `job ${job.gid} succeeded after ${polls} polls, new task ${copy}`;
    },

    async error404() {
      try {
        await asana.tasks.get(UNKNOWN_TASK);
      } catch (error) {
        check(error instanceof AsanaError, `not an AsanaError: ${describe(error)}`);
        const e = error as AsanaErrorClass;
        check(e.status === 404, `status ${e.status}`);
        const shown = `${e.message} ${e.stack ?? ""} ${JSON.stringify(e)}`;
        check(!shown.includes(token), "the token shows in the error");
        return `AsanaError ${e.status}: ${e.message}`;
      }
      throw new StepFailed("resolved instead of rejecting");
    },

    async abort() {
      const controller = new AbortController();
      const reason = new Error(`aborted on ${runtime}`);
      const pending = asana.tasks.get(env.slowTask, { signal: controller.signal });
      // The request is on the wire by then; the fake holds its answer for seconds.
      const timer = setTimeout(() => controller.abort(reason), 50);
      try {
        await pending;
      } catch (error) {
        check(error === reason, `rejected with ${describe(error)}, not the signal's reason`);
        return "rejected in flight with the signal's reason";
      } finally {
        clearTimeout(timer);
      }
      throw new StepFailed("resolved instead of rejecting");
    },
  };

  for (const step of STEPS) {
    try {
      report(step, true, await withTimeout(steps[step](), step));
    } catch (error) {
      report(step, false, describe(error));
    }
  }
}

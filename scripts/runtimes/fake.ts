/**
 * The fake Asana every runtime talks to, from the built package (asana-fetch/testing/node), on loopback,
 * seeded with a project of more than two pages of tasks and a task to duplicate.
 */
import type { ScenarioConfig } from "./scenario.ts";

type NodeTesting = typeof import("../../src/testing/node.ts");

export const PROJECT_TASKS = 250;
/** Longer than the abort step waits (50 ms), shorter than a step's timeout. */
const SLOW_MS = 5_000;

export interface RunningFake {
  config: Omit<ScenarioConfig, "runtime">;
  close(): Promise<void>;
}

export async function startFake(): Promise<RunningFake> {
  // By name, so Node resolves it through the package's own exports map to dist/ (a variable keeps
  // `tsc` from needing dist/ to type-check this file).
  const specifier = "asana-fetch/testing/node";
  const { createFakeAsanaServer } = (await import(specifier)) as NodeTesting;
  const server = createFakeAsanaServer({ jobs: { pollsToFinish: 2 } });
  const baseUrl = await server.listen({ host: "127.0.0.1", port: 0 });
  const { fake } = server;
  const workspace = fake.seed.workspace({ name: "Runtime matrix" }).gid;
  const project = fake.seed.project({ workspace, name: "Paged" }).gid;
  fake.seed.tasks(PROJECT_TASKS, { projects: [project] });
  const taskToDuplicate = fake.seed.task({ workspace, name: "To duplicate", notes: "copied by every runtime" }).gid;
  const slowTask = fake.seed.task({ workspace, name: "Slow" }).gid;
  fake.faults.path(`/tasks/${slowTask}`, { kind: "latency", ms: SLOW_MS }, { method: "GET" });
  return {
    config: { baseUrl, token: fake.token, workspace, project, projectTaskCount: PROJECT_TASKS, taskToDuplicate, slowTask },
    close: () => server.close(),
  };
}

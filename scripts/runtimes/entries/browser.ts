/** Browser page script: runs the scenario with the config in the page's URL and exposes the results. */
import { AsanaError, createAsanaClient } from "../../../src/index.ts"; // swapped for the built package by bundle.ts
import { runScenario, type ScenarioConfig, type StepResult } from "../scenario.ts";

declare global {
  interface Window {
    /** Read by the orchestrator through Playwright once it settles. */
    scenarioResults: Promise<StepResult[]>;
  }
}

async function run(): Promise<StepResult[]> {
  const config = JSON.parse(new URL(location.href).searchParams.get("config") ?? "{}") as ScenarioConfig;
  const results: StepResult[] = [];
  await runScenario({
    ...config,
    createAsanaClient,
    AsanaError,
    report: (step, ok, detail) => {
      results.push({ step, ok, detail });
      document.body.append(`${ok ? "PASS" : "FAIL"} ${step} ${detail}\n`);
    },
  });
  return results;
}

window.scenarioResults = run();

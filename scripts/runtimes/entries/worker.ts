/** Cloudflare Worker (workerd): POST the scenario config, get the step results back as JSON. */
import { AsanaError, createAsanaClient } from "../../../src/index.ts"; // swapped for the built package by bundle.ts
import { runScenario, type ScenarioConfig, type StepResult } from "../scenario.ts";

export default {
  async fetch(request: Request): Promise<Response> {
    const config = (await request.json()) as ScenarioConfig;
    const results: StepResult[] = [];
    await runScenario({
      ...config,
      createAsanaClient,
      AsanaError,
      report: (step, ok, detail) => void results.push({ step, ok, detail }),
    });
    return Response.json(results);
  },
};

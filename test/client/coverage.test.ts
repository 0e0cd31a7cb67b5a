/**
 * Nothing in the specs is left behind: every operation of generated/ has a facade method (or a line
 * in RAW_ONLY, saying why it is reached only through `asana.raw`), and a route in the fake.
 */
import { describe, expect, test } from "@jest/globals";
import { ROUTES } from "asana-fetch/testing";
import { operations } from "../../generated/operations.ts";
import { getJob } from "../../src/resources/jobs.ts";
import { TASKS } from "../../src/resources/tasks.ts";

/** "METHOD /path" of operations with no facade method, each with its reason. None today. */
const RAW_ONLY: Record<string, string> = {};

const line = ([method, path]: readonly [string, string, ...unknown[]]) => `${method} ${path}`;
const ALL = Object.values(operations).map(line).sort();

describe("coverage of the specs", () => {
  test("every operation has a facade method or a RAW_ONLY line, and no method is declared twice", () => {
    const facade = [...Object.values(TASKS), getJob].map((d) => line(d.operation));
    expect(new Set(facade).size).toBe(facade.length);
    expect([...facade, ...Object.keys(RAW_ONLY)].sort()).toEqual(ALL);
  });

  test("every operation has a route in the fake", () => {
    expect(ROUTES.map(line).sort()).toEqual(ALL);
  });

  test("the table holds all 27 Tasks operations and GET /jobs/{job_gid}", () => {
    expect(ALL).toHaveLength(28);
    expect(ALL).toContain("GET /jobs/{job_gid}");
  });
});

import { describe, expect, test } from "@jest/globals";
import { ROUTES } from "../../src/testing/index.ts";
import { messageOf, world } from "./helpers.ts";

const EXPECTED = [
  "GET /tasks",
  "POST /tasks",
  "GET /tasks/{task_gid}",
  "PUT /tasks/{task_gid}",
  "DELETE /tasks/{task_gid}",
  "POST /tasks/{task_gid}/duplicate",
  "GET /projects/{project_gid}/tasks",
  "GET /sections/{section_gid}/tasks",
  "GET /tags/{tag_gid}/tasks",
  "GET /user_task_lists/{user_task_list_gid}/tasks",
  "GET /tasks/{task_gid}/subtasks",
  "POST /tasks/{task_gid}/subtasks",
  "POST /tasks/{task_gid}/setParent",
  "GET /tasks/{task_gid}/dependencies",
  "POST /tasks/{task_gid}/addDependencies",
  "POST /tasks/{task_gid}/removeDependencies",
  "GET /tasks/{task_gid}/dependents",
  "POST /tasks/{task_gid}/addDependents",
  "POST /tasks/{task_gid}/removeDependents",
  "POST /tasks/{task_gid}/addProject",
  "POST /tasks/{task_gid}/removeProject",
  "POST /tasks/{task_gid}/addTag",
  "POST /tasks/{task_gid}/removeTag",
  "POST /tasks/{task_gid}/addFollowers",
  "POST /tasks/{task_gid}/removeFollowers",
  "GET /workspaces/{workspace_gid}/tasks/custom_id/{custom_id}",
  "GET /workspaces/{workspace_gid}/tasks/search",
  "GET /jobs/{job_gid}",
];

const NO_ROUTE = "No matching route for request";

describe("the route table", () => {
  test("ROUTES lists the 27 Tasks operations and GET /jobs/{job_gid} as [method, OpenAPI path template]", () => {
    expect(ROUTES.map(([method, path]) => `${method} ${path}`).sort()).toEqual([...EXPECTED].sort());
    for (const [, path] of ROUTES) expect(path).toMatch(/^(\/([A-Za-z_]+|\{[a-z_]+\}))+$/);
    expect(Object.isFrozen(ROUTES)).toBe(true);
  });

  test("every route is answered by an operation, never 'No matching route for request'", async () => {
    const { call, fake, workspace, project } = world();
    const task = fake.seed.task({ projects: [project], name: "t" }).gid;
    const values: Record<string, string> = { task_gid: task, project_gid: project, workspace_gid: workspace, custom_id: "ENG-1" };
    const seen: string[] = [];
    for (const [method, template] of ROUTES) {
      const path = template.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? "1");
      const res = await call(method, path, method === "POST" || method === "PUT" ? { data: {} } : undefined);
      seen.push(`${method} ${template}`);
      expect({ route: `${method} ${template}`, message: messageOf(res) }).not.toEqual({ route: `${method} ${template}`, message: NO_ROUTE });
      // Two segments more is no route at all.
      expect(messageOf(await call(method, `${path}/no/such`))).toBe(NO_ROUTE);
    }
    expect(seen).toHaveLength(28);
  });
});

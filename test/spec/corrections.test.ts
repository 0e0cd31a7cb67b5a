// The built specs (openapi/tasks.yaml, jobs.yaml) carry every correction: each test asserts values a
// wrong or missing overlay action would change.
import { beforeAll, describe, expect, test } from "@jest/globals";
import { resolveJsonPath } from "openapi-format";
import { built, deref, flatten, obj, operations, readDocument, root, type JsonObject, type Operation } from "./helpers.ts";
import { join } from "node:path";

let tasks: JsonObject;
let jobs: JsonObject;
let upstreamTasks: JsonObject;
const both = () => [
  { name: "tasks", doc: tasks },
  { name: "jobs", doc: jobs },
];
beforeAll(async () => {
  tasks = await built("tasks");
  jobs = await built("jobs");
  upstreamTasks = await readDocument(join(root, "openapi", "upstream", "tasks.yaml"));
});

const schemas = (doc: JsonObject) => obj(obj(doc.components).schemas);
const schema = (doc: JsonObject, name: string) => obj(schemas(doc)[name], name);
const op = (doc: JsonObject, id: string): Operation => {
  const found = operations(doc).find((o) => o.id === id);
  if (!found) throw new Error(`no operation ${id}`);
  return found;
};
const json = (doc: JsonObject, response: unknown) => obj(obj(obj(deref(doc, response).content)["application/json"]).schema);

const LISTS = [
  "getTasks",
  "getTasksForProject",
  "getTasksForSection",
  "getTasksForTag",
  "getTasksForUserTaskList",
  "getSubtasksForTask",
  "getDependenciesForTask",
  "getDependentsForTask",
];

describe("operations", () => {
  test("the 27 Tasks operations and GET /jobs/{job_gid}, in upstream's order, nothing else", () => {
    expect(operations(tasks)).toHaveLength(27);
    expect(operations(tasks).map((o) => o.id)).toEqual(operations(upstreamTasks).map((o) => o.id));
    expect(operations(tasks).map((o) => o.id)).toEqual(expect.arrayContaining([...LISTS, "searchTasksForWorkspace", "duplicateTask", "setParentForTask", "getTaskForCustomID"]));
    expect(operations(jobs).map((o) => `${o.method} ${o.path}`)).toEqual(["get /jobs/{job_gid}"]);
  });

  test("every operation answers 429 with a required Retry-After header in seconds, and the error body", () => {
    for (const { doc } of both()) {
      for (const o of operations(doc)) {
        const responses = obj(o.op.responses);
        expect([o.id, obj(responses["429"]).$ref]).toEqual([o.id, "#/components/responses/TooManyRequests"]);
        const r = deref(doc, responses["429"]);
        expect(obj(obj(r.headers)["Retry-After"])).toMatchObject({ required: true, schema: { type: "integer" } });
        expect(json(doc, r).$ref).toBe("#/components/schemas/ErrorResponse");
      }
    }
  });

  test("no operation declares the 424/501 that the official spec uses for 429/502 elsewhere", () => {
    for (const { doc } of both()) {
      for (const o of operations(doc)) expect([o.id, Object.keys(obj(o.op.responses)).filter((c) => c === "424" || c === "501")]).toEqual([o.id, []]);
    }
  });

  test("every error status answers {errors: [{message, help?, phrase?}]}, errors and message required", () => {
    for (const { doc } of both()) {
      for (const o of operations(doc)) {
        for (const [code, response] of Object.entries(obj(o.op.responses))) {
          if (Number(code) >= 400) expect([o.id, code, json(doc, response).$ref]).toEqual([o.id, code, "#/components/schemas/ErrorResponse"]);
        }
      }
      expect(schema(doc, "ErrorResponse").required).toEqual(["errors"]);
      expect(obj(obj(schema(doc, "ErrorResponse").properties).errors)).toEqual({ type: "array", items: { $ref: "#/components/schemas/Error" } });
      expect(schema(doc, "Error").required).toEqual(["message"]);
      expect(Object.keys(obj(schema(doc, "Error").properties))).toEqual(["message", "help", "phrase"]);
    }
  });

  test("402 where the real API answers it: search (premium only) and the premium dependency operations", () => {
    const with402 = operations(tasks).filter((o) => "402" in obj(o.op.responses)).map((o) => o.id);
    expect(with402.sort()).toEqual(
      [
        "searchTasksForWorkspace",
        "getDependenciesForTask",
        "addDependenciesForTask",
        "removeDependenciesForTask",
        "getDependentsForTask",
        "addDependentsForTask",
        "removeDependentsForTask",
      ].sort(),
    );
  });

  test("opt_fields on every operation: one comma-separated form parameter (explode false), no enum, not required; opt_pretty a boolean", () => {
    for (const { doc } of both()) {
      for (const o of operations(doc)) {
        const optFields = o.params.get("query:opt_fields");
        expect([o.id, optFields?.style, optFields?.explode, optFields?.required]).toEqual([o.id, "form", false, false]);
        expect(optFields?.schema).toEqual({ type: "array", items: { type: "string" } });
        expect([o.id, obj(o.params.get("query:opt_pretty")?.schema ?? {}).type]).toEqual([o.id, "boolean"]);
      }
      // No per-operation copy (with its junk enum) is left anywhere.
      expect(resolveJsonPath(doc, "$.paths.*.*.parameters[?(@.name == 'opt_fields')]")).toHaveLength(0);
      expect(resolveJsonPath(doc, "$.paths.*.*.parameters").filter((n) => Array.isArray(n.value) && n.value.length === 0)).toHaveLength(0);
    }
  });

  test("lists take limit 1..100 and an optional opaque offset, and answer a nullable next_page {offset, path, uri}", () => {
    for (const id of LISTS) {
      const o = op(tasks, id);
      expect([id, o.params.get("query:limit")?.schema]).toEqual([id, { type: "integer", minimum: 1, maximum: 100 }]);
      const offset = o.params.get("query:offset");
      expect([id, offset?.required ?? false, offset?.schema]).toEqual([id, false, { type: "string" }]);
      const body = json(tasks, obj(o.op.responses)["200"]);
      expect([id, obj(obj(body.properties).next_page).$ref, body.required]).toEqual([id, "#/components/schemas/NextPage", ["data"]]);
    }
    const next = schema(tasks, "NextPage");
    expect([next.nullable, next.required]).toEqual([true, ["offset", "path", "uri"]]);
  });

  test("search takes limit 1..100 but has no offset and no next_page", () => {
    const search = op(tasks, "searchTasksForWorkspace");
    expect(search.params.get("query:limit")?.schema).toEqual({ type: "integer", minimum: 1, maximum: 100 });
    expect(search.params.has("query:offset")).toBe(false);
    expect(Object.keys(obj(json(tasks, obj(search.op.responses)["200"]).properties))).toEqual(["data"]);
  });

  test("GET /tasks: completed_since is a date-time or `now`; the description states the project/section or assignee+workspace rule", () => {
    const list = op(tasks, "getTasks");
    const since = list.params.get("query:completed_since");
    expect(since?.schema).toEqual({ type: "string" });
    expect(since?.description).toContain("*now*");
    expect(list.op.description).toContain("You must specify a `project` or `section` if you do not specify `assignee` and `workspace`");
    expect(list.op.description).not.toContain("`tag`");
  });

  test("creates answer 201 with a Location header: the new task, or the duplication's job", () => {
    const created = operations(tasks).filter((o) => "201" in obj(o.op.responses));
    expect(created.map((o) => o.id)).toEqual(["createTask", "duplicateTask", "createSubtaskForTask"]);
    for (const o of created) {
      const response = obj(obj(o.op.responses)["201"]);
      expect(deref(tasks, obj(obj(response.headers).Location))).toMatchObject({ schema: { type: "string", format: "uri" } });
    }
    expect(obj(json(tasks, obj(op(tasks, "duplicateTask").op.responses)["201"]).properties).data).toEqual({ $ref: "#/components/schemas/JobResponse" });
  });

  test("DELETE and the add/remove actions answer {data: {}} with data required", () => {
    for (const id of ["deleteTask", "addProjectForTask", "removeTagForTask", "addDependenciesForTask"]) {
      const body = json(tasks, obj(op(tasks, id).op.responses)["200"]);
      expect([id, body.required, obj(body.properties).data]).toEqual([id, ["data"], { $ref: "#/components/schemas/EmptyResponse" }]);
    }
    expect(schema(tasks, "EmptyResponse").properties).toBeUndefined();
  });

  test("exactly the add/remove actions and setParent are marked x-idempotent; no other POST is", () => {
    const marked = operations(tasks)
      .filter((o) => o.op["x-idempotent"] === true)
      .map((o) => o.id)
      .sort();
    expect(marked).toEqual(
      [
        "addDependenciesForTask", "addDependentsForTask", "addFollowersForTask", "addProjectForTask", "addTagForTask",
        "removeDependenciesForTask", "removeDependentsForTask", "removeFollowerForTask", "removeProjectForTask",
        "removeTagForTask", "setParentForTask",
      ].sort(),
    );
    for (const id of ["createTask", "createSubtaskForTask", "duplicateTask"]) expect(op(tasks, id).op["x-idempotent"]).toBeUndefined();
  });

  test("every JSON envelope, request or response, requires data", () => {
    for (const { doc } of both()) {
      const envelopes = resolveJsonPath(doc, "$.paths..content['application/json'][?(@.properties.data)]");
      expect(envelopes.length).toBeGreaterThan(doc === tasks ? 40 : 0);
      for (const node of envelopes) expect(obj(node.value).required).toEqual(["data"]);
    }
  });

  test("the documentation site's code samples are not in the built specs", () => {
    for (const { doc } of both()) expect(resolveJsonPath(doc, "$.paths.*.*['x-readme']")).toHaveLength(0);
  });
});

describe("schemas", () => {
  test("gid is required on every resource and nested reference", () => {
    for (const { doc } of both()) {
      const withGid = Object.entries(schemas(doc)).filter(([, s]) => obj(s).properties !== undefined && "gid" in obj(obj(s).properties));
      expect(withGid.length).toBeGreaterThan(doc === tasks ? 15 : 5);
      for (const [name, s] of withGid) expect([name, obj(s).required]).toEqual([name, expect.arrayContaining(["gid"])]);
      expect(obj(obj(schema(doc, "TaskCompact").properties).created_by).required).toEqual(["gid"]);
    }
    for (const name of ["TaskCompact", "UserCompact", "ProjectCompact", "SectionCompact", "TagCompact", "WorkspaceCompact", "CustomFieldCompact", "EnumOption", "JobCompact"]) {
      expect([name, schema(tasks, name).required]).toEqual([name, expect.arrayContaining(["gid"])]);
    }
    for (const name of ["TaskResponse", "CustomFieldResponse"]) expect([name, flatten(tasks, schemas(tasks)[name]).required]).toEqual([name, expect.arrayContaining(["gid"])]);
  });

  test("a job has gid and status; every new_* is a nullable reference, new_task a full TaskCompact", () => {
    for (const { doc } of both()) {
      const job = schema(doc, "JobCompact");
      expect(job.required).toEqual(["gid", "status"]);
      expect(obj(obj(job.properties).status).enum).toEqual(["not_started", "in_progress", "succeeded", "failed"]);
      for (const [name, ref] of Object.entries({
        new_task: "TaskCompact",
        new_project: "ProjectCompact",
        new_project_template: "ProjectTemplateCompact",
        new_portfolio: "PortfolioCompact",
        new_graph_export: "GraphExportCompact",
        new_resource_export: "ResourceExportCompact",
      })) {
        const p = obj(obj(job.properties)[name]);
        expect([name, p.nullable, obj((p.allOf as unknown[])[0]).$ref]).toEqual([name, true, `#/components/schemas/${ref}`]);
      }
      expect(Object.keys(obj(schema(doc, "TaskCompact").properties))).toEqual(expect.arrayContaining(["gid", "name", "resource_subtype", "created_by", "created_at"]));
      expect(schema(doc, "JobResponse")).toEqual({ $ref: "#/components/schemas/JobBase" });
    }
  });

  test("nullable references are written so generators read them: nullable beside allOf, no empty `type: object` member", () => {
    for (const { doc } of both()) {
      for (const node of resolveJsonPath(doc, "$.components.schemas..[?(@.allOf)]")) {
        const s = obj(node.value);
        const members = (s.allOf as unknown[]).map((m) => obj(m));
        for (const m of members) expect([String(node.key), m.type === "object" && m.properties === undefined]).toEqual([String(node.key), false]);
        if (members.some((m) => m.nullable === true)) expect([String(node.key), s.nullable]).toEqual([String(node.key), true]);
      }
    }
    const response = flatten(tasks, schemas(tasks).TaskResponse).properties;
    for (const name of ["assignee", "assignee_section", "parent", "completed_by", "custom_type", "custom_type_status_option"]) {
      expect([name, response[name]?.nullable]).toEqual([name, true]);
    }
    expect([response.parent?.readOnly, response.workspace?.readOnly, response.workspace?.nullable]).toEqual([true, true, undefined]);
  });

  test("setParent's parent (required), insert_before and insert_after accept null", () => {
    const body = schema(tasks, "TaskSetParentRequest");
    expect(body.required).toEqual(["parent"]);
    for (const name of ["parent", "insert_before", "insert_after"]) expect([name, obj(obj(body.properties)[name])]).toMatchObject([name, { type: "string", nullable: true }]);
  });

  test("request bodies require their members: parent, project, tag, followers, dependencies, dependents", () => {
    const required = Object.fromEntries(
      ["TaskSetParentRequest", "TaskAddProjectRequest", "TaskRemoveProjectRequest", "TaskAddTagRequest", "TaskRemoveTagRequest", "TaskAddFollowersRequest", "TaskRemoveFollowersRequest", "ModifyDependenciesRequest", "ModifyDependentsRequest"].map((n) => [n, schema(tasks, n).required]),
    );
    expect(required).toEqual({
      TaskSetParentRequest: ["parent"],
      TaskAddProjectRequest: ["project"],
      TaskRemoveProjectRequest: ["project"],
      TaskAddTagRequest: ["tag"],
      TaskRemoveTagRequest: ["tag"],
      TaskAddFollowersRequest: ["followers"],
      TaskRemoveFollowersRequest: ["followers"],
      ModifyDependenciesRequest: ["dependencies"],
      ModifyDependentsRequest: ["dependents"],
    });
    for (const id of ["createTask", "setParentForTask", "addDependentsForTask"]) {
      const body = obj(obj(obj(op(tasks, id).op.requestBody).content)["application/json"]).schema;
      expect([id, obj(body).required]).toEqual([id, ["data"]]);
    }
  });

  test("create and update: custom field values by type, nullable assignee_section, liked; parent on create only", () => {
    const create = flatten(tasks, schemas(tasks).TaskCreateRequest).properties;
    const update = flatten(tasks, schemas(tasks).TaskUpdateRequest).properties;
    const values = obj(create.custom_fields?.additionalProperties);
    expect(values.type).toBeUndefined();
    expect(values.nullable).toBe(true);
    expect((values.oneOf as JsonObject[]).map((v) => v.type)).toEqual(["string", "number", "array", "object"]);
    expect((values.oneOf as JsonObject[])[2]?.items).toEqual({ type: "string" });
    expect(Object.keys(obj((values.oneOf as JsonObject[])[3]?.properties))).toEqual(["date", "date_time"]);
    expect(create.assignee_section).toMatchObject({ type: "string", nullable: true });
    expect(create.liked).toMatchObject({ type: "boolean" });
    expect(create.parent).toMatchObject({ type: "string", nullable: true });
    for (const name of ["parent", "projects", "tags", "followers", "workspace"]) expect([name, name in update]).toEqual([name, false]);
    expect(update.custom_fields).toEqual(create.custom_fields);
  });

  test("duplicate's include: a comma-separated string whose items are the one TaskDuplicateIncludeField enum", () => {
    const include = obj(obj(schema(tasks, "TaskDuplicateRequest").properties).include);
    expect(include.type).toBe("string");
    expect(include.pattern).toBeUndefined();
    expect(include.example).toBe("notes,assignee,subtasks");
    expect(include["x-comma-separated-items"]).toEqual({ $ref: "#/components/schemas/TaskDuplicateIncludeField" });
    expect(schema(tasks, "TaskDuplicateIncludeField")).toMatchObject({
      type: "string",
      enum: ["assignee", "attachments", "dates", "dependencies", "followers", "notes", "parent", "projects", "subtasks", "tags"],
    });
    // One definition: the values appear nowhere else as an enum.
    const enums = resolveJsonPath(tasks, "$..enum").filter((n) => Array.isArray(n.value) && n.value.includes("attachments"));
    expect(enums).toHaveLength(1);
  });
});

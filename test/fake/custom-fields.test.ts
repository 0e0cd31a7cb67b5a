import { describe, expect, test } from "@jest/globals";
import type { FakeAsanaOptions } from "../../src/testing/index.ts";
import { messageOf, world } from "./helpers.ts";

function fielded(options?: FakeAsanaOptions) {
  const w = world(options);
  const seed = w.fake.seed;
  const priority = seed.customField({ workspace: w.workspace, name: "Priority", type: "enum", options: ["High", { name: "Low", color: "blue" }, { name: "Old", enabled: false }] });
  const labels = seed.customField({ workspace: w.workspace, name: "Labels", type: "multi_enum", options: ["ui", "api"] });
  const note = seed.customField({ workspace: w.workspace, name: "Note", type: "text" }).gid;
  const estimate = seed.customField({ workspace: w.workspace, name: "Estimate", type: "number", precision: 2 }).gid;
  const launch = seed.customField({ workspace: w.workspace, name: "Launch", type: "date" }).gid;
  const [high, low, old] = priority.enumOptions as [string, string, string];
  const [ui, api] = labels.enumOptions as [string, string];
  return { ...w, priority: priority.gid, labels: labels.gid, note, estimate, launch, high, low, old, ui, api };
}

describe("custom fields", () => {
  test("seed.customField stores the field and its options (colors in Asana's palette unless given)", () => {
    const f = fielded();
    expect(f.fake.state.customFields.get(f.priority)).toEqual({
      gid: f.priority, name: "Priority", workspace: f.workspace, type: "enum", description: "", precision: 0, enum_options: [f.high, f.low, f.old], created_by: f.user,
    });
    expect(f.fake.state.enumOptions.get(f.low)).toEqual({ gid: f.low, name: "Low", color: "blue", enabled: true, custom_field: f.priority });
    expect(f.fake.state.enumOptions.get(f.high)!.color).toBe("red");
    expect(() => f.fake.seed.customField({ type: "formula" as "text" })).toThrow(/type must be one of/);
    expect(() => f.fake.seed.customField({ type: "text", options: ["x"] })).toThrow(/only enum and multi_enum/);
    expect(() => f.fake.seed.customField({ type: "number", precision: 7 })).toThrow(RangeError);
  });

  test("create sets values of every type; the task lists the fields it has values for, as CustomFieldResponse records", async () => {
    const f = fielded();
    const body = { workspace: f.workspace, custom_fields: { [f.priority]: f.low, [f.note]: "ship it", [f.estimate]: 3.14159, [f.labels]: [f.api, f.ui], [f.launch]: { date: "2024-07-01" } } };
    const task = (await f.call("POST", "/tasks", { data: body })).body.data;
    expect(task.custom_fields.map((c: { gid: string }) => c.gid)).toEqual([f.priority, f.note, f.estimate, f.labels, f.launch]);
    const [priority, note, estimate, labels, launch] = task.custom_fields;
    expect(priority).toMatchObject({
      gid: f.priority, resource_type: "custom_field", name: "Priority", type: "enum", resource_subtype: "enum", representation_type: "enum",
      enum_value: { gid: f.low, resource_type: "enum_option", name: "Low", color: "blue", enabled: true },
      enum_options: [{ gid: f.high, name: "High" }, { gid: f.low, name: "Low" }, { gid: f.old, name: "Old", enabled: false }],
      display_value: "Low", text_value: null, number_value: null, multi_enum_values: [], date_value: null,
    });
    expect(note).toMatchObject({ type: "text", text_value: "ship it", display_value: "ship it", enum_value: null, enum_options: [] });
    expect(estimate).toMatchObject({ type: "number", number_value: 3.14159, precision: 2, display_value: "3.14" });
    expect(labels).toMatchObject({ type: "multi_enum", multi_enum_values: [{ gid: f.api, name: "api" }, { gid: f.ui, name: "ui" }], display_value: "api, ui" });
    expect(launch).toMatchObject({ type: "date", date_value: { date: "2024-07-01", date_time: null }, display_value: "2024-07-01" });
    expect(f.fake.state.tasks.get(task.gid)!.custom_fields).toEqual({ [f.priority]: f.low, [f.note]: "ship it", [f.estimate]: 3.14159, [f.labels]: [f.api, f.ui], [f.launch]: { date: "2024-07-01", date_time: null } });
  });

  test("update changes only the values sent; null clears one; modified_at moves", async () => {
    let now = Date.parse("2024-01-01T00:00:00Z");
    const f = fielded({ now: () => now });
    const gid = f.fake.seed.task({ workspace: f.workspace, custom_fields: { [f.priority]: f.high, [f.note]: "keep" } }).gid;
    now += 1000;
    const res = await f.call("PUT", `/tasks/${gid}?opt_fields=custom_fields.display_value,modified_at`, { data: { custom_fields: { [f.priority]: null, [f.launch]: { date_time: "2024-08-01T10:00:00+02:00" } } } });
    expect(res.body.data.custom_fields).toEqual([{ gid: f.note, display_value: "keep" }, { gid: f.launch, display_value: "2024-08-01T08:00:00.000Z" }]);
    expect(res.body.data.modified_at).toBe("2024-01-01T00:00:01.000Z");
    expect(f.fake.state.tasks.get(gid)!.custom_fields).toEqual({ [f.note]: "keep", [f.launch]: { date: "2024-08-01", date_time: "2024-08-01T08:00:00.000Z" } });
  });

  test("bad values answer 400 naming the field; nothing changes", async () => {
    const f = fielded();
    const foreign = f.fake.seed.customField({ workspace: f.fake.seed.workspace().gid, type: "text" }).gid;
    const gid = f.fake.seed.task({ workspace: f.workspace, custom_fields: { [f.note]: "before" } }).gid;
    const cases: [unknown, string][] = [
      [{ "404": "x" }, "custom_fields: Unknown object: 404"],
      [{ [foreign]: "x" }, `custom_fields: ${foreign} is not in workspace ${f.workspace}`],
      [{ [f.note]: 5 }, `custom_fields.${f.note}: Value is not a string: 5`],
      [{ [f.estimate]: "5" }, `custom_fields.${f.estimate}: Value is not a number: "5"`],
      [{ [f.priority]: f.ui }, `custom_fields.${f.priority}: "${f.ui}" is not an enum option of this field`],
      [{ [f.priority]: f.old }, `custom_fields.${f.priority}: The enum option ${f.old} is disabled`],
      [{ [f.labels]: f.ui }, `custom_fields.${f.labels}: Value is not an array of enum option gids: "${f.ui}"`],
      [{ [f.launch]: { date: "July" } }, `custom_fields.${f.launch}.date: Value is not a valid date (YYYY-MM-DD): "July"`],
      [{ [f.note]: "after", [f.estimate]: "x" }, `custom_fields.${f.estimate}: Value is not a number: "x"`],
      ["nope", 'custom_fields: Value is not an object of custom field gids to values: "nope"'],
    ];
    for (const [custom_fields, message] of cases) {
      const res = await f.call("PUT", `/tasks/${gid}`, { data: { custom_fields } });
      expect({ custom_fields, status: res.status, message: messageOf(res) }).toEqual({ custom_fields, status: 400, message });
    }
    expect(f.fake.state.tasks.get(gid)!.custom_fields).toEqual({ [f.note]: "before" });
    expect(messageOf(await f.call("POST", "/tasks", { data: { workspace: f.workspace, custom_fields: { "404": 1 } } }))).toBe("custom_fields: Unknown object: 404");
    expect(() => f.fake.seed.task({ custom_fields: { [f.note]: 1 } })).toThrow(`seed: custom_fields.${f.note}: Value is not a string: 1`);
  });

  test("opt_fields select inside values: custom_fields alone is {gid, resource_type}, dot paths give {gid, ...requested}", async () => {
    const f = fielded();
    const gid = f.fake.seed.task({ workspace: f.workspace, custom_fields: { [f.priority]: f.high, [f.note]: "n" } }).gid;
    const bare = (await f.call("GET", `/tasks/${gid}?opt_fields=custom_fields`)).body.data;
    expect(bare).toEqual({ gid, custom_fields: [{ gid: f.priority, resource_type: "custom_field" }, { gid: f.note, resource_type: "custom_field" }] });
    const deep = (await f.call("GET", `/tasks/${gid}?opt_fields=custom_fields.name,custom_fields.enum_value.name,custom_fields.enum_value.color`)).body.data;
    expect(deep).toEqual({
      gid,
      custom_fields: [
        { gid: f.priority, name: "Priority", enum_value: { gid: f.high, name: "High", color: "red" } },
        { gid: f.note, name: "Note", enum_value: null },
      ],
    });
  });
});

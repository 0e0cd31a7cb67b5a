/**
 * Custom field values on tasks, as create and update take them: `custom_fields: {field_gid: value}`
 * with a string (text), a number (number), an option gid (enum), option gids (multi_enum),
 * `{date}` or `{date_time}` (date); null clears. The fields are seeded per workspace.
 */
import { isObject } from "./body.ts";
import { badRequest } from "./http.ts";
import { dateTime } from "./body.ts";
import type { FakeCustomField, FakeCustomFieldValue, FakeState, FakeTask } from "./model.ts";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function optionOf(state: FakeState, field: FakeCustomField, where: string, value: unknown): string {
  const option = typeof value === "string" ? state.enumOptions.get(value) : undefined;
  if (!option || option.custom_field !== field.gid) throw badRequest(`${where}: ${JSON.stringify(value)} is not an enum option of this field`);
  if (!option.enabled) throw badRequest(`${where}: The enum option ${option.gid} is disabled`);
  return option.gid;
}

function parseValue(state: FakeState, field: FakeCustomField, value: unknown): FakeCustomFieldValue | null {
  const where = `custom_fields.${field.gid}`;
  if (value === null) return null;
  switch (field.type) {
    case "text":
      if (typeof value !== "string") throw badRequest(`${where}: Value is not a string: ${JSON.stringify(value)}`);
      return value;
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value)) throw badRequest(`${where}: Value is not a number: ${JSON.stringify(value)}`);
      return value;
    case "enum":
      return optionOf(state, field, where, value);
    case "multi_enum": {
      if (!Array.isArray(value)) throw badRequest(`${where}: Value is not an array of enum option gids: ${JSON.stringify(value)}`);
      const options = [...new Set(value.map((item) => optionOf(state, field, where, item)))];
      return options.length === 0 ? null : options;
    }
    case "date": {
      if (!isObject(value)) throw badRequest(`${where}: Value is not an object with date or date_time: ${JSON.stringify(value)}`);
      if (value.date_time !== undefined && value.date_time !== null) {
        const at = dateTime(`${where}.date_time`, value.date_time)!;
        return { date: at.slice(0, 10), date_time: at };
      }
      if (typeof value.date !== "string" || !DATE.test(value.date) || Number.isNaN(Date.parse(value.date))) {
        throw badRequest(`${where}.date: Value is not a valid date (YYYY-MM-DD): ${JSON.stringify(value.date)}`);
      }
      return { date: value.date, date_time: null };
    }
  }
}

/** Checks a `custom_fields` body value for a task of `workspace`: the changes, null meaning cleared. */
export function parseCustomFieldValues(state: FakeState, raw: unknown, workspace: string): Map<string, FakeCustomFieldValue | null> {
  if (!isObject(raw)) throw badRequest(`custom_fields: Value is not an object of custom field gids to values: ${JSON.stringify(raw)}`);
  const out = new Map<string, FakeCustomFieldValue | null>();
  for (const [gid, value] of Object.entries(raw)) {
    const field = state.customFields.get(gid);
    if (!field) throw badRequest(`custom_fields: Unknown object: ${gid}`);
    if (field.workspace !== workspace) throw badRequest(`custom_fields: ${gid} is not in workspace ${workspace}`);
    out.set(gid, parseValue(state, field, value));
  }
  return out;
}

export function applyCustomFieldValues(task: FakeTask, changes: Map<string, FakeCustomFieldValue | null>): void {
  for (const [gid, value] of changes) {
    if (value === null) delete task.custom_fields[gid];
    else task.custom_fields[gid] = value;
  }
}

/** What Asana shows for the value: text as is, numbers at the field's precision, option names, the date. */
export function displayValue(state: FakeState, field: FakeCustomField, value: FakeCustomFieldValue | undefined): string | null {
  if (value === undefined) return null;
  if (typeof value === "number") return value.toFixed(field.precision);
  if (Array.isArray(value)) return value.map((gid) => state.enumOptions.get(gid)?.name ?? "").join(", ");
  if (typeof value === "object") return value.date_time ?? value.date;
  return field.type === "enum" ? (state.enumOptions.get(value)?.name ?? null) : value;
}

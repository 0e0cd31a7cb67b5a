import { afterEach, describe, expect, jest, test } from "@jest/globals";
import { createAsanaClient, type AsanaChangeWarning } from "../../src/index.ts";
import { TOKEN, clientWith, json, scripted } from "./scripted.ts";
import { leaksOf } from "./token-scan.ts";

afterEach(() => {
  jest.restoreAllMocks();
});

const change = (value: string) => json(200, { data: { gid: "1" } }, { "asana-change": value });

describe("Asana-Enable / Asana-Disable", () => {
  test("client lists go on every request, raw included; per-call lists add to them", async () => {
    const wire = scripted([]);
    const asana = clientWith(wire.fetch, { enable: ["new_goal_memberships"], disable: ["string_ids"] });
    await asana.tasks.get("1");
    await asana.tasks.get("1", { enable: ["new_user_task_lists"], disable: ["string_ids"] });
    await asana.raw.GET("/tasks/{task_gid}", { params: { path: { task_gid: "1" } } });
    expect(wire.sent.map((r) => [r.headers.get("asana-enable"), r.headers.get("asana-disable")])).toEqual([
      ["new_goal_memberships", "string_ids"],
      ["new_goal_memberships,new_user_task_lists", "string_ids"],
      ["new_goal_memberships", "string_ids"],
    ]);
  });

  test("no header when there is nothing to enable or disable", async () => {
    const wire = scripted([]);
    await clientWith(wire.fetch).tasks.get("1");
    expect(wire.sent[0]!.headers.has("asana-enable")).toBe(false);
    expect(wire.sent[0]!.headers.has("asana-disable")).toBe(false);
  });
});

describe("Asana-Change warnings", () => {
  test("reported once per change name, with its info link and whether this request was affected", async () => {
    const wire = scripted([
      change("name=new_user_task_lists;info=https://asana.com/developers/x;affected=true"),
      change("name=new_user_task_lists;info=https://asana.com/developers/x;affected=true"),
      change("name=a;info=https://asana.com/a, name=b;info=https://asana.com/b;affected=true"),
    ]);
    const warnings: AsanaChangeWarning[] = [];
    const asana = clientWith(wire.fetch, { onWarning: (w) => warnings.push(w) });
    await asana.tasks.get("1");
    await asana.tasks.get("1");
    await asana.tasks.get("1");
    expect(warnings.map(({ name, info, affected }) => ({ name, info, affected }))).toEqual([
      { name: "new_user_task_lists", info: "https://asana.com/developers/x", affected: true },
      { name: "a", info: "https://asana.com/a", affected: false },
      { name: "b", info: "https://asana.com/b", affected: true },
    ]);
    expect(warnings[0]!.message).toContain("new_user_task_lists");
  });

  test("the default is one console.warn per change", async () => {
    const warn = jest.spyOn(console, "warn").mockImplementation(() => {});
    const wire = scripted([change("name=x;info=https://i"), change("name=x;info=https://i")]);
    const asana = createAsanaClient({ token: TOKEN, fetch: wire.fetch });
    await asana.tasks.get("1");
    await asana.tasks.get("1");
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toContain('"x"');
    expect(String(warn.mock.calls[0]![0])).not.toContain(TOKEN);
  });

  test("a header that echoes the token is redacted before any callback or log line sees it", async () => {
    const warn = jest.spyOn(console, "warn").mockImplementation(() => {});
    const wire = scripted([change(`name=${TOKEN};info=https://x/?t=${encodeURIComponent(TOKEN)};affected=true`)]);
    await createAsanaClient({ token: TOKEN, fetch: wire.fetch }).tasks.get("1");
    expect(warn).toHaveBeenCalledTimes(1);
    expect(leaksOf(new Error(String(warn.mock.calls[0]![0])), TOKEN)).toEqual([]);
    const warnings: AsanaChangeWarning[] = [];
    await clientWith(scripted([change(`name=x-${TOKEN}`)]).fetch, { onWarning: (w) => warnings.push(w) }).tasks.get("1");
    expect(leaksOf(warnings, TOKEN)).toEqual([]);
  });

  test("warnings come from error responses too", async () => {
    const warnings: string[] = [];
    const wire = scripted([json(404, { errors: [{ message: "nope" }] }, { "asana-change": "name=y" })]);
    await clientWith(wire.fetch, { onWarning: (w) => warnings.push(w.name) }).tasks.get("1").catch(() => {});
    expect(warnings).toEqual(["y"]);
  });
});

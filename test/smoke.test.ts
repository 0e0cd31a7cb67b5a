import { afterAll, beforeAll, expect, test } from "@jest/globals";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { createAsanaClient } from "../src/index.ts";

const server = setupServer(
  http.get("https://app.asana.com/api/1.0/tasks/:gid", ({ params, request }) =>
    HttpResponse.json({ data: { gid: params.gid, name: "x", auth: request.headers.get("authorization"), url: request.url } }),
  ),
);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

test("smoke", async () => {
  const asana = createAsanaClient({ token: "t0k" });
  const task = await asana.tasks.get("a/b", { opt_fields: ["name", "assignee.name"] });
  expect(task).toMatchObject({ gid: "a/b", auth: "Bearer t0k" });
  expect((task as unknown as { url: string }).url).toBe("https://app.asana.com/api/1.0/tasks/a%2Fb?opt_fields=name,assignee.name");
});

// The token must reach no error field, message, stack, JSON or inspect output, whatever the error.
import { describe, expect, test } from "@jest/globals";
import { inspect } from "node:util";
import {
  AsanaError,
  BadRequestError,
  ConnectionError,
  ForbiddenError,
  JobFailedError,
  NotFoundError,
  PaymentRequiredError,
  RateLimitError,
  ServerError,
  TimeoutError,
  UnauthorizedError,
} from "../../src/index.ts";
import { TOKEN, caught, clientWith, json, ok, scripted } from "./scripted.ts";

/** Every way a user might print or ship an error. */
function outputs(error: unknown): Record<string, string> {
  const e = error as Error;
  return {
    message: e.message,
    stack: e.stack ?? "",
    string: String(e),
    json: JSON.stringify(e),
    inspect: inspect(e, { depth: 10, showHidden: true }),
    fields: inspect({ ...e }, { depth: 10 }),
    cause: inspect((e as { cause?: unknown }).cause, { depth: 10, showHidden: true }),
  };
}

function expectNoToken(error: unknown) {
  for (const [form, text] of Object.entries(outputs(error))) {
    expect({ form, leaked: text.includes(TOKEN) || text.includes(TOKEN.slice(2, 20)) }).toEqual({ form, leaked: false });
  }
}

/** A hostile upstream that echoes the credential back in every place it can. */
const echo = (status: number, extra: Record<string, string> = {}) => (request: Request) =>
  json(
    status,
    { errors: [{ message: `bad ${request.headers.get("authorization")} token=${TOKEN}`, help: `token ${TOKEN}`, phrase: "p" }] },
    { "x-echo": "ok", "x-seen-authorization": request.headers.get("authorization") ?? "", ...extra },
  );

describe("token redaction", () => {
  test.each([
    [400, BadRequestError],
    [401, UnauthorizedError],
    [402, PaymentRequiredError],
    [403, ForbiddenError],
    [404, NotFoundError],
    [429, RateLimitError],
    [500, ServerError],
    [503, ServerError],
    [418, AsanaError],
  ])("%i → %p, even when the server echoes the token", async (status, ErrorClass) => {
    const wire = scripted([echo(status, status === 429 ? { "retry-after": "1" } : {})]);
    const error = await caught(() => clientWith(wire.fetch, { retry: false }).tasks.get("7", { opt_fields: [TOKEN as string] }));
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(AsanaError);
    expect((error as AsanaError).status).toBe(status);
    expect((error as AsanaError).errors[0]!.message).toContain("[redacted]");
    expect(wire.sent[0]!.headers.get("authorization")).toBe(`Bearer ${TOKEN}`); // it did go on the wire
    expectNoToken(error);
  });

  test("a non-JSON error page with the token in it", async () => {
    const wire = scripted([new Response(`<html><body>502 Bad Gateway ${TOKEN}</body></html>`, { status: 502 })]);
    const error = await caught(() => clientWith(wire.fetch, { retry: false }).tasks.get("7"));
    expect(error).toBeInstanceOf(ServerError);
    expect((error as AsanaError).message).toContain("502 Bad Gateway");
    expectNoToken(error);
  });

  test("ConnectionError: a fetch whose failure message carries the request's headers", async () => {
    const wire = scripted([], (request) => {
      throw new TypeError(`connect failed for ${request.headers.get("authorization")}`, { cause: new Error(`socket ${TOKEN}`) });
    });
    const error = await caught(() => clientWith(wire.fetch, { retry: false }).tasks.create({ name: "x", workspace: "1" }));
    expect(error).toBeInstanceOf(ConnectionError);
    expectNoToken(error);
  });

  test("a token function's token is redacted too", async () => {
    const wire = scripted([echo(400)]);
    const error = await caught(() => clientWith(wire.fetch, { token: async () => TOKEN, retry: false }).tasks.get("7"));
    expectNoToken(error);
  });

  test("TimeoutError and JobFailedError", async () => {
    const hang = scripted(["hang"]);
    expectNoToken(await caught(() => clientWith(hang.fetch).tasks.get("7", { timeoutMs: 5 })));
    const failed = scripted([ok({ gid: "j", status: "failed", resource_subtype: "duplicate_task" })]);
    const error = await caught(() => clientWith(failed.fetch).jobs.wait("j"));
    expect(error).toBeInstanceOf(JobFailedError);
    expect(error).not.toBeInstanceOf(TimeoutError);
    expectNoToken(error);
  });

  test("errors never hold the request's headers", async () => {
    const wire = scripted([echo(404)]);
    const error = (await caught(() => clientWith(wire.fetch).tasks.get("7"))) as AsanaError;
    expect(error.headers.get("authorization")).toBeNull();
    expect(error.headers.get("x-echo")).toBe("ok");
    expect(Object.keys(error.toJSON()).sort()).toEqual(["errors", "headers", "message", "method", "name", "status", "url"]);
  });
});

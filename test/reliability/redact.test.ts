// The one redaction routine, on its own: every form of every token goes, the rest of the text stays.
import { describe, expect, test } from "@jest/globals";
import { createRedactor, isClean, redactJson, redactedCopy, sanitizeError } from "../../src/internal/redact.ts";
import { TOKENS, encodings, leaksOf } from "./token-scan.ts";

const named = Object.entries(TOKENS);

describe("createRedactor", () => {
  test.each(named)("removes every encoding of the %s token and keeps the text around it", (_name, token) => {
    const redact = createRedactor([token]);
    for (const [form, text] of Object.entries(encodings(token))) {
      const out = redact(`before ${text} after`);
      expect({ form, leaks: leaksOf(new Error(out), token) }).toEqual({ form, leaks: [] });
      expect(out.startsWith("before ")).toBe(true);
      expect(out.endsWith(" after")).toBe(true);
    }
  });

  test.each(named)("removes base64 of the %s token at every alignment, inside longer encoded strings", (_name, token) => {
    const redact = createRedactor([token]);
    for (const prefix of ["", "a", "ab", "user:", "Bearer ", "x".repeat(31)]) {
      for (const encoding of ["base64", "base64url"] as const) {
        const out = redact(Buffer.from(`${prefix}${token}-tail`).toString(encoding));
        expect({ prefix, encoding, leaks: leaksOf(new Error(out), token) }).toEqual({ prefix, encoding, leaks: [] });
      }
    }
  });

  test("removes any run of 8 or more characters of a long token, leaving 7", () => {
    const token = TOKENS.pat;
    const redact = createRedactor([token]);
    for (let start = 0; start + 8 <= token.length; start += 3) {
      for (const length of [8, 9, 15]) {
        const piece = token.slice(start, start + length);
        expect(leaksOf(new Error(redact(`[${piece}]`)), token)).toEqual([]);
      }
    }
    const seven = token.slice(10, 17);
    expect(redact(`<${seven}>`)).toBe(`<${seven}>`);
  });

  test("the whole text of a clean message is kept exactly", () => {
    const redact = createRedactor([TOKENS.pat, TOKENS.long]);
    const text = "GET /api/1.0/tasks/1204?opt_fields=name%2Cnotes → 404: task: Unknown object: 1204";
    expect(redact(text)).toBe(text);
  });

  test("marks the secret with [redacted] once per run", () => {
    const token = TOKENS.pat;
    expect(createRedactor([token])(`a ${token} b ${encodeURIComponent(token).toLowerCase()} c`)).toBe("a [redacted] b [redacted] c");
  });

  test("a short token goes whole; a piece of it stays", () => {
    const redact = createRedactor([TOKENS.short]);
    expect(redact(`x ${TOKENS.short} y`)).toBe("x [redacted] y");
    expect(redact(`x ${TOKENS.short.slice(0, 5)} y`)).toBe(`x ${TOKENS.short.slice(0, 5)} y`);
  });

  test("anyone's Bearer or Basic credential goes too, even with no token known", () => {
    const redact = createRedactor([]);
    expect(redact("Authorization: Bearer abc.def-123")).toBe("Authorization: Bearer [redacted]");
    expect(redact("auth=bearer%20zzz&x=1")).toBe("auth=Bearer%20[redacted]&x=1");
    expect(redact("Basic dXNlcjpwYXNzd29yZA==")).toBe("Basic [redacted]");
    expect(redact("Basic plan")).toBe("Basic plan");
  });

  test("a token that [redacted] could spell part of gets another mark, which cannot", () => {
    for (const token of ["xx[redacted]yy-1234", "abc]defghijk", "zzredactedzz"]) {
      const out = createRedactor([token])(`<${token}> and ${encodeURIComponent(token)}`);
      expect(leaksOf(new Error(out), token)).toEqual([]);
    }
  });

  test("several tokens at once", () => {
    const redact = createRedactor([TOKENS.pat, TOKENS.oauth]);
    const out = redact(`${TOKENS.pat} / ${encodeURIComponent(TOKENS.oauth)}`);
    expect(leaksOf(new Error(out), [TOKENS.pat, TOKENS.oauth])).toEqual([]);
  });
});

describe("redactedCopy, isClean, sanitizeError, redactJson", () => {
  const token = TOKENS.pat;
  const redact = createRedactor([token]);

  test("a copy keeps the built-in class, name, message and code, walks the causes and drops other fields", () => {
    const inner = Object.assign(new Error(`socket ${token}`), { code: "ECONNRESET", config: { token } });
    const outer = Object.assign(new TypeError(`fetch failed for Bearer ${token}`, { cause: inner }), {
      request: new Request("https://app.asana.com/", { headers: { authorization: `Bearer ${token}` } }),
      code: 42,
    });
    Object.defineProperty(outer, "name", { value: "FetchError" });
    const copy = redactedCopy(outer, redact) as TypeError & { code?: unknown; cause: Error & { code?: unknown } };
    expect(copy).toBeInstanceOf(TypeError);
    expect(copy).not.toBe(outer);
    expect(copy.name).toBe("FetchError");
    expect(copy.message).toBe("fetch failed for Bearer [redacted]");
    expect(copy.code).toBe(42);
    expect(copy.cause.message).toBe("socket [redacted]");
    expect(copy.cause.code).toBe("ECONNRESET");
    expect(Object.keys(copy)).toEqual(["code"]);
    expect("request" in copy).toBe(false);
    expect("config" in copy.cause).toBe(false);
    expect(leaksOf(copy, token)).toEqual([]);
  });

  test("AggregateError members, string causes, hostile getters and deep chains", () => {
    const hostile = new Proxy(new Error("x"), { get: () => { throw new Error(token); } });
    let deep: Error = new Error(token);
    for (let i = 0; i < 20; i++) deep = new Error(`level ${i}`, { cause: deep });
    for (const error of [new AggregateError([new Error(token), `s ${token}`], "many"), new Error("a", { cause: `t=${token}` }), hostile, deep]) {
      expect(leaksOf(redactedCopy(error, redact), token)).toEqual([]);
    }
  });

  test("isClean vouches only for what it can read", () => {
    expect(isClean(new Error("refresh failed"), redact)).toBe(true);
    expect(isClean(new Error("refresh failed", { cause: new Error(`t ${token}`) }), redact)).toBe(false);
    expect(isClean(Object.assign(new Error("x"), { headers: new Headers() }), redact)).toBe(false);
    expect(isClean(Object.defineProperty(new Error("x"), "lazy", { get: () => "" }), redact)).toBe(false);
  });

  test("sanitizeError: the caller's reason and the client's own errors as they are; the rest clean or copied", () => {
    const controller = new AbortController();
    const reason = { why: token };
    controller.abort(reason);
    const own = new RangeError("own");
    const isOwn = (e: unknown) => e === own;
    expect(sanitizeError(reason, redact, isOwn, controller.signal)).toBe(reason);
    expect(sanitizeError(own, redact, isOwn)).toBe(own);
    const clean = new Error("refresh failed");
    expect(sanitizeError(clean, redact, isOwn)).toBe(clean);
    const dirty = new Error(`refresh failed for ${token}`);
    const out = sanitizeError(dirty, redact, isOwn) as Error;
    expect(out).not.toBe(dirty);
    expect(out.message).toBe("refresh failed for [redacted]");
  });

  test("redactJson redacts every string and key, keeping the shape", () => {
    const job = { gid: "j1", status: "failed", new_task: null, notes: [`a ${token}`], [token]: 1 };
    const out = redactJson(job, redact);
    expect(out).toEqual({ gid: "j1", status: "failed", new_task: null, notes: ["a [redacted]"], "[redacted]": 1 });
  });
});

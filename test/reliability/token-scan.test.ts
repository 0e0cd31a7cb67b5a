// The scanner that every error test relies on must itself find every form, wherever it hides.
import { describe, expect, test } from "@jest/globals";
import { inspect } from "node:util";
import { TOKENS, encodings, leaksOf, scanForToken } from "./token-scan.ts";

const long: [string, string][] = [["pat", TOKENS.pat], ["oauth", TOKENS.oauth], ["long", TOKENS.long]];

describe("token scanner: every form is found", () => {
  test.each(long)("in a message, for the %s token", (_name, token) => {
    const forms = encodings(token);
    for (const [name, text] of Object.entries(forms)) {
      expect({ name, found: scanForToken(new Error(`x ${text} y`), token).length > 0 }).toEqual({ name, found: true });
    }
  });

  test.each(long)("base64 at each of the 3 byte alignments inside a longer string, for the %s token", (_name, token) => {
    for (const prefix of ["", "a", "ab", "abc", "user:", "Bearer "]) {
      for (const encoding of ["base64", "base64url"] as const) {
        const text = Buffer.from(`${prefix}${token}!!`).toString(encoding);
        expect({ prefix, encoding, found: scanForToken(new Error(text), token).length > 0 }).toEqual({ prefix, encoding, found: true });
      }
    }
  });

  test("any 8 characters of the token, as is or percent-encoded in either case", () => {
    const token = TOKENS.pat;
    for (let i = 0; i + 8 <= token.length; i += 5) {
      const piece = token.slice(i, i + 8);
      const encoded = [...piece].map((c) => `%${c.charCodeAt(0).toString(16)}`).join("");
      expect(scanForToken(new Error(`..${piece}..`), token)).not.toEqual([]);
      expect(scanForToken(new Error(`..${encoded}..`), token)).not.toEqual([]);
      expect(scanForToken(new Error(`..${encoded.toUpperCase()}..`), token)).not.toEqual([]);
    }
  });

  test("a token shorter than 8 characters is found whole, in any form", () => {
    const token = TOKENS.short;
    for (const text of Object.values(encodings(token))) expect(scanForToken(new Error(`<${text}>`), token)).not.toEqual([]);
  });
});

describe("token scanner: every place is looked at", () => {
  const token = TOKENS.pat;

  test.each<[string, () => unknown]>([
    ["an enumerable field", () => Object.assign(new Error("x"), { config: { headers: { Authorization: `Bearer ${token}` } } })],
    ["a non-enumerable field", () => Object.defineProperty(new Error("x"), "request", { value: { url: `https://x/?t=${token}` }, enumerable: false })],
    ["a symbol-keyed field", () => Object.assign(new Error("x"), { [Symbol("secret")]: token })],
    ["a field's key", () => Object.assign(new Error("x"), { [token]: 1 })],
    ["three causes down", () => new Error("a", { cause: new Error("b", { cause: new Error("c", { cause: new TypeError(token) }) }) })],
    ["a cause that is a string", () => new Error("a", { cause: `token=${token}` })],
    ["an AggregateError member", () => new AggregateError([new Error("fine"), new Error(token)], "many")],
    ["a Headers value", () => Object.assign(new Error("x"), { headers: new Headers({ "x-echo": token }) })],
    ["a Map", () => Object.assign(new Error("x"), { seen: new Map([["k", token]]) })],
    ["the stack only", () => Object.assign(new Error("x"), { stack: `Error: x\n    at ${token}` })],
    ["JSON only (toJSON)", () => Object.assign(new Error("x"), { toJSON: () => ({ t: token }) })],
    ["inspect only (custom inspect)", () => Object.assign(new Error("x"), { [inspect.custom]: () => token })],
    ["a prototype getter", () => new (class extends Error { get secret() { return token; } })("x")],
    ["an own getter", () => Object.defineProperty(new Error("x"), "lazy", { get: () => token })],
    ["a thrown string", () => `failed with ${token}`],
    ["a thrown plain object", () => ({ message: "nope", config: { token } })],
  ])("%s", (_where, make) => {
    expect(leaksOf(make(), token)).not.toEqual([]);
  });
});

describe("token scanner: a clean error passes", () => {
  test.each(Object.entries(TOKENS))("none of the forms of the %s token in an ordinary error", (_name, token) => {
    const error = new TypeError("GET /api/1.0/tasks/7 → 404: task: Unknown object: 7", { cause: new Error("[redacted]") });
    Object.assign(error, { headers: new Headers({ "x-request-id": "req-1" }), status: 404 });
    expect(leaksOf(error, token)).toEqual([]);
  });

  test("7 characters of a long token are not a leak; 8 are", () => {
    const token = TOKENS.pat;
    expect(leaksOf(new Error(`..${token.slice(20, 27)}..`), token)).toEqual([]);
    expect(leaksOf(new Error(`..${token.slice(20, 28)}..`), token)).not.toEqual([]);
  });

  test("a piece of a short token is not a leak", () => {
    expect(leaksOf(new Error(`..${TOKENS.short.slice(0, 6)}..`), TOKENS.short)).toEqual([]);
  });
});

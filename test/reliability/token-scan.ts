/**
 * The token scanner every error test uses. Given an error, it looks at everything a user could print
 * or ship of it: message, stack, String(), JSON.stringify, util.inspect at any depth with hidden
 * fields and getters, every own field (enumerable or not, symbol keys too) and prototype getter,
 * the cause chain, Headers, Maps and Sets. In each text it looks for a token:
 * - as is;
 * - percent-encoded, any characters, either hex case (also twice encoded);
 * - base64 or base64url, alone or inside a longer encoded string at any of the 3 byte alignments;
 * - any run of 8 or more of its characters in any of these forms (a token shorter than 8: whole).
 * Written apart from src/internal/redact.ts on purpose: the two must agree without sharing code.
 */
import { inspect } from "node:util";

/** Test tokens: Asana-like, with characters that percent-encode, short and long. */
export const TOKENS = {
  pat: "2/1204567890123456/1209876543210987:8f3a9c2e4b7d6a1f0e5c3b2a9d8e7f6a",
  oauth: "ya29.a0AfH6+SMBx/q~_!*'()=Zt$&@[]|^`{}",
  short: "tk-4x9Z",
  long: Array.from({ length: 20 }, (_, i) => `seg${i}-Q7wX!`).join("/"),
} as const;

export const ALL_TOKENS: readonly string[] = Object.values(TOKENS);

export interface Leak {
  /** Where it was seen: "message", "inspect", "field errors.0.phrase", … */
  where: string;
  /** Which form: "as is", "base64 @1", … */
  form: string;
  /** The piece of the token found (in the form's alphabet). */
  piece: string;
}

const RUN = 8;

function lenientPercentDecode(text: string): string {
  const once = (s: string) => s.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return once(once(text));
}

/** The base64 characters that depend on the token alone when it starts `offset` bytes into a longer string. */
function base64Core(token: string, offset: number): string {
  const bytes = Buffer.from(token, "utf8");
  const encoded = Buffer.concat([Buffer.alloc(offset, 0x41), bytes]).toString("base64");
  return encoded.slice(Math.ceil((offset * 8) / 6), Math.floor(((offset + bytes.length) * 8) / 6));
}

interface Form {
  name: string;
  text: string;
}

function formsOf(token: string): Form[] {
  const forms: Form[] = [{ name: "as is", text: token }];
  for (let offset = 0; offset < 3; offset++) {
    const core = base64Core(token, offset);
    if (core.length < 4 && token.length >= 4) continue;
    forms.push({ name: `base64 @${offset}`, text: core });
    forms.push({ name: `base64url @${offset}`, text: core.replace(/\+/g, "-").replace(/\//g, "_") });
  }
  return forms;
}

/** Pieces to look for: every RUN-long window of every form, or the whole form when shorter. */
function piecesOf(token: string): { form: string; piece: string }[] {
  const out: { form: string; piece: string }[] = [];
  for (const form of formsOf(token)) {
    const size = Math.min(RUN, form.text.length);
    for (let i = 0; i + size <= form.text.length; i++) out.push({ form: form.name, piece: form.text.slice(i, i + size) });
  }
  return out;
}

function scanText(text: string, where: string, tokens: readonly string[], leaks: Leak[]): void {
  const views = [text, lenientPercentDecode(text)];
  for (const token of tokens) {
    for (const { form, piece } of piecesOf(token)) {
      if (views.some((view) => view.includes(piece))) {
        leaks.push({ where, form, piece });
        return; // one finding per text and token is enough to fail
      }
    }
  }
}

function attempt<T>(run: () => T): T | undefined {
  try {
    return run();
  } catch {
    return undefined;
  }
}

/** Every string reachable from `value`: own fields of any kind, prototype getters, Headers/Map/Set entries. */
function walk(value: unknown, path: string, visit: (text: string, where: string) => void, seen: Set<object>, depth: number): void {
  if (typeof value === "string") return visit(value, path);
  if (typeof value === "function") return visit(`${value.name} ${attempt(() => value.toString()) ?? ""}`, path);
  if (value === null || typeof value !== "object" || seen.has(value) || depth > 40) return;
  seen.add(value);
  if (value instanceof Headers) {
    value.forEach((v, k) => {
      visit(k, `${path}.header-name`);
      visit(v, `${path}.header(${k})`);
    });
  }
  if (value instanceof Map) for (const [k, v] of value) (walk(k, `${path}.key`, visit, seen, depth + 1), walk(v, `${path}.value`, visit, seen, depth + 1));
  if (value instanceof Set) for (const v of value) walk(v, `${path}.item`, visit, seen, depth + 1);
  for (const key of Reflect.ownKeys(value)) {
    const name = typeof key === "symbol" ? `[${key.description ?? ""}]` : key;
    visit(name, `${path}.key`);
    const descriptor = Object.getOwnPropertyDescriptor(value, key)!;
    const field = "value" in descriptor ? descriptor.value : attempt(() => descriptor.get?.call(value));
    walk(field, `${path}.${name}`, visit, seen, depth + 1);
  }
  // Getters on the classes' prototypes (AsanaError.phrase), never the built-ins'.
  for (let proto = Object.getPrototypeOf(value) as object | null; proto && proto !== Object.prototype && proto !== Error.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
    if ([Headers.prototype, Map.prototype, Set.prototype, Array.prototype, Promise.prototype].includes(proto as never)) break;
    for (const key of Reflect.ownKeys(proto)) {
      const descriptor = Object.getOwnPropertyDescriptor(proto, key)!;
      if (descriptor.get) walk(attempt(() => descriptor.get!.call(value)), `${path}.${String(key)}`, visit, seen, depth + 1);
    }
  }
}

/** Every leak of any of `tokens` from `error`; empty when it is clean. */
export function scanForToken(error: unknown, tokens: string | readonly string[]): Leak[] {
  const list = typeof tokens === "string" ? [tokens] : tokens;
  const leaks: Leak[] = [];
  const visit = (text: string, where: string) => scanText(text, where, list, leaks);
  const e = error as { message?: unknown; stack?: unknown } | null;
  visit(String(attempt(() => e?.message) ?? ""), "message");
  visit(String(attempt(() => e?.stack) ?? ""), "stack");
  visit(attempt(() => String(error)) ?? "", "String()");
  visit(attempt(() => JSON.stringify(error)) ?? "", "JSON.stringify");
  visit(inspect(error, { depth: Infinity, showHidden: true }), "inspect");
  visit(inspect(error, { depth: Infinity, showHidden: true, getters: true }), "inspect with getters");
  walk(error, "field", visit, new Set(), 0);
  return leaks;
}

/** For expect(): the leaks as short lines, [] when clean. */
export function leaksOf(error: unknown, tokens: string | readonly string[] = ALL_TOKENS): string[] {
  return scanForToken(error, tokens).map((leak) => `${leak.where}: ${leak.form} "${leak.piece}"`);
}

/** The encodings a hostile server might echo, for tests to put in bodies and headers. */
export function encodings(token: string): Record<string, string> {
  const fullyEncoded = [...Buffer.from(token)].map((b) => `%${b.toString(16).padStart(2, "0")}`).join("");
  return {
    asIs: token,
    percentUpper: encodeURIComponent(token).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
    percentLower: encodeURIComponent(token).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
    percentAll: fullyEncoded,
    percentTwice: encodeURIComponent(encodeURIComponent(token)),
    base64: Buffer.from(token).toString("base64"),
    base64url: Buffer.from(token).toString("base64url"),
    basic: `Basic ${Buffer.from(`user:${token}`).toString("base64")}`,
    bearerBase64: Buffer.from(`Bearer ${token}`).toString("base64url"),
    middle: token.length >= 12 ? token.slice(2, 12) : token,
  };
}

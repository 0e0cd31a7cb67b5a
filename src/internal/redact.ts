/**
 * The one redaction routine. Given the tokens in play, `createRedactor` removes every form of them
 * from a text: as is; percent-encoded (any characters, either hex case, up to three times); base64 and
 * base64url at each of the three byte alignments, so a token embedded in a longer encoded string
 * (`Basic base64("user:" + token)`, `base64("Bearer " + token)`) is found too; and any run of 8 or
 * more characters of any of these forms. A token shorter than 8 characters is removed wherever it
 * appears whole. Any `Bearer <credential>` or `Basic <credential>` is removed as well, whoever's.
 * A text that held a secret comes back percent-decoded.
 *
 * `sanitizeError` is what every error passes through before it leaves the client. It runs only on
 * the error path.
 */

export type Redact = (text: string) => string;

/** Run length from which a piece of a token counts as the token. */
export const SECRET_RUN = 8;
const MARK = "[redacted]";
/** Anyone's credential after an auth scheme: Bearer's is any run; Basic's is base64 of 8 or more. */
const CREDENTIAL = /\b(Bearer((?:\s|%20|\+)+)[^\s"',;&<>]+|Basic((?:\s|%20|\+)+)[A-Za-z0-9+/=_-]{8,})/gi;

/** The token and the parts of its base64 / base64url encodings that the token alone decides. */
function tokenForms(token: string): string[] {
  const forms = [token];
  const bytes = new TextEncoder().encode(token);
  for (let offset = 0; offset < 3; offset++) {
    let binary = "\0".repeat(offset);
    for (const byte of bytes) binary += String.fromCharCode(byte);
    const encoded = btoa(binary);
    // Character j holds bits 6j..6j+5: keep those that lie wholly inside the token's bytes.
    const core = encoded.slice(Math.ceil((8 * offset) / 6), Math.floor((8 * (offset + bytes.length)) / 6));
    if (core.length < 4 && token.length >= 4) continue; // a few characters would match unrelated text
    forms.push(core, core.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  return forms;
}

/** Every window of SECRET_RUN characters of every form (a shorter form: the whole form), by length. */
function windowsOf(tokens: Iterable<string>): Map<number, Set<string>> {
  const byLength = new Map<number, Set<string>>();
  for (const token of tokens) {
    if (!token) continue;
    for (const form of tokenForms(token)) {
      const size = Math.min(SECRET_RUN, form.length);
      let set = byLength.get(size);
      if (!set) byLength.set(size, (set = new Set()));
      for (let i = 0; i + size <= form.length; i++) set.add(form.slice(i, i + size));
    }
  }
  return byLength;
}

/** The text with each percent-escape (`%2F`, `%2f`, and up to three times encoded) read as the character it encodes. */
function decode(text: string): string {
  for (let round = 0; round < 3 && text.includes("%"); round++) {
    text = text.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
  return text;
}

/**
 * A window that overlaps the mark in the output holds a bracket or lies inside "redacted": if some
 * window could, the mark is a space, which no token or base64 has.
 */
function markFor(windows: Map<number, Set<string>>): string {
  for (const set of windows.values()) for (const w of set) if (/[[\]]/.test(w) || MARK.includes(w)) return " ";
  return MARK;
}

export function createRedactor(tokens: Iterable<string>): Redact {
  const windows = windowsOf(tokens);
  const mark = markFor(windows);
  const removeTokens = (text: string): string => {
    // Windows are looked for in the decoded text; only a text that holds one comes back changed (decoded).
    const chars = decode(text);
    const secret = new Uint8Array(chars.length);
    let found = false;
    for (const [size, set] of windows) {
      for (let i = 0; i + size <= chars.length; i++) {
        if (set.has(chars.slice(i, i + size))) {
          secret.fill(1, i, i + size);
          found = true;
        }
      }
    }
    if (!found) return text;
    let out = "";
    for (let i = 0; i < chars.length; i++) if (!secret[i]) out += chars[i];
    else if (!secret[i - 1]) out += mark;
    return out;
  };
  return (text) =>
    removeTokens(text).replace(CREDENTIAL, (_all, _credential, bearerGap: string | undefined, basicGap: string | undefined) =>
      bearerGap === undefined ? `Basic${basicGap}${mark}` : `Bearer${bearerGap}${mark}`,
    );
}

// ---------------------------------------------------------------------------------------------
// Errors

const MAX_DEPTH = 8;
const INSPECT = Symbol.for("nodejs.util.inspect.custom");
const BUILT_IN: ReadonlyArray<ErrorConstructor> = [TypeError, RangeError, SyntaxError];

/** Asks something of an object the client does not own: getters and proxies may throw. */
function attempt<T>(ask: () => T, fallback: T): T {
  try {
    return ask();
  } catch {
    return fallback;
  }
}

const read = (value: object, key: PropertyKey): unknown => attempt(() => (value as Record<PropertyKey, unknown>)[key], undefined);
const text = (value: unknown): string => attempt(() => (typeof value === "string" ? value : String(value)), "");
/** An Error, from this realm or another (a vm context, an iframe). */
const isError = (value: object): boolean => value instanceof Error || Object.prototype.toString.call(value) === "[object Error]";
const hidden = (target: object, key: string, value: unknown) =>
  Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: false });

/**
 * A copy of an error the client does not own: same built-in class, name, message and code, its
 * stack and cause chain copied the same way, every text redacted, and every other field (a custom
 * fetch's `request`, `config`, `response`, an AggregateError's `errors`…) dropped. A string comes
 * back redacted; any other non-error object is dropped.
 */
export function redactedCopy(value: unknown, redact: Redact, depth = 0): unknown {
  if (typeof value === "string") return redact(value);
  if (typeof value !== "object" || value === null) return typeof value === "function" || typeof value === "symbol" ? undefined : value;
  if (depth > MAX_DEPTH || !attempt(() => isError(value) || "message" in value, false)) return undefined;

  const message = redact(text(read(value, "message") ?? ""));
  const cause = attempt(() => "cause" in value, false) ? redactedCopy(read(value, "cause"), redact, depth + 1) : undefined;
  const name = read(value, "name");
  const Ctor = attempt(() => BUILT_IN.find((C) => value instanceof C || C.name === name), undefined) ?? Error;
  const copy = new Ctor(message, cause === undefined ? undefined : { cause }) as Error & { code?: unknown };
  if (typeof name === "string" && name !== copy.name) hidden(copy, "name", redact(name));
  const code = read(value, "code");
  if (typeof code === "string" || typeof code === "number") copy.code = typeof code === "string" ? redact(code) : code;
  const stack = read(value, "stack");
  hidden(copy, "stack", typeof stack === "string" ? redact(stack) : `${copy.name}: ${message}`);
  return copy;
}

/**
 * True when nothing a user could print of `value` (message, stack, every own field at any depth,
 * the cause chain, JSON) holds a token. Anything it cannot vouch for (getters, Maps, class
 * instances, a custom inspect) counts as unclean.
 */
export function isClean(value: unknown, redact: Redact): boolean {
  const seen = new Set<object>();
  const clean = (item: unknown, depth: number): boolean => {
    if (typeof item === "string") return redact(item) === item;
    if (item === null || typeof item !== "object") return typeof item !== "function";
    if (seen.has(item)) return true;
    if (depth > MAX_DEPTH) return false;
    seen.add(item);
    const proto = Object.getPrototypeOf(item) as object | null;
    const plain = proto === null || proto === Object.prototype || proto === Array.prototype || isError(item);
    if (!plain || INSPECT in item || typeof read(item, "toJSON") === "function") return false;
    for (const key of Reflect.ownKeys(item)) {
      if (!clean(typeof key === "symbol" ? (key.description ?? "") : key, depth)) return false;
      const descriptor = Object.getOwnPropertyDescriptor(item, key)!;
      // Some engines give errors a `stack` accessor of their own: that one is read, other getters are not trusted.
      const trusted = "value" in descriptor || (key === "stack" && isError(item));
      if (!trusted || !clean("value" in descriptor ? descriptor.value : read(item, key), depth + 1)) return false;
    }
    return true;
  };
  return attempt(() => clean(value, 0), false);
}

/**
 * What an error becomes on its way out of the client: the caller's own abort reason and the
 * client's typed errors (redacted when built) as they are; anything else as is when it is clean,
 * else as a redacted copy.
 */
export function sanitizeError(error: unknown, redact: Redact, isOwn: (error: unknown) => boolean, signal?: AbortSignal): unknown {
  if (signal?.aborted && error === signal.reason) return error;
  if (isOwn(error)) return error;
  return isClean(error, redact) ? error : redactedCopy(error, redact);
}

/** A JSON value (a job, a parsed body) with every string and key redacted. */
export function redactJson<T>(value: T, redact: Redact, depth = 0): T {
  if (typeof value === "string") return redact(value) as T;
  if (value === null || typeof value !== "object" || depth > 32) return value;
  if (Array.isArray(value)) return value.map((item: unknown) => redactJson(item, redact, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[redact(key)] = redactJson(item, redact, depth + 1);
  return out as T;
}

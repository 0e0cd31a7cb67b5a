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
const CREDENTIAL = /\b(?:Bearer((?:\s|%20|\+)+)[^\s"',;&<>]+|Basic((?:\s|%20|\+)+)[a-z\d+/=_-]{8,})/gi;

export function createRedactor(tokens: Iterable<string>): Redact {
  // Every window of SECRET_RUN characters of every form of every token (a shorter form: the whole form).
  const windows = new Set<string>();
  for (const token of tokens) {
    if (!token) continue;
    const forms = [token];
    // UTF-8, a byte a character (the client's tokens are ASCII, checked before any is used).
    const binary = unescape(encodeURIComponent(token));
    for (let offset = 0; offset < 3; offset++) {
      // Base64 character j holds bits 6j..6j+5: keep those that lie wholly inside the token's bytes.
      const core = btoa("\0".repeat(offset) + binary).slice(Math.ceil((4 * offset) / 3), Math.floor((4 * (offset + binary.length)) / 3));
      // A few characters would match unrelated text.
      if (core.length > 3 || token.length < 4) forms.push(core, core.replace(/\+/g, "-").replace(/\//g, "_"));
    }
    for (const form of forms) for (let i = 0; !i || i + SECRET_RUN <= form.length; i++) windows.add(form.slice(i, i + SECRET_RUN));
  }
  // A window that overlaps the mark in the output holds a bracket or lies inside "redacted": if some
  // window could, the mark is a space, which no token or base64 has.
  const mark = [...windows].some((window) => /[[\]]/.test(window) || MARK.includes(window)) ? " " : MARK;
  return (text) => {
    // Windows are looked for in the percent-decoded text; only a text that holds one comes back changed (decoded).
    let chars = text;
    for (let round = 0; round < 3; round++) chars = chars.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    const secret = new Uint8Array(chars.length);
    for (let i = 0; i < chars.length; i++) for (let j = i; j++ < i + SECRET_RUN; ) if (windows.has(chars.slice(i, j))) secret.fill(1, i, j);
    if (secret.includes(1)) text = chars.replace(/[^]/g, (char, i: number) => (secret[i] ? (secret[i - 1] ? "" : mark) : char));
    return text.replace(CREDENTIAL, (_, bearer?: string, basic?: string) => (bearer ? "Bearer" + bearer : "Basic" + basic) + mark);
  };
}

// ---------------------------------------------------------------------------------------------
// Errors

const MAX_DEPTH = 8;
const INSPECT = Symbol.for("nodejs.util.inspect.custom");
const BUILT_IN: ReadonlyArray<ErrorConstructor> = [TypeError, RangeError, SyntaxError];

/** Asks something of an object the client does not own: getters and proxies may throw. */
function attempt<T>(ask: () => T, fallback?: T): T | undefined {
  try {
    return ask();
  } catch {
    return fallback;
  }
}

const read = (value: object, key: PropertyKey): unknown => attempt(() => (value as Record<PropertyKey, unknown>)[key]);
/** An Error, from this realm or another (a vm context, an iframe). */
const isError = (value: object): boolean => value instanceof Error || {}.toString.call(value) == "[object Error]";
const hidden = (target: object, key: string, value: unknown) => Object.defineProperty(target, key, { value, writable: true, configurable: true });

/**
 * A copy of an error the client does not own: same built-in class, name, message and code, its
 * stack and cause chain copied the same way, every text redacted, and every other field (a custom
 * fetch's `request`, `config`, `response`, an AggregateError's `errors`…) dropped. A string comes
 * back redacted; any other non-error object is dropped.
 */
export function redactedCopy(value: unknown, redact: Redact, depth = 0): unknown {
  if (typeof value == "string") return redact(value);
  if (typeof value != "object" || value === null) return typeof value == "function" || typeof value == "symbol" ? undefined : value;
  if (depth > MAX_DEPTH || !attempt(() => isError(value) || "message" in value)) return undefined;

  const [message, name, code, stack] = ["message", "name", "code", "stack"].map((key) => read(value, key));
  const text = redact(attempt(() => String(message ?? ""), "")!);
  const cause = redactedCopy(read(value, "cause"), redact, depth + 1);
  const Ctor = attempt(() => BUILT_IN.find((C) => value instanceof C || C.name === name)) ?? Error;
  const copy = new Ctor(text, cause === undefined ? undefined : { cause }) as Error & { code?: unknown };
  if (typeof name == "string" && name !== copy.name) hidden(copy, "name", redact(name));
  if (typeof code == "string" || typeof code == "number") copy.code = redactedCopy(code, redact);
  hidden(copy, "stack", typeof stack == "string" ? redact(stack) : `${copy.name}: ${text}`);
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
    if (typeof item == "string") return redact(item) === item;
    if (item === null || typeof item != "object") return typeof item != "function";
    if (seen.has(item)) return true;
    seen.add(item);
    const proto = Object.getPrototypeOf(item) as object | null;
    return (
      depth <= MAX_DEPTH &&
      (proto === null || proto === Object.prototype || proto === Array.prototype || isError(item)) &&
      !(INSPECT in item) &&
      typeof (item as { toJSON?: unknown }).toJSON != "function" &&
      Reflect.ownKeys(item).every((key) => {
        const descriptor = Object.getOwnPropertyDescriptor(item, key)!;
        // Some engines give errors a `stack` accessor of their own: that one is read, other getters are not trusted.
        return (
          clean(String(key), depth) &&
          ("value" in descriptor ? clean(descriptor.value, depth + 1) : key === "stack" && isError(item) && clean((item as Record<PropertyKey, unknown>)[key], depth + 1))
        );
      })
    );
  };
  return attempt(() => clean(value, 0), false)!;
}

/**
 * What an error becomes on its way out of the client: the caller's own abort reason and the
 * client's typed errors (redacted when built) as they are; anything else as is when it is clean,
 * else as a redacted copy.
 */
export function sanitizeError(error: unknown, redact: Redact, isOwn: (error: unknown) => boolean, signal?: AbortSignal): unknown {
  return (signal?.aborted && error === signal.reason) || isOwn(error) || isClean(error, redact) ? error : redactedCopy(error, redact);
}

/** A JSON value (a job, a parsed body) with every string and key redacted (past 32 levels: dropped). */
export function redactJson<T>(value: T, redact: Redact, depth = 0): T {
  return (
    typeof value == "string"
      ? redact(value)
      : value === null || typeof value != "object"
        ? value
        : depth > 32
          ? undefined // deeper than any JSON the client redacts: dropped, never passed on unredacted
          : Array.isArray(value)
          ? value.map((item: unknown) => redactJson(item, redact, depth + 1))
          : Object.fromEntries(Object.entries(value).map(([key, item]) => [redact(key), redactJson(item, redact, depth + 1)]))
  ) as T;
}

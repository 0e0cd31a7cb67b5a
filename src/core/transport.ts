/**
 * The fetch that openapi-fetch calls. It sits under openapi-fetch because only here can a request be
 * sent again: the origin check, auth, the in-flight limiter, retries (429 for any method; 5xx,
 * network failures and cut-off bodies for idempotent methods only), typed errors, and Asana-Change
 * warnings. Every stage (the token, the limiter, the fetch, the body, each wait) ends when the
 * call's signal aborts, and every error leaves through `sanitize`.
 */
import { ConnectionError, createAsanaError, isOwnError, parseErrorBody, type AsanaError } from "./errors.ts";
import { isRetrySafe } from "./idempotency.ts";
import type { QuotaLimiter } from "./quota/types.ts";
import { backoffMs, isRetryableStatus, retryAfterMs, type RetryPolicy } from "./retry.ts";
import { readBody, unabortable, untilAborted, utf8Text } from "../internal/abortable.ts";
import { createRedactor, sanitizeError, type Redact } from "../internal/redact.ts";
import { sleep } from "../internal/sleep.ts";
import { checkToken } from "../internal/validate.ts";
import type { TokenSource } from "../types.ts";

export type FetchLike = (request: Request) => Promise<Response>;

export interface TransportConfig {
  token: TokenSource;
  /** Undefined: globalThis.fetch, looked up per call so interceptors installed later still apply. */
  fetch?: FetchLike | undefined;
  retry: RetryPolicy | false;
  limiter?: QuotaLimiter | undefined;
  onResponse?: ((response: Response) => void) | undefined;
  /** The client's baseUrl as checkBaseUrl normalized it: no request goes anywhere but under it. */
  baseUrl: string;
}

export interface Transport {
  /**
   * `strict` (the facade): non-2xx rejects with AsanaError, and a 2xx body is parsed here, readable
   * through parsedBody(response), so openapi-fetch need not parse it again.
   * Lenient (`raw`): every status comes back as a Response, its body already read, like plain openapi-fetch.
   * `signal`: the call's, for the transport's own stages and, with the global fetch, for fetch's
   * init (unabortable(): there is none); without it, the Request's. `deadline` (Date.now() time, from
   * CallScope): a Retry-After that ends past it fails the call at once.
   */
  send(request: Request, strict: boolean, retry?: RetryPolicy | false, signal?: AbortSignal, deadline?: number): Promise<Response>;
  /**
   * True with the global fetch: a call's signal can go to fetch's init (through `send`) instead of
   * into openapi-fetch's Request, sparing undici one signal-following chain per request. A custom
   * fetch may read only `request.signal`, so it gets the signal inside the Request (and `send` too).
   */
  readonly signalInInit: boolean;
  /** Removes the tokens in play (the string token, or the token function's latest values) from a text. */
  redactor(): Redact;
  /** What any error becomes before it leaves the client (see sanitizeError); the reason of `signal` passes as is. */
  sanitize(error: unknown, signal?: AbortSignal): unknown;
}

const parsedBodies = new WeakMap<Response, unknown>();

/** The JSON a strict send already read from this response. */
export function parsedBody(response: Response): unknown {
  return parsedBodies.get(response);
}

/** How many of a token function's latest values are redacted from errors. */
const RECENT_TOKENS = 4;
/** An error body is read up to this much: enough for any Asana error, bounded against a hostile one. */
const ERROR_BODY_LIMIT = 64 * 1024;
const REDIRECTS: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
/** Statuses a Response cannot be built with a body for. */
const NULL_BODY: ReadonlySet<number> = new Set([101, 103, 204, 205, 304]);

export function createTransport(config: TransportConfig): Transport {
  const { token, limiter, onResponse, baseUrl } = config;
  // Compared against request.url, which the Request constructor has normalized: ".." is collapsed
  // and "https://app.asana.com" + ".evil.example/x" has become another host.
  const prefix = `${baseUrl}/`;
  const noApiPath = !/\/api\/1\.0$/.test(new URL(baseUrl).pathname);

  // A token function's latest values, newest first: the tokens errors are redacted of.
  let recent: string[] = [];
  const accept = (value: unknown): string => {
    const checked = checkToken(value, "the token function's result");
    if (recent[0] !== checked) recent = [checked, ...recent.filter((t) => t !== checked)].slice(0, RECENT_TOKENS);
    return checked;
  };
  const tokenFor: () => string | Promise<string> =
    typeof token === "function"
      ? () => {
          const value = token();
          return typeof (value as Promise<string> | null)?.then === "function" ? Promise.resolve(value).then(accept) : accept(value);
        }
      : () => token;
  // Built on the error path only.
  const redactor = (extra?: string): Redact => createRedactor(typeof token === "string" ? [token] : extra === undefined ? recent : [extra, ...recent]);
  const sanitize = (error: unknown, signal?: AbortSignal, extra?: string) => sanitizeError(error, redactor(extra), isOwnError, signal);

  const bearer = typeof token === "string" ? `Bearer ${token}` : undefined;

  async function send(
    request: Request,
    strict: boolean,
    retry: RetryPolicy | false = config.retry,
    callSignal?: AbortSignal,
    deadline = Infinity,
  ): Promise<Response> {
    const signal = callSignal ?? request.signal;
    let tokenValue = typeof token === "string" ? token : undefined;
    try {
      // request.url is serialized anew on every read: read once.
      const { method, url } = request;
      if (!url.startsWith(prefix)) throw new TypeError(`${method} ${redactor()(url)} is outside the baseUrl ${prefix}: not sent`);
      const init = config.fetch === undefined && callSignal !== undefined && callSignal !== unabortable() ? { signal: callSignal } : undefined;
      // Redirects come back here instead of being followed (see redirectError).
      let current = request.redirect === "manual" ? request : new Request(request, { redirect: "manual" });
      // Set once an attempt may have been carried out unseen: a 5xx, a lost connection, a cut-off body.
      let ambiguous = false;
      let attempt = 0;
      let spare: Request | undefined;
      // The operation table's rule (GET/PUT/DELETE, and the POSTs Asana carries out idempotently),
      // looked up only once a retry is in question.
      let safe: boolean | undefined;
      const idempotent = () => (safe ??= isRetrySafe(method, url));
      const canRetry = () => retry !== false && attempt < retry.maxRetries;
      const backoff = () => (retry === false ? 0 : backoffMs(attempt, retry));
      /** Waits, then the next attempt goes out with a fresh copy of the body. */
      const again = async (delayMs: number) => {
        await sleep(delayMs, signal);
        current = spare ?? current;
        attempt++;
      };
      // After an attempt that may have been carried out unseen (a lost connection, a cut-off body, a
      // 5xx): true once the wait before the next attempt is over, false when none may be made.
      const retryUnseen = async (): Promise<boolean> => {
        if (signal.aborted) throw signal.reason;
        if (!(canRetry() && idempotent())) return false;
        ambiguous = true;
        await again(backoff());
        return true;
      };
      const failure = (cause: unknown, what: string) => connectionError(current, cause, what, redactor(tokenValue));

      for (;;) {
        // Not every fetch honours a signal that is already aborted: nothing goes out after an abort.
        if (signal.aborted) throw signal.reason;
        if (bearer === undefined) {
          const pending = tokenFor();
          tokenValue = typeof pending === "string" ? pending : await untilAborted(pending, signal);
          current.headers.set("Authorization", `Bearer ${tokenValue}`);
        } else current.headers.set("Authorization", bearer);
        // A body can be read once: keep a copy in case this attempt has to be sent again.
        spare = method !== "GET" && method !== "HEAD" && current.body !== null && canRetry() ? current.clone() : undefined;

        let response: Response;
        const admitted = limiter?.acquire(method, signal, tokenValue!);
        const ticket = admitted instanceof Promise ? await admitted : admitted;
        // A custom fetch may ignore the signal: its answer is raced against it (the global fetch honours it).
        let answer: Promise<Response> | undefined;
        try {
          if (signal.aborted) throw signal.reason;
          const { fetch } = config;
          if (init) response = await globalThis.fetch(current, init);
          else if (fetch) response = await untilAborted((answer = Promise.resolve(fetch(current))), signal, discard);
          else response = await globalThis.fetch(current);
        } catch (cause) {
          if (await retryUnseen()) continue;
          throw failure(cause, "the request failed before an answer arrived");
        } finally {
          // One that is still sending after the abort keeps its slot until it answers: the caps hold on the wire.
          if (answer && signal.aborted) void answer.then(noop, noop).then(() => ticket?.release());
          else ticket?.release();
        }
        if (signal.aborted) {
          discard(response);
          throw signal.reason;
        }
        onResponse?.(response);

        const { status } = response;
        const wait = status === 429 ? retryAfterMs(response.headers) : undefined;
        if (ticket) limiter!.observe(ticket, status, wait);
        // A custom fetch may follow redirects itself: an answer from elsewhere is not this request's.
        if (response.redirected && !response.url.startsWith(prefix)) {
          discard(response);
          throw failure(undefined, "the fetch followed a redirect out of the baseUrl");
        }
        if (status >= 300 || status < 200) {
          let note: string | undefined;
          if (status === 429) {
            // A Retry-After that ends past the call's deadline is not waited for: the 429 is the answer.
            const tooLate = wait !== undefined && Date.now() + wait > deadline;
            if (canRetry() && !tooLate) {
              discard(response);
              await again(wait ?? backoff());
              continue;
            }
            if (tooLate) note = `Retry-After ${wait} ms is past the call's timeout: not waited for`;
          } else if (isRetryableStatus(status) && canRetry() && idempotent()) {
            discard(response);
            await retryUnseen();
            continue;
          }
          if (!strict) return await lenient(response, signal, failure);
          // No redirect is followed: a Location elsewhere would get the token and the body, and even
          // one under the baseUrl would send a write again. (Status 0: a browser's hidden redirect.)
          if (status === 0) throw failure(undefined, "the answer was a redirect, not followed");
          if (REDIRECTS.has(status)) note = `redirect to ${response.headers.get("location")} not followed`;
          // A DELETE whose earlier attempt may have gone through, now answered 404: the task is gone, as asked.
          if (status === 404 && method === "DELETE" && ambiguous) {
            discard(response);
            return deleted();
          }
          throw await toAsanaError(current, response, redactor(tokenValue), signal, { note, baseUrlHint: noApiPath ? baseUrl : undefined });
        }
        // Lenient and not to be retried: the body as it comes, read within the deadline.
        if (!strict && !(canRetry() && idempotent())) return await lenient(response, signal, failure);

        // A 2xx counts only once its whole body has arrived and parses.
        let bytes: Uint8Array;
        let data: unknown;
        try {
          bytes = await readBody(response, signal);
          data = bytes.length === 0 ? undefined : JSON.parse(utf8Text(bytes));
        } catch (cause) {
          if (await retryUnseen()) continue;
          const note = idempotent() ? "" : " (the request may have been carried out)";
          const what = cause instanceof SyntaxError ? "was not JSON (cut off?)" : "was cut off";
          // V8's JSON error quotes the text: it stays in the (redacted) cause, not in the message.
          throw failure(cause, `the ${status} response body ${what}${note}`);
        }
        if (strict) {
          parsedBodies.set(response, data);
          return response;
        }
        return rebuilt(response, bytes);
      }
    } catch (error) {
      throw sanitize(error, signal, tokenValue);
    }
  }

  return { send, signalInInit: config.fetch === undefined, redactor: () => redactor(), sanitize: (error, signal) => sanitize(error, signal) };
}

const noop = () => {};

function discard(response: Response): void {
  response.body?.cancel().catch(() => {});
}

function rebuilt(response: Response, bytes: Uint8Array): Response {
  const body = NULL_BODY.has(response.status) ? null : (bytes as Uint8Array<ArrayBuffer>);
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/** raw's answer for a status the facade would throw for: the Response, its body read within the deadline. */
async function lenient(response: Response, signal: AbortSignal, failure: (cause: unknown, what: string) => Error): Promise<Response> {
  // A browser's opaque redirect has no status, headers or body to hand over but itself.
  if (response.status === 0) return response;
  try {
    return rebuilt(response, await readBody(response, signal));
  } catch (cause) {
    if (signal.aborted) throw signal.reason;
    throw failure(cause, `the ${response.status} response body was cut off`);
  }
}

/** The facade's answer for a DELETE resolved despite a 404 (see send): Asana's own `{data: {}}`. */
function deleted(): Response {
  const response = new Response(null, { status: 204 });
  parsedBodies.set(response, { data: {} });
  return response;
}

// Errors are built with the tokens of the request that failed, so every field can be redacted.

function connectionError(request: Request, cause: unknown, what: string, redact: Redact): ConnectionError {
  const reason = cause === undefined || cause instanceof SyntaxError ? "" : `: ${cause instanceof Error ? cause.message : String(cause)}`;
  return new ConnectionError(`${what}${reason}`, { method: request.method, url: request.url, cause }, redact);
}

/**
 * `note` goes into the message; `baseUrlHint`, the client's baseUrl when it lacks /api/1.0, is named
 * in the message of a 404 "No matching route".
 */
export async function toAsanaError(
  request: Request,
  response: Response,
  redact: Redact,
  signal: AbortSignal,
  { note, baseUrlHint }: { note?: string | undefined; baseUrlHint?: string | undefined } = {},
): Promise<AsanaError> {
  let text = "";
  try {
    text = utf8Text(await readBody(response, signal, ERROR_BODY_LIMIT));
  } catch {
    // A body cut off mid-stream still gives an error with the status; an abort does not.
    if (signal.aborted) throw signal.reason;
  }
  const errors = parseErrorBody(text, response.status, response.statusText);
  const noRoute = response.status === 404 && errors.some((e) => /no matching route/i.test(e.message));
  const init = {
    status: response.status,
    errors,
    method: request.method,
    url: request.url,
    headers: response.headers,
    hint: noRoute && baseUrlHint !== undefined ? `the baseUrl ${baseUrlHint} has no /api/1.0 path` : note,
  };
  return createAsanaError(init, redact, response.status === 429 ? retryAfterMs(response.headers) : undefined);
}

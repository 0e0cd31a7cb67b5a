/**
 * The fetch that openapi-fetch calls. It sits under openapi-fetch because only here can a request be
 * sent again: auth, the in-flight limiter, retries (429 for any method; 5xx, network failures and
 * cut-off bodies for idempotent methods only), typed errors, and Asana-Change warnings.
 */
import { ConnectionError, createAsanaError, parseErrorBody, redactor, type AsanaError, type Redact } from "./errors.ts";
import { isRetrySafe } from "./idempotency.ts";
import type { QuotaLimiter } from "./quota/types.ts";
import { backoffMs, isRetryableStatus, retryAfterMs, type RetryPolicy } from "./retry.ts";
import { sleep } from "../internal/sleep.ts";
import type { TokenSource } from "../types.ts";

export type FetchLike = (request: Request) => Promise<Response>;

export interface TransportConfig {
  token: TokenSource;
  /** Undefined: globalThis.fetch, looked up per call so interceptors installed later still apply. */
  fetch?: FetchLike | undefined;
  retry: RetryPolicy | false;
  limiter?: QuotaLimiter | undefined;
  onResponse?: ((response: Response) => void) | undefined;
}

export interface Transport {
  /**
   * `strict` (the facade): non-2xx rejects with AsanaError, and a 2xx body is parsed here, readable
   * through parsedBody(response), so openapi-fetch need not parse it again.
   * Lenient (`raw`): every status comes back as a Response, like plain openapi-fetch.
   */
  send(request: Request, strict: boolean, retry?: RetryPolicy | false, signal?: AbortSignal): Promise<Response>;
  /**
   * True with the global fetch: a call's signal can go to `send` (and on to fetch's init) instead of
   * into openapi-fetch's Request, sparing undici one signal-following chain per request. A custom
   * fetch may read only `request.signal`, so it gets the signal inside the Request.
   */
  readonly signalInInit: boolean;
}

const parsedBodies = new WeakMap<Response, unknown>();

/** The JSON a strict send already read from this response. */
export function parsedBody(response: Response): unknown {
  return parsedBodies.get(response);
}

export function createTransport(config: TransportConfig): Transport {
  const { token, limiter, onResponse } = config;
  const tokenFor: () => string | Promise<string> =
    typeof token === "function"
      ? async () => {
          const value = await token();
          if (typeof value !== "string" || value.trim() === "") {
            throw new TypeError("the token function must return a non-empty string");
          }
          return value;
        }
      : () => token;

  async function send(
    request: Request,
    strict: boolean,
    retry: RetryPolicy | false = config.retry,
    callSignal?: AbortSignal,
  ): Promise<Response> {
    const { method } = request;
    const signal = callSignal ?? request.signal;
    const init = callSignal && { signal: callSignal };
    // The operation table's rule (GET/PUT/DELETE, and the POSTs Asana carries out idempotently).
    const idempotent = isRetrySafe(method, request.url);
    let current = request;

    for (let attempt = 0; ; attempt++) {
      // Not every fetch honours a signal that is already aborted: nothing goes out after an abort.
      if (signal.aborted) throw signal.reason;
      const pending = tokenFor();
      const tokenValue = typeof pending === "string" ? pending : await pending;
      current.headers.set("Authorization", `Bearer ${tokenValue}`);
      const canRetry = retry !== false && attempt < retry.maxRetries;
      // A body can be read once: keep a copy in case this attempt has to be sent again.
      const spare = canRetry && current.body !== null ? current.clone() : undefined;
      const again = async (delayMs: number) => {
        await sleep(delayMs, signal);
        current = spare ?? current;
      };
      const backoff = () => (retry === false ? 0 : backoffMs(attempt, retry));

      let response: Response;
      const admitted = limiter?.acquire(method, signal, tokenValue);
      const ticket = admitted instanceof Promise ? await admitted : admitted;
      try {
        response = await (init ? globalThis.fetch(current, init) : (config.fetch ?? globalThis.fetch)(current));
      } catch (cause) {
        if (signal.aborted) throw signal.reason;
        if (canRetry && idempotent) {
          await again(backoff());
          continue;
        }
        throw connectionError(current, cause, "the request failed before an answer arrived", tokenValue);
      } finally {
        ticket?.release();
      }
      if (signal.aborted) {
        discard(response);
        throw signal.reason;
      }
      onResponse?.(response);

      const { status } = response;
      const wait = status === 429 ? retryAfterMs(response.headers) : undefined;
      if (ticket) limiter!.observe(ticket, status, wait);
      if (status === 429) {
        if (canRetry) {
          discard(response);
          await again(wait ?? backoff());
          continue;
        }
      } else if (canRetry && idempotent && isRetryableStatus(status)) {
        discard(response);
        await again(backoff());
        continue;
      }
      if (!response.ok) {
        if (strict) throw await toAsanaError(current, response, tokenValue);
        return response;
      }
      // Lenient without a retry left: hand the response over untouched.
      if (!strict && !(canRetry && idempotent)) return response;

      // A 2xx counts only once its whole body has arrived and parses.
      let text: string;
      let data: unknown;
      try {
        text = await response.text();
        data = text === "" ? undefined : JSON.parse(text);
      } catch (cause) {
        if (signal.aborted) throw signal.reason;
        if (canRetry && idempotent) {
          await again(backoff());
          continue;
        }
        const note = idempotent ? "" : " (the request may have been carried out)";
        throw connectionError(current, cause, `the ${status} response body was cut off or not JSON${note}`, tokenValue);
      }
      if (strict) {
        parsedBodies.set(response, data);
        return response;
      }
      return new Response(text, { status, statusText: response.statusText, headers: response.headers });
    }
  }

  return { send, signalInInit: config.fetch === undefined };
}

function discard(response: Response): void {
  response.body?.cancel().catch(() => {});
}

// Errors are built with the token of the request that failed, so every field can be redacted.

function connectionError(request: Request, cause: unknown, what: string, token: string): ConnectionError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new ConnectionError(`${what}: ${reason}`, { method: request.method, url: request.url, cause }, redactor(token));
}

export async function toAsanaError(request: Request, response: Response, token: string): Promise<AsanaError> {
  const redact = redactor(token);
  let text = "";
  try {
    text = await response.text();
  } catch {
    // a body cut off mid-stream still gives an error with the status
  }
  const init = {
    status: response.status,
    errors: parseErrorBody(text, response.status, response.statusText),
    method: request.method,
    url: request.url,
    headers: redactHeaders(response.headers, redact),
  };
  return createAsanaError(init, redact, response.status === 429 ? retryAfterMs(response.headers) : undefined);
}

/** The response's headers as the error keeps them: a proxy echoing the credential must not leak it. */
function redactHeaders(headers: Headers, redact: Redact): Headers {
  const copy = new Headers();
  headers.forEach((value, name) => copy.append(name, redact(value)));
  return copy;
}

/**
 * The fetch that openapi-fetch calls: adds auth, looks the fetch up per call, and (for the facade)
 * turns non-2xx answers into AsanaError. It sits under openapi-fetch, where a request can be resent.
 */
import { AsanaError, parseErrorBody } from "./errors.ts";
import type { TokenSource } from "./types.ts";

export type FetchLike = (request: Request) => Promise<Response>;

export interface TransportConfig {
  token: TokenSource;
  /** Undefined: globalThis.fetch, looked up per call so test interceptors installed later still apply. */
  fetch?: FetchLike | undefined;
}

export interface Transport {
  /** For `raw`: answers every status as a Response, like plain openapi-fetch. */
  lenient: FetchLike;
  /** For the facade: non-2xx rejects with AsanaError. */
  strict: FetchLike;
}

export function createTransport(config: TransportConfig): Transport {
  const { token } = config;
  const resolveToken =
    typeof token === "function"
      ? async () => {
          const value = await token();
          if (typeof value !== "string" || value.trim() === "") {
            throw new TypeError("the token function must return a non-empty string");
          }
          return value;
        }
      : () => token;

  async function send(request: Request, strict: boolean): Promise<Response> {
    request.headers.set("Authorization", `Bearer ${await resolveToken()}`);
    const fetchImpl = config.fetch ?? globalThis.fetch;
    let response: Response;
    try {
      response = await fetchImpl(request);
    } catch (error) {
      // Some fetch implementations reject with a generic AbortError; the caller's reason is the contract.
      if (request.signal.aborted) throw request.signal.reason;
      throw error;
    }
    if (strict && !response.ok) throw await toAsanaError(request, response);
    return response;
  }

  return {
    lenient: (request) => send(request, false),
    strict: (request) => send(request, true),
  };
}

export async function toAsanaError(request: Request, response: Response): Promise<AsanaError> {
  let text = "";
  try {
    text = await response.text();
  } catch {
    // a body cut off mid-stream still gives an error with the status
  }
  return new AsanaError({
    status: response.status,
    errors: parseErrorBody(text, response.status, response.statusText),
    method: request.method,
    url: request.url,
    headers: response.headers,
  });
}

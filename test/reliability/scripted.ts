// A fetch whose answers a test scripts request by request, recording what went on the wire.
import { createAsanaClient, type AsanaClientOptions } from "../../src/index.ts";

export interface Sent {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
}

export type Answer = Response | Error | "hang" | ((request: Request) => Response | Promise<Response>);

export const TOKEN = "0/secret-token-value-1234567890";

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

export const ok = (data: unknown) => json(200, { data });
export const asanaError = (status: number, message = `error ${status}`, extra: Record<string, string> = {}) =>
  json(status, { errors: [{ message, help: "see the docs", ...(status >= 500 ? { phrase: "6 sad squid snuggle softly" } : {}) }] }, extra);

/** Answers come from `answers` in order; past the end, `fallback` answers. */
export function scripted(answers: Answer[], fallback: Answer = ok({ gid: "1" })) {
  const sent: Sent[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const fetch = async (request: Request): Promise<Response> => {
    sent.push({
      method: request.method,
      url: new URL(request.url),
      headers: new Headers(request.headers),
      body: request.body ? await request.text() : "",
    });
    const answer = answers[sent.length - 1] ?? fallback;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      if (answer === "hang") {
        return await new Promise<Response>((_, reject) => {
          const fail = () => reject(request.signal.reason);
          if (request.signal.aborted) fail();
          request.signal.addEventListener("abort", fail, { once: true });
        });
      }
      if (answer instanceof Error) throw answer;
      if (typeof answer === "function") return await answer(request);
      return answer.clone();
    } finally {
      inFlight--;
    }
  };
  return {
    fetch,
    sent,
    get maxInFlight() {
      return maxInFlight;
    },
  };
}

/** A client over a scripted fetch, with tiny backoff so tests need no fake timers unless they measure waits. */
export function clientWith(fetch: (request: Request) => Promise<Response>, options: Partial<AsanaClientOptions> = {}) {
  return createAsanaClient({ token: TOKEN, fetch, retry: { baseDelayMs: 1, maxDelayMs: 5 }, onWarning: () => {}, ...options });
}

export async function caught(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

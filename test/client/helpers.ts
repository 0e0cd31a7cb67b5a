/**
 * Shared test setup: one msw server per test file that records every request it sees (handled or
 * not), so tests can assert on the wire and count requests, including "none at all".
 */
import { afterAll, afterEach, beforeAll } from "@jest/globals";
import { http, HttpResponse, type RequestHandler } from "msw";
import { setupServer } from "msw/node";
import { createAsanaClient, type AsanaClient, type AsanaClientOptions } from "asana-fetch";

export const ORIGIN = "https://app.asana.com";
export const BASE = `${ORIGIN}/api/1.0`;
/** Distinctive, so a leak into any error output is easy to spot. */
export const TOKEN = "tok-SECRET-5b1f0c9e-d41d8cd98f00b204";

export interface Recorded {
  method: string;
  /** request.url exactly as it reached the network. */
  href: string;
  url: URL;
  /** Percent-encoding preserved (URL.pathname does not decode). */
  path: string;
  /** The raw query string without "?", exactly as sent ("" when none). */
  search: string;
  headers: Headers;
  /** The body as text ("" when none), read from a clone before any handler sees it. */
  text: Promise<string>;
}

/** More requests than any test needs: a runaway paginator is failed with a 400 rather than hanging jest. */
export const REQUEST_CAP = 500;

export interface TestServer {
  /** Every request seen since the current test started, in order. */
  readonly requests: Recorded[];
  use(...handlers: RequestHandler[]): void;
}

/**
 * Starts the server in beforeAll (before any client is created), resets handlers and the
 * recording after each test, closes it after all. Call once at the top of a test file.
 */
export function useServer(): TestServer {
  const requests: Recorded[] = [];
  const server = setupServer();
  server.events.on("request:start", ({ request }) => {
    const url = new URL(request.url);
    requests.push({
      method: request.method,
      href: request.url,
      url,
      path: url.pathname,
      search: url.search.replace(/^\?/, ""),
      headers: new Headers(request.headers),
      text: request.clone().text(),
    });
  });
  // A loop that only awaits msw answers never yields to jest's test timeout, so cap it here.
  const guard = http.all("*", () =>
    requests.length > REQUEST_CAP
      ? HttpResponse.json({ errors: [{ message: `test guard: more than ${REQUEST_CAP} requests` }] }, { status: 400 })
      : undefined,
  );
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => {
    server.resetHandlers();
    requests.length = 0;
  });
  afterAll(() => server.close());
  return { requests, use: (...handlers) => server.use(guard, ...handlers) };
}

export function client(options: Partial<AsanaClientOptions> = {}): AsanaClient {
  return createAsanaClient({ token: TOKEN, ...options });
}

/** The request's query as an object; fails on a repeated key, which Asana would not expect. */
export function query(rec: Recorded): Record<string, string> {
  const entries = [...rec.url.searchParams];
  const out = Object.fromEntries(entries);
  if (Object.keys(out).length !== entries.length) throw new Error(`repeated query key in ${rec.search}`);
  return out;
}

export async function jsonBody(rec: Recorded): Promise<unknown> {
  return JSON.parse(await rec.text);
}

/** The error a call produced, whether it threw synchronously or rejected; fails if it did neither. */
export async function caught(fn: () => unknown): Promise<unknown> {
  try {
    const result = fn();
    // A paginator only sends (or validates) when iterated, so drain it.
    if (result && typeof result === "object" && Symbol.asyncIterator in result) {
      for await (const _ of result as AsyncIterable<unknown>) {
        // draining
      }
    } else {
      await result;
    }
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to throw or reject");
}

/** Freezes an object graph so any mutation by the code under test throws (ESM is strict mode). */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key]);
  }
  return value;
}

/** Lets pending I/O (msw, fetch, stream reads) progress; setImmediate stays real under fake timers. */
export async function flushIo(turns = 20): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Waits (in I/O turns, not time) until a condition holds. */
export async function until(condition: () => boolean, what = "condition"): Promise<void> {
  for (let i = 0; i < 2_000; i++) {
    if (condition()) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A list response in Asana's shape; `next` given as an offset builds a full next_page. */
export function listBody<T>(data: T[], next?: string | null, path = "/tasks"): { data: T[]; next_page?: unknown } {
  if (next === undefined) return { data };
  if (next === null) return { data, next_page: null };
  return {
    data,
    next_page: { offset: next, path: `${path}?limit=${data.length}&offset=${next}`, uri: `${BASE}${path}?offset=${next}` },
  };
}

export function tasks(prefix: string, count: number, from = 1): { gid: string; name: string; resource_type: "task" }[] {
  return Array.from({ length: count }, (_, i) => ({ gid: `${prefix}${from + i}`, name: `Task ${prefix}${from + i}`, resource_type: "task" as const }));
}

export function asanaErrorBody(message: string, extra: { help?: string; phrase?: string } = {}) {
  return { errors: [{ message, ...extra }] };
}

export { http, HttpResponse };

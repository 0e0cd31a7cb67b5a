/**
 * msw 2 handlers over the fake. msw is an optional peer dependency: it is loaded here, and only
 * here, so `fetch`, `handle` and the Node server work without it; reading `fake.handlers` without
 * msw installed throws a clear error.
 */
import type { MswHandler } from "./types.ts";

type Msw = typeof import("msw");
// Keep this exact `await import("msw").catch(` form: the CommonJS build rewrites it into a guarded
// require (scripts/build/plugins.ts, topLevelImportAsRequire), since CommonJS has no top-level await.
let loadError: unknown;
const msw: Msw | undefined = await import("msw").catch((error: unknown) => {
  loadError = error;
  return undefined;
});

export const DEFAULT_MSW_BASE_URLS = ["https://app.asana.com/api/1.0"];

export function createMswHandlers(handle: (request: Request) => Promise<Response>, baseUrls: readonly string[]): MswHandler[] {
  if (!msw) {
    throw new Error("fake.handlers needs msw 2 (npm install --save-dev msw); use fake.fetch otherwise", { cause: loadError });
  }
  const { http, HttpResponse } = msw;
  const handlers = baseUrls.map((base) =>
    http.all(`${base.replace(/\/+$/, "")}/*`, async ({ request }) => {
      const response = await handle(request);
      // A "drop" fault: msw's way of failing the request like a network error.
      return response.type === "error" ? HttpResponse.error() : response;
    }),
  );
  // msw's own handlers, under the msw-free public type (see MswHandler).
  return handlers as unknown as MswHandler[];
}

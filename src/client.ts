import createClient, { type Client } from "openapi-fetch";
import type { ClientContext } from "./context.ts";
import { createJobsApi, type JobsApi } from "./jobs.ts";
import { createTasksApi, type TasksApi } from "./tasks.ts";
import { createTransport, type FetchLike } from "./transport.ts";
import type { paths, TokenSource } from "./types.ts";
import { checkBaseUrl } from "./validate.ts";

export const DEFAULT_BASE_URL = "https://app.asana.com/api/1.0";

export interface AsanaClientOptions {
  /** A personal access token or OAuth token, or a function called before every request. */
  token: TokenSource;
  /** Default https://app.asana.com/api/1.0. Must be https:, or http: on a loopback host. */
  baseUrl?: string;
  /** Default: globalThis.fetch, looked up per call. */
  fetch?: FetchLike;
  /** Sent with every request, `raw` included (for example Asana-Enable). */
  headers?: Record<string, string>;
}

export interface AsanaClient {
  tasks: TasksApi;
  jobs: JobsApi;
  /** The openapi-fetch client over every spec's paths, sharing auth, base URL and serialisation. */
  raw: Client<paths>;
}

export function createAsanaClient(options: AsanaClientOptions): AsanaClient {
  if (options === null || typeof options !== "object") throw new TypeError("createAsanaClient needs an options object");
  const { token, fetch, headers } = options;
  if (typeof token === "string" ? token.trim() === "" : typeof token !== "function") {
    throw new TypeError("token must be a non-empty string or a function returning one");
  }
  if (fetch !== undefined && typeof fetch !== "function") throw new TypeError("fetch must be a function");
  const baseUrl = checkBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);

  const transport = createTransport({ token, fetch });
  const raw = createClient<paths>({
    baseUrl,
    fetch: transport.lenient,
    headers,
    // Asana reads arrays as one comma-separated value: opt_fields=a,b.c
    querySerializer: { array: { style: "form", explode: false } },
  });
  const ctx: ClientContext = { raw, strict: transport.strict };
  return { tasks: createTasksApi(ctx), jobs: createJobsApi(ctx), raw };
}

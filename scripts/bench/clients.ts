/**
 * The contenders, each behind the same two operations: get one task, and walk a project's tasks page by
 * page. Each does what a user of that library would write, checks the status and reads the body.
 */
import { createRequire } from "node:module";
import { Agent } from "node:http";
import createClient from "openapi-fetch";
import type { paths } from "../../generated/index.ts";
import { createAsanaClient, type AsanaClientOptions } from "./built.ts";
import { AUTH, TOKEN } from "./common.ts";

export type FetchLike = (request: Request) => Promise<Response>;

export interface Contender {
  name: string;
  get(gid: string): Promise<unknown>;
  /** Walks every page with limit=100; `onPage` runs after each page is consumed. Resolves to the item count. */
  walk(project: string, onPage?: (pages: number) => void): Promise<number>;
}

interface Envelope {
  data: unknown[];
  next_page: { offset: string } | null;
}

// ---- raw fetch ------------------------------------------------------------------------------

export function rawFetch(name: string, baseUrl: string, fetchImpl?: FetchLike): Contender {
  const headers = { Authorization: AUTH };
  const send = (url: string) => (fetchImpl ? fetchImpl(new Request(url, { headers })) : fetch(url, { headers }));
  return {
    name,
    async get(gid) {
      const response = await send(`${baseUrl}/tasks/${encodeURIComponent(gid)}`);
      if (!response.ok) throw new Error(`raw fetch: ${response.status}`);
      return ((await response.json()) as { data: unknown }).data;
    },
    async walk(project, onPage) {
      let count = 0;
      let pages = 0;
      let offset: string | undefined;
      do {
        const query = offset === undefined ? "limit=100" : `limit=100&offset=${encodeURIComponent(offset)}`;
        const response = await send(`${baseUrl}/projects/${encodeURIComponent(project)}/tasks?${query}`);
        if (!response.ok) throw new Error(`raw fetch: ${response.status}`);
        const body = (await response.json()) as Envelope;
        count += body.data.length;
        offset = body.next_page?.offset;
        onPage?.(++pages);
      } while (offset);
      return count;
    },
  };
}

// ---- bare openapi-fetch ---------------------------------------------------------------------

export function openapiFetch(baseUrl: string, fetchImpl?: FetchLike): Contender {
  const client = createClient<paths>({
    baseUrl,
    headers: { Authorization: AUTH },
    querySerializer: { array: { style: "form", explode: false } },
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
  return {
    name: "openapi-fetch",
    async get(task_gid) {
      const { data, error, response } = await client.GET("/tasks/{task_gid}", { params: { path: { task_gid } } });
      if (error !== undefined || data === undefined) throw new Error(`openapi-fetch: ${response.status}`);
      return data.data;
    },
    async walk(project_gid, onPage) {
      let count = 0;
      let pages = 0;
      let offset: string | undefined;
      do {
        const { data, error, response } = await client.GET("/projects/{project_gid}/tasks", {
          params: { path: { project_gid }, query: { limit: 100, offset } },
        });
        if (error !== undefined || data === undefined) throw new Error(`openapi-fetch: ${response.status}`);
        count += data.data.length;
        offset = data.next_page?.offset;
        onPage?.(++pages);
      } while (offset);
      return count;
    },
  };
}

// ---- asana-fetch ----------------------------------------------------------------------------

export function asanaFetch(baseUrl: string, options: Partial<AsanaClientOptions> = {}, name = "asana-fetch"): Contender {
  const asana = createAsanaClient({ token: TOKEN, baseUrl, ...options });
  return {
    name,
    get: (gid) => asana.tasks.get(gid),
    async walk(project, onPage) {
      let count = 0;
      for await (const task of asana.tasks.forProject(project, { limit: 100 })) {
        void task; // discarded: nothing may be kept alive by the loop
        if (++count % 100 === 0) onPage?.(count / 100);
      }
      return count;
    },
  };
}

// ---- the official client (asana 3.2.0, CommonJS, superagent) ----------------------------------

interface OfficialCollection {
  data: unknown[] | null;
  nextPage(): Promise<OfficialCollection>;
}
interface OfficialApiClient {
  basePath: string;
  authentications: { token: { accessToken?: string } };
  requestAgent: Agent | null;
}
interface OfficialModule {
  ApiClient: { new (): OfficialApiClient; instance: OfficialApiClient };
  TasksApi: new (client?: OfficialApiClient) => {
    getTask(gid: string, opts: Record<string, unknown>): Promise<{ data: unknown }>;
    getTasksForProject(project: string, opts: Record<string, unknown>): Promise<OfficialCollection>;
  };
}

let officialModule: OfficialModule | undefined;
export function loadOfficial(): OfficialModule {
  officialModule ??= createRequire(import.meta.url)("asana") as OfficialModule;
  return officialModule;
}

/**
 * As documented: a configured ApiClient and `new TasksApi()`. By default superagent opens a new
 * connection per request (`agent: false`); `keepAlive` sets `requestAgent`, which the docs allow.
 */
export function official(baseUrl: string, { keepAlive = false } = {}): Contender {
  const Asana = loadOfficial();
  const client = new Asana.ApiClient();
  client.basePath = baseUrl;
  client.authentications.token.accessToken = TOKEN;
  if (keepAlive) client.requestAgent = new Agent({ keepAlive: true });
  const tasks = new Asana.TasksApi(client);
  return {
    name: keepAlive ? "official (keep-alive agent)" : "official asana",
    async get(gid) {
      return (await tasks.getTask(gid, {})).data;
    },
    async walk(project, onPage) {
      let count = 0;
      let pages = 0;
      // nextPage() writes the offset into this object: a fresh one per walk.
      let page = await tasks.getTasksForProject(project, { limit: 100 });
      while (page.data) {
        count += page.data.length;
        onPage?.(++pages);
        page = await page.nextPage();
      }
      return count;
    },
  };
}

/**
 * The stand-in for Asana, run in its own process (forked by server-process.ts) so its work never shares
 * the client's event loop. Minimal on purpose: every body is built once and served as a Buffer.
 *
 *   GET /api/1.0/tasks/{gid}                              ~1 KB task record
 *   GET /api/1.0/projects/{gid}/tasks?limit=&offset=      compact tasks, next_page {offset, path, uri}
 *
 * Checks the Authorization header (401 otherwise), answers 400 without `limit` or with a bad offset,
 * like Asana. The slow project adds SLOW_PAGE_LATENCY_MS to every page.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  AUTH,
  BIG_PROJECT,
  BIG_PROJECT_TASKS,
  compactTask,
  decodeOffset,
  encodeOffset,
  SLOW_PAGE_LATENCY_MS,
  SLOW_PROJECT,
  SLOW_PROJECT_TASKS,
  TASK_COUNT,
  TASK_GID_BASE,
  taskRecord,
} from "./common.ts";

const JSON_HEADERS = { "content-type": "application/json; charset=UTF-8" };

const errorBody = (message: string): Buffer =>
  Buffer.from(JSON.stringify({ errors: [{ message, help: "For more information on API status codes and how to handle them, read the docs on errors: https://developers.asana.com/docs/errors" }] }));
const UNAUTHORIZED = errorBody("Not Authorized");
const NOT_FOUND = errorBody("Unknown object");
const NO_LIMIT = errorBody("The result is too large. You should use pagination (may require specifying a workspace)!");
const BAD_OFFSET = errorBody("offset: Your pagination token is invalid.");

const tasks = new Map<string, Buffer>();
for (let i = 0; i < TASK_COUNT; i++) {
  const gid = String(TASK_GID_BASE + i);
  tasks.set(gid, Buffer.from(JSON.stringify({ data: taskRecord(gid) })));
}

const projects = new Map<string, { size: number; latencyMs: number }>([
  [BIG_PROJECT, { size: BIG_PROJECT_TASKS, latencyMs: 0 }],
  [SLOW_PROJECT, { size: SLOW_PROJECT_TASKS, latencyMs: SLOW_PAGE_LATENCY_MS }],
]);

/** Pages built on first use and kept: key "project:position:limit". */
const pages = new Map<string, Buffer>();

function page(origin: string, project: string, size: number, position: number, limit: number): Buffer {
  const key = `${project}:${position}:${limit}`;
  let body = pages.get(key);
  if (body === undefined) {
    const end = Math.min(size, position + limit);
    const data = [];
    for (let i = position; i < end; i++) data.push(compactTask(i));
    let next_page = null;
    if (end < size) {
      const offset = encodeOffset(end);
      const path = `/projects/${project}/tasks?limit=${limit}&offset=${offset}`;
      next_page = { offset, path, uri: `${origin}/api/1.0${path}` };
    }
    body = Buffer.from(JSON.stringify({ data, next_page }));
    pages.set(key, body);
  }
  return body;
}

function send(res: ServerResponse, status: number, body: Buffer): void {
  res.writeHead(status, { ...JSON_HEADERS, "content-length": body.length });
  res.end(body);
}

function handle(req: IncomingMessage, res: ServerResponse): void {
  if (req.headers.authorization !== AUTH) return send(res, 401, UNAUTHORIZED);
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const path = q < 0 ? url : url.slice(0, q);
  const parts = path.split("/"); // ["", "api", "1.0", resource, gid, sub?]
  if (req.method !== "GET" || parts[1] !== "api" || parts[2] !== "1.0") return send(res, 404, NOT_FOUND);

  if (parts[3] === "tasks" && parts.length === 5) {
    const body = tasks.get(decodeURIComponent(parts[4]!));
    return body ? send(res, 200, body) : send(res, 404, NOT_FOUND);
  }
  if (parts[3] === "projects" && parts[5] === "tasks" && parts.length === 6) {
    const project = decodeURIComponent(parts[4]!);
    const known = projects.get(project);
    if (!known) return send(res, 404, NOT_FOUND);
    const query = new URLSearchParams(q < 0 ? "" : url.slice(q + 1));
    const limit = Number(query.get("limit"));
    if (!query.has("limit") || !Number.isInteger(limit) || limit < 1 || limit > 100) return send(res, 400, NO_LIMIT);
    const offset = query.get("offset");
    const position = offset === null ? 0 : decodeOffset(offset);
    if (position === undefined || position > known.size) return send(res, 400, BAD_OFFSET);
    const body = page(`http://${req.headers.host}`, project, known.size, position, limit);
    if (known.latencyMs > 0) setTimeout(() => send(res, 200, body), known.latencyMs);
    else send(res, 200, body);
    return;
  }
  send(res, 404, NOT_FOUND);
}

const server = createServer({ keepAliveTimeout: 30_000 }, handle);
let connections = 0;
server.on("connection", () => connections++);
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  process.send?.({ port });
});
process.on("message", (message: { type?: string }) => {
  if (message?.type === "connections") process.send?.({ connections });
});
process.on("disconnect", () => process.exit(0));

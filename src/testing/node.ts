/**
 * asana-fetch/testing/node: the fake behind a real HTTP server on loopback, for tests that need a
 * socket (browsers, other runtimes, other processes). Node only. Answers CORS so a page on another
 * origin may call it; a "drop" fault destroys the socket.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { createFakeAsana } from "./index.ts";
import type { FakeAsana, FakeAsanaOptions } from "./types.ts";

export interface FakeAsanaServer {
  fake: FakeAsana;
  /** Resolves to the API base URL, e.g. "http://127.0.0.1:43210/api/1.0". Default host 127.0.0.1, port 0 (any free port). */
  listen(opts?: { port?: number; host?: string }): Promise<string>;
  /** Stops listening and destroys every open socket, so nothing is left running. */
  close(): Promise<void>;
}

const CORS_HEADERS = {
  "access-control-allow-origin": "*",
  "access-control-expose-headers": "Retry-After, Asana-Change, Location",
};
const PREFLIGHT_HEADERS = {
  ...CORS_HEADERS,
  "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
  "access-control-allow-headers": "Authorization, Content-Type, Asana-Enable, Asana-Disable",
  "access-control-max-age": "600",
};
/** Connection-level headers that describe the hop, not the request. */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "upgrade", "proxy-connection"]);

const isFake = (value: unknown): value is FakeAsana =>
  value !== null && typeof value === "object" && typeof (value as FakeAsana).handle === "function";

async function readBody(req: IncomingMessage): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of req) chunks.push(chunk as Uint8Array);
  if (chunks.length === 0) return undefined;
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const body = new Uint8Array(new ArrayBuffer(total));
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.length;
  }
  return body;
}

function toHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  return headers;
}

export function createFakeAsanaServer(fakeOrOptions?: FakeAsana | FakeAsanaOptions): FakeAsanaServer {
  const fake = isFake(fakeOrOptions) ? fakeOrOptions : createFakeAsana(fakeOrOptions);
  const sockets = new Set<Socket>();

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === "OPTIONS") {
      // CORS preflight: answered here, never recorded (the browser sends it, not the code under test).
      res.writeHead(204, PREFLIGHT_HEADERS).end();
      return;
    }
    const aborter = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) aborter.abort(new Error("the client closed the connection"));
    });
    const method = req.method ?? "GET";
    const body = method === "GET" || method === "HEAD" ? undefined : await readBody(req);
    const request = new Request(`http://${req.headers.host ?? "127.0.0.1"}${req.url ?? "/"}`, {
      method,
      headers: toHeaders(req),
      body,
      signal: aborter.signal,
    });
    const response = await fake.handle(request);
    if (response.type === "error") {
      req.socket.destroy();
      return;
    }
    const headers: Record<string, string | string[]> = { ...CORS_HEADERS };
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    res.writeHead(response.status, headers);
    if (response.body && method !== "HEAD") {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
    }
    res.end();
  }

  const server = createServer((req, res) => {
    serve(req, res).catch(() => {
      // Aborted by the client or the server closing: nothing is left to answer.
      if (!res.headersSent && !res.destroyed) res.writeHead(500, CORS_HEADERS).end();
      else res.destroy();
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  return {
    fake,
    listen({ port = 0, host = "127.0.0.1" } = {}) {
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          server.off("error", reject);
          const address = server.address() as AddressInfo;
          const hostname = address.family === "IPv6" || address.address.includes(":") ? `[${address.address}]` : address.address;
          resolve(`http://${hostname}:${address.port}/api/1.0`);
        });
      });
    },
    close() {
      return new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        sockets.clear();
        if (!server.listening) return resolve();
        server.close(() => resolve());
      });
    },
  };
}

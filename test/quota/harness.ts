/**
 * The quota tests' world: a redis-server of their own (started per test file, stopped by PID), the
 * user's two kinds of Redis client over it, and "flavours" of limiter that one behaviour suite runs
 * against: the in-memory limiter, and the Redis store through ioredis and through node-redis.
 */
import Redis from "ioredis";
import { createClient } from "redis";
import { createAsanaClient, type AsanaClient, type AsanaClientOptions, type QuotaStore } from "asana-fetch";
import { createRedisQuotaStore, type RedisClientLike } from "asana-fetch/redis";
import { startRedisServer, type RedisServer } from "../../scripts/bench/redis-server.ts";

export const TOKEN = "0/quota-test-token-5f3a9c1e7b2d4086";

const nodeRedis = (url: string) => createClient({ url });
export type NodeRedis = ReturnType<typeof nodeRedis>;

export interface RedisWorld {
  server: RedisServer;
  io: Redis;
  node: NodeRedis;
  stop(): Promise<void>;
}

export async function startRedis(): Promise<RedisWorld> {
  const server = await startRedisServer();
  const io = new Redis(server.url, { maxRetriesPerRequest: 1 });
  io.on("error", () => {});
  const node = nodeRedis(server.url);
  node.on("error", () => {});
  await node.connect();
  return {
    server,
    io,
    node,
    async stop() {
      io.disconnect();
      node.destroy();
      await server.stop();
    },
  };
}

/** Clients made from one `Limits` share one store (one key prefix); the in-memory flavour shares nothing. */
export interface Limits {
  client(fetch: (request: Request) => Promise<Response>, options?: Partial<AsanaClientOptions>): AsanaClient;
  store: QuotaStore | undefined;
}

export interface Flavour {
  name: string;
  /** Fresh state for one test. */
  limits(): Limits;
}

let namespaces = 0;

function flavour(name: string, redis: (() => RedisClientLike) | undefined): Flavour {
  return {
    name,
    limits() {
      const store = redis ? createRedisQuotaStore(redis(), { prefix: `test${++namespaces}-${Date.now()}:` }) : undefined;
      return {
        store,
        client: (fetch, options = {}) =>
          createAsanaClient({ token: TOKEN, fetch, retry: { baseDelayMs: 1, maxDelayMs: 5 }, onWarning: () => {}, ...(store ? { quotaStore: store } : {}), ...options }),
      };
    },
  };
}

/** The three limiters; the Redis ones need `world()` to have been started (beforeAll). */
export function flavours(world: () => RedisWorld): Flavour[] {
  return [flavour("in-memory limiter", undefined), flavour("Redis store via ioredis", () => world().io), flavour("Redis store via node-redis", () => world().node)];
}

export function ok(data: unknown = { gid: "1" }, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ data }), { status: 200, headers: { "content-type": "application/json", ...headers } });
}

export function tooMany(retryAfterSeconds: number): Response {
  return new Response(JSON.stringify({ errors: [{ message: "rate limited" }] }), {
    status: 429,
    headers: { "content-type": "application/json", "retry-after": String(retryAfterSeconds) },
  });
}

export interface Arrival {
  path: string;
  method: string;
  at: number;
}

/** What a test wire records: each request's arrival, and the most in flight at once. */
function recorder() {
  const arrivals: Arrival[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  return {
    arrivals,
    /** Records the arrival; returns its index. */
    enter(request: Request): number {
      arrivals.push({ path: new URL(request.url).pathname.split("/").pop()!, method: request.method, at: Date.now() });
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      return arrivals.length - 1;
    },
    leave(): void {
      inFlight--;
    },
    get maxInFlight() {
      return maxInFlight;
    },
  };
}

/** A fetch that holds every request until the test lets it go (`answer` decides each response, default 200). */
export function heldWire(answer: (request: Request, index: number) => Response = () => ok()) {
  const wire = recorder();
  const held: Array<() => void> = [];
  const fetch = async (request: Request): Promise<Response> => {
    const index = wire.enter(request);
    await new Promise<void>((resolve) => held.push(resolve));
    wire.leave();
    return answer(request, index);
  };
  return Object.assign(wire, {
    fetch,
    held,
    /** Lets the oldest `count` held requests answer. */
    letGo(count = held.length) {
      held.splice(0, count).forEach((go) => go());
    },
  });
}

/** A fetch that answers at once (after `delayMs`), recording when each answer left. */
export function quickWire(answer: (request: Request, index: number) => Response | Promise<Response> = () => ok(), delayMs = 0) {
  const wire = recorder();
  const answeredAt: number[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    const index = wire.enter(request);
    try {
      if (delayMs > 0) await sleep(delayMs);
      const response = await answer(request, index);
      answeredAt[index] = Date.now();
      return response;
    } finally {
      wire.leave();
    }
  };
  return Object.assign(wire, { fetch, answeredAt });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Waits (real time, up to `ms`) until `check` holds; fails the test with `what` otherwise. */
export async function until(check: () => boolean, what: string, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

/** The most arrivals in any span of `windowMs` (a sliding window over the arrival times). */
export function busiestWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

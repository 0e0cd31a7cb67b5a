/**
 * The user's Redis client, recognised by shape: asana-fetch/redis imports neither ioredis nor redis,
 * and needs nothing from them but running a script (EVALSHA, and EVAL when Redis does not know it yet).
 */

/** ioredis (`new Redis(url)`), or an ioredis Cluster. */
export interface IoRedisLike {
  evalsha(sha: string, numkeys: number, ...keysAndArgs: string[]): Promise<unknown>;
  eval(script: string, numkeys: number, ...keysAndArgs: string[]): Promise<unknown>;
  /** "ready" once connected; "reconnecting", "close" or "end" while Redis is away. */
  readonly status: string;
}

/** node-redis v4 and later (`createClient({ url })`, connected). */
export interface NodeRedisLike {
  evalSha(sha: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  readonly isOpen: boolean;
}

/** An HTTP client with keys and arguments as arrays, such as Upstash's `@upstash/redis` on edge runtimes. */
export interface RestRedisLike {
  evalsha(sha: string, keys: string[], args: string[]): Promise<unknown>;
  eval(script: string, keys: string[], args: string[]): Promise<unknown>;
}

export type RedisClientLike = IoRedisLike | NodeRedisLike | RestRedisLike;

/** Runs the quota script: EVALSHA, falling back to EVAL (which also loads it) when Redis lacks it. */
export interface ScriptRunner {
  run(keys: string[], args: string[]): Promise<unknown>;
  /** False when the client itself says Redis is away, so a call need not wait for its timeout. */
  available(): boolean;
}

interface Calls {
  evalsha(sha: string, keys: string[], args: string[]): Promise<unknown>;
  eval(script: string, keys: string[], args: string[]): Promise<unknown>;
  available(): boolean;
}

const isFunction = (value: unknown): boolean => typeof value === "function";

function calls(client: RedisClientLike): Calls {
  const c = client as unknown as Partial<Record<string, unknown>>;
  if (isFunction(c.evalSha) && isFunction(c.eval)) {
    const redis = client as NodeRedisLike;
    return {
      evalsha: (sha, keys, args) => redis.evalSha(sha, { keys, arguments: args }),
      eval: (script, keys, args) => redis.eval(script, { keys, arguments: args }),
      available: () => redis.isOpen !== false,
    };
  }
  if (isFunction(c.evalsha) && isFunction(c.eval) && typeof c.status === "string") {
    const redis = client as IoRedisLike;
    return {
      evalsha: (sha, keys, args) => redis.evalsha(sha, keys.length, ...keys, ...args),
      eval: (script, keys, args) => redis.eval(script, keys.length, ...keys, ...args),
      // Connecting: the command waits in ioredis's queue, within the store's timeout.
      available: () => !["reconnecting", "close", "end"].includes(redis.status),
    };
  }
  if (isFunction(c.evalsha) && isFunction(c.eval)) {
    const redis = client as RestRedisLike;
    return { evalsha: (sha, keys, args) => redis.evalsha(sha, keys, args), eval: (script, keys, args) => redis.eval(script, keys, args), available: () => true };
  }
  throw new TypeError("createRedisQuotaStore needs a Redis client: ioredis, node-redis (connected) or one with evalsha(sha, keys, args)");
}

export function scriptRunner(client: RedisClientLike, script: string): ScriptRunner {
  if (client === null || typeof client !== "object") throw new TypeError("createRedisQuotaStore needs a Redis client: ioredis, node-redis (connected) or one with evalsha(sha, keys, args)");
  const redis = calls(client);
  let sha: Promise<string> | undefined;
  return {
    async run(keys, args) {
      sha ??= sha1Hex(script);
      try {
        return await redis.evalsha(await sha, keys, args);
      } catch (error) {
        if (!/NOSCRIPT/i.test(error instanceof Error ? error.message : String(error))) throw error;
        return redis.eval(script, keys, args);
      }
    },
    available: () => redis.available(),
  };
}

async function sha1Hex(text: string): Promise<string> {
  return hex(await crypto.subtle.digest("SHA-1", new TextEncoder().encode(text)));
}

export function hex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

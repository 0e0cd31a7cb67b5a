/**
 * asana-fetch/redis: one token's quota shared by every process that uses it, through the user's own
 * Redis client (ioredis or node-redis, recognised by shape; no dependency of this package).
 *
 *   const asana = createAsanaClient({ token, quotaStore: createRedisQuotaStore(new Redis(url)) });
 *
 * Web-standard code only (WebCrypto for the key digest), so it also runs where an HTTP Redis client does.
 */
import type { QuotaStore } from "../core/quota/types.ts";
import { scriptRunner, type RedisClientLike } from "./client.ts";
import { SharedLimiter } from "./limiter.ts";
import { QUOTA_SCRIPT } from "./script.ts";

export type { IoRedisLike, NodeRedisLike, RedisClientLike, RestRedisLike } from "./client.ts";
export type { QuotaStore } from "../core/quota/types.ts";

export interface RedisQuotaStoreOptions {
  /** Put before every key, to namespace them; default "asana-fetch:". */
  prefix?: string;
  /** A store call unanswered after this long counts as a failure (default 500 ms). */
  commandTimeoutMs?: number;
}

export const DEFAULT_PREFIX = "asana-fetch:";
export const DEFAULT_COMMAND_TIMEOUT_MS = 500;

export function createRedisQuotaStore(client: RedisClientLike, options: RedisQuotaStoreOptions = {}): QuotaStore {
  if (options === null || typeof options !== "object") throw new TypeError("createRedisQuotaStore: options must be an object");
  const { prefix = DEFAULT_PREFIX, commandTimeoutMs = DEFAULT_COMMAND_TIMEOUT_MS } = options;
  if (typeof prefix !== "string") throw new TypeError("createRedisQuotaStore: prefix must be a string");
  if (typeof commandTimeoutMs !== "number" || !(commandTimeoutMs > 0) || !Number.isFinite(commandTimeoutMs)) {
    throw new RangeError(`createRedisQuotaStore: commandTimeoutMs must be a positive number of ms, got ${String(commandTimeoutMs)}`);
  }
  const runner = scriptRunner(client, QUOTA_SCRIPT);
  return { limiter: (context) => new SharedLimiter(runner, context, { prefix, commandTimeoutMs }) };
}

/**
 * Redis keys for a token: a SHA-256 digest (WebCrypto, so edge runtimes can compute it too) of a fixed
 * label and the token, never the token itself. The label keeps the digest from matching a plain
 * SHA-256 of the token that some other system might store. All of a token's keys share one hash tag.
 */
import { hex } from "./client.ts";

const LABEL = "asana-fetch quota\0";
/** Tokens remembered; a token function that rotates its token adds one per rotation. */
const REMEMBERED = 16;

export type QuotaKeys = [reads: string, writes: string, log: string, state: string];

export function quotaKeys(prefix: string, digest: string): QuotaKeys {
  const base = `${prefix}{${digest}}`;
  return [`${base}:r`, `${base}:w`, `${base}:log`, `${base}:s`];
}

export async function tokenDigest(token: string): Promise<string> {
  return hex(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(LABEL + token)));
}

/** The keys of each token seen lately, computed once per token value. */
export function keyCache(prefix: string): (token: string) => QuotaKeys | Promise<QuotaKeys> {
  const cache = new Map<string, QuotaKeys | Promise<QuotaKeys>>();
  return (token) => {
    const known = cache.get(token);
    if (known) return known;
    const pending = tokenDigest(token).then((digest) => {
      const keys = quotaKeys(prefix, digest);
      cache.set(token, keys);
      return keys;
    });
    pending.catch(() => cache.delete(token));
    if (cache.size >= REMEMBERED) cache.delete(cache.keys().next().value!);
    cache.set(token, pending);
    return pending;
  };
}

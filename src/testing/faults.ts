/**
 * Injected failures. For each request the first rule that applies wins: queued `next` faults, then
 * `path` rules in the order added, then `rate`. The faulted request is recorded but not processed.
 */
import { errorResponse, TOO_MANY } from "./http.ts";
import type { Fault, Faults } from "./types.ts";

interface PathRule {
  test: (path: string) => boolean;
  fault: Fault;
  method: string | undefined;
  remaining: number;
}

/** mulberry32: small, fast and the same sequence on every runtime. */
function prng(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function checkFault(fault: Fault): Fault {
  if (fault === null || typeof fault !== "object") throw new TypeError("a fault must be an object such as { status: 503 } or { kind: \"drop\" }");
  if ("status" in fault) {
    if (![429, 500, 502, 503, 504].includes(fault.status)) throw new TypeError(`unsupported fault status ${String(fault.status)}`);
  } else if (!["truncated", "non-json", "drop", "latency"].includes((fault as { kind: string }).kind)) {
    throw new TypeError(`unknown fault kind ${JSON.stringify((fault as { kind: unknown }).kind)}`);
  }
  return fault;
}

/** "/tasks/:gid" or "/tasks/*" match whole segments; any other character matches itself. */
function compilePattern(pattern: string | RegExp): (path: string) => boolean {
  if (pattern instanceof RegExp) return (path) => {
    pattern.lastIndex = 0;
    return pattern.test(path);
  };
  const segments = pattern.split("/");
  return (path) => {
    const parts = path.split("/");
    if (parts.length !== segments.length) return false;
    return segments.every((segment, i) => segment === "*" || segment.startsWith(":") || segment === parts[i]);
  };
}

export class FaultTable implements Faults {
  #queue: { fault: Fault; remaining: number }[] = [];
  #paths: PathRule[] = [];
  #rate: { probability: number; faults: Fault[]; random: () => number } | undefined;

  next(count: number, fault: Fault): void {
    if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be a positive integer, got ${String(count)}`);
    this.#queue.push({ fault: checkFault(fault), remaining: count });
  }

  rate(probability: number, fault: Fault | Fault[], opts: { seed?: number } = {}): void {
    if (!(probability >= 0 && probability <= 1)) throw new RangeError(`probability must be from 0 to 1, got ${String(probability)}`);
    const faults = (Array.isArray(fault) ? fault : [fault]).map(checkFault);
    if (faults.length === 0) throw new TypeError("rate needs at least one fault");
    this.#rate = probability === 0 ? undefined : { probability, faults, random: prng(opts.seed ?? 1) };
  }

  path(pattern: string | RegExp, fault: Fault, opts: { count?: number; method?: string } = {}): void {
    const { count = Infinity, method } = opts;
    if (!(count >= 1)) throw new RangeError(`count must be at least 1, got ${String(count)}`);
    this.#paths.push({ test: compilePattern(pattern), fault: checkFault(fault), method: method?.toUpperCase(), remaining: count });
  }

  clear(): void {
    this.#queue = [];
    this.#paths = [];
    this.#rate = undefined;
  }

  /** The fault for this request, if any, consuming one use of it. */
  pick(method: string, path: string): Fault | undefined {
    const queued = this.#queue[0];
    if (queued) {
      if (--queued.remaining === 0) this.#queue.shift();
      return queued.fault;
    }
    for (const rule of this.#paths) {
      if (rule.remaining > 0 && (rule.method === undefined || rule.method === method) && rule.test(path)) {
        rule.remaining -= 1;
        return rule.fault;
      }
    }
    const rate = this.#rate;
    if (rate && rate.random() < rate.probability) {
      return rate.faults.length === 1 ? rate.faults[0] : rate.faults[Math.floor(rate.random() * rate.faults.length)];
    }
    return undefined;
  }
}

const PROXY_PAGE = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx</center>
</body>
</html>
`;

const TRUNCATED = JSON.stringify({
  data: [{ gid: "1200000000000001", resource_type: "task", name: "This body was cut off by the fake (truncated fault)", resource_subtype: "default_task" }],
  next_page: null,
});

const STATUS_MESSAGES: Record<number, string> = {
  500: "Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** The response for a fault other than latency; "drop" is Response.error(), a network failure. */
export function faultResponse(fault: Exclude<Fault, { kind: "latency" }>, now: number): Response {
  if ("status" in fault) {
    if (fault.status === 429) {
      const seconds = Math.max(0, fault.retryAfter ?? 1);
      const retryAfter = fault.retryAfterDate ? new Date(now + seconds * 1000).toUTCString() : String(Math.ceil(seconds));
      return errorResponse(429, TOO_MANY, { "retry-after": retryAfter });
    }
    return errorResponse(fault.status, STATUS_MESSAGES[fault.status]!);
  }
  switch (fault.kind) {
    case "truncated":
      return new Response(TRUNCATED.slice(0, Math.floor(TRUNCATED.length / 2)), {
        status: 200,
        headers: { "content-type": "application/json; charset=UTF-8" },
      });
    case "non-json":
      return new Response(PROXY_PAGE, { status: 502, headers: { "content-type": "text/html" } });
    case "drop":
      return Response.error();
  }
}

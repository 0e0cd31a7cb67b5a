/** Stages the client cannot cancel itself (a token function, a body stream), raced against the call's signal. */

const noop = () => {};
const utf8 = new TextDecoder();

/**
 * Settles with `promise`, or rejects with the signal's reason the moment it aborts; a value that
 * arrives later goes to `late` (to free what it holds), an error that arrives later is dropped.
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal, late?: (value: T) => void): Promise<T> {
  if (signal.aborted) {
    promise.then(late, noop);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        if (signal.aborted) late?.(value);
        else resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

/**
 * The whole body as bytes, or its first `limit` bytes (the rest is cancelled). An abort cancels the
 * reader, so a body that stalls, even one from a custom fetch that ignores the signal, ends at once
 * with the signal's reason. A stream that fails or yields something other than bytes rejects.
 */
export async function readBody(response: Response, signal: AbortSignal, limit = Infinity): Promise<Uint8Array> {
  const body = response.body;
  if (body === null) return new Uint8Array(0);
  const reader = body.getReader();
  const onAbort = () => {
    reader.cancel(signal.reason).catch(noop);
  };
  if (signal.aborted) {
    onAbort();
    throw signal.reason;
  }
  signal.addEventListener("abort", onAbort, { once: true });
  try {
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!(value instanceof Uint8Array)) throw new TypeError("the response body yielded something other than bytes");
      chunks.push(value);
      size += value.length;
      if (size >= limit) {
        reader.cancel().catch(noop);
        break;
      }
    }
    if (signal.aborted) throw signal.reason;
    return chunks.length === 1 ? chunks[0]! : concat(chunks, size);
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** UTF-8, as Response.text() decodes. */
export function utf8Text(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}

/**
 * Stages the client cannot cancel through a signal (a token function, a custom fetch, a body
 * stream), raced against the call's signal.
 *
 * A CallScope's signal carries a stage slot: the scope calls the running stage's canceller itself
 * when it aborts, so a stage costs no abort listener (EventTarget listeners are the most expensive
 * thing a call would otherwise add). Any other signal (a caller's, used as is without a timeout)
 * gets a listener per stage.
 */

const noop = () => {};
const utf8 = new TextDecoder();

/** The canceller of the stage now running under a scope's signal. */
interface StageSlot {
  cancel: ((reason: unknown) => void) | undefined;
}

const slots = new WeakMap<AbortSignal, StageSlot>();

let never: AbortSignal | undefined;

/**
 * A signal nothing can abort, for calls with neither a timeout nor a caller's signal: its stages cost
 * nothing. Made on first use: workerd refuses an AbortController at a module's top level.
 */
export const unabortable = (): AbortSignal => (never ??= new AbortController().signal);

/**
 * The abort of a signal the caller owns (a CallScope's controller): aborts it, then cancels the
 * stage running under it.
 */
export function stagedAbort(controller: AbortController): (reason: unknown) => void {
  const slot: StageSlot = { cancel: undefined };
  slots.set(controller.signal, slot);
  return (reason) => {
    controller.abort(reason);
    const cancel = slot.cancel;
    slot.cancel = undefined;
    cancel?.(controller.signal.reason);
  };
}

/** Runs `cancel` if the signal aborts while the stage is on; returns the function that ends the stage. */
function stage(signal: AbortSignal, cancel: (reason: unknown) => void): () => void {
  if (signal === never) return noop;
  const slot = slots.get(signal);
  if (slot) {
    slot.cancel = cancel;
    return () => {
      if (slot.cancel === cancel) slot.cancel = undefined;
    };
  }
  const onAbort = () => cancel(signal.reason);
  signal.addEventListener("abort", onAbort, { once: true });
  return () => signal.removeEventListener("abort", onAbort);
}

/**
 * A promise that `start` settles, rejected with the signal's reason the moment it aborts (then
 * `onAbort` undoes what `start` set up: a timer, a place in a queue). Its stage ends when it
 * settles, so it leaves no listener behind; an aborted signal rejects before `start` runs.
 */
export function abortable<T>(
  signal: AbortSignal | undefined,
  start: (resolve: (value: T | PromiseLike<T>) => void, reject: (reason: unknown) => void) => void,
  onAbort?: () => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const end = signal
      ? stage(signal, (reason) => {
          reject(reason);
          onAbort?.();
        })
      : noop;
    start(
      (value) => {
        end();
        resolve(value);
      },
      (reason) => {
        end();
        reject(reason);
      },
    );
  });
}

/**
 * Settles with `promise`, or rejects with the signal's reason the moment it aborts; a value that
 * arrives later goes to `late` (to free what it holds), an error that arrives later is dropped.
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal, late?: (value: T) => void): Promise<T> {
  if (signal.aborted) {
    promise.then(late, noop);
    return Promise.reject(signal.reason);
  }
  return abortable<T>(signal, (resolve, reject) => promise.then((value) => (signal.aborted ? late?.(value) : resolve(value)), reject));
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
  if (signal.aborted) {
    reader.cancel(signal.reason).catch(noop);
    throw signal.reason;
  }
  const end = stage(signal, (reason) => reader.cancel(reason).catch(noop));
  try {
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!(value instanceof Uint8Array)) throw new TypeError("the response body yielded non-bytes");
      chunks.push(value);
      size += value.length;
      if (size >= limit) {
        reader.cancel().catch(noop);
        break;
      }
    }
    if (signal.aborted) throw signal.reason;
    if (chunks.length === 1) return chunks[0]!;
    const out = new Uint8Array(size);
    size = 0;
    for (const chunk of chunks) {
      out.set(chunk, size);
      size += chunk.length;
    }
    return out;
  } finally {
    end();
  }
}

/** UTF-8, as Response.text() decodes. */
export function utf8Text(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}

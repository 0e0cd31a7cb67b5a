import { TimeoutError } from "../core/errors.ts";

/** One call's cancellation: the caller's signal, an internal one and a timeout, merged into one signal. */
export interface CallScope {
  signal: AbortSignal | undefined;
  /** Clears the timer and the listeners: call once the call has settled. */
  done(): void;
}

const noop = () => {};

/**
 * A timeout aborts with a TimeoutError; an abort passes its own reason through, so the two stay
 * distinguishable. Built before openapi-fetch creates the Request (re-wrapping a Request to swap
 * its signal costs ~20 µs), then handed to the Request or to fetch's init. With one signal and no
 * timeout, that signal is used as is.
 */
export function callScope(
  signal: AbortSignal | undefined,
  timeoutMs: number | undefined,
  what = "request",
  extra?: AbortSignal,
): CallScope {
  const timed = timeoutMs !== undefined && timeoutMs !== Infinity;
  if (!timed && !(signal && extra)) return { signal: signal ?? extra, done: noop };

  const controller = new AbortController();
  const sources = [signal, extra].filter((s): s is AbortSignal => s !== undefined);
  const listeners = sources.map((source) => {
    const onAbort = () => controller.abort(source.reason);
    if (source.aborted) controller.abort(source.reason);
    else source.addEventListener("abort", onAbort, { once: true });
    return () => source.removeEventListener("abort", onAbort);
  });
  const timer = timed
    ? setTimeout(() => controller.abort(new TimeoutError(`${what} timed out after ${timeoutMs} ms`, timeoutMs)), timeoutMs)
    : undefined;
  return {
    signal: controller.signal,
    done() {
      clearTimeout(timer);
      for (const remove of listeners) remove();
    },
  };
}

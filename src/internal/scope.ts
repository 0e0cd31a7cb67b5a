import { TimeoutError } from "../core/errors.ts";
import { stagedAbort } from "./abortable.ts";

/** One call's cancellation: the caller's signal, an internal one and a timeout, merged into one signal. */
export interface CallScope {
  signal: AbortSignal | undefined;
  /** When the timeout fires (Date.now() time), Infinity without one: a wait past it is not worth starting. */
  deadline: number;
  /** Clears the timer and the listeners: call once the call has settled. */
  done(): void;
}

const noop = () => {};

/**
 * A timeout aborts with a TimeoutError; an abort passes its own reason through, so the two stay
 * distinguishable. Built before openapi-fetch creates the Request (re-wrapping a Request to swap
 * its signal costs ~20 µs), then handed to the Request or to fetch's init. With one signal and no
 * timeout, that signal is used as is. `timeoutMs` is checked by the caller (checkDuration).
 * `what` names the call in the TimeoutError's message; a function is asked only if it fires.
 */
export function callScope(
  signal: AbortSignal | undefined,
  timeoutMs: number | undefined,
  what: string | (() => string) = "request",
  extra?: AbortSignal,
): CallScope {
  const timed = timeoutMs !== undefined && timeoutMs !== Infinity;
  if (!timed && !(signal && extra)) return { signal: signal ?? extra, deadline: Infinity, done: noop };

  const controller = new AbortController();
  // Also cancels the stage running under the signal (see abortable.ts): no listener needed there.
  const abort = stagedAbort(controller);
  // The common call has a timeout and nothing else: no listener to add or remove.
  const ends = signal || extra
    ? [signal, extra].map((source) => {
        const onAbort = () => abort(source!.reason);
        if (source?.aborted) onAbort();
        else source?.addEventListener("abort", onAbort, { once: true });
        return () => source?.removeEventListener("abort", onAbort);
      })
    : [];
  const timer = timed
    ? setTimeout(() => abort(new TimeoutError(`${typeof what === "function" ? what() : what} timed out after ${timeoutMs} ms`, timeoutMs)), timeoutMs)
    : undefined;
  return {
    signal: controller.signal,
    deadline: timed ? Date.now() + timeoutMs : Infinity,
    done() {
      clearTimeout(timer);
      for (const end of ends) end();
    },
  };
}

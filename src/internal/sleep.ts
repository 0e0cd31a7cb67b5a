/** The longest delay a timer keeps: longer ones fire after about 1 ms in Node, browsers and Workers. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A wait of any length (timers are chained beyond MAX_TIMER_MS; Infinity waits for the abort) that
 * an abort cancels at once, rejecting with the signal's reason and leaving no timer behind. It
 * always yields to the event loop: a 0 ms sleep still goes through the timer queue.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    let left = ms > 0 ? ms : 0;
    let timer: ReturnType<typeof setTimeout>;
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const done = () => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    };
    const arm = () => {
      const step = Math.min(left, MAX_TIMER_MS);
      left -= step;
      timer = setTimeout(left > 0 ? arm : done, step);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    arm();
  });
}

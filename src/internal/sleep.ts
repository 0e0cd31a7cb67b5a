import { abortable } from "./abortable.ts";

/** The longest delay a timer keeps: longer ones fire after about 1 ms in Node, browsers and Workers. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A wait of any length (timers are chained beyond MAX_TIMER_MS; Infinity waits for the abort) that
 * an abort cancels at once, rejecting with the signal's reason and leaving no timer behind. It
 * always yields to the event loop: a 0 ms sleep still goes through the timer queue.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  let left = ms > 0 ? ms : 0;
  let timer: ReturnType<typeof setTimeout>;
  return abortable<void>(
    signal,
    (resolve) => {
      const arm = () => {
        const step = Math.min(left, MAX_TIMER_MS);
        left -= step;
        timer = setTimeout(left > 0 ? arm : resolve, step);
      };
      arm();
    },
    () => clearTimeout(timer),
  );
}

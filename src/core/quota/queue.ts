import { abortable } from "../../internal/abortable.ts";

/** First come, first served: waiters are granted in the order they joined; an abort takes one out at once. */
export interface Waiter<T> {
  readonly signal: AbortSignal | undefined;
  resolve(value: T | PromiseLike<T>): void;
  reject(reason: unknown): void;
}

export class WaitQueue<T> {
  readonly #waiters: Waiter<T>[] = [];
  readonly #onLeave: (() => void) | undefined;

  /** `onLeave`: told when an abort takes a waiter out. */
  constructor(onLeave?: () => void) {
    this.#onLeave = onLeave;
  }

  get size(): number {
    return this.#waiters.length;
  }

  /** Resolves with what the waiter is granted; rejects with the signal's reason if aborted while waiting. */
  join(signal?: AbortSignal): Promise<T> {
    let waiter: Waiter<T>;
    return abortable<T>(
      signal,
      (resolve, reject) => this.#waiters.push((waiter = { signal, resolve, reject })),
      () => {
        const index = this.#waiters.indexOf(waiter);
        if (index >= 0) this.#waiters.splice(index, 1);
        this.#onLeave?.();
      },
    );
  }

  /** Takes the oldest waiter out of the queue, for the caller to settle. */
  take(): Waiter<T> | undefined {
    return this.#waiters.shift();
  }

  /** Hands `value` to the oldest waiter; false when nobody waits. */
  grant(value: T | Promise<T>): boolean {
    const waiter = this.#waiters.shift();
    waiter?.resolve(value);
    return waiter !== undefined;
  }
}

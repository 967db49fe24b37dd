/**
 * The library's own timer for waits between calls: cleared on abort, and
 * able to stop keeping the process alive while nobody waits for what comes
 * after it.
 */

/**
 * The longest delay `setTimeout` takes; a longer one would fire at once.
 *
 * @example
 * ```ts
 * setTimeout(done, Math.min(ms, MAX_TIMER_MS));
 * ```
 */
export const MAX_TIMER_MS = 2_147_483_647;

/**
 * A running wait whose hold on the process can be switched.
 *
 * @example
 * ```ts
 * const wait = startIdleTimer(2_000, signal, false);
 * onReaderWaiting(() => wait.hold(true));
 * await wait.done;
 * ```
 */
export interface IdleTimer {
  /** Resolves when the time is up or the signal aborts. */
  readonly done: Promise<void>;
  /** Whether the timer keeps the process alive (`ref`) or not (`unref`). */
  hold(keepAlive: boolean): void;
}

/**
 * Starts a wait of `ms` (clamped to 0 ... {@link MAX_TIMER_MS}; a delay that
 * is no number waits the longest), that keeps the process alive only if
 * `keepAlive`. The timer and the abort listener are removed when it ends.
 *
 * @example
 * ```ts
 * await startIdleTimer(30_000, controller.signal, false).done;
 * ```
 */
export function startIdleTimer(ms: number, signal: AbortSignal, keepAlive: boolean): IdleTimer {
  const delay = Number.isNaN(ms) ? MAX_TIMER_MS : Math.min(MAX_TIMER_MS, Math.max(0, ms));
  let timer: ReturnType<typeof setTimeout> | null = null;
  const done = new Promise<void>((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const finish = (): void => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      signal.removeEventListener('abort', finish);
      resolve();
    };
    timer = setTimeout(finish, delay);
    if (!keepAlive) timer.unref();
    signal.addEventListener('abort', finish, { once: true });
  });
  return {
    done,
    hold: (next) => {
      if (timer === null) return;
      if (next) timer.ref();
      else timer.unref();
    },
  };
}

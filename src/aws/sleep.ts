/**
 * How the waiting parts wait: an injectable sleep, and the real one.
 */

/**
 * Waits `ms` milliseconds, or less if `signal` aborts first. It may resolve
 * or reject on abort; either way the caller moves on. Inject one that moves
 * a fake or emulated clock so tests never really wait.
 *
 * @example
 * ```ts
 * const sleep: Sleep = async (ms) => emulator.advance(ms);
 * ```
 */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

/**
 * The real {@link Sleep}: a `setTimeout` that is cleared, with its abort
 * listener removed, when `signal` aborts.
 *
 * @example
 * ```ts
 * await realSleep(2_000, controller.signal);
 * ```
 */
export const realSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    signal.addEventListener('abort', done, { once: true });
  });

/**
 * The backoff between polls, and MediaConvert's `StatusUpdateInterval` values.
 */

/**
 * How long a job waits between status updates when it does not say: MediaConvert's default.
 *
 * @example
 * ```ts
 * const interval =
 *   statusUpdateIntervalMs(job.StatusUpdateInterval) ?? DEFAULT_STATUS_UPDATE_INTERVAL_MS;
 * ```
 */
export const DEFAULT_STATUS_UPDATE_INTERVAL_MS = 60_000;

/**
 * `SECONDS_60` to 60 000 ms; `null` for anything else.
 *
 * @example
 * ```ts
 * statusUpdateIntervalMs('SECONDS_10'); // 10_000
 * ```
 */
export function statusUpdateIntervalMs(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const match = /^SECONDS_(\d{1,4})$/.exec(value);
  const seconds = match === null ? NaN : Number(match[1]);
  return Number.isInteger(seconds) && seconds > 0 ? seconds * 1000 : null;
}

/**
 * What the next delay depends on.
 *
 * @example
 * ```ts
 * const input: DelayInput = { attempt: 3, pressure: 0, minMs: 2_000, maxMs: 60_000,
 *   intervalMs: 10_000, progressing: true, random: Math.random };
 * ```
 */
export interface DelayInput {
  /** Polls made so far, the first one included. */
  readonly attempt: number;
  /** Retryable failures in a row just now; each doubles the delay once more. */
  readonly pressure: number;
  readonly minMs: number;
  readonly maxMs: number;
  /** The job's `StatusUpdateInterval`, when known. */
  readonly intervalMs: number | null;
  /** Whether the job is `PROGRESSING`, the only status with periodic updates. */
  readonly progressing: boolean;
  /** A number from 0 (inclusive) to 1 (exclusive). */
  readonly random: () => number;
}

/**
 * The delay before the next poll: exponential backoff with full jitter
 * between `minMs` and a ceiling that doubles each poll up to `maxMs`.
 *
 * While the job is `PROGRESSING` and its `StatusUpdateInterval` is known,
 * the ceiling is no longer than that interval (the submitter asked for
 * progress at that pace). After a retryable failure the ceiling doubles once
 * more per failure in a row, the interval no longer caps it, and the delay
 * is drawn from the upper half only, so a throttled caller really slows down.
 * The result is always within `minMs` and `maxMs`.
 *
 * @example
 * ```ts
 * nextDelayMs({ attempt: 1, pressure: 0, minMs: 2_000, maxMs: 60_000,
 *   intervalMs: null, progressing: false, random: Math.random }); // 2000 to 4000
 * ```
 */
export function nextDelayMs(input: DelayInput): number {
  const { minMs, maxMs, pressure } = input;
  const exponent = Math.min(40, Math.max(0, input.attempt - 1) + pressure);
  let ceiling = Math.min(maxMs, minMs * 2 ** exponent);
  if (pressure === 0 && input.progressing && input.intervalMs !== null) {
    ceiling = Math.min(ceiling, Math.max(minMs, input.intervalMs));
  }
  const floor = pressure > 0 ? Math.max(minMs, ceiling / 2) : minMs;
  const draw = Math.min(Math.max(input.random(), 0), 1);
  const delay = Math.round(floor + draw * (ceiling - floor));
  // Whatever the inputs, never a delay outside the bounds: NaN would poll at once, again and again.
  return Number.isFinite(delay) ? Math.min(maxMs, Math.max(minMs, delay)) : maxMs;
}

/**
 * Checks of the options of the waiter, `watchJob` and the reconciler,
 * made before the first call so a mistake never costs a request.
 */
import { ErrorCode, JobTrackerError } from '../../errors.js';

/**
 * The `INVALID_OPTIONS` error for `path`.
 *
 * @example
 * ```ts
 * throw invalidOptions('options.maxDelay', 'options.maxDelay must be at least options.minDelay.');
 * ```
 */
export function invalidOptions(path: string, message: string): JobTrackerError {
  return new JobTrackerError(ErrorCode.INVALID_OPTIONS, message, { path });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * Throws unless `client` looks like an AWS SDK client (it has `send`).
 *
 * @example
 * ```ts
 * checkClient(options.client, 'options.client');
 * ```
 */
export function checkClient(client: unknown, path: string): void {
  if (!isObject(client) || typeof client['send'] !== 'function') {
    throw invalidOptions(path, `${path} must be a MediaConvertClient (an object with send()).`);
  }
}

/**
 * Throws unless `value` is undefined or a function.
 *
 * @example
 * ```ts
 * checkFunction(options.sleep, 'options.sleep');
 * ```
 */
export function checkFunction(value: unknown, path: string): void {
  if (value !== undefined && typeof value !== 'function') {
    throw invalidOptions(path, `${path} must be a function.`);
  }
}

/**
 * Throws unless `value` is undefined or an `AbortSignal`.
 *
 * @example
 * ```ts
 * checkSignal(options.abortSignal, 'options.abortSignal');
 * ```
 */
export function checkSignal(value: unknown, path: string): void {
  if (value === undefined) return;
  if (
    !isObject(value) ||
    typeof value['aborted'] !== 'boolean' ||
    typeof value['addEventListener'] !== 'function' ||
    typeof value['removeEventListener'] !== 'function'
  ) {
    throw invalidOptions(path, `${path} must be an AbortSignal.`);
  }
}

/**
 * A value as an error message shows it: a string in quotes (`"60"`), so
 * that a number given as a string is told apart from the number.
 *
 * @example
 * ```ts
 * shown('60'); // '"60" (a string)'
 * ```
 */
export function shown(value: unknown): string {
  if (typeof value === 'string') return `${JSON.stringify(value)} (a string)`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return `${String(value)}${typeof value === 'number' ? '' : ` (a ${typeof value})`}`;
  }
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'function') return 'a function';
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

/** The range {@link readNumber} accepts. */
interface NumberRange {
  readonly min: number;
  readonly exclusiveMin?: boolean;
  readonly allowInfinity?: boolean;
}

/**
 * Throws unless `value` is undefined or a number in the range; returns it or `fallback`.
 *
 * @example
 * ```ts
 * const rate = readNumber(options.maxRequestsPerSecond, 'options.maxRequestsPerSecond', 2, {
 *   min: 0, exclusiveMin: true, allowInfinity: true,
 * });
 * ```
 */
export function readNumber(value: unknown, path: string, fallback: number, range: NumberRange): number {
  if (value === undefined) return fallback;
  const ok =
    typeof value === 'number' &&
    !Number.isNaN(value) &&
    (range.allowInfinity === true || Number.isFinite(value)) &&
    (range.exclusiveMin === true ? value > range.min : value >= range.min);
  if (!ok) {
    const kind = range.allowInfinity === true ? 'number' : 'finite number';
    const bound =
      range.exclusiveMin === true ? `greater than ${range.min}` : `of at least ${range.min}`;
    throw invalidOptions(path, `${path} must be a ${kind} ${bound}, got ${shown(value)}.`);
  }
  return value;
}

/**
 * Wraps an injected clock so that each reading is checked: a reading that
 * is no finite number throws `INVALID_OPTIONS` naming `path` instead of
 * turning every wait into none.
 *
 * @example
 * ```ts
 * const clock = checkedClock(options.clock ?? Date.now, 'options.clock');
 * ```
 */
export function checkedClock(clock: () => number, path: string): () => number {
  if (clock === Date.now) return clock;
  return () => {
    const now: unknown = clock();
    if (typeof now !== 'number' || !Number.isFinite(now)) {
      throw invalidOptions(path, `${path} must return a finite number of milliseconds, got ${shown(now)}.`);
    }
    return now;
  };
}

/**
 * Wraps an injected source of jitter so that each draw is checked: a draw
 * outside 0 to 1 (`NaN`, `Infinity`, `7`) throws `INVALID_OPTIONS` naming
 * `path`.
 *
 * @example
 * ```ts
 * const random = checkedRandom(options.random ?? Math.random, 'options.random');
 * ```
 */
export function checkedRandom(random: () => number, path: string): () => number {
  if (random === Math.random) return random;
  return () => {
    const draw: unknown = random();
    if (typeof draw !== 'number' || !(draw >= 0 && draw <= 1)) {
      throw invalidOptions(path, `${path} must return a number from 0 to 1, got ${shown(draw)}.`);
    }
    return draw;
  };
}

/**
 * Throws unless `value` is undefined or a whole number of at least `min`.
 *
 * @example
 * ```ts
 * const maxRetries = readInteger(options.maxRetries, 'options.maxRetries', 3, 0);
 * ```
 */
export function readInteger(value: unknown, path: string, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw invalidOptions(path, `${path} must be a whole number of at least ${min}, got ${shown(value)}.`);
  }
  return value;
}

/**
 * Throws unless `input.Id` is a non-empty string; returns it.
 *
 * @example
 * ```ts
 * const jobId = readJobId({ Id: '1671477617078-2886ye' });
 * ```
 */
export function readJobId(input: unknown): string {
  const id = isObject(input) ? input['Id'] : undefined;
  if (typeof id !== 'string' || id.trim() === '') {
    throw invalidOptions('input.Id', 'input.Id must be the MediaConvert job id, a non-empty string.');
  }
  return id;
}

/**
 * Throws unless `value` is undefined, an async iterable or a subscribe function.
 *
 * @example
 * ```ts
 * checkEventSource(options.events, 'options.events');
 * ```
 */
export function checkEventSource(value: unknown, path: string): void {
  if (value === undefined || typeof value === 'function') return;
  const iterable = value as { [Symbol.asyncIterator]?: unknown } | null;
  if (isObject(value) && typeof iterable?.[Symbol.asyncIterator] === 'function') return;
  throw invalidOptions(
    path,
    `${path} must be an AsyncIterable of event payloads or a subscribe function (listener) => unsubscribe.`,
  );
}

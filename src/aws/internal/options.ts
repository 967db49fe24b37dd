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
    const bound = range.exclusiveMin === true ? `greater than ${range.min}` : `${range.min} or more`;
    throw invalidOptions(path, `${path} must be a ${kind} ${bound}, got ${String(value)}.`);
  }
  return value;
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
    throw invalidOptions(path, `${path} must be a whole number of ${min} or more, got ${String(value)}.`);
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

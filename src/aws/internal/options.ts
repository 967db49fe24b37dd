/**
 * Checks of the options of the waiter, `watchJob` and the reconciler,
 * made before the first call so a mistake never costs a request.
 */
import { ErrorCode, JobTrackerError } from '../../errors.js';

/** The `INVALID_OPTIONS` error for `path`. */
export function invalidOptions(path: string, message: string): JobTrackerError {
  return new JobTrackerError(ErrorCode.INVALID_OPTIONS, message, { path });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Throws unless `client` looks like an AWS SDK client (it has `send`). */
export function checkClient(client: unknown, path: string): void {
  if (!isObject(client) || typeof client['send'] !== 'function') {
    throw invalidOptions(path, `${path} must be a MediaConvertClient (an object with send()).`);
  }
}

/** Throws unless `value` is undefined or a function. */
export function checkFunction(value: unknown, path: string): void {
  if (value !== undefined && typeof value !== 'function') {
    throw invalidOptions(path, `${path} must be a function.`);
  }
}

/** Throws unless `value` is undefined or an `AbortSignal`. */
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

/** Throws unless `value` is undefined or a number in the range; returns it or `fallback`. */
export function readNumber(
  value: unknown,
  path: string,
  fallback: number,
  range: { readonly min: number; readonly exclusiveMin?: boolean; readonly allowInfinity?: boolean },
): number {
  if (value === undefined) return fallback;
  const ok =
    typeof value === 'number' &&
    !Number.isNaN(value) &&
    (range.allowInfinity === true || Number.isFinite(value)) &&
    (range.exclusiveMin === true ? value > range.min : value >= range.min);
  if (!ok) {
    const bound = range.exclusiveMin === true ? `greater than ${range.min}` : `${range.min} or more`;
    throw invalidOptions(path, `${path} must be a ${range.allowInfinity === true ? '' : 'finite '}number ${bound}, got ${String(value)}.`);
  }
  return value;
}

/** Throws unless `value` is undefined or a whole number of at least `min`. */
export function readInteger(value: unknown, path: string, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw invalidOptions(path, `${path} must be a whole number of ${min} or more, got ${String(value)}.`);
  }
  return value;
}

/** Throws unless `input.Id` is a non-empty string; returns it. */
export function readJobId(input: unknown): string {
  const id = isObject(input) ? input['Id'] : undefined;
  if (typeof id !== 'string' || id.trim() === '') {
    throw invalidOptions('input.Id', 'input.Id must be the MediaConvert job id, a non-empty string.');
  }
  return id;
}

/** Throws unless `value` is undefined, an async iterable or a subscribe function. */
export function checkEventSource(value: unknown, path: string): void {
  if (value === undefined || typeof value === 'function') return;
  if (isObject(value) && typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function') {
    return;
  }
  throw invalidOptions(
    path,
    `${path} must be an AsyncIterable of event payloads or a subscribe function (listener) => unsubscribe.`,
  );
}

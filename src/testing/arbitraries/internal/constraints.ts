/**
 * Checks of constraint objects, so a mistake fails before any value is drawn.
 *
 * @internal
 */
import { ErrorCode, JobTrackerError } from '../../../errors.js';

function invalid(name: string, path: string, message: string): JobTrackerError {
  return new JobTrackerError(ErrorCode.INVALID_OPTIONS, `${name}: ${message}`, { path });
}

/** A whole number from `min`, or the default when absent. */
export function wholeNumber(
  name: string,
  path: string,
  value: number | undefined,
  fallback: number,
  min = 0,
): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < min) {
    throw invalid(name, path, `expected a whole number from ${min}, got ${String(value)}.`);
  }
  return value;
}

/** A non-empty list of allowed values, or the default when absent. */
export function nonEmptySubset<T>(
  name: string,
  path: string,
  value: readonly T[] | undefined,
  allowed: readonly T[],
): readonly T[] {
  if (value === undefined) return allowed;
  if (value.length === 0) throw invalid(name, path, 'expected at least one value.');
  for (const item of value) {
    if (!allowed.includes(item)) {
      throw invalid(name, path, `expected values among ${allowed.join(', ')}, got ${String(item)}.`);
    }
  }
  return [...new Set(value)];
}

/** Fails when `min` is above `max`. */
export function ordered(name: string, path: string, min: number, max: number): void {
  if (min > max) throw invalid(name, path, `the minimum ${min} is above the maximum ${max}.`);
}

/**
 * Reads API times in every form they travel in. Internal.
 */
import { ErrorCode, JobInputError } from '../../errors.js';
import { join } from '../../internal/fields.js';
import type { Fields } from '../../internal/fields.js';
import { get, unreadable, wrongType } from './guard.js';

/**
 * Epoch values at or above this are milliseconds, below it seconds.
 * 1e11 seconds is the year 5138; 1e11 milliseconds is March 1973, before
 * MediaConvert existed, so no real time of a job is ambiguous.
 */
const MILLISECONDS_FROM = 1e11;

/** ISO 8601 with a date, a time and an explicit offset (no local times). */
const ISO_WITH_OFFSET =
  /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:[Zz]|[+-]\d{2}:?\d{2})$/;

const DIGITS = /^\d+(?:\.\d+)?$/;

function invalidTime(path: string, value: unknown): JobInputError {
  return new JobInputError(
    ErrorCode.INVALID_VALUE,
    `Expected a time at ${path} (a Date, epoch seconds or milliseconds, or ISO 8601 with an offset), got ${JSON.stringify(String(value)).slice(0, 80)}.`,
    { path },
  );
}

function afterEpoch(ms: number, path: string): number {
  if (ms < 0) {
    throw new JobInputError(ErrorCode.OUT_OF_RANGE, `Expected a time after 1970 at ${path}.`, {
      path,
    });
  }
  return ms;
}

function fromEpoch(value: number, path: string): number {
  if (!Number.isFinite(value)) throw wrongType(path, 'a finite number', value);
  afterEpoch(value, path);
  return value >= MILLISECONDS_FROM ? Math.round(value) : Math.round(value * 1000);
}

/** The time of a `Date`, `undefined` for any other object. */
function dateTime(value: object, path: string): number | undefined {
  try {
    return value instanceof Date ? value.getTime() : undefined;
  } catch (cause) {
    throw unreadable(path, cause);
  }
}

/**
 * Epoch milliseconds from a `Date` (the SDK), epoch seconds (the REST wire
 * and CLI, possibly fractional), epoch milliseconds (CloudTrail records),
 * a string of digits of either, or ISO 8601 text with an offset (CLI output).
 */
export function toEpochMs(value: unknown, path: string): number {
  if (typeof value === 'number') return fromEpoch(value, path);
  if (typeof value === 'object' && value !== null) {
    const ms = dateTime(value, path);
    if (ms === undefined) throw wrongType(path, 'a time', value);
    if (Number.isNaN(ms)) throw invalidTime(path, 'Invalid Date');
    return afterEpoch(ms, path);
  }
  if (typeof value === 'string') {
    if (value.length > 64) throw invalidTime(path, value);
    if (DIGITS.test(value)) return fromEpoch(Number(value), path);
    if (!ISO_WITH_OFFSET.test(value)) throw invalidTime(path, value);
    const ms = Date.parse(value.replace(',', '.'));
    if (Number.isNaN(ms)) throw invalidTime(path, value);
    return afterEpoch(ms, path);
  }
  throw wrongType(path, 'a time', value);
}

/** An optional time field: absent or `null` gives `null`. */
export function readTime(obj: Fields, key: string, path: string): number | null {
  const value = get(obj, key, path);
  if (value === undefined || value === null) return null;
  return toEpochMs(value, join(path, key));
}

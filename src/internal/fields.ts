/**
 * Field readers shared by the adapters. Each reader takes the value, the
 * dotted path it was found at, and throws a {@link JobInputError} that names
 * the path and a literal code when the value is not what it must be.
 *
 * Internal: not re-exported from any public entry point.
 */
import { ErrorCode, JobInputError } from '../errors.js';

/** A plain object read from untrusted input. */
export type Fields = { readonly [key: string]: unknown };

/** Keys that would reach `Object.prototype` if copied naively. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

export function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function expectObject(value: unknown, path: string): Fields {
  if (!isObject(value)) {
    throw new JobInputError(
      ErrorCode.NOT_AN_OBJECT,
      `Expected an object at ${path || 'the top level'}, got ${describe(value)}.`,
      { path },
    );
  }
  return value;
}

export function missing(path: string): JobInputError {
  return new JobInputError(ErrorCode.MISSING_FIELD, `Missing required field ${path}.`, { path });
}

export function wrongType(path: string, expected: string, value: unknown): JobInputError {
  return new JobInputError(
    ErrorCode.INVALID_TYPE,
    `Expected ${expected} at ${path}, got ${describe(value)}.`,
    { path },
  );
}

export interface NumberRange {
  readonly min?: number;
  readonly max?: number;
  readonly integer?: boolean;
}

export function checkNumber(value: unknown, at: string, range: NumberRange = {}): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw wrongType(at, range.integer ? 'a finite integer' : 'a finite number', value);
  }
  if (range.integer && !Number.isInteger(value)) throw wrongType(at, 'an integer', value);
  if ((range.min !== undefined && value < range.min) || (range.max !== undefined && value > range.max)) {
    throw new JobInputError(
      ErrorCode.OUT_OF_RANGE,
      `Expected a number from ${range.min ?? '-∞'} to ${range.max ?? '∞'} at ${at}, got ${value}.`,
      { path: at },
    );
  }
  return value;
}

export function requireNumber(obj: Fields, key: string, path: string, range?: NumberRange): number {
  const value = obj[key];
  const at = join(path, key);
  if (value === undefined || value === null) throw missing(at);
  return checkNumber(value, at, range);
}

/** Throws when `key` could pollute prototypes if copied. */
export function checkKey(key: string, path: string): void {
  if (FORBIDDEN_KEYS.has(key)) {
    const at = join(path, key);
    throw new JobInputError(ErrorCode.FORBIDDEN_KEY, `Refusing the key "${key}" at ${at}.`, { path: at });
  }
}


/**
 * Reading values the caller owns without trusting them. A getter, a Proxy
 * trap or a revoked Proxy can throw from any property read, `in` test,
 * `Object.keys` or `Array.isArray`; each of these is wrapped here so that
 * such a throw becomes a {@link JobInputError} naming the path being read,
 * with the original error as `cause`. Also the adapters' type errors and
 * their prototype key check. Internal: not re-exported from any public entry.
 */
import { ErrorCode, JobInputError } from '../../errors.js';
import { join } from '../../internal/fields.js';
import type { Fields } from '../../internal/fields.js';

/** Names `path` in messages, the top level included. */
export function where(path: string): string {
  return path === '' ? 'the top level' : path;
}

/** Why `cause` was thrown, in at most 200 characters; never throws itself. */
export function reasonOf(cause: unknown): string {
  try {
    const text =
      typeof cause === 'object' && cause !== null && 'message' in cause
        ? String(cause.message)
        : String(cause);
    return text.length > 200 ? `${text.slice(0, 200)}...` : text;
  } catch {
    return 'an error that cannot be described';
  }
}

/**
 * The `UNRECOGNISED_INPUT` error of a value whose reading threw (a getter or
 * a Proxy of the caller's), with what it threw as `cause`.
 */
export function unreadable(path: string, cause: unknown): JobInputError {
  return new JobInputError(
    ErrorCode.UNRECOGNISED_INPUT,
    `The value at ${where(path)} could not be read: ${reasonOf(cause)}`,
    { path, cause },
  );
}

/** Whether `error` is a {@link JobInputError}; never throws, even for a hostile Proxy. */
export function isInputError(error: unknown): error is JobInputError {
  try {
    return error instanceof JobInputError;
  } catch {
    return false;
  }
}

/**
 * `error` when it is a {@link JobInputError}; anything else thrown while
 * reading the caller's value at `path` becomes an {@link unreadable} error.
 */
export function asInputError(error: unknown, path: string): JobInputError {
  return isInputError(error) ? error : unreadable(path, error);
}

/** `Array.isArray`, which throws for a revoked Proxy. */
export function isArrayAt(value: unknown, path: string): value is readonly unknown[] {
  try {
    return Array.isArray(value);
  } catch (cause) {
    throw unreadable(path, cause);
  }
}

/** Whether `value` is an object other than an array. */
export function isRecord(value: unknown, path: string): value is Fields {
  return typeof value === 'object' && value !== null && !isArrayAt(value, path);
}

/** `obj[key]`, where a throwing getter or Proxy trap gives a typed error. */
export function get(obj: Fields, key: string, path: string): unknown {
  try {
    return obj[key];
  } catch (cause) {
    throw unreadable(join(path, key), cause);
  }
}

/** `list[index]`, where a throwing Proxy trap gives a typed error. */
export function item(list: readonly unknown[], index: number, path: string): unknown {
  try {
    return list[index];
  } catch (cause) {
    throw unreadable(join(path, index), cause);
  }
}

/** `list.length`, read once, where a throwing Proxy trap gives a typed error. */
export function lengthOf(list: readonly unknown[], path: string): number {
  try {
    return list.length;
  } catch (cause) {
    throw unreadable(path, cause);
  }
}

/** `key in obj`, where a throwing Proxy trap gives a typed error. */
export function has(obj: Fields, key: string, path: string): boolean {
  try {
    return key in obj;
  } catch (cause) {
    throw unreadable(path, cause);
  }
}

/** `Object.keys(obj)`, where a throwing Proxy trap gives a typed error. */
export function keysOf(obj: object, path: string): readonly string[] {
  try {
    return Object.keys(obj);
  } catch (cause) {
    throw unreadable(path, cause);
  }
}

/** `Object.getPrototypeOf(obj)`, where a throwing Proxy trap gives a typed error. */
export function prototypeOf(obj: object, path: string): unknown {
  try {
    return Object.getPrototypeOf(obj) as unknown;
  } catch (cause) {
    throw unreadable(path, cause);
  }
}

/**
 * `value` as bytes when it is a `Uint8Array` (a `Buffer` too) or an
 * `ArrayBuffer`, `null` for any other object. A Proxy that only looks like
 * a `Uint8Array` gives a typed error rather than the engine's `TypeError`.
 */
export function bytesOf(value: object, path: string): Uint8Array | null {
  try {
    if (value instanceof Uint8Array) {
      if (!ArrayBuffer.isView(value)) throw new TypeError('not a real Uint8Array');
      return value;
    }
    return value instanceof ArrayBuffer ? new Uint8Array(value) : null;
  } catch (cause) {
    throw unreadable(path, cause);
  }
}

/** What `value` is, for messages: `undefined`, `null`, `NaN`, `a string`, `an array`... */
export function describe(value: unknown): string {
  switch (typeof value) {
    case 'undefined':
      return 'undefined';
    case 'number':
      return Number.isFinite(value) ? 'a number' : String(value);
    case 'object':
      if (value === null) return 'null';
      try {
        return Array.isArray(value) ? 'an array' : 'an object';
      } catch {
        return 'a revoked Proxy';
      }
    default:
      return `a ${typeof value}`;
  }
}

/** An `INVALID_TYPE` error: `expected` at `path`, and what was there instead. */
export function wrongType(path: string, expected: string, value: unknown): JobInputError {
  return new JobInputError(
    ErrorCode.INVALID_TYPE,
    `Expected ${expected} at ${where(path)}, got ${describe(value)}.`,
    { path },
  );
}

/** A `NOT_AN_OBJECT` error for `value` found at `path`. */
export function notAnObject(path: string, value: unknown, expected = 'an object'): JobInputError {
  return new JobInputError(
    ErrorCode.NOT_AN_OBJECT,
    `Expected ${expected} at ${where(path)}, got ${describe(value)}.`,
    { path },
  );
}

/** `value` when it is an object other than an array; `NOT_AN_OBJECT` otherwise. */
export function expectObject(value: unknown, path: string): Fields {
  if (isRecord(value, path)) return value;
  throw notAnObject(path, value);
}

/**
 * Throws `FORBIDDEN_KEY` for `__proto__`, the one key that reaches a
 * prototype when assigned. `constructor` and `prototype` are ordinary names
 * (MediaConvert metadata may use them): the adapters copy into fresh objects
 * by assignment, where only `__proto__` is special.
 */
export function checkKey(key: string, path: string): void {
  if (key === '__proto__') {
    const at = join(path, key);
    throw new JobInputError(ErrorCode.FORBIDDEN_KEY, `Refusing the key "${key}" at ${at}.`, {
      path: at,
    });
  }
}

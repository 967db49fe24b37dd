/**
 * The smallest pieces shared by everything that reads untrusted input: the
 * shape of a plain object, number ranges, field paths and the error for a
 * missing field. The readers themselves live in `src/adapters/internal/`.
 *
 * Internal: not re-exported from any public entry point.
 */
import { ErrorCode, JobInputError } from '../errors.js';

/** A plain object read from untrusted input. */
export type Fields = { readonly [key: string]: unknown };

/** The range a number must lie in. */
export interface NumberRange {
  readonly min?: number;
  readonly max?: number;
  readonly integer?: boolean;
}

/** The path of `key` inside `path`: `a.b`, `a[3]`. */
export function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

/** Whether a value is a plain object (not `null`, not an array). */
export function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The error for a required field that is absent. */
export function missing(path: string): JobInputError {
  return new JobInputError(ErrorCode.MISSING_FIELD, `Missing required field ${path}.`, { path });
}

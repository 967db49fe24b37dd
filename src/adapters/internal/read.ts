/**
 * Bounded readers shared by the adapters: string fields with a length limit,
 * string lists and maps, and the JSON text decoder with its size limit.
 * Internal: not re-exported from any public entry point.
 */
import { ErrorCode, JobInputError } from '../../errors.js';
import {
  checkKey,
  checkNumber,
  expectObject,
  join,
  missing,
  requireNumber,
  wrongType,
} from '../../internal/fields.js';
import type { Fields, NumberRange } from '../../internal/fields.js';
import type { ParseContext } from './context.js';

/** Names `path` in messages, the top level included. */
export function where(path: string): string {
  return path === '' ? 'the top level' : path;
}

/** An `INPUT_TOO_LARGE` error for `path`. */
export function tooLarge(path: string, what: string, size: number, max: number): JobInputError {
  return new JobInputError(
    ErrorCode.INPUT_TOO_LARGE,
    `${what} at ${where(path)} is ${size} long, over the limit of ${max}.`,
    { path },
  );
}

/** A `TOO_DEEP` error for `path`. */
export function tooDeep(path: string, ctx: ParseContext): JobInputError {
  return new JobInputError(
    ErrorCode.TOO_DEEP,
    `Nesting at ${where(path)} is deeper than ${ctx.maxDepth} levels (or the value is cyclic).`,
    { path },
  );
}

/** Returns `value` when it is within `maxStringLength`, throws otherwise. */
export function checkLength(value: string, path: string, ctx: ParseContext): string {
  if (value.length > ctx.maxStringLength) {
    throw tooLarge(path, 'The string', value.length, ctx.maxStringLength);
  }
  return value;
}

/** A required, non-empty, bounded string field. */
export function readString(obj: Fields, key: string, path: string, ctx: ParseContext): string {
  const value = obj[key];
  if (typeof value === 'string' && value !== '' && value.length <= ctx.maxStringLength) {
    return value;
  }
  const at = join(path, key);
  if (value === undefined || value === null) throw missing(at);
  if (typeof value !== 'string') throw wrongType(at, 'a string', value);
  if (value === '') {
    throw new JobInputError(ErrorCode.INVALID_VALUE, `Expected a non-empty string at ${at}.`, {
      path: at,
    });
  }
  return checkLength(value, at, ctx);
}

/** An optional bounded string field: absent or `null` gives `null`. */
export function readOptionalString(
  obj: Fields,
  key: string,
  path: string,
  ctx: ParseContext,
): string | null {
  const value = obj[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw wrongType(join(path, key), 'a string', value);
  return value.length <= ctx.maxStringLength ? value : checkLength(value, join(path, key), ctx);
}

/** A message field: absent, `null` or empty gives `null`. */
export function readMessage(
  obj: Fields,
  key: string,
  path: string,
  ctx: ParseContext,
): string | null {
  const value = readOptionalString(obj, key, path, ctx);
  return value === '' ? null : value;
}

/** An optional list of bounded strings: absent or `null` gives `[]`. */
export function readStringList(
  obj: Fields,
  key: string,
  path: string,
  ctx: ParseContext,
): readonly string[] {
  const value = obj[key];
  if (value === undefined || value === null) return [];
  const at = join(path, key);
  if (!Array.isArray(value)) throw wrongType(at, 'an array', value);
  const list: unknown[] = value;
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (typeof item !== 'string') throw wrongType(join(at, i), 'a string', item);
    checkLength(item, join(at, i), ctx);
  }
  return list as string[];
}

/**
 * A string-to-string map such as `userMetadata`. Absent or `null` gives
 * `null`; a key such as `__proto__` is refused. A map from this library's own
 * `JSON.parse` (`trusted`) is returned as it is once checked; a caller's map
 * is copied into a fresh object.
 */
export function readStringMap(
  obj: Fields,
  key: string,
  path: string,
  ctx: ParseContext,
  trusted: boolean,
): { readonly [key: string]: string } | null {
  const value = obj[key];
  if (value === undefined || value === null) return null;
  const at = join(path, key);
  const map = expectObject(value, at);
  const out: Record<string, string> | null = trusted ? null : {};
  for (const k of Object.keys(map)) {
    checkKey(k, at);
    const v = map[k];
    if (typeof v !== 'string') throw wrongType(join(at, k), 'a string', v);
    if (k.length > ctx.maxStringLength) checkLength(k, at, ctx);
    if (v.length > ctx.maxStringLength) checkLength(v, join(at, k), ctx);
    if (out !== null) out[k] = v;
  }
  return out ?? (map as { readonly [key: string]: string });
}

/**
 * The UTF-8 length of `text`, counted only until it passes `max`
 * (the result is then some number above `max`).
 */
function utf8Length(text: string, max: number): number {
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= max; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    } else bytes += 3;
  }
  return bytes;
}

/** Throws `INPUT_TOO_LARGE` when `text` is over `maxInputBytes` in UTF-8. */
export function checkTextSize(text: string, path: string, ctx: ParseContext): void {
  const max = ctx.maxInputBytes;
  // Each UTF-16 unit is 1 to 3 UTF-8 bytes, so only a middle band needs counting.
  if (text.length > max) throw tooLarge(path, 'The JSON text', text.length, max);
  if (text.length * 3 > max) {
    const bytes = utf8Length(text, max);
    if (bytes > max) throw tooLarge(path, 'The JSON text', bytes, max);
  }
}

/** Parses bounded JSON text, naming `path` in the error. */
export function parseJsonText(text: string, path: string, ctx: ParseContext): unknown {
  checkTextSize(text, path, ctx);
  try {
    // A file saved with a byte order mark is still JSON to its author.
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new JobInputError(
      ErrorCode.INVALID_JSON,
      `Invalid JSON at ${where(path)}: ${reason}`,
      { path, cause },
    );
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes bounded UTF-8 bytes and parses them as JSON. */
export function parseJsonBytes(bytes: Uint8Array, path: string, ctx: ParseContext): unknown {
  if (bytes.byteLength > ctx.maxInputBytes) {
    throw tooLarge(path, 'The JSON bytes', bytes.byteLength, ctx.maxInputBytes);
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch (cause) {
    throw new JobInputError(ErrorCode.INVALID_JSON, `The bytes at ${where(path)} are not UTF-8.`, {
      path,
      cause,
    });
  }
  return parseJsonText(text, path, ctx);
}

function inRange(value: number, range: NumberRange): boolean {
  return (
    (range.min === undefined || value >= range.min) &&
    (range.max === undefined || value <= range.max) &&
    (range.integer !== true || Number.isInteger(value))
  );
}

/**
 * A required finite number in `range`. The path is only built when the value
 * is refused, which keeps the reader cheap on the hot path.
 */
export function readNumber(obj: Fields, key: string, path: string, range: NumberRange): number {
  const value = obj[key];
  if (typeof value === 'number' && Number.isFinite(value) && inRange(value, range)) return value;
  return requireNumber(obj, key, path, range);
}

/** An optional finite number in `range`: absent or `null` gives `null` (unknown, never 0). */
export function readOptionalNumber(
  obj: Fields,
  key: string,
  path: string,
  range: NumberRange,
): number | null {
  const value = obj[key];
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && Number.isFinite(value) && inRange(value, range)) return value;
  return checkNumber(value, join(path, key), range);
}

/**
 * Bounded readers shared by the adapters: string fields with a length limit,
 * numbers in a range, string lists and maps, and the JSON text decoder with
 * its size limit. Every read of a field goes through the guards, so a getter
 * or Proxy that throws gives a typed error naming the field.
 * Internal: not re-exported from any public entry point.
 */
import { ErrorCode, JobInputError } from '../../errors.js';
import { join, missing } from '../../internal/fields.js';
import type { Fields, NumberRange } from '../../internal/fields.js';
import type { ParseContext } from './context.js';
import {
  checkKey,
  expectObject,
  get,
  isArrayAt,
  item,
  keysOf,
  lengthOf,
  where,
  wrongType,
} from './guard.js';
import { explainJsonError } from './json-error.js';

export { where } from './guard.js';

/** An `INPUT_TOO_LARGE` error for `path`, with a whole sentence as its message. */
export function tooLarge(path: string, message: string): JobInputError {
  return new JobInputError(ErrorCode.INPUT_TOO_LARGE, message, { path });
}

/** The longest path a `TOO_DEEP` error names; longer ones lose their middle. */
const MAX_SHOWN_PATH = 200;

/** `path`, with its middle replaced by an ellipsis when it is very long. */
export function shortPath(path: string): string {
  if (path.length <= MAX_SHOWN_PATH) return path;
  const keep = (MAX_SHOWN_PATH - 1) / 2;
  return `${path.slice(0, Math.ceil(keep))}…${path.slice(path.length - Math.floor(keep))}`;
}

/**
 * A `TOO_DEEP` error for `path`. The path of a deep or cyclic value grows
 * with each level, so a long one keeps only its start and its end.
 */
export function tooDeep(path: string, ctx: ParseContext): JobInputError {
  const shown = shortPath(path);
  return new JobInputError(
    ErrorCode.TOO_DEEP,
    `Nesting at ${where(shown)} is deeper than ${ctx.maxDepth} levels (or the value is cyclic).`,
    { path: shown },
  );
}

/** Returns `value` when it is within `maxStringLength`, throws otherwise. */
export function checkLength(value: string, path: string, ctx: ParseContext): string {
  if (value.length > ctx.maxStringLength) {
    throw tooLarge(
      path,
      `The string at ${where(path)} is ${value.length} characters long, over the limit of ${ctx.maxStringLength}.`,
    );
  }
  return value;
}

/**
 * Refuses an array or object of the caller's with more elements or keys than
 * JSON text within `maxInputBytes` could hold (each needs two bytes at least),
 * so a sparse array of length 2^32 - 1 is refused instead of walked.
 */
export function checkCount(count: number, path: string, ctx: ParseContext, what: string): void {
  if (count > ctx.maxItems) {
    throw tooLarge(
      path,
      `The ${what} at ${where(path)} has ${count} entries, more than JSON text within the limit of ${ctx.maxInputBytes} bytes can hold.`,
    );
  }
}

/**
 * Reads a list of the caller's: its length, checked against the limits.
 * Elements are then read with {@link item}. Holes of a sparse array read as
 * `undefined`, which every reader refuses with its own typed error.
 */
export function listLength(list: readonly unknown[], path: string, ctx: ParseContext): number {
  const length = lengthOf(list, path);
  checkCount(length, path, ctx, 'array');
  return length;
}

/** A required, non-empty, bounded string field. */
export function readString(obj: Fields, key: string, path: string, ctx: ParseContext): string {
  const value = get(obj, key, path);
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
  const value = get(obj, key, path);
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

/**
 * An optional list of bounded strings: absent or `null` gives `[]`. A list
 * from this library's own `JSON.parse` (`trusted`) is returned as it is once
 * checked; a caller's list is copied.
 */
export function readStringList(
  obj: Fields,
  key: string,
  path: string,
  ctx: ParseContext,
  trusted: boolean,
): readonly string[] {
  const value = get(obj, key, path);
  if (value === undefined || value === null) return [];
  const at = join(path, key);
  if (!isArrayAt(value, at)) throw wrongType(at, 'an array', value);
  const length = trusted ? value.length : listLength(value, at, ctx);
  const out: string[] | null = trusted ? null : [];
  for (let i = 0; i < length; i++) {
    const text = trusted ? value[i] : item(value, i, at);
    if (typeof text !== 'string') throw wrongType(join(at, i), 'a string', text);
    if (text.length > ctx.maxStringLength) checkLength(text, join(at, i), ctx);
    out?.push(text);
  }
  return out ?? (value as readonly string[]);
}

/**
 * A string-to-string map such as `userMetadata`. Absent or `null` gives
 * `null`; the key `__proto__` is refused, `constructor` and `prototype` are
 * kept as the ordinary names they are. A map from this library's own
 * `JSON.parse` (`trusted`) is returned as it is once checked (`JSON.parse`
 * makes every key an own property); a caller's map is copied into a fresh
 * object.
 */
export function readStringMap(
  obj: Fields,
  key: string,
  path: string,
  ctx: ParseContext,
  trusted: boolean,
): { readonly [key: string]: string } | null {
  const value = get(obj, key, path);
  if (value === undefined || value === null) return null;
  const at = join(path, key);
  const map = expectObject(value, at);
  const keys = keysOf(map, at);
  if (!trusted) checkCount(keys.length, at, ctx, 'object');
  const out: Record<string, string> | null = trusted ? null : {};
  for (const k of keys) {
    checkKey(k, at);
    const v = trusted ? map[k] : get(map, k, at);
    if (typeof v !== 'string') throw wrongType(join(at, k), 'a string', v);
    if (k.length > ctx.maxStringLength) checkLength(k, at, ctx);
    if (v.length > ctx.maxStringLength) checkLength(v, join(at, k), ctx);
    if (out !== null) out[k] = v;
  }
  return out ?? (map as { readonly [key: string]: string });
}

/** The exact UTF-8 length of `text` (a lone surrogate counts as the 3 bytes of U+FFFD). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
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
  // Each UTF-16 unit is 1 to 3 UTF-8 bytes, so only a middle band needs
  // counting, and that band is at most `max` units long.
  if (text.length > max) {
    throw tooLarge(
      path,
      `The JSON text at ${where(path)} has ${text.length} characters, over the limit of ${max} UTF-8 bytes.`,
    );
  }
  if (text.length * 3 > max) {
    const bytes = utf8Length(text);
    if (bytes > max) {
      throw tooLarge(
        path,
        `The JSON text at ${where(path)} is ${bytes} bytes in UTF-8 (${text.length} characters), over the limit of ${max} bytes.`,
      );
    }
  }
}

/** Parses bounded JSON text, naming `path` in the error. */
export function parseJsonText(text: string, path: string, ctx: ParseContext): unknown {
  checkTextSize(text, path, ctx);
  // A file saved with a byte order mark is still JSON to its author.
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(json);
  } catch (cause) {
    throw new JobInputError(
      ErrorCode.INVALID_JSON,
      `Invalid JSON at ${where(path)}: ${explainJsonError(cause, json)}`,
      { path, cause },
    );
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes bounded UTF-8 bytes and parses them as JSON. */
export function parseJsonBytes(bytes: Uint8Array, path: string, ctx: ParseContext): unknown {
  if (bytes.byteLength > ctx.maxInputBytes) {
    throw tooLarge(
      path,
      `The JSON bytes at ${where(path)} are ${bytes.byteLength} bytes, over the limit of ${ctx.maxInputBytes}.`,
    );
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

/** Throws the error that says why `value` at `at` is not a number in `range`. */
export function checkNumber(value: unknown, at: string, range: NumberRange): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw wrongType(at, range.integer === true ? 'a finite integer' : 'a finite number', value);
  }
  if (range.integer === true && !Number.isInteger(value)) {
    throw new JobInputError(
      ErrorCode.INVALID_TYPE,
      `Expected an integer at ${at}, got ${value}.`,
      { path: at },
    );
  }
  if (!inRange(value, range)) {
    throw new JobInputError(
      ErrorCode.OUT_OF_RANGE,
      `Expected a number from ${range.min ?? '-∞'} to ${range.max ?? '∞'} at ${at}, got ${value}.`,
      { path: at },
    );
  }
  return value;
}

/**
 * A required finite number in `range`. The path is only built when the value
 * is refused, which keeps the reader cheap on the hot path.
 */
export function readNumber(obj: Fields, key: string, path: string, range: NumberRange): number {
  const value = get(obj, key, path);
  if (typeof value === 'number' && Number.isFinite(value) && inRange(value, range)) return value;
  const at = join(path, key);
  if (value === undefined || value === null) throw missing(at);
  return checkNumber(value, at, range);
}

/** An optional finite number in `range`: absent or `null` gives `null` (unknown, never 0). */
export function readOptionalNumber(
  obj: Fields,
  key: string,
  path: string,
  range: NumberRange,
): number | null {
  const value = get(obj, key, path);
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && Number.isFinite(value) && inRange(value, range)) return value;
  return checkNumber(value, join(path, key), range);
}

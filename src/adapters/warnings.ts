import { ErrorCode, JobInputError } from '../errors.js';
import { join, missing } from '../internal/fields.js';
import type { WarningCount } from '../model/input.js';
import type { ParseContext } from './internal/context.js';
import { get, isArrayAt, isRecord, item, wrongType } from './internal/guard.js';
import { listLength, readNumber } from './internal/read.js';
import { COUNT } from './internal/status.js';

const CODE_DIGITS = /^\d{1,16}$/;

/**
 * Normalises a MediaConvert warning code to a string of at least six digits.
 *
 * `COMPLETE` events and the API send codes as numbers, which lose leading
 * zeros; `NEW_WARNING` events send strings. Both become one form: the number
 * `230004` gives `"230004"`, the number `0` gives `"000000"`, the string
 * `"000000"` stays. A string of fewer than six digits is padded like the
 * number it spells. Anything else is refused.
 *
 * @param path - Where the code was found, for the error.
 * @throws JobInputError `INVALID_VALUE` for a negative, fractional or non-digit
 *   code, `INVALID_TYPE` for a value that is neither a number nor a string.
 * @example
 * ```ts
 * normaliseWarningCode(230004); // '230004'
 * normaliseWarningCode(0); // '000000'
 * normaliseWarningCode('000000'); // '000000'
 * ```
 */
export function normaliseWarningCode(code: unknown, path = 'code'): string {
  if (typeof code === 'number') {
    if (Number.isSafeInteger(code) && code >= 0) return String(code).padStart(6, '0');
  } else if (typeof code === 'string') {
    if (CODE_DIGITS.test(code)) return code.padStart(6, '0');
  } else {
    throw wrongType(path, 'a warning code (a number or a string of digits)', code);
  }
  const shown = typeof code === 'string' ? JSON.stringify(code.slice(0, 40)) : String(code);
  throw new JobInputError(
    ErrorCode.INVALID_VALUE,
    `Expected a warning code of digits at ${path}, got ${shown}.`,
    { path },
  );
}

/**
 * Reads a list of `{code, count}` warnings (`warnings` of `COMPLETE` events,
 * `Warnings` of API jobs with `Code`/`Count`). Absent or `null` gives `[]`.
 * Internal.
 *
 * @param trusted - Whether `value` came from this library's own `JSON.parse`.
 */
export function readWarningCounts(
  value: unknown,
  path: string,
  codeKey: string,
  countKey: string,
  ctx: ParseContext,
  trusted: boolean,
): readonly WarningCount[] {
  if (value === undefined || value === null) return [];
  if (!isArrayAt(value, path)) throw wrongType(path, 'an array', value);
  const length = trusted ? value.length : listLength(value, path, ctx);
  const out: WarningCount[] = [];
  for (let i = 0; i < length; i++) {
    const at = join(path, i);
    const warning = trusted ? value[i] : item(value, i, path);
    if (!isRecord(warning, at)) throw wrongType(at, 'an object', warning);
    const code = get(warning, codeKey, at);
    if (code === undefined || code === null) throw missing(join(at, codeKey));
    out.push({
      code: normaliseWarningCode(code, join(at, codeKey)),
      count: readNumber(warning, countKey, at, COUNT),
    });
  }
  return out;
}

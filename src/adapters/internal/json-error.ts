/**
 * Makes `INVALID_JSON` reports useful: where in the text the parser stopped
 * and, for the usual cause in recorded MediaConvert events, what is wrong.
 * Internal: the command line reuses these to point into its files.
 */
import { reasonOf } from './guard.js';

/**
 * The hint given when the parser stopped at a number written with leading
 * zeros: the documented sample `COMPLETE` event writes a warning code so.
 *
 * @example
 * ```ts
 * if (error.message.includes(LEADING_ZERO_HINT)) suggestQuoting();
 * ```
 */
export const LEADING_ZERO_HINT =
  'a number written with leading zeros (such as a warning code 000000) is not valid JSON; ' +
  'write it as a string ("000000") or without the zeros';

/**
 * Where the parser stopped, from the position V8 puts in its message, or `null`.
 *
 * @example
 * ```ts
 * jsonErrorOffset('Unexpected number in JSON at position 9'); // 9
 * ```
 */
export function jsonErrorOffset(message: string): number | null {
  const match = /position (\d+)/.exec(message);
  return match?.[1] === undefined ? null : Number(match[1]);
}

/**
 * The line and column (both 1-based) of `offset` in `text`.
 *
 * @example
 * ```ts
 * lineAndColumn('{\n "a": 01}', 9); // { line: 2, column: 8 }
 * ```
 */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line += 1;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * Whether the parser stopped at `offset` because a number starts with a
 * zero followed by more digits (`000000`, `-01`): V8 stops at the digit
 * after that zero.
 *
 * @example
 * ```ts
 * isLeadingZeroAt('{"code":000000}', 9); // true
 * ```
 */
export function isLeadingZeroAt(text: string, offset: number): boolean {
  if (offset < 1 || !isDigit(text.charCodeAt(offset))) return false;
  if (text.charCodeAt(offset - 1) !== 48) return false;
  let before = offset - 2;
  if (before >= 0 && text.charCodeAt(before) === 45) before -= 1;
  return before < 0 || !isDigit(text.charCodeAt(before));
}

/**
 * The engine's reason for refusing `text`, with the line and column when the
 * text has several lines and, for a number with leading zeros, the hint.
 *
 * @example
 * ```ts
 * explainJsonError(new SyntaxError('Unexpected number in JSON at position 9'), '{"code":000000}');
 * // 'Unexpected number in JSON at position 9; a number written with leading zeros ...'
 * ```
 */
export function explainJsonError(cause: unknown, text: string): string {
  const reason = reasonOf(cause);
  const offset = jsonErrorOffset(reason);
  if (offset === null) return reason;
  const parts = [reason];
  if (!/\bline\b/.test(reason) && text.includes('\n')) {
    const { line, column } = lineAndColumn(text, offset);
    parts[0] = `${reason} (line ${line}, column ${column})`;
  }
  if (isLeadingZeroAt(text, offset)) parts.push(LEADING_ZERO_HINT);
  return parts.join('; ');
}

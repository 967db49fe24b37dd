/**
 * Makes `INVALID_JSON` reports useful: where in the text the parser
 * stopped, and the usual cause in recorded MediaConvert events.
 */

/** Where the parser stopped, from the position V8 puts in its message. */
function positionOf(message: string): number | null {
  const match = /position (\d+)/.exec(message);
  return match?.[1] === undefined ? null : Number(match[1]);
}

/** The line and column (both 1-based) of `offset` in `text`. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
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

/** A number with a leading zero (`000000`), which JSON does not allow. */
const LEADING_ZERO = /[[:,]\s*-?0\d/;

/**
 * Explains an `INVALID_JSON` error of a payload read from `text` that
 * starts on line `firstLine`: where the parser stopped and, when a number
 * is written with leading zeros (the documented sample `COMPLETE` event
 * writes its warning code as `000000`), that this is the cause.
 *
 * @example
 * ```ts
 * explainJsonError('Unexpected number in JSON at position 9', '{"code":000000}', 4);
 * // 'stopped at line 4, column 10; a number written with leading zeros ...'
 * ```
 */
export function explainJsonError(message: string, text: string, firstLine: number): string {
  const parts: string[] = [];
  const position = positionOf(message);
  let nearby = text;
  if (position !== null) {
    const { line, column } = lineAndColumn(text, position);
    parts.push(`stopped at line ${firstLine + line - 1}, column ${column}`);
    nearby = text.slice(Math.max(0, position - 24), position + 1);
  }
  // The adapters' own message names leading zeros already; say it once.
  if (LEADING_ZERO.test(nearby) && !message.includes('leading zeros')) {
    parts.push(
      'a number written with leading zeros (such as a warning code 000000) is not valid JSON; ' +
        'write it as a string ("000000") or without the zeros',
    );
  }
  return parts.join('; ');
}

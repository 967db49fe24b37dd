/**
 * Splits the text given to `replay` into payloads: the lines of a JSON
 * Lines file, the elements of a JSON array, or one JSON document.
 */

/**
 * How the text was read.
 *
 * @example
 * ```ts
 * if (splitPayloads(text).format === InputFormat.JSON_LINES) console.log('one payload a line');
 * ```
 */
export const InputFormat = {
  JSON_LINES: 'json-lines',
  JSON_ARRAY: 'json-array',
  JSON_DOCUMENT: 'json-document',
  EMPTY: 'empty',
} as const;

/**
 * One of the formats of {@link InputFormat}.
 *
 * @example
 * ```ts
 * const format: InputFormat = splitPayloads(text).format;
 * ```
 */
export type InputFormat = (typeof InputFormat)[keyof typeof InputFormat];

/**
 * How messages name the payload of a whole document.
 *
 * @example
 * ```ts
 * const where = payload.where === DOCUMENT ? itemPath : `${payload.where}, ${itemPath}`;
 * ```
 */
export const DOCUMENT = 'the document';

/**
 * One payload to hand to the adapters.
 *
 * @example
 * ```ts
 * const payload: Payload = { where: 'line 1', line: 1, value: '{"detail-type": "..."}' };
 * ```
 */
export interface Payload {
  /** How messages name it: `line 12`, `item [3]` or `the document`. */
  readonly where: string;
  /** The line it starts on (1-based), when known. */
  readonly line: number | null;
  /** JSON text, or a value already parsed from the whole text. */
  readonly value: unknown;
}

/**
 * The payloads found in a text, and how the text was read.
 *
 * @example
 * ```ts
 * const { format, payloads }: SplitPayloads = splitPayloads(text);
 * ```
 */
export interface SplitPayloads {
  readonly format: InputFormat;
  readonly payloads: readonly Payload[];
}

/** The 1-based line of the first character that is not white space. */
function firstLineOf(text: string): number {
  const start = text.search(/\S/);
  if (start <= 0) return 1;
  let line = 1;
  for (let i = 0; i < start; i++) if (text.charCodeAt(i) === 10) line += 1;
  return line;
}

/**
 * Whether text that is not valid JSON as a whole is a pretty-printed
 * document rather than JSON Lines: such a document opens with a bracket
 * alone on its first line, which no JSON Lines record does.
 */
function isPrettyDocument(text: string): boolean {
  const first = text.split('\n').find((line) => line.trim() !== '');
  return first !== undefined && /^\s*[[{]\s*$/.test(first);
}

/**
 * Splits `text` into payloads.
 *
 * Text that parses as JSON is a JSON array (one payload per element) or
 * one document (an event, an SQS batch, a ListJobs page, ...). Text that
 * does not parse is read as JSON Lines, one payload per non-blank line, so
 * that one bad line is reported on its own; a pretty-printed document that
 * does not parse stays one payload, so its error is reported once.
 *
 * @example
 * ```ts
 * const { format, payloads } = splitPayloads('{"a":1}\n{"b":2}\n');
 * // format 'json-lines', payloads[1].where 'line 2'
 * ```
 */
export function splitPayloads(text: string): SplitPayloads {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return { format: InputFormat.EMPTY, payloads: [] };

  let whole: unknown;
  let parsed = true;
  try {
    whole = JSON.parse(body);
  } catch {
    parsed = false;
  }
  const lines = body.split('\n');
  const nonBlank = lines.filter((line) => line.trim() !== '').length;

  if (parsed && Array.isArray(whole)) {
    const elements: readonly unknown[] = whole;
    return {
      format: InputFormat.JSON_ARRAY,
      payloads: elements.map((value, i) => ({ where: `item [${i}]`, line: null, value })),
    };
  }
  if ((parsed && nonBlank > 1) || (!parsed && isPrettyDocument(body))) {
    const line = firstLineOf(body);
    return {
      format: InputFormat.JSON_DOCUMENT,
      payloads: [{ where: DOCUMENT, line, value: parsed ? whole : body }],
    };
  }
  const payloads: Payload[] = [];
  lines.forEach((raw, i) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() !== '') payloads.push({ where: `line ${i + 1}`, line: i + 1, value: line });
  });
  return { format: InputFormat.JSON_LINES, payloads };
}

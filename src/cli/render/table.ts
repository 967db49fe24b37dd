/**
 * Aligns rows into columns. A cell may hold several lines; colour codes
 * do not count towards widths.
 */
import { visibleWidth } from './style.js';

/**
 * One cell: a line of text, or several.
 *
 * @example
 * ```ts
 * const outputs: Cell = ['HLS_GROUP s3://b/index.m3u8', 'FILE_GROUP s3://b/a.jpg'];
 * const row: Cell[] = ['1733238000123-a1b2c3', 'COMPLETE', outputs];
 * ```
 */
export type Cell = string | readonly string[];

const GAP = '  ';

function linesOf(cell: Cell): readonly string[] {
  return typeof cell === 'string' ? [cell] : cell.length === 0 ? [''] : cell;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - visibleWidth(text)));
}

/**
 * Renders `rows` as aligned columns separated by two spaces, one string a
 * line, without trailing spaces. A row with a multi-line cell takes as many
 * lines as its tallest cell.
 *
 * @example
 * ```ts
 * renderTable([['JOB', 'STATUS'], ['1733238000123-a1b2c3', 'COMPLETE']]).join('\n');
 * // JOB                   STATUS
 * // 1733238000123-a1b2c3  COMPLETE
 * ```
 */
export function renderTable(rows: readonly (readonly Cell[])[], indent = ''): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      for (const line of linesOf(cell)) widths[i] = Math.max(widths[i] ?? 0, visibleWidth(line));
    });
  }
  const out: string[] = [];
  for (const row of rows) {
    const cells = row.map(linesOf);
    const height = Math.max(1, ...cells.map((lines) => lines.length));
    for (let k = 0; k < height; k++) {
      const parts = cells.map((lines, i) => pad(lines[k] ?? '', widths[i] ?? 0));
      out.push((indent + parts.join(GAP)).trimEnd());
    }
  }
  return out;
}

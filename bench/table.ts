/**
 * A plain text table for the benchmark's report.
 */

/**
 * Renders rows as a table; the first row is the header. Text columns are
 * aligned left, the others right.
 *
 * @example
 * ```ts
 * renderTable([['Measure', 'Value'], ['Import time', '12.3 ms']]);
 * ```
 */
export function renderTable(rows: readonly (readonly string[])[]): string {
  const columns = Math.max(...rows.map((r) => r.length));
  const widths: number[] = [];
  for (let c = 0; c < columns; c++) {
    widths.push(Math.max(...rows.map((r) => (r[c] ?? '').length)));
  }
  const line = (row: readonly string[]): string =>
    widths
      .map((w, c) => {
        const cell = row[c] ?? '';
        return c === 0 || c === columns - 1 ? cell.padEnd(w) : cell.padStart(w);
      })
      .join('  ')
      .trimEnd();
  const [header, ...body] = rows;
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(header ?? []), rule, ...body.map(line)].join('\n');
}

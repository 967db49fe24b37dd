/**
 * Renders the summary table: one row per job with its status, progress,
 * warnings, error and outputs.
 */
import type { JobState } from '../../index.js';
import type { ReplayCounts } from '../replay/replay-payloads.js';
import {
  errorText,
  outputText,
  progressText,
  statusPaint,
  warningsText,
  wrap,
} from './describe.js';
import type { Style } from './style.js';
import { renderTable, type Cell } from './table.js';

const HEADERS = ['JOB', 'STATUS', 'PROGRESS', 'WARNINGS', 'ERROR', 'OUTPUTS'] as const;
const ERROR_WIDTH = 48;

function row(state: JobState, style: Style): Cell[] {
  const warnings = warningsText(state);
  const outputs = state.outputs.map(outputText);
  return [
    state.jobId ?? '?',
    statusPaint(state.status, style)(state.status),
    progressText(state),
    warnings.length === 0 ? '-' : warnings,
    state.error === null ? '-' : wrap(errorText(state.error), ERROR_WIDTH),
    outputs.length === 0 ? '-' : outputs,
  ];
}

/**
 * Renders the summary table of `jobs`, ending in a newline; a line saying
 * so when there are none.
 *
 * @example
 * ```ts
 * io.stdout.write(renderSummary(report.jobs, createStyle(false)));
 * ```
 */
export function renderSummary(jobs: readonly JobState[], style: Style): string {
  if (jobs.length === 0) return 'No job found in the input.\n';
  const header = HEADERS.map((title) => style.bold(title));
  return `${renderTable([header, ...jobs.map((state) => row(state, style))]).join('\n')}\n`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * One line saying what became of the input: how many payloads were read
 * and how many items were applied, duplicate, stale, ignored, skipped or
 * rejected.
 *
 * @example
 * ```ts
 * renderCounts(report.counts, 'line', createStyle(false));
 * // 'Read 14 lines: 11 applied, 2 duplicate, 1 stale, 0 skipped, 0 rejected.\n'
 * ```
 */
export function renderCounts(counts: ReplayCounts, unit: string, style: Style): string {
  const parts = [
    `${counts.applied} applied`,
    `${counts.duplicate} duplicate`,
    `${counts.stale} stale`,
    ...(counts.ignored > 0 ? [`${counts.ignored} ignored`] : []),
    `${counts.skipped} skipped`,
    counts.rejected > 0 ? style.red(`${counts.rejected} rejected`) : '0 rejected',
  ];
  return `Read ${plural(counts.payloads, unit)}: ${parts.join(', ')}.\n`;
}

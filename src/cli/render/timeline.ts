/**
 * Renders each job's timeline: one line per input read, in reading order,
 * with the job's state after it and what the input said.
 */
import type { JobInput } from '../../index.js';
import type { ReplayEntry } from '../replay/replay-payloads.js';
import {
  errorText,
  formatTime,
  queueName,
  stateText,
  truncate,
} from './describe.js';
import type { Style } from './style.js';
import { renderTable, type Cell } from './table.js';

/** What an input says, in a few words. */
function inputNotes(input: JobInput): string {
  switch (input.type) {
    case 'PROGRESSING':
      return input.queue === null ? '' : `queue ${queueName(input.queue)}`;
    case 'INPUT_INFORMATION': {
      const uris = input.inputs.flatMap((i) => (i.uri === null ? [] : [i.uri]));
      const more = uris.length > 1 ? ` (+${uris.length - 1} more)` : '';
      return uris[0] === undefined ? `${input.inputs.length} inputs` : `input ${uris[0]}${more}`;
    }
    case 'STATUS_UPDATE': {
      const notes: string[] = [];
      if (input.attempt !== null && input.attempt > 0) notes.push(`attempt ${input.attempt + 1}`);
      if (input.framesDecoded !== null) notes.push(`${input.framesDecoded} frames decoded`);
      return notes.join(', ');
    }
    case 'COMPLETE': {
      const count = input.outputs.length;
      const groups = count === 1 ? '1 output group' : `${count} output groups`;
      const types = input.outputs.map((g) => g.type).join(', ');
      const warnings = input.warnings.map((w) => `warning ${w.code} x${w.count}`);
      return [types === '' ? groups : `${groups} (${types})`, ...warnings].join('; ');
    }
    case 'ERROR':
      return `error ${truncate(errorText(input.error), 100)}`;
    case 'CANCELED':
      return '';
    case 'NEW_WARNING':
      const message = input.message === null ? '' : `: ${truncate(input.message, 80)}`;
      return `warning ${input.code}${message}`;
    case 'QUEUE_HOP': {
      const { hop } = input;
      const before = hop.previousPriority ?? '?';
      const priority = hop.priority === null ? '' : ` (priority ${before} -> ${hop.priority})`;
      return `queue hop ${queueName(hop.from)} -> ${queueName(hop.to)}${priority}`;
    }
    case 'API_SNAPSHOT': {
      const notes = [`API says ${input.status}`];
      if (input.phase !== null) notes.push(`${input.phase} ${input.jobPercent ?? '?'}%`);
      if (input.hops.length > 0) notes.push(`${input.hops.length} queue hops`);
      if (input.error !== null) notes.push(`error ${truncate(errorText(input.error), 100)}`);
      if (input.outputs.length > 0) notes.push(`${input.outputs.length} output groups`);
      return notes.join('; ');
    }
  }
}

function outcomeCell(entry: ReplayEntry, style: Style): string {
  switch (entry.outcome) {
    case 'applied':
      return entry.state === null ? 'applied' : `-> ${stateText(entry.state, style)}`;
    case 'duplicate':
      return style.dim('duplicate');
    case 'stale':
      return style.yellow(`stale (${entry.reason ?? 'NOTHING_NEW'})`);
    case 'ignored':
      return style.dim(`ignored (${entry.reason ?? '?'})`);
    case 'skipped':
      return style.dim(`skipped (${entry.reason ?? '?'})`);
    case 'rejected':
      return style.red(`rejected (${entry.reason ?? '?'})`);
  }
}

function notesCell(entry: ReplayEntry): string {
  if (entry.outcome === 'duplicate') {
    return entry.input?.eventId === null || entry.input === null
      ? 'seen before: nothing new'
      : `event ${entry.input.eventId} was applied before`;
  }
  const notes = entry.input === null ? '' : inputNotes(entry.input);
  if (entry.outcome === 'applied' || entry.message === null) return notes;
  return notes === '' ? entry.message : `${notes}; ${entry.message}`;
}

function row(entry: ReplayEntry, style: Style): Cell[] {
  return [
    style.dim(formatTime(entry.at)),
    style.dim(entry.where),
    entry.input?.type ?? '-',
    outcomeCell(entry, style),
    notesCell(entry),
  ];
}

function heading(jobId: string, entries: readonly ReplayEntry[], style: Style): string {
  const state = entries.findLast((e) => e.state !== null)?.state ?? null;
  const metadata = Object.entries(state?.userMetadata ?? {})
    .map(([key, value]) => `${key}=${value}`)
    .join(' ');
  return `${style.bold(`Job ${jobId}`)}${metadata === '' ? '' : `  ${metadata}`}`;
}

/**
 * Renders the timeline of every job (in the order jobs first appear), then
 * the skipped items that name no job. Returns the text, ending in a newline.
 *
 * @example
 * ```ts
 * io.stdout.write(renderTimelines(report.entries, createStyle(false)));
 * ```
 */
export function renderTimelines(entries: readonly ReplayEntry[], style: Style): string {
  const byJob = new Map<string, ReplayEntry[]>();
  const other: ReplayEntry[] = [];
  for (const entry of entries) {
    if (entry.jobId === null) {
      other.push(entry);
      continue;
    }
    const list = byJob.get(entry.jobId);
    if (list === undefined) byJob.set(entry.jobId, [entry]);
    else list.push(entry);
  }
  const blocks: string[] = [];
  for (const [jobId, list] of byJob) {
    const lines = renderTable(list.map((entry) => row(entry, style)), '  ');
    blocks.push([heading(jobId, list, style), ...lines].join('\n'));
  }
  if (other.length > 0) {
    const lines = renderTable(other.map((entry) => row(entry, style)), '  ');
    blocks.push([style.bold('Not about a job'), ...lines].join('\n'));
  }
  return blocks.length === 0 ? '' : `${blocks.join('\n\n')}\n`;
}

/**
 * Short human descriptions of job facts, shared by the timeline and the
 * summary table. Unknown values read as unknown, never as 0.
 */
import type { JobErrorState, JobState, OutputGroup, WarningState } from '../../index.js';
import type { Paint, Style } from './style.js';

/**
 * An epoch-milliseconds time as ISO 8601 in UTC, or `-` when unknown.
 *
 * @example
 * ```ts
 * formatTime(1733238004000); // '2024-12-03T15:00:04.000Z'
 * ```
 */
export function formatTime(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '-';
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? '-' : date.toISOString();
}

/**
 * The name of a queue from its ARN (`.../queues/Default` gives `Default`).
 *
 * @example
 * ```ts
 * queueName('arn:aws:mediaconvert:us-west-2:111122223333:queues/Default'); // 'Default'
 * ```
 */
export function queueName(queue: string | null): string {
  if (queue === null) return '?';
  const at = queue.lastIndexOf('/');
  return at === -1 ? queue : queue.slice(at + 1);
}

/**
 * The colour of a status: green for `COMPLETE`, red for `ERROR`, ...
 *
 * @example
 * ```ts
 * statusPaint('ERROR', style)('ERROR');
 * ```
 */
export function statusPaint(status: string, style: Style): Paint {
  switch (status) {
    case 'COMPLETE':
      return style.green;
    case 'ERROR':
      return style.red;
    case 'CANCELED':
      return style.yellow;
    case 'PROGRESSING':
      return style.cyan;
    default:
      return (text) => text;
  }
}

/**
 * Where a job stands in its progress: `TRANSCODING 41%` while it runs
 * (`?%` when the service gave no percent), the last known percent of a job
 * that failed or was canceled, `-` otherwise.
 *
 * @example
 * ```ts
 * progressText(state); // 'UPLOADING 93%'
 * ```
 */
export function progressText(state: JobState): string {
  const percent = state.progress.jobPercent;
  if (state.status === 'PROGRESSING') {
    const shown = percent === null ? '?%' : `${percent}%`;
    const attempt = state.attempt > 0 ? ` (attempt ${state.attempt + 1})` : '';
    return `${state.phase ?? 'phase ?'} ${shown}${attempt}`;
  }
  if ((state.status === 'ERROR' || state.status === 'CANCELED') && percent !== null) {
    return `${percent}% when it stopped`;
  }
  return '-';
}

/**
 * A job's status, phase and percent on one line.
 *
 * @example
 * ```ts
 * stateText(state, style); // 'PROGRESSING TRANSCODING 41%'
 * ```
 */
export function stateText(state: JobState, style: Style): string {
  const status = statusPaint(state.status, style)(state.status);
  return state.status === 'PROGRESSING' ? `${status} ${progressText(state)}` : status;
}

/**
 * A warning and how often it occurred: `230004 x1`.
 *
 * @example
 * ```ts
 * warningText({ code: '230004', count: 1, message: null, lastSeenAt: 0 }); // '230004 x1'
 * ```
 */
export function warningText(warning: WarningState): string {
  return `${warning.code} x${warning.count}`;
}

/**
 * Every warning of a job, by code.
 *
 * @example
 * ```ts
 * warningsText(state); // ['230004 x1']
 * ```
 */
export function warningsText(state: JobState): string[] {
  return Object.keys(state.warnings)
    .sort()
    .flatMap((code) => {
      const warning = state.warnings[code];
      return warning === undefined ? [] : [warningText(warning)];
    });
}

/**
 * An error code and message: `3450: Error encountered ...`. The message is
 * shown as sent; the code is added in front unless the message starts with it.
 *
 * @example
 * ```ts
 * errorText({ code: 1999, message: null }); // '1999 (no message)'
 * ```
 */
export function errorText(error: JobErrorState | null): string {
  if (error === null) return '';
  const code = error.code === null ? 'no code' : String(error.code);
  if (error.message === null) return `${code} (no message)`;
  return error.message.startsWith(`${code}:`) ? error.message : `${code}: ${error.message}`;
}

/**
 * The main locations of an output group: the manifests of streaming
 * groups, the media files of a file group (first one and how many more).
 *
 * @example
 * ```ts
 * outputText(group); // 'HLS_GROUP s3://bucket/out/index.m3u8'
 * ```
 */
export function outputText(group: OutputGroup): string {
  const manifests = [group.hlsManifest, group.dashManifest, group.smoothManifest].filter(
    (path): path is string => path !== null,
  );
  let paths: readonly string[] = manifests.length > 0 ? manifests : group.playlistPaths;
  if (paths.length === 0) paths = group.outputs.flatMap((output) => output.paths);
  if (paths.length === 0) return `${group.type} (paths unknown)`;
  const [first] = paths;
  const more = manifests.length > 0 ? manifests.slice(1) : [];
  const rest = paths.length - 1 - more.length;
  const tail = rest > 0 ? [`(+${rest} more)`] : [];
  return [`${group.type} ${first ?? ''}`, ...more, ...tail].join(' ');
}

/**
 * Shortens `text` to `max` characters, ending it with `...` when cut.
 *
 * @example
 * ```ts
 * truncate('a long message', 8); // 'a lon...'
 * ```
 */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 3))}...`;
}

/**
 * Breaks `text` into lines of at most `width` characters at spaces
 * (a word longer than `width` stays whole).
 *
 * @example
 * ```ts
 * wrap('3450: Error encountered when accessing', 20);
 * // ['3450: Error', 'encountered when', 'accessing']
 * ```
 */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (word === '') continue;
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

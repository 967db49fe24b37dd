/**
 * Short sentences about where a job stands, for reasons and messages.
 */
import type { JobState } from '../../model/job-state.js';

/**
 * `SUBMITTED`, `PROGRESSING (TRANSCODING, 41%)` or
 * `PROGRESSING (PROBING, percent unknown)`: unknown percent is said so, never 0.
 *
 * @example
 * ```ts
 * describeProgress(state); // 'PROGRESSING (UPLOADING, 97%)'
 * ```
 */
export function describeProgress(job: JobState): string {
  if (job.status !== 'PROGRESSING') return job.status;
  const percent = job.progress.jobPercent;
  const phase = job.phase ?? 'phase unknown';
  return `PROGRESSING (${phase}, ${percent === null ? 'percent unknown' : `${percent}%`})`;
}

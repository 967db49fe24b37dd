/**
 * Short sentences about where a job stands, for reasons and messages.
 */
import type { JobState } from '../../model/job-state.js';
import type { RetryableFailure } from '../api-failure.js';

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

/**
 * Whether anything about the job was ever learnt: an answer or an event
 * applied (or a tracker given with a history). Until then its `SUBMITTED`
 * is only the starting guess, and messages must not claim it.
 *
 * @example
 * ```ts
 * const where = wasObserved(state) ? `still ${describeProgress(state)}` : 'unknown';
 * ```
 */
export function wasObserved(job: JobState): boolean {
  return job.timing.lastEventAt !== null;
}

/**
 * ` (the last GetJob failed: ECONNREFUSED)`, or nothing when no call failed.
 *
 * @example
 * ```ts
 * `No answer about job ${id} was received in 60 s${lastFailureText(follower.lastFailure)}.`;
 * ```
 */
export function lastFailureText(failure: RetryableFailure | null): string {
  return failure === null ? '' : ` (the last GetJob failed: ${failure.reason})`;
}

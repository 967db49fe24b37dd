/**
 * The coarse lifecycle of a MediaConvert job.
 *
 * @example
 * ```ts
 * import { JobStatus } from 'mediaconvert-job-tracker';
 * if (state.status === JobStatus.COMPLETE) publish(state.outputs);
 * ```
 * @see https://docs.aws.amazon.com/mediaconvert/latest/ug/how-mediaconvert-jobs-progress.html
 */
export const JobStatus = {
  SUBMITTED: 'SUBMITTED',
  PROGRESSING: 'PROGRESSING',
  COMPLETE: 'COMPLETE',
  ERROR: 'ERROR',
  CANCELED: 'CANCELED',
} as const;

/** One of the five statuses of {@link JobStatus}. */
export type JobStatus = (typeof JobStatus)[keyof typeof JobStatus];

/**
 * The three statuses a job never leaves.
 *
 * @example
 * ```ts
 * FINAL_STATUSES.includes(state.status); // true once the job has settled
 * ```
 */
export const FINAL_STATUSES = [
  JobStatus.COMPLETE,
  JobStatus.ERROR,
  JobStatus.CANCELED,
] as const;

/** A status the job never leaves: `COMPLETE`, `ERROR` or `CANCELED`. */
export type FinalJobStatus = (typeof FINAL_STATUSES)[number];

/**
 * Whether `status` is one of the final statuses.
 *
 * @example
 * ```ts
 * if (isFinalStatus(state.status)) await archive(state);
 * ```
 */
export function isFinalStatus(status: JobStatus): status is FinalJobStatus {
  return (
    status === JobStatus.COMPLETE ||
    status === JobStatus.ERROR ||
    status === JobStatus.CANCELED
  );
}

/**
 * The fine lifecycle inside `PROGRESSING`, in the order a job goes through it.
 *
 * @example
 * ```ts
 * if (state.phase === JobPhase.UPLOADING) showAlmostDone();
 * ```
 */
export const JobPhase = {
  PROBING: 'PROBING',
  TRANSCODING: 'TRANSCODING',
  UPLOADING: 'UPLOADING',
} as const;

/** One of the three phases of {@link JobPhase}. */
export type JobPhase = (typeof JobPhase)[keyof typeof JobPhase];

/**
 * The phases in lifecycle order; a phase's index is its rank.
 *
 * @example
 * ```ts
 * PHASE_ORDER.indexOf('UPLOADING'); // 2
 * ```
 */
export const PHASE_ORDER = [
  JobPhase.PROBING,
  JobPhase.TRANSCODING,
  JobPhase.UPLOADING,
] as const;

/**
 * How far one phase has got, as `STATUS_UPDATE` events report it.
 *
 * @example
 * ```ts
 * state.progress.phases.TRANSCODING?.status === PhaseStatus.COMPLETE;
 * ```
 */
export const PhaseStatus = {
  PENDING: 'PENDING',
  PROGRESSING: 'PROGRESSING',
  COMPLETE: 'COMPLETE',
} as const;

/** One of the three values of {@link PhaseStatus}. */
export type PhaseStatus = (typeof PhaseStatus)[keyof typeof PhaseStatus];

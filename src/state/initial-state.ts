import type { JobProgress, JobQueueState, JobState, JobTiming } from '../model/job-state.js';

/** @internal Frozen empty values shared by every state, so unknown parts cost no memory. */
export const EMPTY_ARRAY: readonly never[] = Object.freeze([]);
/** @internal */
export const EMPTY_OBJECT: { readonly [key: string]: never } = Object.freeze({});

/** @internal */
export const EMPTY_PHASES: JobProgress['phases'] = Object.freeze({
  PROBING: null,
  TRANSCODING: null,
  UPLOADING: null,
});

/** @internal */
export const EMPTY_PROGRESS: JobProgress = Object.freeze({
  jobPercent: null,
  phases: EMPTY_PHASES,
  framesDecoded: null,
});

/** @internal */
export const EMPTY_QUEUE: JobQueueState = Object.freeze({
  submitted: null,
  current: null,
  currentAt: null,
  submittedPriority: null,
  priority: null,
  hops: EMPTY_ARRAY,
});

/** @internal */
export const EMPTY_TIMING: JobTiming = Object.freeze({
  submittedAt: null,
  startedAt: null,
  finishedAt: null,
  lastEventAt: null,
});

/** @internal */
export const EMPTY_MESSAGES: JobState['messages'] = Object.freeze({
  info: EMPTY_ARRAY,
  warning: EMPTY_ARRAY,
});

/**
 * The state of a job nothing has been learnt about yet: `SUBMITTED`, since
 * any input at all proves the job was submitted.
 *
 * @param jobId - the job id, or `null` to learn it from the first input
 * @example
 * ```ts
 * const state = createInitialJobState('1671477617078-2886ye');
 * state.status; // 'SUBMITTED'
 * ```
 */
export function createInitialJobState(jobId: string | null = null): JobState {
  return Object.freeze({
    jobId,
    arn: null,
    status: 'SUBMITTED',
    phase: null,
    attempt: 0,
    settledAt: null,
    progress: EMPTY_PROGRESS,
    queue: EMPTY_QUEUE,
    warnings: EMPTY_OBJECT,
    messages: EMPTY_MESSAGES,
    error: null,
    outputs: EMPTY_ARRAY,
    completion: null,
    inputs: EMPTY_ARRAY,
    userMetadata: EMPTY_OBJECT,
    timing: EMPTY_TIMING,
    anomalies: EMPTY_ARRAY,
    appliedEventIds: EMPTY_ARRAY,
  });
}

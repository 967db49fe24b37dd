/**
 * The waiter AWS never shipped for MediaConvert: wait until a job is
 * `COMPLETE`, shaped like the AWS SDK v3 waiters.
 */
import { ErrorCode, JobTrackerError } from '../errors.js';
import type { JobState } from '../model/job-state.js';
import { readFollowSettings, type JobFollowOptions } from './follow-options.js';
import { JobFollower, type FollowEnd } from './internal/follower.js';
import { describeProgress, lastFailureText, wasObserved } from './internal/describe.js';

/**
 * How a wait ended, named like the AWS SDK's `WaiterState` (which also has
 * `RETRY`, a state a finished wait never reports).
 *
 * @example
 * ```ts
 * if (result.state === JobWaiterState.FAILURE) alert(result.reason);
 * ```
 */
export const JobWaiterState = {
  /** The job is `COMPLETE`. */
  SUCCESS: 'SUCCESS',
  /** The job ended `ERROR` or `CANCELED`. */
  FAILURE: 'FAILURE',
  /** `maxWaitTime` passed before the job settled. */
  TIMEOUT: 'TIMEOUT',
  /** The abort signal fired. */
  ABORTED: 'ABORTED',
} as const;

/**
 * One of the values of {@link JobWaiterState}.
 *
 * @example
 * ```ts
 * const state: JobWaiterState = (await waitForJobComplete(options, { Id })).state;
 * ```
 */
export type JobWaiterState = (typeof JobWaiterState)[keyof typeof JobWaiterState];

/**
 * Options of {@link waitUntilJobComplete} and {@link waitForJobComplete}:
 * the AWS SDK's `WaiterConfiguration` (`client`, `maxWaitTime`, `minDelay`,
 * `maxDelay`, `abortSignal`, in seconds) plus an event source and test hooks.
 *
 * @example
 * ```ts
 * const options: JobWaiterOptions = { client, maxWaitTime: 3_600, maxDelay: 30 };
 * ```
 */
export interface JobWaiterOptions extends JobFollowOptions {
  /**
   * The most seconds to wait; more than `minDelay`. The last poll happens at
   * this deadline, so a job that settles just before it is still seen.
   */
  readonly maxWaitTime: number;
}

/**
 * The job to wait for, as `GetJobCommand` takes it.
 *
 * @example
 * ```ts
 * const input: JobWaiterInput = { Id: '1671477617078-2886ye' };
 * ```
 */
export interface JobWaiterInput {
  readonly Id: string;
}

/**
 * What a wait found.
 *
 * @example
 * ```ts
 * const { state, job, reason } = await waitForJobComplete({ client, maxWaitTime: 900 }, { Id });
 * ```
 */
export interface JobWaiterResult {
  readonly state: JobWaiterState;
  /** Everything known about the job when the wait ended (unknown percent is `null`, never 0). */
  readonly job: JobState;
  /** A sentence saying why the wait ended, with the error code and message of a failed job. */
  readonly reason: string;
  /** `GetJob` calls made (a call the SDK retried counts once). */
  readonly polls: number;
  /**
   * `GetJob` calls that failed in a way worth retrying (throttled, 5xx,
   * network) or whose answer could not be read (`INVALID_RESPONSE`).
   */
  readonly retries: number;
  /**
   * The same calls counted by their reason (see `RetryableFailure.reason`):
   * `{ TooManyRequestsException: 2, ECONNRESET: 1, OUT_OF_RANGE: 1 }`.
   */
  readonly retryReasons: { readonly [reason: string]: number };
}

/**
 * A {@link JobWaiterResult} of a job that is `COMPLETE`.
 *
 * @example
 * ```ts
 * const done: JobWaiterSuccess = await waitUntilJobComplete(options, { Id });
 * ```
 */
export interface JobWaiterSuccess extends JobWaiterResult {
  readonly state: typeof JobWaiterState.SUCCESS;
}

function resultOf(end: FollowEnd, follower: JobFollower, maxWaitTime: number): JobWaiterResult {
  const job = follower.tracker.state;
  const id = follower.tracker.jobId ?? '?';
  const base = {
    job,
    polls: follower.polls,
    retries: follower.retries,
    retryReasons: follower.retryReasons(),
  };
  switch (end.kind) {
    case 'settled': {
      if (job.status === 'COMPLETE') {
        return { ...base, state: JobWaiterState.SUCCESS, reason: `Job ${id} is COMPLETE.` };
      }
      if (job.status === 'CANCELED') {
        return { ...base, state: JobWaiterState.FAILURE, reason: `Job ${id} was CANCELED.` };
      }
      const code = job.error?.code ?? null;
      const message = job.error?.message ?? null;
      const what = code === null ? 'no error code' : `error ${code}`;
      const detail = `${what}${message === null ? ' (no message)' : `: ${message}`}`;
      return {
        ...base,
        state: JobWaiterState.FAILURE,
        reason: `Job ${id} ended in ERROR with ${detail}`,
      };
    }
    case 'timeout':
      return {
        ...base,
        state: JobWaiterState.TIMEOUT,
        reason: wasObserved(job)
          ? `Job ${id} was still ${describeProgress(job)} after ${maxWaitTime} s.`
          : `No answer about job ${id} was received in ${maxWaitTime} s` +
            `${lastFailureText(follower.lastFailure)}.`,
      };
    case 'aborted':
    case 'stopped':
      return {
        ...base,
        state: JobWaiterState.ABORTED,
        reason: wasObserved(job)
          ? `Waiting for job ${id} was aborted while it was ${describeProgress(job)}.`
          : `Waiting for job ${id} was aborted before any answer about it was received` +
            `${lastFailureText(follower.lastFailure)}.`,
      };
    case 'failed':
      throw end.error;
  }
}

/**
 * Polls `GetJob` (and reads `events`, if given) until the job settles, the
 * time runs out or the signal fires, and resolves with what it found; it
 * never rejects for how the job ended. This mirrors the AWS SDK's
 * deprecated-but-handy `waitForX` form; {@link waitUntilJobComplete} is the
 * `waitUntilX` form that throws unless the job is `COMPLETE`.
 *
 * Between polls it waits with exponential backoff and full jitter from
 * `minDelay` up to `maxDelay`, no longer than the job's `StatusUpdateInterval`
 * while it is `PROGRESSING`. `SUBMITTED` is waiting, never failure: a job held
 * in a paused queue waits until `maxWaitTime`. Throttling, 5xx answers,
 * broken connections and answers that cannot be read (a percent of 150, an
 * unknown status) only slow it down and keep the last good state (see
 * `observer.onRetry` and `retryReasons`). A wait that never got an answer
 * says so in `reason`: `No answer about job ... was received in 60 s (the
 * last GetJob failed: ECONNREFUSED).`
 *
 * @throws JobTrackerError `INVALID_OPTIONS` before any call for wrong
 *   options (and later if an injected `clock` or `random` gives a value
 *   that is no time or no draw from 0 to 1); `JOB_NOT_FOUND`,
 *   `ACCESS_DENIED` or `API_REQUEST_FAILED` when `GetJob` fails in a way
 *   that waiting cannot fix (the SDK error is `cause`).
 * @example
 * ```ts
 * import { MediaConvertClient } from '@aws-sdk/client-mediaconvert';
 * import { waitForJobComplete } from 'mediaconvert-job-tracker/aws';
 *
 * const client = new MediaConvertClient({ region: 'us-west-2' });
 * const result = await waitForJobComplete({ client, maxWaitTime: 3_600 }, { Id: jobId });
 * if (result.state === 'SUCCESS') publish(result.job.outputs);
 * else console.error(result.reason); // 'Job 1671477617078-2886ye ended in ERROR with error 1040: ...'
 * ```
 */
export async function waitForJobComplete(
  options: JobWaiterOptions,
  input: JobWaiterInput,
): Promise<JobWaiterResult> {
  const settings = readFollowSettings(options, input, { requireMaxWait: true, collect: false });
  const follower = new JobFollower(settings);
  follower.start();
  const end = await follower.done;
  return resultOf(end, follower, options.maxWaitTime);
}

/**
 * Waits like {@link waitForJobComplete} and resolves only when the job is
 * `COMPLETE`, as the AWS SDK's `waitUntilX` waiters do: any other outcome
 * rejects with a {@link JobTrackerError} whose `code` is `JOB_FAILED`
 * (`ERROR` or `CANCELED`), `WAIT_TIMEOUT` or `WAIT_ABORTED`, and whose
 * `cause` is the {@link JobWaiterResult} with the last state (read it with
 * {@link waiterResultOf}).
 *
 * @throws JobTrackerError as above, and as {@link waitForJobComplete} throws.
 * @example
 * ```ts
 * import { waitUntilJobComplete, waiterResultOf } from 'mediaconvert-job-tracker/aws';
 *
 * try {
 *   const { job } = await waitUntilJobComplete({ client, maxWaitTime: 3_600 }, { Id: jobId });
 *   publish(job.outputs);
 * } catch (error) {
 *   const last = waiterResultOf(error)?.job;
 *   alert(last?.error?.code, last?.error?.message);
 * }
 * ```
 */
export async function waitUntilJobComplete(
  options: JobWaiterOptions,
  input: JobWaiterInput,
): Promise<JobWaiterSuccess> {
  const result = await waitForJobComplete(options, input);
  if (result.state === JobWaiterState.SUCCESS) return { ...result, state: JobWaiterState.SUCCESS };
  const jobId = result.job.jobId ?? input.Id;
  const [code, path] =
    result.state === JobWaiterState.FAILURE
      ? [ErrorCode.JOB_FAILED, 'Job.Status']
      : result.state === JobWaiterState.TIMEOUT
        ? [ErrorCode.WAIT_TIMEOUT, 'maxWaitTime']
        : [ErrorCode.WAIT_ABORTED, 'abortSignal'];
  throw new JobTrackerError(code, result.reason, { jobId, path, cause: result });
}

/**
 * The {@link JobWaiterResult} a rejection of {@link waitUntilJobComplete}
 * carries, or `null` for any other error.
 *
 * @example
 * ```ts
 * const result = waiterResultOf(error);
 * if (result?.state === 'TIMEOUT') requeue(result.job);
 * ```
 */
export function waiterResultOf(error: unknown): JobWaiterResult | null {
  if (!(error instanceof JobTrackerError)) return null;
  const cause: unknown = error.cause;
  if (typeof cause !== 'object' || cause === null) return null;
  const candidate = cause as Partial<JobWaiterResult>;
  const states: readonly unknown[] = Object.values(JobWaiterState);
  return states.includes(candidate.state) && typeof candidate.job === 'object' && candidate.job !== null
    ? (cause as JobWaiterResult)
    : null;
}

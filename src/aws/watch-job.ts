/**
 * `watchJob`: a job's states as an async iterable, fed by GetJob polls and
 * an optional event source through one tracker.
 */
import { ErrorCode, JobTrackerError } from '../errors.js';
import type { JobState } from '../model/job-state.js';
import { readFollowSettings, type JobFollowOptions } from './follow-options.js';
import { describeProgress, lastFailureText, wasObserved } from './internal/describe.js';
import { JobFollower } from './internal/follower.js';
import type { JobWaiterInput } from './wait-for-job-complete.js';

/**
 * Options of {@link watchJob}: those of the waiter, with `maxWaitTime`
 * optional.
 *
 * @example
 * ```ts
 * const options: WatchJobOptions = { client, events: subscribe, maxDelay: 15 };
 * ```
 */
export interface WatchJobOptions extends JobFollowOptions {
  /**
   * The most seconds to watch; past it the iteration throws `WAIT_TIMEOUT`.
   * @defaultValue no limit: watch until the job settles
   */
  readonly maxWaitTime?: number;
}

/**
 * Follows a job and yields each distinct state as it changes: the state a
 * given `tracker` already holds, or else the first one `GetJob` shows, then
 * every change the polls or the events bring, in the tracker's order
 * (duplicates, stale and out-of-order inputs never yield a state that goes
 * back). It yields the final state and ends once the job is
 * `COMPLETE`, `ERROR` or `CANCELED`; a failed job ends the iteration normally.
 *
 * Leaving the loop (`break`, `return`, a throw) stops polling, cancels the
 * call in flight and releases the event source. The abort signal does the
 * same and makes the iteration throw `WAIT_ABORTED`; `maxWaitTime` makes it
 * throw `WAIT_TIMEOUT`; a call that waiting cannot fix throws
 * `JOB_NOT_FOUND`, `ACCESS_DENIED` or `API_REQUEST_FAILED`. Options are
 * checked when the iteration starts, before any call (`INVALID_OPTIONS`).
 *
 * Polling is pulled by the loop: no `GetJob` is sent while a state it
 * yielded has not been taken, so a slow loop body costs no calls and an
 * iterator that is never read again stops polling (states that events
 * bring meanwhile wait, in order, until read). Once the body asks for the
 * next state, a poll that is due goes out at once. The default timer keeps
 * the process alive only while the loop waits for a state, so an abandoned
 * iterator never holds the process open. Answers that cannot be read and
 * failed calls are retried with backoff (see `observer.onRetry`).
 *
 * @throws JobTrackerError as described above, from the `for await` loop.
 * @example
 * ```ts
 * import { watchJob } from 'mediaconvert-job-tracker/aws';
 *
 * for await (const state of watchJob({ client, events: subscribe }, { Id: jobId })) {
 *   render(state.status, state.phase, state.progress.jobPercent ?? '?');
 * }
 * ```
 */
export async function* watchJob(
  options: WatchJobOptions,
  input: JobWaiterInput,
): AsyncGenerator<JobState, void, undefined> {
  const settings = readFollowSettings(options, input, { requireMaxWait: false, collect: true });
  const follower = new JobFollower(settings);
  const lastFailure = (): string => lastFailureText(follower.lastFailure);
  if (settings.tracker !== undefined && settings.tracker.state.timing.lastEventAt !== null) {
    // A resumed tracker already knows something: show it before the first poll.
    yield settings.tracker.state;
  }
  follower.start();
  try {
    for (;;) {
      const step = await follower.nextChange();
      if (step.kind === 'state') {
        yield step.state;
        continue;
      }
      const { end } = step;
      const job = follower.tracker.state;
      const jobId = settings.jobId;
      switch (end.kind) {
        case 'settled':
        case 'stopped':
          return;
        case 'timeout': {
          const after = `${options.maxWaitTime ?? '?'} s`;
          throw new JobTrackerError(
            ErrorCode.WAIT_TIMEOUT,
            wasObserved(job)
              ? `Job ${jobId} was still ${describeProgress(job)} after ${after}.`
              : `No answer about job ${jobId} was received in ${after}${lastFailure()}.`,
            { jobId, path: 'maxWaitTime' },
          );
        }
        case 'aborted':
          throw new JobTrackerError(
            ErrorCode.WAIT_ABORTED,
            wasObserved(job)
              ? `Watching job ${jobId} was aborted while it was ${describeProgress(job)}.`
              : `Watching job ${jobId} was aborted before any answer about it was received` +
                `${lastFailure()}.`,
            { jobId, path: 'abortSignal', cause: settings.signal?.reason },
          );
        case 'failed':
          throw end.error;
      }
    }
  } finally {
    follower.stop();
  }
}

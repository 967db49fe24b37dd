/**
 * The options the waiter and `watchJob` share, and their checking.
 */
import type { MediaConvertClient } from '@aws-sdk/client-mediaconvert';
import type { JobTracker } from '../tracker/create-job-tracker.js';
import type { IngestResult } from '../tracker/ingest.js';
import type { RetryableFailure } from './api-failure.js';
import type { JobEventSource } from './event-source.js';
import type { FollowSettings } from './internal/follower.js';
import {
  checkClient,
  checkedClock,
  checkedRandom,
  checkEventSource,
  checkFunction,
  checkSignal,
  invalidOptions,
  readJobId,
  readNumber,
} from './internal/options.js';
import { realSleep, type Sleep } from './sleep.js';

/**
 * Where an input the follower applied came from.
 *
 * @example
 * ```ts
 * const source: IngestSource = 'event';
 * ```
 */
export type IngestSource = 'poll' | 'event';

/**
 * A typed observer of what the waiter or `watchJob` does, for metrics,
 * diagnostics and live displays. The library never logs.
 *
 * @example
 * ```ts
 * const observer: JobFollowObserver = {
 *   onIngest: (result, source) => metrics.count(`${source}.${result.kind}`),
 *   onRetry: (failure, delayMs) => logger.warn({ kind: failure.kind, delayMs }),
 * };
 * ```
 */
export interface JobFollowObserver {
  /** After each GetJob answer or event payload the tracker took in, with what it did. */
  readonly onIngest?: (result: IngestResult, source: IngestSource) => void;
  /**
   * After a GetJob call that failed in a way worth trying again, or whose
   * answer could not be read, with the delay before the next call.
   */
  readonly onRetry?: (failure: RetryableFailure, delayMs: number) => void;
  /**
   * When an event payload could not be read at all, or the event source
   * itself failed (it is then no longer read; polling goes on).
   */
  readonly onEventError?: (error: unknown) => void;
}

/**
 * The default `minDelay` of the waiter and `watchJob`, in seconds.
 *
 * @example
 * ```ts
 * waitForJobComplete({ client, maxWaitTime: 600, minDelay: DEFAULT_MIN_DELAY_SECONDS * 5 }, { Id });
 * ```
 */
export const DEFAULT_MIN_DELAY_SECONDS = 2;

/**
 * The smallest `minDelay` (and so `maxDelay`) the waiter and `watchJob`
 * accept, in seconds: a tenth of a second. A smaller delay would poll
 * `GetJob` many times a second, which MediaConvert throttles and which no
 * job needs; with an injected `sleep` that moves a fake clock, a larger
 * delay costs nothing anyway.
 *
 * @example
 * ```ts
 * const minDelay = Math.max(MIN_DELAY_FLOOR_SECONDS, 15 / speed);
 * ```
 */
export const MIN_DELAY_FLOOR_SECONDS = 0.1;

/**
 * The default `maxDelay` of the waiter and `watchJob`, in seconds.
 *
 * @example
 * ```ts
 * watchJob({ client, maxDelay: DEFAULT_MAX_DELAY_SECONDS / 4 }, { Id });
 * ```
 */
export const DEFAULT_MAX_DELAY_SECONDS = 60;

/**
 * Options shared by `waitUntilJobComplete`, `waitForJobComplete` and
 * `watchJob`, shaped like the AWS SDK's `WaiterConfiguration` (delays and
 * times in seconds).
 *
 * @example
 * ```ts
 * const options: JobFollowOptions = {
 *   client: new MediaConvertClient({ region: 'us-west-2' }),
 *   minDelay: 5,
 *   maxDelay: 30,
 *   abortSignal: AbortSignal.timeout(3_600_000),
 * };
 * ```
 */
export interface JobFollowOptions {
  /** Your MediaConvert client; it is used for `GetJob` only and never destroyed here. */
  readonly client: MediaConvertClient;
  /**
   * The shortest wait between two `GetJob` calls, in seconds; at least
   * {@link MIN_DELAY_FLOOR_SECONDS} (0.1).
   * @defaultValue 2
   */
  readonly minDelay?: number;
  /**
   * The longest wait between two `GetJob` calls, in seconds; at least
   * `minDelay`. MediaConvert jobs take minutes, so a minute keeps a long job
   * cheap to follow.
   * @defaultValue 60, or `minDelay` if that is more
   */
  readonly maxDelay?: number;
  /**
   * Stops following when it fires: the waiter resolves `ABORTED`, `watchJob`
   * throws `WAIT_ABORTED`; the call in flight is canceled.
   * @defaultValue none
   */
  readonly abortSignal?: AbortSignal;
  /**
   * EventBridge payloads of the job in any wrapper, applied to the same
   * tracker as the polls, so an event can end the wait before the next poll.
   * Payloads of other jobs are ignored.
   * @defaultValue none (polling only)
   */
  readonly events?: JobEventSource;
  /**
   * The tracker to feed, for example one restored from a snapshot or with
   * your handlers on it; create it with `createJobTracker({ jobId })`.
   * @defaultValue a new tracker for the job
   */
  readonly tracker?: JobTracker;
  /**
   * Receives what happens (inputs applied, retries, unreadable events).
   * @defaultValue none
   */
  readonly observer?: JobFollowObserver;
  /**
   * The clock that measures `maxWaitTime`, in epoch milliseconds. A reading
   * that is no finite number ends following with `INVALID_OPTIONS`.
   * @defaultValue Date.now
   */
  readonly clock?: () => number;
  /**
   * How to wait between polls; inject one that advances a fake clock in tests.
   * @defaultValue a `setTimeout` cleared on abort, which keeps the process
   *   alive only while someone waits for the result (see docs/waiting.md)
   */
  readonly sleep?: Sleep;
  /**
   * The source of jitter, a number from 0 to 1. A draw outside that range
   * (`NaN`, `Infinity`) ends following with `INVALID_OPTIONS`.
   * @defaultValue Math.random
   */
  readonly random?: () => number;
}

/** Reads `minDelay` and `maxDelay` (seconds) into milliseconds, with the floor and their order. */
function readDelays(options: JobFollowOptions): { minMs: number; maxMs: number } {
  const min = readNumber(options.minDelay, 'options.minDelay', DEFAULT_MIN_DELAY_SECONDS, {
    min: MIN_DELAY_FLOOR_SECONDS,
  });
  const max = readNumber(
    options.maxDelay,
    'options.maxDelay',
    Math.max(DEFAULT_MAX_DELAY_SECONDS, min),
    { min: MIN_DELAY_FLOOR_SECONDS },
  );
  if (max < min) {
    throw invalidOptions(
      'options.maxDelay',
      `options.maxDelay (${max} s) must be at least options.minDelay (${min} s).`,
    );
  }
  return { minMs: min * 1000, maxMs: max * 1000 };
}

/**
 * Checks the options and the input, before any call; throws
 * `INVALID_OPTIONS` with the `path` of the first wrong field.
 *
 * @example
 * ```ts
 * const settings = readFollowSettings(options, { Id }, { requireMaxWait: true, collect: false });
 * ```
 * @internal
 */
export function readFollowSettings(
  options: JobFollowOptions & { readonly maxWaitTime?: number },
  input: unknown,
  mode: { readonly requireMaxWait: boolean; readonly collect: boolean },
): FollowSettings {
  if (typeof options !== 'object' || options === null) {
    throw invalidOptions('options', 'options must be an object with at least a client.');
  }
  checkClient(options.client, 'options.client');
  const jobId = readJobId(input);
  const { minMs, maxMs } = readDelays(options);
  let maxWaitMs: number | null = null;
  if (mode.requireMaxWait || options.maxWaitTime !== undefined) {
    if (options.maxWaitTime === undefined) {
      throw invalidOptions(
        'options.maxWaitTime',
        'options.maxWaitTime is required: the most seconds to wait.',
      );
    }
    const seconds = readNumber(options.maxWaitTime, 'options.maxWaitTime', 0, {
      min: 0,
      exclusiveMin: true,
    });
    if (seconds * 1000 <= minMs) {
      throw invalidOptions(
        'options.maxWaitTime',
        `options.maxWaitTime (${seconds} s) must be greater than options.minDelay (${minMs / 1000} s).`,
      );
    }
    maxWaitMs = seconds * 1000;
  }
  checkSignal(options.abortSignal, 'options.abortSignal');
  checkEventSource(options.events, 'options.events');
  checkFunction(options.clock, 'options.clock');
  checkFunction(options.sleep, 'options.sleep');
  checkFunction(options.random, 'options.random');
  const tracker = options.tracker;
  if (tracker !== undefined) {
    if (typeof tracker !== 'object' || tracker === null || typeof tracker.ingest !== 'function') {
      throw invalidOptions('options.tracker', 'options.tracker must be a tracker from createJobTracker().');
    }
    if (tracker.jobId !== jobId) {
      throw invalidOptions(
        'options.tracker',
        tracker.jobId === null
          ? `options.tracker must follow job ${jobId}: create it with createJobTracker({ jobId }).`
          : `options.tracker follows job ${tracker.jobId}, not ${jobId}.`,
      );
    }
  }
  return {
    client: options.client,
    jobId,
    minDelayMs: minMs,
    maxDelayMs: maxMs,
    maxWaitMs,
    signal: options.abortSignal,
    events: options.events,
    clock: checkedClock(options.clock ?? Date.now, 'options.clock'),
    sleep: options.sleep === undefined || options.sleep === realSleep ? null : options.sleep,
    random: checkedRandom(options.random ?? Math.random, 'options.random'),
    tracker,
    observer: options.observer,
    collect: mode.collect,
  };
}

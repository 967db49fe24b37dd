/**
 * The engine under the waiter and `watchJob`: one tracker fed by GetJob
 * polls with backoff and, optionally, by an event source; it ends when the
 * job settles, the time runs out, the caller aborts, or a call fails in a
 * way waiting cannot fix.
 */
import { GetJobCommand, type GetJobCommandOutput, type Job } from '@aws-sdk/client-mediaconvert';
import type { MediaConvertClient } from '@aws-sdk/client-mediaconvert';
import { ErrorCode, JobInputError } from '../../errors.js';
import type { JobState } from '../../model/job-state.js';
import { createJobTracker, type JobTracker } from '../../tracker/create-job-tracker.js';
import { reportUnhandled } from '../../tracker/handlers.js';
import type { IngestResult } from '../../tracker/ingest.js';
import { ApiFailureKind, classifyApiError, type RetryableFailure } from '../api-failure.js';
import type { IngestSource, JobFollowObserver } from '../follow-options.js';
import type { JobEventSource } from '../event-source.js';
import type { Sleep } from '../sleep.js';
import { fatalApiError, isRetryable, retryableFailure } from './api-errors.js';
import { startIdleTimer, type IdleTimer } from './idle-timer.js';
import { readEventSource } from './read-event-source.js';
import { nextDelayMs, statusUpdateIntervalMs } from './timing.js';

/**
 * How a follower ended.
 *
 * @example
 * ```ts
 * const end: FollowEnd = await follower.done; // { kind: 'settled' }
 * ```
 */
export type FollowEnd =
  | { readonly kind: 'settled' }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'aborted' }
  | { readonly kind: 'stopped' }
  | { readonly kind: 'failed'; readonly error: unknown };

/**
 * Checked settings of a follower.
 *
 * @example
 * ```ts
 * const settings: FollowSettings = readFollowSettings(options, { Id }, {
 *   requireMaxWait: false, collect: true,
 * });
 * ```
 */
export interface FollowSettings {
  readonly client: MediaConvertClient;
  readonly jobId: string;
  readonly minDelayMs: number;
  readonly maxDelayMs: number;
  /** Epoch ms (of `clock`) after which following ends with `timeout`, or `null`. */
  readonly maxWaitMs: number | null;
  readonly signal: AbortSignal | undefined;
  readonly events: JobEventSource | undefined;
  /** The clock, its readings checked. */
  readonly clock: () => number;
  /** The injected sleep, or `null` for the follower's own timer (it may let the process exit). */
  readonly sleep: Sleep | null;
  /** The source of jitter, its draws checked. */
  readonly random: () => number;
  readonly tracker: JobTracker | undefined;
  readonly observer: JobFollowObserver | undefined;
  /**
   * Keep every changed state for `nextChange()` and poll only while a
   * reader waits for one (watchJob), or poll on (the waiter).
   */
  readonly collect: boolean;
}

/**
 * What `nextChange()` gives: a new state, or the end.
 *
 * @example
 * ```ts
 * const step: FollowStep = await follower.nextChange();
 * if (step.kind === 'state') render(step.state);
 * ```
 */
export type FollowStep =
  | { readonly kind: 'state'; readonly state: JobState }
  | { readonly kind: 'end'; readonly end: FollowEnd };

/** Calls an observer hook; an error it throws is rethrown asynchronously, never lost nor fatal. */
function notify(call: () => void): void {
  try {
    call();
  } catch (error) {
    reportUnhandled(error);
  }
}

/**
 * Follows one job until it settles. Create, then `start()`; read states with
 * `nextChange()` or wait for `done`; `stop()` releases everything.
 *
 * A collecting follower (watchJob) is pulled: it calls `GetJob` only while
 * a reader waits in `nextChange()` with every earlier state read, so a
 * reader that stops reading stops the polling too. Its own timer keeps the
 * process alive only while a reader waits; the waiter's always does, since
 * its caller waits for the result.
 *
 * @example
 * ```ts
 * const follower = new JobFollower(settings);
 * follower.start();
 * const end = await follower.done;
 * ```
 */
export class JobFollower {
  readonly tracker: JobTracker;
  /** Resolves once following has ended, with how. */
  readonly done: Promise<FollowEnd>;
  /** GetJob calls made. */
  polls = 0;
  /** GetJob calls that failed in a way worth retrying, or whose answer could not be read. */
  retries = 0;
  /** The most recent of those failures, or `null` if there was none. */
  lastFailure: RetryableFailure | null = null;
  private readonly reasons = new Map<string, number>();
  private end: FollowEnd | null = null;
  private resolveDone: (end: FollowEnd) => void = () => undefined;
  private readonly stopController = new AbortController();
  private sleepController: AbortController | null = null;
  private timer: IdleTimer | null = null;
  private stopEvents: (() => void) | null = null;
  private readonly changes: JobState[] = [];
  private wakeReader: (() => void) | null = null;
  private readerWaiting = false;
  private wakeLoop: (() => void) | null = null;
  private intervalMs: number | null = null;
  private readonly startedAt: number;
  private readonly onAbort = (): void => this.finish({ kind: 'aborted' });

  constructor(private readonly settings: FollowSettings) {
    this.tracker = settings.tracker ?? createJobTracker({ jobId: settings.jobId });
    this.done = new Promise<FollowEnd>((resolve) => {
      this.resolveDone = resolve;
    });
    this.startedAt = settings.clock();
  }

  /** Starts polling and reading events; ends at once if already aborted or settled. */
  start(): void {
    const { signal } = this.settings;
    if (signal?.aborted === true) {
      this.finish({ kind: 'aborted' });
      return;
    }
    if (this.tracker.isSettled) {
      this.finish({ kind: 'settled' });
      return;
    }
    signal?.addEventListener('abort', this.onAbort, { once: true });
    if (this.settings.events !== undefined) {
      const stop = readEventSource(
        this.settings.events,
        (payload) => this.ingestEvent(payload),
        (error) => {
          const hook = this.settings.observer?.onEventError;
          if (hook !== undefined) notify(() => hook(error));
        },
      );
      // A source may deliver, and settle the job, while subscribing.
      if (this.end === null) this.stopEvents = stop;
      else stop();
    }
    if (this.end !== null) return;
    this.loop().catch((error: unknown) => this.finish({ kind: 'failed', error }));
  }

  /** Ends following now, releasing the timer, the event source and any call in flight. */
  stop(): void {
    this.finish({ kind: 'stopped' });
  }

  /** The next changed state, or the end once every change has been read. */
  async nextChange(): Promise<FollowStep> {
    for (;;) {
      const state = this.changes.shift();
      if (state !== undefined) return { kind: 'state', state };
      if (this.end !== null) return { kind: 'end', end: this.end };
      await new Promise<void>((resolve) => {
        this.wakeReader = resolve;
        this.setReaderWaiting(true);
      });
    }
  }

  /** The time spent so far, in ms of the clock. */
  elapsedMs(): number {
    return this.settings.clock() - this.startedAt;
  }

  /** How many retryable failures there were, by their reason. */
  retryReasons(): { readonly [reason: string]: number } {
    return Object.fromEntries(this.reasons);
  }

  /** Whether the follower's own timer should keep the process alive now. */
  private keepsAlive(): boolean {
    return !this.settings.collect || this.readerWaiting;
  }

  private setReaderWaiting(waiting: boolean): void {
    this.readerWaiting = waiting;
    this.timer?.hold(this.keepsAlive());
    if (waiting) this.resumeLoop();
  }

  private signalReader(): void {
    const wake = this.wakeReader;
    this.wakeReader = null;
    if (wake === null) return;
    this.setReaderWaiting(false);
    wake();
  }

  private resumeLoop(): void {
    const wake = this.wakeLoop;
    this.wakeLoop = null;
    wake?.();
  }

  /** Resolves once a poll is wanted: at once for the waiter, when a reader waits for watchJob. */
  private async demand(): Promise<void> {
    while (
      this.settings.collect &&
      this.end === null &&
      !(this.readerWaiting && this.changes.length === 0)
    ) {
      await new Promise<void>((resolve) => {
        this.wakeLoop = resolve;
      });
    }
  }

  private finish(end: FollowEnd): void {
    if (this.end !== null) return;
    this.end = end;
    this.settings.signal?.removeEventListener('abort', this.onAbort);
    this.stopController.abort();
    this.sleepController?.abort();
    const stopEvents = this.stopEvents;
    this.stopEvents = null;
    stopEvents?.();
    this.resolveDone(end);
    this.resumeLoop();
    this.signalReader();
  }

  private observe(result: IngestResult, source: IngestSource): void {
    const hook = this.settings.observer?.onIngest;
    if (hook !== undefined) notify(() => hook(result, source));
  }

  /** Hands a changed state to the reader and ends following once the job settled. */
  private afterIngest(result: IngestResult): void {
    if (result.changed && this.settings.collect) {
      this.changes.push(this.tracker.state);
      this.signalReader();
    }
    if (this.tracker.isSettled) this.finish({ kind: 'settled' });
  }

  private ingestEvent(payload: unknown): void {
    if (this.end !== null) return;
    let result: IngestResult;
    try {
      result = this.tracker.ingest(payload);
    } catch (error) {
      const hook = this.settings.observer?.onEventError;
      if (hook !== undefined) notify(() => hook(error));
      return;
    }
    this.observe(result, 'event');
    this.afterIngest(result);
  }

  /**
   * Applies one GetJob answer. An answer the tracker refuses (a percent of
   * 150, no job) or skips (a status it does not know) changes nothing and
   * is returned as a failure worth retrying, so the last good state stays.
   */
  private takeAnswer(job: Job | null | undefined): RetryableFailure | null {
    const { jobId } = this.settings;
    const invalid = ApiFailureKind.INVALID_RESPONSE;
    if (job === undefined || job === null) {
      const error = new JobInputError(
        ErrorCode.MISSING_FIELD,
        `GetJob answered without a Job for job ${jobId}.`,
        { path: 'Job', jobId },
      );
      return retryableFailure(invalid, error);
    }
    let result: IngestResult;
    try {
      result = this.tracker.ingest({ Job: job });
    } catch (error) {
      return retryableFailure(invalid, error);
    }
    this.observe(result, 'poll');
    if (result.kind === 'ignored' || result.kind === 'rejected') {
      const reason = result.reason ?? ErrorCode.UNRECOGNISED_INPUT;
      const error = new JobInputError(
        ErrorCode.UNRECOGNISED_INPUT,
        `GetJob answered about job ${jobId} with something the tracker skipped (${reason}): ` +
          `${result.message ?? 'no reason given'}`,
        { path: 'Job', jobId },
      );
      return retryableFailure(invalid, error, reason);
    }
    const interval = statusUpdateIntervalMs(job.StatusUpdateInterval);
    if (interval !== null) this.intervalMs = interval;
    this.afterIngest(result);
    return null;
  }

  private countFailure(failure: RetryableFailure): void {
    this.retries += 1;
    this.lastFailure = failure;
    this.reasons.set(failure.reason, (this.reasons.get(failure.reason) ?? 0) + 1);
  }

  private async loop(): Promise<void> {
    const { clock, maxWaitMs } = this.settings;
    const deadline = maxWaitMs === null ? null : this.startedAt + maxWaitMs;
    let pressure = 0;
    for (;;) {
      await this.demand();
      if (this.end !== null) return;
      const failure = await this.poll();
      if (this.end !== null) return;
      if (failure === null) {
        pressure = 0;
      } else {
        pressure += 1;
        this.countFailure(failure);
      }
      let delay = nextDelayMs({
        attempt: this.polls,
        pressure,
        minMs: this.settings.minDelayMs,
        maxMs: this.settings.maxDelayMs,
        intervalMs: this.intervalMs,
        progressing: this.tracker.state.status === 'PROGRESSING',
        random: this.settings.random,
      });
      if (deadline !== null) {
        const remaining = deadline - clock();
        if (remaining <= 0) {
          this.finish({ kind: 'timeout' });
          return;
        }
        delay = Math.min(delay, remaining);
      }
      if (failure !== null) {
        const hook = this.settings.observer?.onRetry;
        if (hook !== undefined) notify(() => hook(failure, delay));
      }
      await this.pause(delay);
    }
  }

  /** One GetJob: `null` when it answered well (or following ended), else the failure to retry. */
  private async poll(): Promise<RetryableFailure | null> {
    this.polls += 1;
    let response: GetJobCommandOutput;
    try {
      response = await this.settings.client.send(new GetJobCommand({ Id: this.settings.jobId }), {
        abortSignal: this.stopController.signal,
      });
    } catch (error) {
      if (this.end !== null) return null;
      const kind = classifyApiError(error);
      if (isRetryable(kind)) return retryableFailure(kind, error);
      throw fatalApiError(error, 'GetJob', this.settings.jobId);
    }
    if (this.end !== null) return null;
    return this.takeAnswer(response.Job);
  }

  private async pause(ms: number): Promise<void> {
    if (this.end !== null) return;
    const controller = new AbortController();
    this.sleepController = controller;
    const { sleep } = this.settings;
    try {
      if (sleep === null) {
        const timer = startIdleTimer(ms, controller.signal, this.keepsAlive());
        this.timer = timer;
        await timer.done;
      } else {
        await sleep(ms, controller.signal);
      }
    } catch (error) {
      if (!controller.signal.aborted && this.end === null) throw error;
    } finally {
      if (this.sleepController === controller) {
        this.sleepController = null;
        this.timer = null;
      }
    }
  }
}

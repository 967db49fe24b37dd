/**
 * The engine under the waiter and `watchJob`: one tracker fed by GetJob
 * polls with backoff and, optionally, by an event source; it ends when the
 * job settles, the time runs out, the caller aborts, or a call fails in a
 * way waiting cannot fix.
 */
import { GetJobCommand, type GetJobCommandOutput } from '@aws-sdk/client-mediaconvert';
import type { MediaConvertClient } from '@aws-sdk/client-mediaconvert';
import type { JobState } from '../../model/job-state.js';
import { createJobTracker, type JobTracker } from '../../tracker/create-job-tracker.js';
import { reportUnhandled } from '../../tracker/handlers.js';
import type { IngestResult } from '../../tracker/ingest.js';
import type { RetryableFailure } from '../api-failure.js';
import { classifyApiError } from '../api-failure.js';
import type { IngestSource, JobFollowObserver } from '../follow-options.js';
import type { JobEventSource } from '../event-source.js';
import type { Sleep } from '../sleep.js';
import { fatalApiError, isRetryable } from './api-errors.js';
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
  readonly clock: () => number;
  readonly sleep: Sleep;
  readonly random: () => number;
  readonly tracker: JobTracker | undefined;
  readonly observer: JobFollowObserver | undefined;
  /** Keep every changed state for `nextChange()` (watchJob) or not (the waiter). */
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
  /** Retryable GetJob failures met. */
  retries = 0;
  private end: FollowEnd | null = null;
  private resolveDone: (end: FollowEnd) => void = () => undefined;
  private readonly stopController = new AbortController();
  private sleepController: AbortController | null = null;
  private stopEvents: (() => void) | null = null;
  private readonly changes: JobState[] = [];
  private wakeReader: (() => void) | null = null;
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
        (payload) => this.ingest(payload, 'event'),
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
      });
    }
  }

  /** The time spent so far, in ms of the clock. */
  elapsedMs(): number {
    return this.settings.clock() - this.startedAt;
  }

  private signalReader(): void {
    const wake = this.wakeReader;
    this.wakeReader = null;
    wake?.();
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
    this.signalReader();
  }

  private ingest(payload: unknown, source: IngestSource): void {
    if (this.end !== null) return;
    let result: IngestResult;
    try {
      result = this.tracker.ingest(payload);
    } catch (error) {
      if (source === 'poll') throw error;
      const hook = this.settings.observer?.onEventError;
      if (hook !== undefined) notify(() => hook(error));
      return;
    }
    const hook = this.settings.observer?.onIngest;
    if (hook !== undefined) notify(() => hook(result, source));
    if (result.changed && this.settings.collect) {
      this.changes.push(this.tracker.state);
      this.signalReader();
    }
    if (this.tracker.isSettled) this.finish({ kind: 'settled' });
  }

  private async loop(): Promise<void> {
    const { clock, maxWaitMs } = this.settings;
    const deadline = maxWaitMs === null ? null : this.startedAt + maxWaitMs;
    let pressure = 0;
    for (;;) {
      if (this.end !== null) return;
      const failure = await this.poll();
      if (this.end !== null) return;
      pressure = failure === null ? 0 : pressure + 1;
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
        this.retries += 1;
        const hook = this.settings.observer?.onRetry;
        if (hook !== undefined) notify(() => hook(failure, delay));
      }
      await this.pause(delay);
    }
  }

  /** One GetJob: `null` when it answered (or following ended), the failure when worth retrying. */
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
      if (isRetryable(kind)) return { kind, error };
      throw fatalApiError(error, 'GetJob', this.settings.jobId);
    }
    if (this.end !== null) return null;
    const interval = statusUpdateIntervalMs(response.Job?.StatusUpdateInterval);
    if (interval !== null) this.intervalMs = interval;
    if (response.Job === undefined) {
      throw fatalApiError(
        new Error('the answer held no Job.'),
        'GetJob',
        this.settings.jobId,
      );
    }
    this.ingest({ Job: response.Job }, 'poll');
    return null;
  }

  private async pause(ms: number): Promise<void> {
    if (this.end !== null) return;
    const controller = new AbortController();
    this.sleepController = controller;
    try {
      await this.settings.sleep(ms, controller.signal);
    } catch (error) {
      if (!controller.signal.aborted && this.end === null) throw error;
    } finally {
      if (this.sleepController === controller) this.sleepController = null;
    }
  }
}

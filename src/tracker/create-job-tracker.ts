import type { ParseOptions } from '../adapters/index.js';
import type { JobState } from '../model/job-state.js';
import { isFinalStatus } from '../model/status.js';
import { applyJobInput, DEFAULT_MAX_EVENT_IDS } from '../state/apply-input.js';
import { checkHandlerArgs, checkTrackerOptions } from '../internal/options.js';
import { deepFreeze } from '../state/freeze.js';
import { createInitialJobState } from '../state/initial-state.js';
import { parseJobSnapshot, toJobSnapshot, type JobSnapshot } from '../state/snapshot.js';
import { HandlerRegistry, notifyObserver, reportUnhandled, type JobHandler } from './handlers.js';
import {
  invalidOption,
  itemsOf,
  outcomeOfApply,
  otherJob,
  outcomeOfItem,
  summarise,
  type IngestOutcome,
  type IngestResult,
} from './ingest.js';
import {
  firedFinalsOf,
  notificationsBetween,
  type JobNotificationName,
} from './notifications.js';

/**
 * A typed observer of what a tracker does, for metrics and diagnostics.
 * The library never logs; wire this to your logger if you want to.
 *
 * @example
 * ```ts
 * const observer: JobTrackerObserver = {
 *   onIngest: (result) => metrics.count(`ingest.${result.kind}`),
 *   onHandlerError: (error, name) => logger.error({ error, name }, 'handler failed'),
 * };
 * ```
 */
export interface JobTrackerObserver {
  /** Called after every `ingest`, with its result. */
  readonly onIngest?: (result: IngestResult) => void;
  /**
   * Called when a handler throws. Without it, the error is rethrown
   * asynchronously so it is never silently lost; the state is already
   * updated and the other handlers have run.
   */
  readonly onHandlerError?: (error: unknown, name: JobNotificationName) => void;
}

/** Options of {@link createJobTracker}. */
export interface JobTrackerOptions {
  /**
   * The job to follow. Inputs about other jobs are ignored with reason
   * `OTHER_JOB`. Without it, the first input names the job.
   */
  readonly jobId?: string;
  /** A snapshot to resume from (see {@link JobTracker.snapshot}). */
  readonly snapshot?: JobSnapshot;
  /**
   * How many recent event ids to remember for recognising duplicates.
   * @defaultValue 32
   */
  readonly maxEventIds?: number;
  /** Limits for parsing raw payloads. */
  readonly parse?: ParseOptions;
  /** Receives what the tracker does. */
  readonly observer?: JobTrackerObserver;
}

/**
 * Follows one MediaConvert job: feed it events and API responses in any
 * order, any number of times, in any wrapper; read where the job stands.
 */
export interface JobTracker {
  /** The job followed, or `null` until the first input names it. */
  readonly jobId: string | null;
  /** Everything known about the job, as immutable plain data. */
  readonly state: JobState;
  /** Whether the job has reached a final status. */
  readonly isSettled: boolean;
  /**
   * Resolves with the state once the job reaches a final status (`COMPLETE`,
   * `ERROR` or `CANCELED`; a failed job resolves too, it does not reject).
   */
  readonly settled: Promise<JobState>;
  /**
   * Applies a payload: an EventBridge event (bare, JSON string, SQS or SNS
   * record, SNS inside SQS, a Lambda batch), an API response (GetJob,
   * ListJobs, ...), or a normalised `JobInput`. Returns what happened.
   * Throws {@link JobInputError} for a payload that is invalid as a whole,
   * leaving the state unchanged.
   */
  ingest(payload: unknown): IngestResult;
  /**
   * Calls `handler` for each notification named `name`; returns a function
   * that removes it. Payloads are typed by name.
   */
  on<K extends JobNotificationName>(name: K, handler: JobHandler<K>): () => void;
  /** The state in a versioned envelope, for storing and restoring. */
  snapshot(): JobSnapshot;
  /** The same as {@link JobTracker.snapshot}, so `JSON.stringify(tracker)` stores it. */
  toJSON(): JobSnapshot;
}

/**
 * Creates a tracker for one MediaConvert job.
 *
 * @example
 * ```ts
 * import { createJobTracker } from 'mediaconvert-job-tracker';
 *
 * export const handler = async (event: unknown) => {
 *   const tracker = createJobTracker({ snapshot: await load() });
 *   tracker.on('complete', ({ outputs }) => publish(outputs));
 *   tracker.on('error', ({ error }) => alert(error?.code, error?.message));
 *   tracker.ingest(event); // an SQS batch, an EventBridge event, a GetJob response...
 *   await save(tracker.snapshot());
 * };
 * ```
 */
export function createJobTracker(options: JobTrackerOptions = {}): JobTracker {
  checkTrackerOptions(options);
  const maxEventIds = options.maxEventIds ?? DEFAULT_MAX_EVENT_IDS;
  let state: JobState;
  if (options.snapshot !== undefined) {
    state = deepFreeze(parseJobSnapshot(options.snapshot).state);
    if (options.jobId !== undefined && state.jobId !== null && state.jobId !== options.jobId) {
      throw invalidOption(
        `The snapshot is of job ${state.jobId}, not ${options.jobId}.`,
        'snapshot.state.jobId',
      );
    }
  } else {
    state = createInitialJobState(options.jobId ?? null);
  }
  let fired = firedFinalsOf(state);
  const handlers = new HandlerRegistry();
  const observer = options.observer;
  const onHandlerError = observer?.onHandlerError ?? reportUnhandled;

  let resolveSettled: (state: JobState) => void = () => undefined;
  const settled = new Promise<JobState>((resolve) => {
    resolveSettled = resolve;
  });
  if (isFinalStatus(state.status)) resolveSettled(state);

  const ingest = (payload: unknown): IngestResult => {
    const items = itemsOf(payload, options.parse);
    const outcomes: IngestOutcome[] = [];
    for (const item of items) {
      if (item.kind !== 'input') {
        outcomes.push(outcomeOfItem(item));
        continue;
      }
      const { input } = item;
      const followed = state.jobId ?? options.jobId ?? null;
      if (followed !== null && input.jobId !== followed) {
        outcomes.push(otherJob(input, followed, item.messageId));
        continue;
      }
      const previous = state;
      const result = applyJobInput(previous, input, { maxEventIds });
      state = result.state;
      outcomes.push(outcomeOfApply(result, input, item.messageId));
      if (!result.changed) continue;
      const delivery = notificationsBetween(previous, state, fired);
      fired = delivery.fired;
      if (isFinalStatus(state.status) && !isFinalStatus(previous.status)) resolveSettled(state);
      handlers.deliver(delivery.notifications, onHandlerError);
    }
    const summary = summarise(outcomes);
    notifyObserver(observer?.onIngest, summary);
    return summary;
  };

  const snapshot = (): JobSnapshot => toJobSnapshot(state);

  return {
    get jobId() {
      return state.jobId ?? options.jobId ?? null;
    },
    get state() {
      return state;
    },
    get isSettled() {
      return isFinalStatus(state.status);
    },
    settled,
    ingest,
    on: (name, handler) => {
      checkHandlerArgs(name, handler);
      return handlers.add(name, handler);
    },
    snapshot,
    toJSON: snapshot,
  };
}

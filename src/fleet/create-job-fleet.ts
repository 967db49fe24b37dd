import type { ParseOptions } from '../adapters/index.js';
import { ErrorCode, JobSnapshotError } from '../errors.js';
import type { JobInput } from '../model/input.js';
import type { JobState } from '../model/job-state.js';
import { isFinalStatus } from '../model/status.js';
import { DEFAULT_MAX_EVENT_IDS, stepJobState } from '../state/apply-input.js';
import { checkFleetOptions, checkHandlerArgs } from '../internal/options.js';
import { deepFreeze } from '../state/freeze.js';
import { createInitialJobState } from '../state/initial-state.js';
import { parseFleetSnapshotParts } from '../state/snapshot.js';
import {
  HandlerRegistry,
  notifyObserver,
  reportUnhandled,
  type JobHandler,
} from '../tracker/handlers.js';
import {
  EMPTY_OUTCOME,
  itemsOf,
  outcomeOfApply,
  outcomeOfItem,
  summarise,
  type IngestOutcome,
  type IngestResult,
} from '../tracker/ingest.js';
import {
  firedFinalsOf,
  notificationsBetween,
  type JobNotificationName,
} from '../tracker/notifications.js';
import { compileFilter, type JobFleetFilter } from './filter.js';

/** Reasons a fleet ignores an input, besides those of a single tracker. */
export const FleetIngestReason = {
  /** The fleet's filter refused the job. */
  FILTERED: 'FILTERED',
  /** The job settled and was evicted; late inputs about it are ignored. */
  EVICTED: 'EVICTED',
} as const;

/** The `format` tag of fleet snapshots. */
export const FLEET_SNAPSHOT_FORMAT = 'mediaconvert-job-tracker/fleet';
/** The fleet snapshot format version this release writes and reads. */
export const FLEET_SNAPSHOT_VERSION = 1;

/**
 * Every job of a fleet, in a versioned envelope.
 *
 * @example
 * ```ts
 * await writeFile('fleet.json', JSON.stringify(fleet.snapshot()));
 * ```
 */
export interface JobFleetSnapshot {
  readonly format: typeof FLEET_SNAPSHOT_FORMAT;
  readonly version: typeof FLEET_SNAPSHOT_VERSION;
  readonly jobs: readonly JobState[];
  /** Ids of settled jobs evicted recently, so their late events stay ignored. */
  readonly evicted: readonly string[];
}

/** A typed observer of what a fleet does. The library never logs. */
export interface JobFleetObserver {
  /** Called after every `ingest`, with its result. */
  readonly onIngest?: (result: IngestResult) => void;
  /** Called when a handler throws; without it the error is rethrown asynchronously. */
  readonly onHandlerError?: (error: unknown, name: JobNotificationName, jobId: string) => void;
  /** Called when a settled job is evicted. */
  readonly onEvict?: (state: JobState) => void;
}

/** Options of {@link createJobFleet}. */
export interface JobFleetOptions {
  /** Which jobs to follow; inputs of others are ignored with reason `FILTERED`. */
  readonly filter?: JobFleetFilter;
  /**
   * How long a settled job stays after it settled, in milliseconds, before
   * it is evicted. `Infinity` keeps every job.
   * @defaultValue 900000 (15 minutes)
   */
  readonly settledRetentionMs?: number;
  /**
   * How many evicted (or deleted) job ids to remember, so late events of such
   * a job are ignored instead of bringing it back. Once more jobs than this
   * were evicted, the oldest ids are forgotten: a very late event of one of
   * those jobs starts it again as a new job and its notifications fire again.
   * Raise it if your events can be retried for longer than it covers.
   * @defaultValue 10000
   */
  readonly maxEvictedIds?: number;
  /**
   * How many recent event ids each job remembers for recognising duplicates.
   * @defaultValue 32
   */
  readonly maxEventIds?: number;
  /** Limits for parsing raw payloads. */
  readonly parse?: ParseOptions;
  /** A snapshot to resume from. */
  readonly snapshot?: JobFleetSnapshot;
  /**
   * The clock used for retention, in epoch milliseconds.
   * @defaultValue Date.now
   */
  readonly now?: () => number;
  /** Receives what the fleet does. */
  readonly observer?: JobFleetObserver;
}

/** Follows many MediaConvert jobs at once, routing every input by job id. */
export interface JobFleet extends Iterable<JobState> {
  /** How many jobs the fleet holds. */
  readonly size: number;
  /** A job's state, or `undefined` if the fleet does not hold it. */
  get(jobId: string): JobState | undefined;
  /** Whether the fleet holds the job. */
  has(jobId: string): boolean;
  /** The ids of the jobs held. */
  jobIds(): IterableIterator<string>;
  /** The jobs not yet settled. */
  unsettled(): IterableIterator<JobState>;
  /**
   * Applies a payload of any form a tracker takes, including whole batches
   * (an SQS event, a ListJobs page), routing each item to its job.
   */
  ingest(payload: unknown): IngestResult;
  /** Calls `handler` for each notification named `name`, of any job; returns a remover. */
  on<K extends JobNotificationName>(name: K, handler: JobHandler<K>): () => void;
  /** Evicts the settled jobs whose retention has passed; returns how many. */
  evictSettled(): number;
  /**
   * Removes a job now, whatever its status, and ignores its later inputs as
   * it does for evicted jobs; returns whether it was held.
   */
  delete(jobId: string): boolean;
  /** Every job in a versioned envelope. */
  snapshot(): JobFleetSnapshot;
  /** The same as {@link JobFleet.snapshot}. */
  toJSON(): JobFleetSnapshot;
}

function restore(snapshot: JobFleetSnapshot): { jobs: readonly JobState[]; evicted: readonly string[] } {
  const value: unknown = snapshot;
  if (typeof value !== 'object' || value === null) {
    throw new JobSnapshotError(ErrorCode.INVALID_SNAPSHOT, 'Invalid fleet snapshot: expected an object.', {
      path: 'snapshot',
    });
  }
  const s = value as { format?: unknown; version?: unknown; jobs?: unknown; evicted?: unknown };
  if (s.format !== FLEET_SNAPSHOT_FORMAT) {
    throw new JobSnapshotError(
      ErrorCode.INVALID_SNAPSHOT,
      `Invalid fleet snapshot: expected format "${FLEET_SNAPSHOT_FORMAT}".`,
      { path: 'snapshot.format' },
    );
  }
  if (s.version !== FLEET_SNAPSHOT_VERSION) {
    throw new JobSnapshotError(
      ErrorCode.UNSUPPORTED_SNAPSHOT_VERSION,
      `Fleet snapshot version ${String(s.version)} is not supported; this release reads version ${FLEET_SNAPSHOT_VERSION}.`,
      { path: 'snapshot.version' },
    );
  }
  const { jobs, evicted } = parseFleetSnapshotParts(value);
  return { jobs, evicted };
}

/**
 * Creates a fleet: one object that follows many jobs, cheap in memory (a
 * job is its plain state, nothing more), with typed handlers that receive
 * the job id, filters, eviction of settled jobs, and snapshots.
 *
 * @example
 * ```ts
 * import { createJobFleet } from 'mediaconvert-job-tracker';
 *
 * // A long-running worker that drains an SQS queue of MediaConvert events.
 * const fleet = createJobFleet({ filter: { userMetadata: { env: 'prod' } } });
 * fleet.on('complete', ({ jobId, outputs }) => publish(jobId, outputs));
 * for await (const messages of receiveBatches(queueUrl)) {
 *   const result = fleet.ingest(messages); // routed to each job, in any order
 *   await deleteMessages(queueUrl, result.items);
 * }
 * ```
 */
export function createJobFleet(options: JobFleetOptions = {}): JobFleet {
  checkFleetOptions(options);
  const retention = options.settledRetentionMs ?? 15 * 60_000;
  const maxEvictedIds = options.maxEvictedIds ?? 10_000;
  const maxEventIds = options.maxEventIds ?? DEFAULT_MAX_EVENT_IDS;
  const now = options.now ?? Date.now;
  const observer = options.observer;
  const refuse = compileFilter(options.filter);
  const handlers = new HandlerRegistry();

  const jobs = new Map<string, JobState>();
  /** Final notifications delivered, by job; only settled jobs have an entry. */
  const fired = new Map<string, number>();
  /** Settled jobs in the order they settled here, with when. */
  const settledAt = new Map<string, number>();
  const evicted = new Set<string>();

  if (options.snapshot !== undefined) {
    const restored = restore(options.snapshot);
    const at = now();
    for (const state of restored.jobs) {
      const id = state.jobId as string;
      jobs.set(id, deepFreeze(state));
      if (isFinalStatus(state.status)) {
        fired.set(id, firedFinalsOf(state));
        settledAt.set(id, at);
      }
    }
    for (const id of restored.evicted.slice(-maxEvictedIds)) evicted.add(id);
  }

  const rememberEvicted = (id: string): void => {
    if (maxEvictedIds === 0) return;
    evicted.add(id);
    if (evicted.size > maxEvictedIds) {
      const oldest = evicted.values().next();
      if (oldest.done !== true) evicted.delete(oldest.value);
    }
  };

  const evictSettled = (): number => {
    if (retention === Infinity || settledAt.size === 0) return 0;
    const cutoff = now() - retention;
    let count = 0;
    for (const [id, at] of settledAt) {
      if (at > cutoff) break;
      const state = jobs.get(id);
      settledAt.delete(id);
      fired.delete(id);
      jobs.delete(id);
      rememberEvicted(id);
      count += 1;
      if (state !== undefined) notifyObserver(observer?.onEvict, deepFreeze(state));
    }
    return count;
  };

  const applyOne = (input: JobInput, messageId: string | null): IngestOutcome => {
    const id = input.jobId;
    const known = jobs.get(id);
    if (known === undefined) {
      if (evicted.has(id)) {
        return {
          ...EMPTY_OUTCOME,
          kind: 'ignored',
          reason: FleetIngestReason.EVICTED,
          message: `Job ${id} settled and was evicted.`,
          jobId: id,
          eventId: input.eventId,
          messageId,
        };
      }
      const why = refuse?.(input, undefined) ?? null;
      if (why !== null) {
        return {
          ...EMPTY_OUTCOME,
          kind: 'ignored',
          reason: FleetIngestReason.FILTERED,
          message: why,
          jobId: id,
          eventId: input.eventId,
          messageId,
        };
      }
    }
    const previous = known ?? createInitialJobState(id);
    const result = stepJobState(previous, input, { maxEventIds });
    const state = result.state;
    if (state !== known) jobs.set(id, state);
    const settledNow = isFinalStatus(state.status) && !isFinalStatus(previous.status);
    if (settledNow) settledAt.set(id, now());
    if (result.changed && handlers.size > 0) {
      const delivery = notificationsBetween(previous, state, fired.get(id) ?? 0);
      if (delivery.fired !== 0) fired.set(id, delivery.fired);
      deepFreeze(previous);
      deepFreeze(state);
      handlers.deliver(delivery.notifications, (error, name) => {
        if (observer?.onHandlerError !== undefined) observer.onHandlerError(error, name, id);
        else reportUnhandled(error);
      });
    } else if (settledNow) {
      fired.set(id, firedFinalsOf(state));
    }
    return outcomeOfApply(result, input, messageId);
  };

  const ingest = (payload: unknown): IngestResult => {
    evictSettled();
    const items = itemsOf(payload, options.parse);
    // map, not push: the list is sized exactly, which matters once per event.
    const outcomes = items.map((item) =>
      item.kind === 'input' ? applyOne(item.input, item.messageId) : outcomeOfItem(item),
    );
    const summary = summarise(outcomes);
    notifyObserver(observer?.onIngest, summary);
    return summary;
  };

  const snapshot = (): JobFleetSnapshot => ({
    format: FLEET_SNAPSHOT_FORMAT,
    version: FLEET_SNAPSHOT_VERSION,
    jobs: [...jobs.values()].map(deepFreeze),
    evicted: [...evicted],
  });

  return {
    get size() {
      return jobs.size;
    },
    get: (jobId) => {
      const state = jobs.get(jobId);
      return state === undefined ? undefined : deepFreeze(state);
    },
    has: (jobId) => jobs.has(jobId),
    jobIds: () => jobs.keys(),
    *unsettled() {
      for (const state of jobs.values()) if (!isFinalStatus(state.status)) yield deepFreeze(state);
    },
    *[Symbol.iterator]() {
      for (const state of jobs.values()) yield deepFreeze(state);
    },
    ingest,
    on: (name, handler) => {
      checkHandlerArgs(name, handler);
      return handlers.add(name, handler);
    },
    evictSettled,
    delete: (jobId) => {
      settledAt.delete(jobId);
      fired.delete(jobId);
      const held = jobs.delete(jobId);
      if (held) rememberEvicted(jobId);
      return held;
    },
    snapshot,
    toJSON: snapshot,
  };
}

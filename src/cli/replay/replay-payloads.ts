/**
 * Feeds payloads to a fleet and records what became of every item, as
 * plain data for the renderers.
 */
import {
  createJobFleet,
  JobInputError,
  parseInputs,
  type IngestKind,
  type JobInput,
  type JobState,
  type ParsedItem,
} from '../../index.js';
import { explainJsonError } from './json-error.js';
import { DOCUMENT, type Payload } from './payloads.js';

/**
 * The largest payload read, in UTF-8 bytes. Recorded files hold whole
 * Lambda batches and API listings, far above the 256 KiB of one event.
 *
 * @example
 * ```ts
 * parseInputs(line, { maxInputBytes: MAX_PAYLOAD_BYTES });
 * ```
 */
export const MAX_PAYLOAD_BYTES = 64 * 1024 * 1024;

/**
 * What became of one item: a tracker outcome, or skipped by the adapters.
 *
 * @example
 * ```ts
 * const outcome: EntryOutcome = entry.outcome; // 'applied', 'duplicate', 'skipped', ...
 * ```
 */
export type EntryOutcome = IngestKind | 'skipped';

/**
 * One item of the input, in reading order.
 *
 * @example
 * ```ts
 * for (const entry of report.entries) console.log(entry.where, entry.outcome, entry.reason);
 * ```
 */
export interface ReplayEntry {
  /** Where it was read: `line 3`, or `line 3, Records[1]` inside a batch. */
  readonly where: string;
  /** The job it is about, or `null` (a skipped event of another kind). */
  readonly jobId: string | null;
  /** `detail.timestamp` (or the API's time), epoch milliseconds, when known. */
  readonly at: number | null;
  /** The input, or `null` for a skipped item. */
  readonly input: JobInput | null;
  readonly outcome: EntryOutcome;
  /** Why it was not applied (`DUPLICATE_EVENT`, `AFTER_FINAL`, `NOT_A_JOB_STATE_CHANGE`, ...). */
  readonly reason: string | null;
  /** A sentence for people, when there is something to explain. */
  readonly message: string | null;
  /** The job's state after the item, for items about a job the fleet holds. */
  readonly state: JobState | null;
}

/**
 * One rejected payload or record.
 *
 * @example
 * ```ts
 * for (const r of report.rejections) console.error(`${r.where}: ${r.code} at ${r.path}`);
 * ```
 */
export interface ReplayRejection {
  /** Where it was read: `line 12`, `item [3]`, `line 3, Records[1]`. */
  readonly where: string;
  /** The error code (`INVALID_JSON`, `MISSING_FIELD`, ...). */
  readonly code: string;
  /** The field concerned, e.g. `detail.jobId`; `''` for the payload as a whole. */
  readonly path: string;
  readonly message: string;
  /** Help for `INVALID_JSON`: where the parser stopped and the likely cause. */
  readonly hint: string | null;
}

/**
 * How many items had each fate.
 *
 * @example
 * ```ts
 * if (report.counts.rejected > 0) process.exitCode = 1;
 * ```
 */
export interface ReplayCounts {
  /** Payloads read: lines, array elements, or 1 for a document. */
  readonly payloads: number;
  readonly applied: number;
  readonly duplicate: number;
  readonly stale: number;
  readonly ignored: number;
  readonly skipped: number;
  readonly rejected: number;
}

/**
 * Everything a replay found.
 *
 * @example
 * ```ts
 * const report: ReplayReport = replayPayloads(splitPayloads(text).payloads);
 * console.log(report.jobs.map((job) => job.status));
 * ```
 */
export interface ReplayReport {
  readonly entries: readonly ReplayEntry[];
  readonly rejections: readonly ReplayRejection[];
  /** The final state of every job, in the order the jobs first appeared. */
  readonly jobs: readonly JobState[];
  readonly counts: ReplayCounts;
}

function whereOf(payload: Payload, itemPath: string): string {
  if (itemPath === '') return payload.where;
  return payload.where === DOCUMENT ? itemPath : `${payload.where}, ${itemPath}`;
}

function rejection(payload: Payload, error: JobInputError, itemPath: string): ReplayRejection {
  // The hint is given only for the payload's own text. JSON text nested in a
  // record (an SQS body, an SNS message) is parsed inside the adapters, which
  // keep no copy of it to point into, so its errors come without a hint.
  const text = typeof payload.value === 'string' ? payload.value : null;
  const hint =
    error.code === 'INVALID_JSON' && text !== null && itemPath === ''
      ? explainJsonError(error.message, text, payload.line ?? 1)
      : null;
  return {
    where: whereOf(payload, itemPath),
    code: error.code,
    path: error.path ?? '',
    message: error.message,
    hint: hint === '' ? null : hint,
  };
}

/**
 * Parses every payload, applies every input to one fleet that keeps all
 * jobs (`settledRetentionMs: Infinity`), and reports each item's fate.
 * A payload or record that cannot be read is rejected; the rest still count.
 *
 * @example
 * ```ts
 * const report = replayPayloads(splitPayloads(text).payloads);
 * if (report.counts.rejected > 0) process.exitCode = 1;
 * ```
 */
export function replayPayloads(payloads: readonly Payload[]): ReplayReport {
  const fleet = createJobFleet({ settledRetentionMs: Infinity });
  const entries: ReplayEntry[] = [];
  const rejections: ReplayRejection[] = [];
  const counts = {
    payloads: payloads.length,
    applied: 0,
    duplicate: 0,
    stale: 0,
    ignored: 0,
    skipped: 0,
    rejected: 0,
  };

  for (const payload of payloads) {
    let items: readonly ParsedItem[];
    try {
      items = parseInputs(payload.value, { maxInputBytes: MAX_PAYLOAD_BYTES });
    } catch (error) {
      if (!(error instanceof JobInputError)) throw error;
      rejections.push(rejection(payload, error, ''));
      counts.rejected += 1;
      continue;
    }
    for (const item of items) {
      const where = whereOf(payload, item.path);
      if (item.kind === 'invalid') {
        rejections.push(rejection(payload, item.error, item.path));
        counts.rejected += 1;
        continue;
      }
      if (item.kind === 'skipped') {
        counts.skipped += 1;
        entries.push({
          where,
          jobId: item.jobId,
          at: item.timestamp,
          input: null,
          outcome: 'skipped',
          reason: item.reason,
          message: item.message,
          state: item.jobId === null ? null : (fleet.get(item.jobId) ?? null),
        });
        continue;
      }
      const { input } = item;
      const result = fleet.ingest(input);
      counts[result.kind] += 1;
      entries.push({
        where,
        jobId: input.jobId,
        at: input.timestamp,
        input,
        outcome: result.kind,
        reason: result.reason,
        message: result.message ?? result.error?.message ?? null,
        state: fleet.get(input.jobId) ?? null,
      });
    }
  }
  return { entries, rejections, jobs: [...fleet], counts };
}

import { ErrorCode, JobInputError, JobTrackerError } from '../errors.js';
import type { JobInput } from '../model/input.js';
import type { ApplyResult } from '../state/apply-input.js';
import { normalisedInputsOf } from '../state/check-input.js';
import { deepFreeze } from '../state/freeze.js';
import type { Anomaly } from '../model/job-state.js';
import { parseInputs, type ParseOptions } from '../adapters/index.js';

/**
 * What became of one input.
 *
 * - `applied`: it moved the job forward or taught something new.
 * - `duplicate`: an event with the same id was applied before.
 * - `stale`: older than what is known, or after the job settled: its status
 *   was not applied (see `anomaly`), its new facts were still merged.
 * - `ignored`: not about this job's state (another detail-type, an SNS
 *   subscription confirmation, an unknown future status, another job, a
 *   filter), with the reason.
 * - `rejected`: one record of a batch was invalid; `error` says why.
 */
export type IngestKind = 'applied' | 'duplicate' | 'stale' | 'ignored' | 'rejected';

/** Why an input was not applied: a skip reason, an anomaly code or one of these. */
export const IngestReason = {
  /** An event with this id was applied before. */
  DUPLICATE_EVENT: 'DUPLICATE_EVENT',
  /** The input carried nothing the tracker did not know. */
  NOTHING_NEW: 'NOTHING_NEW',
  /** The input is about another job than the tracker follows. */
  OTHER_JOB: 'OTHER_JOB',
} as const;

/** The outcome of one item of an ingested payload. */
export interface IngestOutcome {
  readonly kind: IngestKind;
  /** `null` when applied; else a code such as `DUPLICATE_EVENT`, `AFTER_FINAL`, `NOT_A_JOB_STATE_CHANGE`. */
  readonly reason: string | null;
  /** A sentence for people, when there is something to explain. */
  readonly message: string | null;
  readonly jobId: string | null;
  readonly eventId: string | null;
  /** Whether the job's state changed. */
  readonly changed: boolean;
  /** The anomaly this input caused, if any. */
  readonly anomaly: Anomaly | null;
  /** Why a batch record was rejected. */
  readonly error: JobInputError | null;
  /**
   * The SQS `messageId` (or SNS `MessageId`) that carried the item, so a
   * Lambda can report rejected records as `batchItemFailures`.
   */
  readonly messageId: string | null;
}

/**
 * What `ingest` did with a payload: the outcome of its single item, or for
 * a batch (an SQS event, a ListJobs page) a summary with every item in
 * `items`. A batch is `applied` if any item was, `duplicate` if all were,
 * else `stale`, `rejected` or `ignored` in that order.
 */
export interface IngestResult extends IngestOutcome {
  readonly items: readonly IngestOutcome[];
}

/** @internal */
export const EMPTY_OUTCOME = {
  reason: null,
  message: null,
  jobId: null,
  eventId: null,
  changed: false,
  anomaly: null,
  error: null,
  messageId: null,
} as const;

/** One item of a payload, ready for a tracker. @internal */
export type IngestItem = { readonly messageId: string | null } & (
  | { readonly kind: 'input'; readonly input: JobInput }
  | {
      readonly kind: 'ignored';
      readonly reason: string;
      readonly message: string;
      readonly jobId: string | null;
      readonly eventId: string | null;
    }
  | { readonly kind: 'rejected'; readonly error: JobInputError }
);

/**
 * Turns any payload into items. A payload that is a single invalid item
 * throws its {@link JobInputError}; in a batch, invalid records become
 * `rejected` items so the others still count.
 *
 * @internal
 */
export function itemsOf(
  value: unknown,
  options: ParseOptions | undefined,
): readonly IngestItem[] {
  const normalised = normalisedInputsOf(value, options);
  if (normalised !== null) {
    return normalised.map(
      (input): IngestItem =>
        input instanceof JobInputError
          ? { kind: 'rejected', error: input, messageId: null }
          : { kind: 'input', input, messageId: null },
    );
  }
  const parsed = parseInputs(value, options);
  if (parsed.length === 1 && parsed[0]?.kind === 'invalid') throw parsed[0].error;
  // Input items already have the shape of ingest items: no copy when all are inputs.
  if (parsed.every((item) => item.kind === 'input')) return parsed;
  return parsed.map((item): IngestItem => {
    const { messageId } = item;
    if (item.kind === 'input') return { kind: 'input', input: item.input, messageId };
    if (item.kind === 'skipped') {
      const { reason, message, jobId, eventId } = item;
      return { kind: 'ignored', reason, message, jobId, eventId, messageId };
    }
    return { kind: 'rejected', error: item.error, messageId };
  });
}

/** @internal */
export function outcomeOfItem(item: Exclude<IngestItem, { kind: 'input' }>): IngestOutcome {
  if (item.kind === 'ignored') {
    const { reason, message, jobId, eventId, messageId } = item;
    return { ...EMPTY_OUTCOME, kind: 'ignored', reason, message, jobId, eventId, messageId };
  }
  return {
    ...EMPTY_OUTCOME,
    kind: 'rejected',
    messageId: item.messageId,
    reason: item.error.code,
    message: item.error.message,
    jobId: item.error.jobId ?? null,
    error: item.error,
  };
}

const SUMMARY_ORDER: readonly IngestKind[] = ['stale', 'rejected', 'ignored'];

/** @internal */
export function summarise(items: readonly IngestOutcome[]): IngestResult {
  const only = items[0];
  if (items.length === 1 && only !== undefined) {
    // Fields spelled out: a spread that adds a field is slow on current engines.
    return {
      kind: only.kind,
      reason: only.reason,
      message: only.message,
      jobId: only.jobId,
      eventId: only.eventId,
      changed: only.changed,
      anomaly: only.anomaly,
      error: only.error,
      messageId: only.messageId,
      items,
    };
  }
  if (items.length === 0) {
    return {
      ...EMPTY_OUTCOME,
      kind: 'ignored',
      reason: 'EMPTY_BATCH',
      message: 'The payload held no records.',
      items,
    };
  }
  const changed = items.some((o) => o.changed);
  let kind: IngestKind;
  if (items.some((o) => o.kind === 'applied')) kind = 'applied';
  else if (items.every((o) => o.kind === 'duplicate')) kind = 'duplicate';
  else kind = SUMMARY_ORDER.find((k) => items.some((o) => o.kind === k)) ?? 'ignored';
  return {
    ...EMPTY_OUTCOME,
    kind,
    reason: kind === 'applied' ? null : (items.find((o) => o.kind === kind)?.reason ?? null),
    message: `${items.length} items: ${countKinds(items)}.`,
    changed,
    items,
  };
}

function countKinds(items: readonly IngestOutcome[]): string {
  const counts = new Map<IngestKind, number>();
  for (const o of items) counts.set(o.kind, (counts.get(o.kind) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${n} ${k}`).join(', ');
}

/** @internal */
export function otherJob(
  input: JobInput,
  expected: string,
  messageId: string | null,
): IngestOutcome {
  return {
    ...EMPTY_OUTCOME,
    kind: 'ignored',
    reason: IngestReason.OTHER_JOB,
    message: `The input is about job ${input.jobId}; this tracker follows ${expected}.`,
    jobId: input.jobId,
    eventId: input.eventId,
    messageId,
  };
}

/** @internal The outcome of applying one input. */
export function outcomeOfApply(
  result: ApplyResult,
  input: JobInput,
  messageId: string | null,
): IngestOutcome {
  let reason: string | null = null;
  if (result.kind === 'duplicate') reason = IngestReason.DUPLICATE_EVENT;
  else if (result.kind === 'stale') reason = result.anomaly?.code ?? IngestReason.NOTHING_NEW;
  return {
    kind: result.kind,
    reason,
    message: result.anomaly?.message ?? null,
    jobId: input.jobId,
    eventId: input.eventId,
    changed: result.changed,
    anomaly: result.anomaly === null ? null : deepFreeze(result.anomaly),
    error: null,
    messageId,
  };
}

/** @internal Raised when options make no sense. */
export function invalidOption(message: string, path: string): JobTrackerError {
  return new JobTrackerError(ErrorCode.INVALID_OPTIONS, message, { path });
}

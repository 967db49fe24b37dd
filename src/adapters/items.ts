import type { JobInputError } from '../errors.js';
import type { JobInput } from '../model/input.js';

/**
 * Why an adapter recognised something but produced no {@link JobInput} from it.
 * A skip is expected traffic, never an error.
 *
 * @example
 * ```ts
 * for (const item of parseInputs(event)) {
 *   if (item.kind === 'skipped' && item.reason === SkipReason.UNKNOWN_STATUS) {
 *     metrics.count('mediaconvert.unknown_status');
 *   }
 * }
 * ```
 */
export const SkipReason = {
  /** An EventBridge event whose `source` is not `aws.mediaconvert`. */
  NOT_MEDIACONVERT: 'NOT_MEDIACONVERT',
  /** A MediaConvert event of another `detail-type` (job engine version notices, ...). */
  NOT_A_JOB_STATE_CHANGE: 'NOT_A_JOB_STATE_CHANGE',
  /** A CloudTrail record of a call other than a successful `CreateJob`. */
  UNTRACKED_API_CALL: 'UNTRACKED_API_CALL',
  /** A job state change whose `detail.status` this version does not know. */
  UNKNOWN_STATUS: 'UNKNOWN_STATUS',
  /** An SNS `SubscriptionConfirmation` message. */
  SUBSCRIPTION_CONFIRMATION: 'SUBSCRIPTION_CONFIRMATION',
  /** An SNS `UnsubscribeConfirmation` message. */
  UNSUBSCRIBE_CONFIRMATION: 'UNSUBSCRIBE_CONFIRMATION',
  /** A `GetJobsQueryResults` response whose query has not finished: ask again later. */
  QUERY_NOT_COMPLETE: 'QUERY_NOT_COMPLETE',
} as const;

/** One of the reasons of {@link SkipReason}. */
export type SkipReason = (typeof SkipReason)[keyof typeof SkipReason];

/**
 * Where an item was found; shared by every {@link ParsedItem}.
 *
 * @example
 * ```ts
 * const [item] = parseInputs({ Records: [sqsRecord] });
 * item.path; // 'Records[0].body'
 * item.messageId; // the SQS messageId, for batchItemFailures
 * ```
 */
export interface ParsedItemSource {
  /**
   * Where the item starts in the value given to the parser, e.g.
   * `Records[2].body` (`''` for the value itself).
   */
  readonly path: string;
  /**
   * The `messageId` of the SQS record (or, without SQS, the `MessageId` of the
   * SNS message) that carried the item, for SQS partial batch responses;
   * `null` when there was none.
   */
  readonly messageId: string | null;
}

/**
 * A normalised input the tracker can apply.
 *
 * @example
 * ```ts
 * if (item.kind === 'input') tracker.ingest(item.input);
 * ```
 */
export interface InputItem extends ParsedItemSource {
  readonly kind: 'input';
  readonly input: JobInput;
}

/**
 * Something recognised and deliberately not turned into an input.
 *
 * @example
 * ```ts
 * if (item.kind === 'skipped' && item.reason === SkipReason.SUBSCRIPTION_CONFIRMATION) {
 *   await confirmSubscription(body);
 * }
 * ```
 */
export interface SkippedItem extends ParsedItemSource {
  readonly kind: 'skipped';
  readonly reason: SkipReason;
  /** A sentence for people. */
  readonly message: string;
  /** The job concerned, when the skipped value names one. */
  readonly jobId: string | null;
  /** The EventBridge event `id`, when the skipped value is an event. */
  readonly eventId: string | null;
  /** The skipped event's `detail.timestamp` (epoch ms), when it has a valid one. */
  readonly timestamp: number | null;
}

/**
 * A record or job that could not be read; its neighbours are unaffected.
 *
 * @example
 * ```ts
 * if (item.kind === 'invalid') deadLetter(item.messageId, item.error.code, item.error.path);
 * ```
 */
export interface InvalidItem extends ParsedItemSource {
  readonly kind: 'invalid';
  /** Says what is wrong (`code`) and where (`path`, from the top of the parsed value). */
  readonly error: JobInputError;
}

/**
 * One thing found in the input: an input, a skip, or an invalid record.
 *
 * @example
 * ```ts
 * const failures = parseInputs(sqsEvent)
 *   .filter((item) => item.kind === 'invalid')
 *   .map((item) => ({ itemIdentifier: item.messageId ?? '' }));
 * ```
 */
export type ParsedItem = InputItem | SkippedItem | InvalidItem;

/**
 * What {@link parseEvent} returns: one input or one skip.
 *
 * @example
 * ```ts
 * const item: ParsedEvent = parseEvent(event);
 * if (item.kind === 'skipped') return;
 * ```
 */
export type ParsedEvent = InputItem | SkippedItem;

/**
 * The shape of a generated job history: the events MediaConvert sent and the
 * API's view of the job at chosen moments, as the service produces them.
 */
import type { EventStatus } from '../../model/input.js';
import type { JsonValue } from '../../model/json.js';
import type { FinalJobStatus, JobPhase, JobStatus } from '../../model/status.js';

/**
 * How a generated job ends.
 *
 * `CANCELED_WHILE_QUEUED` is a job canceled before it left its queue: the
 * service sends no event for it, and only the API shows the cancellation.
 *
 * @example
 * ```ts
 * jobLifecycleArbitrary({ outcomes: [LifecycleOutcome.CANCELED_WHILE_QUEUED] });
 * ```
 */
export const LifecycleOutcome = {
  COMPLETE: 'COMPLETE',
  ERROR: 'ERROR',
  CANCELED: 'CANCELED',
  CANCELED_WHILE_QUEUED: 'CANCELED_WHILE_QUEUED',
} as const;

/** One of the outcomes of {@link LifecycleOutcome}. */
export type LifecycleOutcome = (typeof LifecycleOutcome)[keyof typeof LifecycleOutcome];

/**
 * The `detail` of a generated "MediaConvert Job State Change" event: the
 * fields every status carries, plus the status's own (`jobProgress`,
 * `outputGroupDetails`, `errorCode`, ...) as JSON.
 *
 * @example
 * ```ts
 * const { detail } = lifecycle.events[0]!;
 * if (detail.status === 'STATUS_UPDATE') console.log(detail['jobProgress']);
 * ```
 */
export interface LifecycleEventDetail {
  /** When the state changed, epoch milliseconds; strictly increasing within a history. */
  readonly timestamp: number;
  readonly accountId: string;
  /** The queue ARN the job is in at `timestamp` (for `QUEUE_HOP`, the new queue). */
  readonly queue: string;
  readonly jobId: string;
  readonly status: EventStatus;
  /** `{}` when the job has none. */
  readonly userMetadata: { readonly [key: string]: string };
  readonly [field: string]: JsonValue;
}

/**
 * A generated EventBridge event, shaped exactly like the ones MediaConvert
 * sends (see the recorded samples under `test/fixtures/eventbridge`).
 *
 * @example
 * ```ts
 * const event: LifecycleEvent = lifecycle.events.at(-1)!;
 * event['detail-type']; // 'MediaConvert Job State Change'
 * ```
 */
export interface LifecycleEvent {
  readonly version: '0';
  /** A UUID, unique within the history; a duplicate delivery keeps it. */
  readonly id: string;
  readonly 'detail-type': 'MediaConvert Job State Change';
  readonly source: 'aws.mediaconvert';
  readonly account: string;
  /** ISO 8601 with whole seconds, as EventBridge writes it. */
  readonly time: string;
  readonly region: string;
  /** The job ARN (occasionally without its account, as the service sometimes sends it). */
  readonly resources: readonly string[];
  readonly detail: LifecycleEventDetail;
}

/**
 * The job as `GetJob` returns it through `@aws-sdk/client-mediaconvert`:
 * PascalCase fields and `Date` times. Only what the service would show at
 * the moment of the view is present.
 *
 * @example
 * ```ts
 * const { Job } = lifecycle.apiViews[0]!.response;
 * Job.Status; // 'SUBMITTED'
 * ```
 */
export interface LifecycleApiJob {
  readonly Id: string;
  readonly Arn: string;
  readonly Status: JobStatus;
  /** Only while `PROGRESSING`. */
  readonly CurrentPhase?: JobPhase;
  /** Only while `PROGRESSING`, and only once the service can estimate it. */
  readonly JobPercentComplete?: number;
  readonly RetryCount: number;
  readonly ErrorCode?: number;
  readonly ErrorMessage?: string;
  readonly Messages: { readonly Info: readonly string[]; readonly Warning: readonly string[] };
  readonly Warnings?: readonly { readonly Code: number; readonly Count: number }[];
  /** The submission queue: the API keeps it after hops. */
  readonly Queue: string;
  /** The submission priority. */
  readonly Priority: number;
  readonly QueueTransitions?: readonly {
    readonly SourceQueue: string;
    readonly DestinationQueue: string;
    readonly Timestamp: Date;
  }[];
  readonly OutputGroupDetails?: readonly {
    readonly OutputDetails: readonly {
      readonly DurationInMs: number;
      readonly VideoDetails?: { readonly WidthInPx: number; readonly HeightInPx: number };
    }[];
  }[];
  readonly UserMetadata: { readonly [key: string]: string };
  readonly StatusUpdateInterval:
    | 'SECONDS_10'
    | 'SECONDS_12'
    | 'SECONDS_15'
    | 'SECONDS_20'
    | 'SECONDS_30'
    | 'SECONDS_60'
    | 'SECONDS_120'
    | 'SECONDS_180'
    | 'SECONDS_240'
    | 'SECONDS_300'
    | 'SECONDS_600';
  readonly AccelerationStatus: 'NOT_APPLICABLE' | 'ACCELERATED';
  readonly BillingTagsSource: 'JOB';
  readonly CreatedAt: Date;
  readonly Timing: {
    readonly SubmitTime: Date;
    readonly StartTime?: Date;
    readonly FinishTime?: Date;
  };
  readonly Role: string;
  readonly Settings: {
    readonly Inputs: readonly { readonly FileInput: string }[];
    readonly OutputGroups: readonly {
      readonly Name: string;
      readonly OutputGroupSettings: {
        readonly Type:
          | 'FILE_GROUP_SETTINGS'
          | 'HLS_GROUP_SETTINGS'
          | 'DASH_ISO_GROUP_SETTINGS'
          | 'CMAF_GROUP_SETTINGS'
          | 'MS_SMOOTH_GROUP_SETTINGS';
      };
    }[];
  };
}

/**
 * A `GetJob` response in the SDK's form, `{ $metadata, Job }`.
 *
 * @example
 * ```ts
 * tracker.ingest(lifecycle.apiViews[0]!.response);
 * ```
 */
export interface LifecycleGetJobResponse {
  readonly $metadata: {
    readonly httpStatusCode: number;
    readonly requestId: string;
    readonly attempts: number;
    readonly totalRetryDelay: number;
  };
  readonly Job: LifecycleApiJob;
}

/**
 * One event of a history, with when it happened.
 *
 * @example
 * ```ts
 * const fact: LifecycleEventFact = { kind: 'event', key: event.id, at: event.detail.timestamp, event };
 * ```
 */
export interface LifecycleEventFact {
  readonly kind: 'event';
  /** The event `id`. */
  readonly key: string;
  /** `detail.timestamp`. */
  readonly at: number;
  readonly event: LifecycleEvent;
}

/**
 * One look at the job through the API, with when it was taken.
 *
 * @example
 * ```ts
 * const view = lifecycle.apiViews[0]!;
 * parseApiResponse(view.response, { observedAt: view.at });
 * ```
 */
export interface LifecycleApiFact {
  readonly kind: 'api';
  /** A key unique within the history, e.g. `api-0`. */
  readonly key: string;
  /** When the response was received, epoch milliseconds. */
  readonly at: number;
  readonly response: LifecycleGetJobResponse;
}

/**
 * Something a consumer can learn about the job: an event or an API view.
 *
 * @example
 * ```ts
 * const payload = fact.kind === 'event' ? fact.event : fact.response;
 * ```
 */
export type LifecycleFact = LifecycleEventFact | LifecycleApiFact;

/**
 * The true history of one MediaConvert job, as {@link jobLifecycleArbitrary}
 * generates it: what happened, the events the service sent (in the order it
 * sent them) and what the API showed at chosen moments.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(jobLifecycleArbitrary(), (lifecycle) => {
 *   expect(lifecycle.events.every((e) => e.detail.jobId === lifecycle.jobId)).toBe(true);
 * }));
 * ```
 */
export interface JobLifecycle {
  /** The MediaConvert job id, e.g. `1733238000123-a1b2c3`. */
  readonly jobId: string;
  readonly arn: string;
  readonly accountId: string;
  readonly region: string;
  readonly outcome: LifecycleOutcome;
  /** The status the job ends in. */
  readonly finalStatus: FinalJobStatus;
  /** How many attempts ran: 1 plus the highest `retryCount`. */
  readonly attempts: number;
  /** The queue the job was submitted to. */
  readonly queue: string;
  /** The queue the job ran in (or waited in last). */
  readonly finalQueue: string;
  readonly userMetadata: { readonly [key: string]: string };
  /** When the job was submitted, epoch milliseconds. */
  readonly submittedAt: number;
  /** When it started, or `null` for a job canceled while queued. */
  readonly startedAt: number | null;
  /** When it reached its final status. */
  readonly settledAt: number;
  /** Every event sent, oldest first, with strictly increasing `detail.timestamp`s. */
  readonly events: readonly LifecycleEvent[];
  /** The API views taken, oldest first. */
  readonly apiViews: readonly LifecycleApiFact[];
  /** Events and API views together, in the order they happened. */
  readonly facts: readonly LifecycleFact[];
}

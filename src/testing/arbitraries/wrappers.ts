/**
 * The wrappers an EventBridge event travels in before it reaches code:
 * JSON text, an SQS record, an SNS record, SNS inside SQS.
 */
import type { LifecycleEvent } from './lifecycle.js';
import { snsNotificationText, snsRecord, sqsRecord } from './internal/sns-sqs.js';

/**
 * How a delivered payload is wrapped.
 *
 * - `OBJECT`: the bare event, as a Lambda target of the EventBridge rule gets it.
 * - `JSON`: the event as JSON text (an HTTP body, a line of a file).
 * - `SQS`: an SQS record whose `body` is the event's JSON.
 * - `SNS`: an SNS record whose `Sns.Message` is the event's JSON.
 * - `SNS_IN_SQS`: an SQS record whose body is an SNS notification carrying
 *   the event (SNS to SQS without raw message delivery).
 * - `API`: an API response, as polling code receives it (never wrapped).
 *
 * @example
 * ```ts
 * deliveryArbitrary(lifecycle, { wrappers: [DeliveryWrapper.SQS, DeliveryWrapper.SNS_IN_SQS] });
 * ```
 */
export const DeliveryWrapper = {
  OBJECT: 'OBJECT',
  JSON: 'JSON',
  SQS: 'SQS',
  SNS: 'SNS',
  SNS_IN_SQS: 'SNS_IN_SQS',
  API: 'API',
} as const;

/** One of the wrappers of {@link DeliveryWrapper}. */
export type DeliveryWrapper = (typeof DeliveryWrapper)[keyof typeof DeliveryWrapper];

/**
 * A wrapper an event can arrive in: every {@link DeliveryWrapper} but `API`.
 *
 * @example
 * ```ts
 * const wrappers: EventWrapper[] = ['SQS', 'SNS_IN_SQS'];
 * ```
 */
export type EventWrapper = Exclude<DeliveryWrapper, 'API'>;

/**
 * An SQS record as a Lambda function receives it in `event.Records`.
 *
 * @example
 * ```ts
 * const body = JSON.parse(record.body);
 * ```
 */
export interface DeliveredSqsRecord {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly body: string;
  readonly attributes: {
    readonly ApproximateReceiveCount: string;
    readonly SentTimestamp: string;
    readonly SenderId: string;
    readonly ApproximateFirstReceiveTimestamp: string;
  };
  readonly messageAttributes: { readonly [name: string]: never };
  readonly md5OfBody: string;
  readonly eventSource: 'aws:sqs';
  readonly eventSourceARN: string;
  readonly awsRegion: string;
}

/**
 * An SNS record as a Lambda function receives it in `event.Records`.
 *
 * @example
 * ```ts
 * const event = JSON.parse(record.Sns.Message);
 * ```
 */
export interface DeliveredSnsRecord {
  readonly EventSource: 'aws:sns';
  readonly EventVersion: '1.0';
  readonly EventSubscriptionArn: string;
  readonly Sns: {
    readonly Type: 'Notification';
    readonly MessageId: string;
    readonly TopicArn: string;
    readonly Subject: null;
    readonly Message: string;
    readonly Timestamp: string;
    readonly SignatureVersion: '1';
    readonly Signature: string;
    readonly SigningCertUrl: string;
    readonly UnsubscribeUrl: string;
    readonly MessageAttributes: { readonly [name: string]: never };
  };
}

/**
 * Where the wrappers say the event came from and went to, and what seeds
 * their own ids (message ids, receipt handles, signatures).
 *
 * @example
 * ```ts
 * const ctx: WrapContext = {
 *   accountId: '111122223333', region: 'us-west-2', at: Date.now(), seed: 'job-1',
 * };
 * ```
 */
export interface WrapContext {
  readonly accountId: string;
  readonly region: string;
  /** When the wrapper was made, epoch milliseconds. */
  readonly at: number;
  /** Seeds the wrapper's own ids. */
  readonly seed: string;
  /**
   * The SQS message id to use, for a redelivery of the same message.
   * @defaultValue an id drawn from `seed`
   */
  readonly messageId?: string;
  /**
   * How many times SQS has handed out this message, from 1.
   * @defaultValue 1
   */
  readonly receiveCount?: number;
}

/**
 * Wraps an event the way it reaches code through `wrapper`.
 *
 * @example
 * ```ts
 * const ctx = { accountId: '111122223333', region: 'us-west-2', at: Date.now(), seed: 'a' };
 * const record = wrapEvent(event, 'SQS', ctx);
 * handler({ Records: [record] });
 * ```
 */
export function wrapEvent(
  event: LifecycleEvent,
  wrapper: EventWrapper,
  ctx: WrapContext,
): LifecycleEvent | string | DeliveredSqsRecord | DeliveredSnsRecord {
  switch (wrapper) {
    case 'OBJECT':
      return structuredClone(event);
    case 'JSON':
      return JSON.stringify(event);
    case 'SQS':
      return sqsRecord(JSON.stringify(event), ctx);
    case 'SNS':
      return snsRecord(JSON.stringify(event), ctx);
    case 'SNS_IN_SQS':
      return sqsRecord(snsNotificationText(JSON.stringify(event), ctx), ctx);
  }
}

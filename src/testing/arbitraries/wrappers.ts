/**
 * The wrappers an EventBridge event travels in before it reaches code:
 * JSON text, an SQS record, an SNS record, SNS inside SQS.
 */
import { createHash } from 'node:crypto';
import type { LifecycleEvent } from './lifecycle.js';
import { createWords, hex, uuid } from './internal/ids.js';

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

/** A wrapper an event can arrive in: every {@link DeliveryWrapper} but `API`. */
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

/** Where the wrappers say the event came from and went to. */
export interface WrapContext {
  readonly accountId: string;
  readonly region: string;
  /** When the wrapper was made, epoch milliseconds. */
  readonly at: number;
  /** Seeds the wrapper's own ids. */
  readonly seed: string;
  /** Reuses an SQS message id, for a redelivery of the same message. */
  readonly messageId?: string;
  /** How many times SQS has handed out this message, from 1. */
  readonly receiveCount?: number;
}

function topicArn(ctx: WrapContext): string {
  return `arn:aws:sns:${ctx.region}:${ctx.accountId}:mediaconvert-job-events`;
}

function snsFields(message: string, ctx: WrapContext) {
  const words = createWords(0, ctx.seed, 'sns');
  const messageId = uuid(words);
  const topic = topicArn(ctx);
  return {
    messageId,
    topic,
    timestamp: new Date(ctx.at).toISOString(),
    signature: Buffer.from(hex(words, 96), 'hex').toString('base64'),
    cert: `https://sns.${ctx.region}.amazonaws.com/SimpleNotificationService-${hex(words, 32)}.pem`,
    unsubscribe:
      `https://sns.${ctx.region}.amazonaws.com/?Action=Unsubscribe` +
      `&SubscriptionArn=${topic}:${uuid(words)}`,
    message,
  };
}

/** An SQS record carrying `body`. */
export function sqsRecord(body: string, ctx: WrapContext): DeliveredSqsRecord {
  const messageId = ctx.messageId ?? uuid(createWords(0, ctx.seed, 'sqs'));
  // Each receive of a message gets its own receipt handle.
  const receipt = createWords(0, ctx.seed, 'receipt', String(ctx.receiveCount ?? 1));
  const sent = String(ctx.at);
  return {
    messageId,
    receiptHandle: `AQEB${Buffer.from(hex(receipt, 90), 'hex').toString('base64')}`,
    body,
    attributes: {
      ApproximateReceiveCount: String(ctx.receiveCount ?? 1),
      SentTimestamp: sent,
      SenderId: 'AIDAIENQZJOLO23YVJ4VO',
      ApproximateFirstReceiveTimestamp: sent,
    },
    messageAttributes: {},
    md5OfBody: createHash('md5').update(body).digest('hex'),
    eventSource: 'aws:sqs',
    eventSourceARN: `arn:aws:sqs:${ctx.region}:${ctx.accountId}:mediaconvert-job-events`,
    awsRegion: ctx.region,
  };
}

/** An SNS record of a Lambda event carrying `message`. */
export function snsRecord(message: string, ctx: WrapContext): DeliveredSnsRecord {
  const sns = snsFields(message, ctx);
  return {
    EventSource: 'aws:sns',
    EventVersion: '1.0',
    EventSubscriptionArn: `${sns.topic}:${uuid(createWords(0, ctx.seed, 'subscription'))}`,
    Sns: {
      Type: 'Notification',
      MessageId: sns.messageId,
      TopicArn: sns.topic,
      Subject: null,
      Message: message,
      Timestamp: sns.timestamp,
      SignatureVersion: '1',
      Signature: sns.signature,
      SigningCertUrl: sns.cert,
      UnsubscribeUrl: sns.unsubscribe,
      MessageAttributes: {},
    },
  };
}

/** The JSON of an SNS notification as SNS writes it into an SQS queue. */
export function snsNotificationText(message: string, ctx: WrapContext): string {
  const sns = snsFields(message, ctx);
  return JSON.stringify({
    Type: 'Notification',
    MessageId: sns.messageId,
    TopicArn: sns.topic,
    Message: message,
    Timestamp: sns.timestamp,
    SignatureVersion: '1',
    Signature: sns.signature,
    SigningCertURL: sns.cert,
    UnsubscribeURL: sns.unsubscribe,
  });
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

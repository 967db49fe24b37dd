/**
 * SQS and SNS envelopes around a JSON message, with ids drawn from a seed.
 *
 * @internal
 */
import { createHash } from 'node:crypto';
import type { DeliveredSnsRecord, DeliveredSqsRecord, WrapContext } from '../wrappers.js';
import { createWords, hex, uuid } from './ids.js';

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

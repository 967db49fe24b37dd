/**
 * Traffic that shares a job's channels but says nothing about its state: an
 * SNS subscription confirmation, and the CloudTrail record of a `GetJob`
 * call that EventBridge forwards when a trail is on.
 *
 * @internal
 */
import type { JsonObject } from '../../../model/json.js';
import type { JobLifecycle } from '../lifecycle.js';
import type { DeliveredSqsRecord } from '../wrappers.js';
import { sqsRecord } from './sns-sqs.js';
import { createWords, hex, uuid } from './ids.js';

export const NOISE_KINDS = ['SUBSCRIPTION_CONFIRMATION', 'CLOUDTRAIL_GET_JOB'] as const;

export type NoiseKind = (typeof NOISE_KINDS)[number];

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** An SNS `SubscriptionConfirmation`, as it lands in a subscribed SQS queue. */
function subscriptionConfirmation(
  lifecycle: JobLifecycle,
  at: number,
  seed: string,
): DeliveredSqsRecord {
  const words = createWords(0, seed, 'confirmation');
  const { region, accountId } = lifecycle;
  const topic = `arn:aws:sns:${region}:${accountId}:mediaconvert-job-events`;
  const token = hex(words, 128);
  const body = JSON.stringify({
    Type: 'SubscriptionConfirmation',
    MessageId: uuid(words),
    Token: token,
    TopicArn: topic,
    Message: `You have chosen to subscribe to the topic ${topic}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`,
    SubscribeURL:
      `https://sns.${region}.amazonaws.com/?Action=ConfirmSubscription` +
      `&TopicArn=${topic}&Token=${token}`,
    Timestamp: iso(at),
    SignatureVersion: '1',
    Signature: Buffer.from(hex(words, 96), 'hex').toString('base64'),
    SigningCertURL:
      `https://sns.${region}.amazonaws.com/SimpleNotificationService-${hex(words, 32)}.pem`,
  });
  return sqsRecord(body, { accountId, region, at, seed });
}

/** The CloudTrail record of a `GetJob` call on the job, as EventBridge forwards it. */
function cloudTrailGetJob(lifecycle: JobLifecycle, at: number, seed: string): JsonObject {
  const words = createWords(0, seed, 'cloudtrail');
  const { region, accountId, jobId } = lifecycle;
  return {
    version: '0',
    id: uuid(words),
    'detail-type': 'AWS API Call via CloudTrail',
    source: 'aws.mediaconvert',
    account: accountId,
    time: `${iso(at).slice(0, 19)}Z`,
    region,
    resources: [],
    detail: {
      eventVersion: '1.09',
      userIdentity: {
        type: 'AssumedRole',
        principalId: `AROA${hex(words, 16).toUpperCase()}:job-poller`,
        arn: `arn:aws:sts::${accountId}:assumed-role/job-poller/job-poller`,
        accountId,
      },
      eventTime: `${iso(at).slice(0, 19)}Z`,
      eventSource: 'mediaconvert.amazonaws.com',
      eventName: 'GetJob',
      awsRegion: region,
      sourceIPAddress: '203.0.113.10',
      userAgent: 'aws-sdk-js/3.700.0',
      requestParameters: { id: jobId },
      responseElements: null,
      requestID: uuid(words),
      eventID: uuid(words),
      readOnly: true,
      eventType: 'AwsApiCall',
      managementEvent: true,
      recipientAccountId: accountId,
      eventCategory: 'Management',
    },
  };
}

/** A noise payload of the given kind. */
export function noisePayload(
  kind: NoiseKind,
  lifecycle: JobLifecycle,
  at: number,
  seed: string,
): DeliveredSqsRecord | JsonObject {
  return kind === 'SUBSCRIPTION_CONFIRMATION'
    ? subscriptionConfirmation(lifecycle, at, seed)
    : cloudTrailGetJob(lifecycle, at, seed);
}

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { JobInputError } from '../../src/errors.js';
import type { ParsedItem } from '../../src/adapters/index.js';
import type { JobInput } from '../../src/model/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The text of a fixture, by path from the repository root. */
export function fixtureText(path: string): string {
  return readFileSync(`${root}/${path}`, 'utf8');
}

/** A fixture parsed as JSON, by path from the repository root. */
export function fixture(path: string): Record<string, unknown> {
  return JSON.parse(fixtureText(path)) as Record<string, unknown>;
}

/** A shared EventBridge fixture by name. */
export function eventFixture(name: string): Record<string, unknown> {
  return fixture(`test/fixtures/eventbridge/${name}.json`);
}

/** An event fixture with `detail` fields replaced (`undefined` deletes). */
export function withDetail(
  name: string,
  changes: Record<string, unknown>,
): Record<string, unknown> {
  const event = eventFixture(name);
  const detail: Record<string, unknown> = { ...(event.detail as Record<string, unknown>) };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete detail[key];
    else detail[key] = value;
  }
  return { ...event, detail };
}

/** The one input in `items`, failing the test otherwise. */
export function onlyInput(items: readonly ParsedItem[]): JobInput {
  expect(items).toHaveLength(1);
  const item = items[0];
  if (item?.kind !== 'input') {
    const detail =
      item?.kind === 'invalid' ? `${item.error.code} ${item.error.message}` : item?.kind;
    throw new Error(`Expected an input item, got ${detail}`);
  }
  return item.input;
}

/** The error `run` throws, failing the test if it is not a JobInputError. */
export function thrown(run: () => unknown): JobInputError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(JobInputError);
    return error as JobInputError;
  }
  throw new Error('Expected a JobInputError, nothing was thrown');
}

const TOPIC = 'arn:aws:sns:us-west-2:111122223333:mediaconvert-events';

/** A Lambda SQS record carrying `body`. */
export function sqsRecord(body: string, messageId = 'sqs-msg-1'): Record<string, unknown> {
  return {
    messageId,
    receiptHandle: 'AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a',
    body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '1733238005000',
      SenderId: 'AIDAIENQZJOLO23YVJ4VO',
      ApproximateFirstReceiveTimestamp: '1733238005010',
    },
    messageAttributes: {},
    md5OfBody: 'e4e68fb7bd0e697a0ae8f1bb342846b3',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-west-2:111122223333:mediaconvert-events',
    awsRegion: 'us-west-2',
  };
}

/** An SNS notification as SNS posts it over HTTP or puts it in an SQS body. */
export function snsNotification(message: string, messageId = 'sns-msg-1'): Record<string, unknown> {
  return {
    Type: 'Notification',
    MessageId: messageId,
    TopicArn: TOPIC,
    Message: message,
    Timestamp: '2024-12-03T15:00:05.000Z',
    SignatureVersion: '1',
    Signature: 'EXAMPLEpH+DcEwjAPg8O9mY8dReBSwksfg2S7WKQcikcNKWLQjwu6A4VbeS0QHVCkhRS7fUQ=',
    SigningCertURL: 'https://sns.us-west-2.amazonaws.com/SimpleNotificationService-0.pem',
    UnsubscribeURL: `https://sns.us-west-2.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${TOPIC}:0a1b`,
  };
}

/** A Lambda SNS record carrying `message`. */
export function snsRecord(message: string, messageId = 'sns-msg-1'): Record<string, unknown> {
  return {
    EventSource: 'aws:sns',
    EventVersion: '1.0',
    EventSubscriptionArn: `${TOPIC}:0a1b2c3d`,
    Sns: { ...snsNotification(message, messageId), Subject: null, MessageAttributes: {} },
  };
}

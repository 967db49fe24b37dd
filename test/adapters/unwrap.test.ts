import { describe, expect, it } from 'vitest';
import {
  parseEvent,
  parseInputs,
  safeParseEvent,
  safeParseInputs,
  SkipReason,
} from '../../src/adapters/index.js';
import type { JobInput } from '../../src/model/index.js';
import { ErrorCode } from '../../src/errors.js';
import {
  eventFixture,
  fixtureText,
  onlyInput,
  snsNotification,
  snsRecord,
  sqsRecord,
  thrown,
  withDetail,
} from './helpers.js';

const text = fixtureText('test/fixtures/eventbridge/status-update.json');
const event = JSON.parse(text) as Record<string, unknown>;
const expected = onlyInput(parseInputs(event));

const wrappers: readonly [string, unknown, string][] = [
  ['the bare object', event, ''],
  ['JSON text', text, ''],
  ['a Buffer', Buffer.from(text), ''],
  ['a Uint8Array', new TextEncoder().encode(text), ''],
  ['an ArrayBuffer', new TextEncoder().encode(text).buffer, ''],
  ['text with a byte order mark', `\uFEFF${text}`, ''],
  ['JSON text of JSON text', JSON.stringify(text), ''],
  ['an SQS record', sqsRecord(text), 'body'],
  [
    'an SQS message from ReceiveMessage',
    { MessageId: 'm-1', ReceiptHandle: 'r', Body: text },
    'Body',
  ],
  ['an SNS record', snsRecord(text), 'Sns.Message'],
  ['an SNS notification', snsNotification(text), 'Message'],
  ['an SNS notification as JSON text', JSON.stringify(snsNotification(text)), 'Message'],
  ['SNS in SQS', sqsRecord(JSON.stringify(snsNotification(text))), 'body.Message'],
  ['a Lambda SQS batch', { Records: [sqsRecord(text)] }, 'Records[0].body'],
  ['a Lambda SNS batch', { Records: [snsRecord(text)] }, 'Records[0].Sns.Message'],
  ['an array', [event], '[0]'],
  ['an array of arrays', [[text]], '[0][0]'],
];

describe('delivery wrappers', () => {
  it.each(wrappers)('unwraps %s', (_label, wrapped, path) => {
    const items = parseInputs(wrapped);

    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'input', path });
    expect(onlyInput(items)).toEqual(expected);
  });

  it.each(wrappers)('parseEvent reads one event in %s', (_label, wrapped) => {
    const item = parseEvent(wrapped);

    expect(item).toEqual(expect.objectContaining({ kind: 'input', input: expected }));
  });

  it('keeps the order of a batch and reports each record by its SQS messageId', () => {
    const progressing = fixtureText('test/fixtures/eventbridge/progressing.json');
    const batch = {
      Records: [
        sqsRecord(progressing, 'm-1'),
        sqsRecord(JSON.stringify(snsNotification(text, 'sns-2')), 'm-2'),
        sqsRecord(fixtureText('test/fixtures/eventbridge/complete-file-group.json'), 'm-3'),
      ],
    };

    const items = parseInputs(batch);

    expect(items.map((item) => item.kind === 'input' && item.input.type)).toEqual([
      'PROGRESSING',
      'STATUS_UPDATE',
      'COMPLETE',
    ]);
    expect(items.map((item) => item.messageId)).toEqual(['m-1', 'm-2', 'm-3']);
  });

  it('uses the SNS MessageId when no SQS record carried the item', () => {
    const items = parseInputs({ Records: [snsRecord(text, 'sns-9')] });

    expect(items[0]?.messageId).toBe('sns-9');
  });

  it('keeps good records beside a bad one, naming the bad record in the path', () => {
    const bad = JSON.stringify(withDetail('status-update', { jobId: 42 }));
    const batch = {
      Records: [sqsRecord(text, 'm-0'), sqsRecord('{"detail":', 'm-1'), sqsRecord(bad, 'm-2')],
    };

    const items = parseInputs(batch);

    expect(items.map((item) => item.kind)).toEqual(['input', 'invalid', 'invalid']);
    expect(items[1]).toMatchObject({
      kind: 'invalid',
      messageId: 'm-1',
      error: { code: ErrorCode.INVALID_JSON, path: 'Records[1].body' },
    });
    expect(items[2]).toMatchObject({
      kind: 'invalid',
      messageId: 'm-2',
      error: { code: ErrorCode.INVALID_TYPE, path: 'Records[2].body.detail.jobId' },
    });
  });

  it('gives the messageId of a record whose wrapper itself is broken', () => {
    const broken = { ...sqsRecord(text, 'm-7'), body: 12 };

    const items = parseInputs({ Records: [broken] });

    expect(items[0]).toMatchObject({
      kind: 'invalid',
      messageId: 'm-7',
      error: { code: ErrorCode.INVALID_TYPE, path: 'Records[0].body' },
    });
  });

  it('returns nothing for an empty batch', () => {
    const items = parseInputs({ Records: [] });

    expect(items).toEqual([]);
  });

  it('reads a JSON Lines stream line by line', () => {
    const lines = fixtureText('test/fixtures/streams/two-jobs.jsonl').split('\n').filter(Boolean);

    const inputs = lines.map((line) => onlyInput(parseInputs(line)));

    expect(new Set(inputs.map((input: JobInput) => input.jobId)).size).toBe(2);
    expect(inputs.at(-1)?.type).toBe('COMPLETE');
  });
});

describe('SNS confirmations', () => {
  const confirmation = {
    Type: 'SubscriptionConfirmation',
    MessageId: '165545c9-2a5c-472c-8df2-7ff2be2b3b1b',
    Token: '2336412f37fb687f5d51e6e241d09c805a5a57b30d712f794cc5f6a988666d92768dd60a747ba6f3',
    TopicArn: 'arn:aws:sns:us-west-2:111122223333:mediaconvert-events',
    Message: 'You have chosen to subscribe to the topic. To confirm, visit the SubscribeURL.',
    SubscribeURL: 'https://sns.us-west-2.amazonaws.com/?Action=ConfirmSubscription&Token=2336',
    Timestamp: '2024-12-03T14:59:00.000Z',
    SignatureVersion: '1',
    Signature: 'EXAMPLE',
    SigningCertURL: 'https://sns.us-west-2.amazonaws.com/SimpleNotificationService-0.pem',
  };

  it('skips a SubscriptionConfirmation with a reason, not an error', () => {
    const items = parseInputs(JSON.stringify(confirmation));

    expect(items).toEqual([
      expect.objectContaining({
        kind: 'skipped',
        reason: SkipReason.SUBSCRIPTION_CONFIRMATION,
        messageId: confirmation.MessageId,
      }),
    ]);
  });

  it('skips an UnsubscribeConfirmation inside an SQS record', () => {
    const message = JSON.stringify({ ...confirmation, Type: 'UnsubscribeConfirmation' });

    const item = parseEvent(sqsRecord(message));

    expect(item).toMatchObject({ kind: 'skipped', reason: SkipReason.UNSUBSCRIBE_CONFIRMATION });
  });
});

describe('single-event entry points', () => {
  it('parseEvent refuses a batch of two', () => {
    const batch = { Records: [sqsRecord(text), sqsRecord(text)] };

    const error = thrown(() => parseEvent(batch));

    expect(error).toMatchObject({ code: ErrorCode.UNRECOGNISED_INPUT, path: '' });
  });

  it('parseEvent throws the error of an invalid event', () => {
    const bad = withDetail('progressing', { jobId: undefined });

    const error = thrown(() => parseEvent(sqsRecord(JSON.stringify(bad))));

    expect(error).toMatchObject({ code: ErrorCode.MISSING_FIELD, path: 'body.detail.jobId' });
  });

  it('parseEvent refuses an API response', () => {
    const response = fixtureText('test/fixtures/api/get-job-progressing.rest.json');

    const error = thrown(() => parseEvent(response));

    expect(error.code).toBe(ErrorCode.UNRECOGNISED_INPUT);
  });

  it('safeParseEvent returns the failure with the original input', () => {
    const input = '{"detail":';

    const result = safeParseEvent(input);

    expect(result).toMatchObject({
      success: false,
      input,
      error: { code: ErrorCode.INVALID_JSON },
    });
  });

  it('safeParseEvent returns the item on success', () => {
    const result = safeParseEvent(eventFixture('canceled'));

    expect(result).toMatchObject({
      success: true,
      item: { kind: 'input', input: { type: 'CANCELED' } },
    });
  });

  it('safeParseInputs never throws, even for values no adapter knows', () => {
    const input = { hello: 'world' };

    const result = safeParseInputs(input);

    expect(result).toMatchObject({
      success: false,
      input,
      error: { code: ErrorCode.UNRECOGNISED_INPUT, path: '' },
    });
  });

  it('safeParseInputs turns an error thrown by a hostile getter into a JobInputError', () => {
    const input = {
      get Records(): never {
        throw new Error('boom');
      },
    };

    const result = safeParseInputs(input);

    expect(result).toMatchObject({ success: false, error: { code: ErrorCode.UNRECOGNISED_INPUT } });
  });
});

describe('limits', () => {
  const batch = JSON.stringify({ Records: Array.from({ length: 400 }, () => sqsRecord(text)) });

  it('refuses a batch text over 256 KiB by default', () => {
    const error = thrown(() => parseInputs(batch));

    expect(batch.length).toBeGreaterThan(256 * 1024);
    expect(error).toMatchObject({ code: ErrorCode.INPUT_TOO_LARGE, path: '' });
  });

  it('reads the same batch with a raised maxInputBytes', () => {
    const items = parseInputs(batch, { maxInputBytes: 1024 * 1024 });

    expect(items).toHaveLength(400);
    expect(items.every((item) => item.kind === 'input')).toBe(true);
  });

  it('applies a lowered maxStringLength to every string read', () => {
    const event = withDetail('progressing', { userMetadata: { assetId: 'asset-0042' } });

    const items = parseInputs(event, { maxStringLength: 8 });

    expect(items[0]).toMatchObject({
      kind: 'invalid',
      error: { code: ErrorCode.INPUT_TOO_LARGE, path: 'detail.jobId' },
    });
  });
});

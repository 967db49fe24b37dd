import { describe, expect, it } from 'vitest';
import { parseInputs, safeParseInputs } from '../../src/adapters/index.js';
import type { ParseOptions } from '../../src/adapters/index.js';
import { ErrorCode, JobInputError } from '../../src/errors.js';
import type { ErrorCode as Code } from '../../src/errors.js';
import {
  eventFixture,
  fixtureText,
  snsNotification,
  sqsRecord,
  thrown,
  withDetail,
} from './helpers.js';

const MB5 = 'x'.repeat(5 * 1024 * 1024);

function progress(changes: Record<string, unknown>): Record<string, unknown> {
  const base = { jobPercentComplete: 7, currentPhase: 'TRANSCODING', retryCount: 0 };
  return withDetail('status-update', { jobProgress: { ...base, ...changes } });
}

/** An event fixture as compact JSON text with `from` replaced by `to`. */
function compactWith(name: string, from: string, to: string): string {
  const text = JSON.stringify(eventFixture(name));
  expect(text).toContain(from);
  return text.replace(from, to);
}

function nested(depth: number, inner: unknown): unknown {
  let value = inner;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

function cyclic(): unknown {
  const loop: Record<string, unknown> = { name: 'loop' };
  loop.self = loop;
  return loop;
}

function apiJob(changes: Record<string, unknown>): Record<string, unknown> {
  const job = { Id: 'j-1', Status: 'PROGRESSING', CreatedAt: 1733238000, ...changes };
  return { Job: job };
}

/** The one problem `parseInputs` finds in `value`, whether thrown or itemised. */
function problem(value: unknown, options?: ParseOptions): JobInputError {
  const result = safeParseInputs(value, options);
  if (!result.success) return result.error;
  expect(result.items).toHaveLength(1);
  const item = result.items[0];
  if (item?.kind !== 'invalid') throw new Error(`Expected an invalid item, got ${item?.kind}`);
  return item.error;
}

const cases: readonly [string, unknown, Code, string, ParseOptions?][] = [
  ['a boolean', true, ErrorCode.NOT_AN_OBJECT, ''],
  ['null', null, ErrorCode.NOT_AN_OBJECT, ''],
  ['a number', 42, ErrorCode.NOT_AN_OBJECT, ''],
  ['undefined', undefined, ErrorCode.NOT_AN_OBJECT, ''],
  ['JSON text of a number', '42', ErrorCode.NOT_AN_OBJECT, ''],
  ['text that is not JSON', 'hello', ErrorCode.INVALID_JSON, ''],
  [
    'truncated JSON',
    fixtureText('test/fixtures/eventbridge/status-update.json').slice(0, 300),
    ErrorCode.INVALID_JSON,
    '',
  ],
  [
    'the documented sample with a code written 000000',
    fixtureText('test/fixtures/eventbridge/complete-file-group.json').replace('230002', '000000'),
    ErrorCode.INVALID_JSON,
    '',
  ],
  [
    'bytes that are not UTF-8',
    new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
    ErrorCode.INVALID_JSON,
    '',
  ],
  ['an object no adapter knows', { hello: 'world' }, ErrorCode.UNRECOGNISED_INPUT, ''],
  [
    'a missing jobId',
    withDetail('progressing', { jobId: undefined }),
    ErrorCode.MISSING_FIELD,
    'detail.jobId',
  ],
  [
    'a numeric jobId',
    withDetail('progressing', { jobId: 42 }),
    ErrorCode.INVALID_TYPE,
    'detail.jobId',
  ],
  [
    'an empty jobId',
    withDetail('progressing', { jobId: '' }),
    ErrorCode.INVALID_VALUE,
    'detail.jobId',
  ],
  [
    'a missing status',
    withDetail('progressing', { status: undefined }),
    ErrorCode.MISSING_FIELD,
    'detail.status',
  ],
  [
    'a numeric status',
    withDetail('progressing', { status: 3 }),
    ErrorCode.INVALID_TYPE,
    'detail.status',
  ],
  [
    'a missing timestamp',
    withDetail('progressing', { timestamp: undefined }),
    ErrorCode.MISSING_FIELD,
    'detail.timestamp',
  ],
  [
    'a string timestamp',
    withDetail('progressing', { timestamp: '1671477621654' }),
    ErrorCode.INVALID_TYPE,
    'detail.timestamp',
  ],
  [
    'a negative timestamp',
    withDetail('progressing', { timestamp: -1 }),
    ErrorCode.OUT_OF_RANGE,
    'detail.timestamp',
  ],
  [
    'a detail that is a string',
    { ...eventFixture('progressing'), detail: 'x' },
    ErrorCode.NOT_AN_OBJECT,
    'detail',
  ],
  [
    'a percent of 140',
    progress({ jobPercentComplete: 140 }),
    ErrorCode.OUT_OF_RANGE,
    'detail.jobProgress.jobPercentComplete',
  ],
  [
    'a negative percent',
    progress({ jobPercentComplete: -1 }),
    ErrorCode.OUT_OF_RANGE,
    'detail.jobProgress.jobPercentComplete',
  ],
  [
    'a NaN percent',
    progress({ jobPercentComplete: Number.NaN }),
    ErrorCode.INVALID_TYPE,
    'detail.jobProgress.jobPercentComplete',
  ],
  [
    'an Infinity frame count',
    withDetail('status-update', { framesDecoded: Number.POSITIVE_INFINITY }),
    ErrorCode.INVALID_TYPE,
    'detail.framesDecoded',
  ],
  [
    'a negative frame count',
    withDetail('status-update', { framesDecoded: -5 }),
    ErrorCode.OUT_OF_RANGE,
    'detail.framesDecoded',
  ],
  [
    'a fractional retryCount',
    progress({ retryCount: 1.5 }),
    ErrorCode.INVALID_TYPE,
    'detail.jobProgress.retryCount',
  ],
  [
    'a numeric currentPhase',
    progress({ currentPhase: 2 }),
    ErrorCode.INVALID_TYPE,
    'detail.jobProgress.currentPhase',
  ],
  [
    'a phase percent of 101',
    progress({ phaseProgress: { TRANSCODING: { status: 'PROGRESSING', percentComplete: 101 } } }),
    ErrorCode.OUT_OF_RANGE,
    'detail.jobProgress.phaseProgress.TRANSCODING.percentComplete',
  ],
  [
    'a phase without status',
    progress({ phaseProgress: { PROBING: { percentComplete: 10 } } }),
    ErrorCode.MISSING_FIELD,
    'detail.jobProgress.phaseProgress.PROBING.status',
  ],
  [
    'a warning code "abc"',
    withDetail('new-warning', { warningCode: 'abc' }),
    ErrorCode.INVALID_VALUE,
    'detail.warningCode',
  ],
  [
    'a boolean warning code',
    withDetail('new-warning', { warningCode: true }),
    ErrorCode.INVALID_TYPE,
    'detail.warningCode',
  ],
  [
    'a missing warning code',
    withDetail('new-warning', { warningCode: undefined }),
    ErrorCode.MISSING_FIELD,
    'detail.warningCode',
  ],
  [
    'a negative warning code in warnings',
    withDetail('complete-file-group', { warnings: [{ code: -1, count: 1 }] }),
    ErrorCode.INVALID_VALUE,
    'detail.warnings[0].code',
  ],
  [
    'a fractional warning count',
    withDetail('complete-file-group', { warnings: [{ code: 230001, count: 0.5 }] }),
    ErrorCode.INVALID_TYPE,
    'detail.warnings[0].count',
  ],
  [
    'a string errorCode',
    withDetail('error', { errorCode: '1040' }),
    ErrorCode.INVALID_TYPE,
    'detail.errorCode',
  ],
  ['a 5 MB string', MB5, ErrorCode.INPUT_TOO_LARGE, ''],
  ['a 5 MB Buffer', Buffer.from(MB5), ErrorCode.INPUT_TOO_LARGE, ''],
  ['300 KB of text in 100,000 characters', '€'.repeat(100_000), ErrorCode.INPUT_TOO_LARGE, ''],
  [
    'a 5 MB SQS body in a batch',
    { Records: [sqsRecord(MB5)] },
    ErrorCode.INPUT_TOO_LARGE,
    'Records[0].body',
  ],
  [
    'a 5 MB errorMessage field',
    withDetail('error', { errorMessage: MB5 }),
    ErrorCode.INPUT_TOO_LARGE,
    'detail.errorMessage',
  ],
  [
    'a 5 MB errorMessage field in text under a raised input limit',
    JSON.stringify(withDetail('error', { errorMessage: MB5 })),
    ErrorCode.INPUT_TOO_LARGE,
    'detail.errorMessage',
    { maxInputBytes: 10 * 1024 * 1024 },
  ],
  [
    'an output path over the string limit',
    withDetail('complete-file-group', {
      outputGroupDetails: [
        { type: 'FILE_GROUP', outputDetails: [{ outputFilePaths: ['s'.repeat(70_000)] }] },
      ],
    }),
    ErrorCode.INPUT_TOO_LARGE,
    'detail.outputGroupDetails[0].outputDetails[0].outputFilePaths[0]',
  ],
  [
    '__proto__ in userMetadata',
    compactWith('progressing', '"userMetadata":{}', '"userMetadata":{"__proto__":{"admin":"1"}}'),
    ErrorCode.FORBIDDEN_KEY,
    'detail.userMetadata.__proto__',
  ],
  [
    'a non-string metadata value',
    withDetail('progressing', { userMetadata: { assetId: 42 } }),
    ErrorCode.INVALID_TYPE,
    'detail.userMetadata.assetId',
  ],
  [
    'userMetadata that is an array',
    withDetail('progressing', { userMetadata: ['a'] }),
    ErrorCode.NOT_AN_OBJECT,
    'detail.userMetadata',
  ],
  [
    '__proto__ inside a pass-through field',
    compactWith('complete-file-group', '{"start":0,', '{"__proto__":{"polluted":true},"start":0,'),
    ErrorCode.FORBIDDEN_KEY,
    'detail.blackSegments[0].__proto__',
  ],
  [
    'a Date inside a pass-through field',
    withDetail('complete-file-group', { blackSegments: [new Date(0)] }),
    ErrorCode.INVALID_TYPE,
    'detail.blackSegments[0]',
  ],
  [
    'a number JSON reads as Infinity',
    compactWith('complete-file-group', '"paddingInserted":0', '"paddingInserted":1e400'),
    ErrorCode.INVALID_TYPE,
    'detail.paddingInserted',
  ],
  [
    'deep nesting in a pass-through field',
    withDetail('complete-file-group', { extra: nested(40, 1) }),
    ErrorCode.TOO_DEEP,
    `detail.extra${'[0]'.repeat(30)}`,
  ],
  [
    'a cycle in a pass-through field',
    withDetail('complete-file-group', { extra: cyclic() }),
    ErrorCode.TOO_DEEP,
    `detail.extra${'.self'.repeat(30)}`,
  ],
  [
    'arrays nested past the limit',
    nested(40, eventFixture('progressing')),
    ErrorCode.TOO_DEEP,
    '[0]'.repeat(32),
  ],
  [
    'JSON text wrapped in text past the limit',
    Array.from({ length: 12 }).reduce<string>((text) => JSON.stringify(text), '{}'),
    ErrorCode.TOO_DEEP,
    '',
    { maxDepth: 8 },
  ],
  [
    'a bad event inside an SQS record',
    { Records: [sqsRecord(JSON.stringify(withDetail('progressing', { jobId: null })))] },
    ErrorCode.MISSING_FIELD,
    'Records[0].body.detail.jobId',
  ],
  [
    'an SQS body that is not text',
    { ...sqsRecord('{}'), body: { a: 1 } },
    ErrorCode.INVALID_TYPE,
    'body',
  ],
  [
    'an SNS message of an unknown Type',
    { ...snsNotification('{}'), Type: 'Telegram' },
    ErrorCode.INVALID_VALUE,
    'Type',
  ],
  [
    'outputGroupDetails that is not a list',
    withDetail('complete-file-group', { outputGroupDetails: { type: 'FILE_GROUP' } }),
    ErrorCode.INVALID_TYPE,
    'detail.outputGroupDetails',
  ],
  [
    'an output path that is a number',
    withDetail('complete-file-group', {
      outputGroupDetails: [{ type: 'FILE_GROUP', outputDetails: [{ outputFilePaths: [7] }] }],
    }),
    ErrorCode.INVALID_TYPE,
    'detail.outputGroupDetails[0].outputDetails[0].outputFilePaths[0]',
  ],
  [
    'a negative output duration',
    withDetail('complete-file-group', {
      outputGroupDetails: [{ type: 'FILE_GROUP', outputDetails: [{ durationInMs: -1 }] }],
    }),
    ErrorCode.OUT_OF_RANGE,
    'detail.outputGroupDetails[0].outputDetails[0].durationInMs',
  ],
  [
    'a queue hop without its new queue',
    withDetail('queue-hop', { queue: undefined }),
    ErrorCode.MISSING_FIELD,
    'detail.queue',
  ],
  [
    'a fractional priority',
    withDetail('queue-hop', { priority: 1.5 }),
    ErrorCode.INVALID_TYPE,
    'detail.priority',
  ],
  ['an API job without Id', apiJob({ Id: undefined }), ErrorCode.MISSING_FIELD, 'Job.Id'],
  [
    'an API time without an offset',
    apiJob({ Timing: { StartTime: '2024-12-03T15:00:04' } }),
    ErrorCode.INVALID_VALUE,
    'Job.Timing.StartTime',
  ],
  [
    'an invalid Date',
    apiJob({ CreatedAt: new Date(Number.NaN) }),
    ErrorCode.INVALID_VALUE,
    'Job.CreatedAt',
  ],
  [
    'a queue transition without destination',
    apiJob({ QueueTransitions: [{ SourceQueue: 'q', Timestamp: 1733238000 }] }),
    ErrorCode.MISSING_FIELD,
    'Job.QueueTransitions[0].DestinationQueue',
  ],
  [
    'an API percent of 140',
    apiJob({ JobPercentComplete: 140 }),
    ErrorCode.OUT_OF_RANGE,
    'Job.JobPercentComplete',
  ],
  [
    'an API warning code "abc"',
    apiJob({ Warnings: [{ Code: 'abc', Count: 1 }] }),
    ErrorCode.INVALID_VALUE,
    'Job.Warnings[0].Code',
  ],
  [
    'a fractional event timestamp',
    withDetail('progressing', { timestamp: 1671477621654.5 }),
    ErrorCode.INVALID_TYPE,
    'detail.timestamp',
  ],
];

describe('bad input', () => {
  it.each(cases)('reports %s with its code and path', (_label, value, code, path, options) => {
    const error = problem(value, options);

    expect(error).toBeInstanceOf(JobInputError);
    expect({ code: error.code, path: error.path }).toEqual({ code, path });
    expect(error.message.length).toBeLessThan(400);
  });

  it('throws, rather than itemises, what is not understood at all', () => {
    const error = thrown(() => parseInputs('{"detail":'));

    expect(error.code).toBe(ErrorCode.INVALID_JSON);
  });

  it('never parses text over the input limit', () => {
    const original = JSON.parse;
    let calls = 0;
    JSON.parse = (...args: Parameters<typeof JSON.parse>) => {
      calls++;
      return original(...args);
    };

    try {
      thrown(() => parseInputs(MB5));
    } finally {
      JSON.parse = original;
    }

    expect(calls).toBe(0);
  });

  it('keeps good records beside bad ones in a batch', () => {
    const good = fixtureText('test/fixtures/eventbridge/progressing.json');
    const batch = {
      Records: [
        sqsRecord(good, 'm-0'),
        sqsRecord(good, 'm-1'),
        sqsRecord(good, 'm-2'),
        sqsRecord(JSON.stringify(progress({ jobPercentComplete: 140 })), 'm-3'),
        sqsRecord(good, 'm-4'),
      ],
    };

    const items = parseInputs(batch);

    expect(items.map((item) => item.kind)).toEqual(['input', 'input', 'input', 'invalid', 'input']);
    expect(items[3]).toMatchObject({
      messageId: 'm-3',
      error: {
        code: ErrorCode.OUT_OF_RANGE,
        path: 'Records[3].body.detail.jobProgress.jobPercentComplete',
      },
    });
  });

  it('keeps constructor and prototype as plain data, leaving Object.prototype untouched', () => {
    const text = compactWith(
      'complete-file-group',
      '"paddingInserted":0',
      '"paddingInserted":0,"constructor":{"prototype":{"polluted":true}}',
    );

    const items = parseInputs(text);

    expect(items[0]).toMatchObject({
      kind: 'input',
      input: { completion: { constructor: { prototype: { polluted: true } } } },
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.constructor).toBe(Object);
  });
});

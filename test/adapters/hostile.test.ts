import { describe, expect, it } from 'vitest';
import {
  parseApiJob,
  parseApiResponse,
  parseEvent,
  parseInputs,
  safeParseApiResponse,
  safeParseEvent,
  safeParseInputs,
} from '../../src/adapters/index.js';
import type { ParsedItem } from '../../src/adapters/index.js';
import { ErrorCode, JobInputError, JobTrackerError } from '../../src/errors.js';
import {
  eventFixture,
  fixture,
  fixtureText,
  onlyInput,
  sqsRecord,
  thrown,
  withDetail,
} from './helpers.js';

const boom = new Error('boom');

/** `obj` with `key` turned into a getter that throws `error`. */
function withThrowingGetter<T extends object>(obj: T, key: string, error: unknown = boom): T {
  Object.defineProperty(obj, key, {
    enumerable: true,
    get(): never {
      throw error;
    },
  });
  return obj;
}

/** A Proxy of `target` whose every trap throws. */
function hostileProxy(target: object = {}): object {
  const fail = (): never => {
    throw boom;
  };
  return new Proxy(target, {
    get: fail,
    has: fail,
    ownKeys: fail,
    getPrototypeOf: fail,
    getOwnPropertyDescriptor: fail,
  });
}

function revoked(target: object = {}): object {
  const { proxy, revoke } = Proxy.revocable(target, {});
  revoke();
  return proxy;
}

/** A detail object of `name`'s fixture, owned by the test (not frozen, not shared). */
function detailOf(event: Record<string, unknown>): Record<string, unknown> {
  return event.detail as Record<string, unknown>;
}

/** The error of the one invalid item of `items`. */
function invalidError(items: readonly ParsedItem[]): JobInputError {
  expect(items).toHaveLength(1);
  const item = items[0];
  if (item?.kind !== 'invalid') throw new Error(`Expected an invalid item, got ${item?.kind}`);
  return item.error;
}

function kinds(items: readonly ParsedItem[]): string[] {
  return items.map((item) => item.kind);
}

describe('getters and Proxies that throw', () => {
  it('gives a typed error naming detail when the detail getter throws', () => {
    const event = withThrowingGetter(eventFixture('progressing'), 'detail');

    const error = invalidError(parseInputs(event));

    expect(error).toBeInstanceOf(JobInputError);
    expect({ code: error.code, path: error.path }).toEqual({
      code: ErrorCode.UNRECOGNISED_INPUT,
      path: 'detail',
    });
    expect(error.cause).toBe(boom);
    expect(error.message).toContain('boom');
  });

  it('names the field being read when a getter of detail.jobId throws', () => {
    const event = eventFixture('progressing');
    withThrowingGetter(detailOf(event), 'jobId');

    const error = thrown(() => parseEvent(event));

    expect({ code: error.code, path: error.path }).toEqual({
      code: ErrorCode.UNRECOGNISED_INPUT,
      path: 'detail.jobId',
    });
  });

  it('names a field deep in pass-through data', () => {
    const event = eventFixture('complete-file-group');
    const groups = detailOf(event).outputGroupDetails as Record<string, unknown>[];
    const outputs = groups[0]?.outputDetails as Record<string, unknown>[];
    withThrowingGetter(outputs[0] as object, 'durationInMs');

    const error = invalidError(parseInputs(event));

    expect(error.path).toBe('detail.outputGroupDetails[0].outputDetails[0].durationInMs');
    expect(error.code).toBe(ErrorCode.UNRECOGNISED_INPUT);
  });

  it('throws from parseInputs, not only safeParseInputs, when the top level cannot be read', () => {
    const input = withThrowingGetter({}, 'Records');

    const error = thrown(() => parseInputs(input));
    const safe = safeParseInputs(input);

    expect({ code: error.code, path: error.path }).toEqual({
      code: ErrorCode.UNRECOGNISED_INPUT,
      path: 'Records',
    });
    expect(safe).toMatchObject({ success: false, error: { path: 'Records' } });
  });

  it('turns a thrown value that is not an Error into a typed error', () => {
    const event = withThrowingGetter(eventFixture('progressing'), 'detail', 'just a string');

    const result = safeParseEvent(event);

    expect(result).toMatchObject({
      success: false,
      error: { code: ErrorCode.UNRECOGNISED_INPUT, path: 'detail', cause: 'just a string' },
    });
  });

  it('survives a thrown Proxy that throws from every trap', () => {
    const event = withThrowingGetter(eventFixture('progressing'), 'detail', hostileProxy());

    const error = invalidError(parseInputs(event));

    expect(error).toBeInstanceOf(JobInputError);
    expect(error.path).toBe('detail');
  });

  it('keeps the other records of a batch when one record throws', () => {
    const bad = withThrowingGetter(eventFixture('progressing'), 'detail');
    const batch = { Records: [eventFixture('progressing'), bad, eventFixture('canceled')] };

    const items = parseInputs(batch);

    expect(kinds(items)).toEqual(['input', 'invalid', 'input']);
    expect(items[1]).toMatchObject({
      path: 'Records[1]',
      error: { code: ErrorCode.UNRECOGNISED_INPUT, path: 'Records[1].detail' },
    });
  });

  it('keeps the other records when an SQS record body getter throws', () => {
    const good = fixtureText('test/fixtures/eventbridge/progressing.json');
    const bad = withThrowingGetter(sqsRecord(good, 'm-1'), 'body');
    const batch = { Records: [sqsRecord(good, 'm-0'), bad] };

    const items = parseInputs(batch);

    expect(kinds(items)).toEqual(['input', 'invalid']);
    expect(items[1]).toMatchObject({
      messageId: 'm-1',
      error: { code: ErrorCode.UNRECOGNISED_INPUT, path: 'Records[1].body' },
    });
  });

  it('reports a Proxy whose has trap throws, at the top level', () => {
    const error = thrown(() => parseInputs(hostileProxy()));

    expect({ code: error.code, path: error.path }).toEqual({
      code: ErrorCode.UNRECOGNISED_INPUT,
      path: '',
    });
    expect(error.cause).toBe(boom);
  });

  it('reports a userMetadata Proxy whose key listing throws', () => {
    const event = withDetail('progressing', { userMetadata: hostileProxy() });

    const error = invalidError(parseInputs(event));

    expect(error.path).toBe('detail.userMetadata');
  });

  it.each<[string, () => unknown, string]>([
    ['at the top level', () => revoked(), ''],
    ['as the detail', () => withDetail('progressing', {}), 'detail'],
  ])('reports a revoked Proxy %s', (_label, make, path) => {
    const value = make();
    const input = path === '' ? value : { ...(value as object), detail: revoked() };

    const result = safeParseInputs(input);
    const error = result.success ? invalidError(result.items) : result.error;

    expect({ code: error.code, path: error.path }).toEqual({
      code: ErrorCode.UNRECOGNISED_INPUT,
      path,
    });
    expect(error.cause).toBeInstanceOf(TypeError);
  });

  it('keeps the others of a batch beside a revoked Proxy record', () => {
    const batch = { Records: [eventFixture('progressing'), revoked(), eventFixture('canceled')] };

    const items = parseInputs(batch);

    expect(kinds(items)).toEqual(['input', 'invalid', 'input']);
    expect(items[1]).toMatchObject({ error: { path: 'Records[1]' } });
  });

  it('keeps the others of a batch whose array Proxy throws for one index', () => {
    const records = [eventFixture('progressing'), eventFixture('canceled'), eventFixture('error')];
    const proxy = new Proxy(records, {
      get(target, key, receiver): unknown {
        if (key === '1') throw boom;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });

    const items = parseInputs({ Records: proxy });

    expect(kinds(items)).toEqual(['input', 'invalid', 'input']);
    expect(items[1]).toMatchObject({ error: { path: 'Records[1]', cause: boom } });
  });

  it('refuses a Proxy that only pretends to be a Uint8Array', () => {
    const fake = new Proxy({}, { getPrototypeOf: () => Uint8Array.prototype });

    const error = thrown(() => parseInputs(fake));

    expect({ code: error.code, path: error.path }).toEqual({
      code: ErrorCode.UNRECOGNISED_INPUT,
      path: '',
    });
  });

  it('gives parseApiResponse a typed error for a throwing Status getter', () => {
    const job = withThrowingGetter({ Id: 'j-1', CreatedAt: 1 }, 'Status');

    const error = thrown(() => parseApiResponse({ Job: job }));

    expect({ code: error.code, path: error.path }).toEqual({
      code: ErrorCode.UNRECOGNISED_INPUT,
      path: 'Job.Status',
    });
  });

  it('keeps the good jobs of a page beside a job that throws', () => {
    const good = { Id: 'j-1', Status: 'SUBMITTED', CreatedAt: 1 };
    const page = { Jobs: [good, revoked(), withThrowingGetter({ ...good, Id: 'j-3' }, 'Queue')] };

    const items = parseInputs(page);
    const safe = safeParseApiResponse(page);

    expect(kinds(items)).toEqual(['input', 'invalid', 'invalid']);
    expect(items[1]).toMatchObject({ error: { path: 'Jobs[1]' } });
    expect(items[2]).toMatchObject({ error: { path: 'Jobs[2].Queue' } });
    expect(safe).toMatchObject({ success: false, error: { path: 'Jobs[1]' } });
  });

  it('gives parseApiJob a typed error for a throwing getter', () => {
    const job = withThrowingGetter({ Id: 'j-1', Status: 'SUBMITTED', CreatedAt: 1 }, 'Timing');

    const error = thrown(() => parseApiJob(job));

    expect(error.path).toBe('Timing');
  });

  it('costs only the group types when the job settings cannot be read', () => {
    const job = withThrowingGetter(
      { Id: 'j-1', Status: 'COMPLETE', CreatedAt: 1, OutputGroupDetails: [{ OutputDetails: [] }] },
      'Settings',
    );

    const snapshot = parseApiJob(job);

    expect(snapshot.outputs).toMatchObject([{ type: 'UNKNOWN' }]);
  });
});

describe('sparse arrays', () => {
  it('turns each hole of a top-level array into an invalid item', () => {
    const items = parseInputs([, eventFixture('progressing'), ,]);

    expect(kinds(items)).toEqual(['invalid', 'input', 'invalid']);
    expect(items[0]).toMatchObject({ error: { code: ErrorCode.NOT_AN_OBJECT, path: '[0]' } });
    expect(items[2]).toMatchObject({ error: { code: ErrorCode.NOT_AN_OBJECT, path: '[2]' } });
    expect(items[0]?.kind === 'invalid' && items[0].error.message).toContain('sparse array');
  });

  it('turns a hole in Records into an invalid item', () => {
    const records: unknown[] = [eventFixture('progressing')];
    records[2] = eventFixture('canceled');

    const items = parseInputs({ Records: records });

    expect(kinds(items)).toEqual(['input', 'invalid', 'input']);
    expect(items[1]).toMatchObject({ error: { path: 'Records[1]' } });
  });

  it('turns a hole in a ListJobs page into an invalid item', () => {
    const jobs: unknown[] = [];
    jobs[1] = { Id: 'j-1', Status: 'SUBMITTED', CreatedAt: 1 };

    const items = parseInputs({ Jobs: jobs });

    expect(kinds(items)).toEqual(['invalid', 'input']);
    expect(items[0]).toMatchObject({
      error: { code: ErrorCode.NOT_AN_OBJECT, path: 'Jobs[0]' },
    });
    expect(items[0]?.kind === 'invalid' && items[0].error.message).toContain('got undefined.');
  });

  it.each<[string, () => unknown, string, string]>([
    [
      'output paths',
      () =>
        withDetail('complete-file-group', {
          outputGroupDetails: [
            { type: 'FILE_GROUP', outputDetails: [{ outputFilePaths: ['a', , 'b'] }] },
          ],
        }),
      ErrorCode.INVALID_TYPE,
      'detail.outputGroupDetails[0].outputDetails[0].outputFilePaths[1]',
    ],
    [
      'pass-through data',
      () => withDetail('complete-file-group', { blackSegments: [, { start: 0, end: 1 }] }),
      ErrorCode.INVALID_TYPE,
      'detail.blackSegments[0]',
    ],
    [
      'output groups',
      () => withDetail('complete-file-group', { outputGroupDetails: [,] }),
      ErrorCode.INVALID_TYPE,
      'detail.outputGroupDetails[0]',
    ],
    [
      'warnings',
      () => withDetail('complete-file-group', { warnings: [,] }),
      ErrorCode.INVALID_TYPE,
      'detail.warnings[0]',
    ],
    [
      'queue transitions',
      () => ({ Job: { Id: 'j-1', Status: 'SUBMITTED', CreatedAt: 1, QueueTransitions: [,] } }),
      ErrorCode.NOT_AN_OBJECT,
      'Job.QueueTransitions[0]',
    ],
    [
      'API messages',
      () => ({ Job: { Id: 'j-1', Status: 'SUBMITTED', CreatedAt: 1, Messages: { Info: [,] } } }),
      ErrorCode.INVALID_TYPE,
      'Job.Messages.Info[0]',
    ],
  ])('refuses a hole in %s with a typed error', (_label, make, code, path) => {
    const error = invalidError(parseInputs(make()));

    expect({ code: error.code, path: error.path }).toEqual({ code, path });
    expect(error.message).toContain('got undefined');
  });

  it('refuses a sparse array of length 2^32 - 1 without walking it', () => {
    const huge: unknown[] = [];
    huge.length = 2 ** 32 - 1;

    const error = thrown(() => parseInputs(huge));
    const nested = invalidError(parseInputs(withDetail('complete-file-group', { extra: huge })));

    expect({ code: error.code, path: error.path }).toEqual({
      code: ErrorCode.INPUT_TOO_LARGE,
      path: '',
    });
    expect({ code: nested.code, path: nested.path }).toEqual({
      code: ErrorCode.INPUT_TOO_LARGE,
      path: 'detail.extra',
    });
  });
});

describe('pass-through keys', () => {
  it.each<[string, () => unknown]>([
    [
      'an object',
      () => withDetail('progressing', { userMetadata: { constructor: 'c', prototype: 'p' } }),
    ],
    [
      'JSON text',
      () =>
        JSON.stringify(eventFixture('progressing')).replace(
          '"userMetadata":{}',
          '"userMetadata":{"constructor":"c","prototype":"p"}',
        ),
    ],
  ])('accepts constructor and prototype in userMetadata from %s', (_label, make) => {
    const input = onlyInput(parseInputs(make()));

    expect(input.userMetadata).toEqual({ constructor: 'c', prototype: 'p' });
    expect(Object.getPrototypeOf(input.userMetadata)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(input.userMetadata, 'constructor')).toBe(true);
  });

  it('accepts constructor and prototype in pass-through data handed over as objects', () => {
    const event = withDetail('complete-file-group', {
      extra: { constructor: { prototype: { polluted: true } } },
    });

    const input = onlyInput(parseInputs(event));

    expect(input).toMatchObject({
      completion: { extra: { constructor: { prototype: { polluted: true } } } },
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('still refuses __proto__ in a caller object', () => {
    const metadata = JSON.parse('{"__proto__":{"admin":"1"}}') as unknown;
    const event = withDetail('progressing', { userMetadata: metadata });

    const error = invalidError(parseInputs(event));

    expect({ code: error.code, path: error.path }).toEqual({
      code: ErrorCode.FORBIDDEN_KEY,
      path: 'detail.userMetadata.__proto__',
    });
  });

  it('still refuses __proto__ in pass-through data of a caller object', () => {
    const extra = JSON.parse('{"__proto__":{"polluted":true}}') as unknown;

    const error = invalidError(parseInputs(withDetail('complete-file-group', { extra })));

    expect({ code: error.code, path: error.path }).toEqual({
      code: ErrorCode.FORBIDDEN_KEY,
      path: 'detail.extra.__proto__',
    });
  });
});

describe('options', () => {
  const event = eventFixture('progressing');

  it.each<[string, () => unknown, string]>([
    ['parseInputs', () => parseInputs(event, { maxDepth: 0 }), 'options.maxDepth'],
    ['safeParseInputs', () => safeParseInputs(event, { maxDepth: 0 }), 'options.maxDepth'],
    ['parseEvent', () => parseEvent(event, { maxInputBytes: -1 }), 'options.maxInputBytes'],
    [
      'safeParseEvent',
      () => safeParseEvent(event, { maxStringLength: 0.5 }),
      'options.maxStringLength',
    ],
    ['parseApiResponse', () => parseApiResponse({}, { observedAt: -1 }), 'options.observedAt'],
    [
      'safeParseApiResponse',
      () => safeParseApiResponse({}, { observedAt: new Date(Number.NaN) }),
      'options.observedAt',
    ],
    ['parseApiJob', () => parseApiJob({}, { maxDepth: 1001 }), 'options.maxDepth'],
    ['null options', () => parseInputs(event, null as never), 'options'],
    ['array options', () => parseInputs(event, [] as never), 'options'],
    [
      'an option getter that throws',
      () => parseInputs(event, withThrowingGetter({}, 'maxDepth')),
      'options.maxDepth',
    ],
  ])('refuses bad options of %s with JobTrackerError INVALID_OPTIONS', (_label, call, path) => {
    let caught: unknown;
    try {
      call();
    } catch (error) {
      caught = error;
    }

    expect(caught).toBeInstanceOf(JobTrackerError);
    expect(caught).not.toBeInstanceOf(JobInputError);
    expect(caught).toMatchObject({ code: ErrorCode.INVALID_OPTIONS, path });
  });

  it('rounds a fractional observedAt to a whole millisecond', () => {
    const response = { Job: { Id: 'j-1', Status: 'SUBMITTED' } };

    const [snapshot] = parseApiResponse(response, { observedAt: 10.6 });

    expect(snapshot?.timestamp).toBe(11);
  });
});

describe('messages', () => {
  it('counts UTF-8 bytes when multi-byte text passes the byte limit', () => {
    const error = thrown(() => parseInputs('€'.repeat(100_000)));

    expect(error.code).toBe(ErrorCode.INPUT_TOO_LARGE);
    expect(error.message).toBe(
      'The JSON text at the top level is 300000 bytes in UTF-8 (100000 characters), over the limit of 262144 bytes.',
    );
  });

  it('counts characters of text longer than the byte limit', () => {
    const error = thrown(() => parseInputs('x'.repeat(300_000)));

    expect(error.message).toBe(
      'The JSON text at the top level has 300000 characters, over the limit of 262144 UTF-8 bytes.',
    );
  });

  it('names a field over the string limit in characters', () => {
    const event = withDetail('error', { errorMessage: 'e'.repeat(70_000) });

    const error = invalidError(parseInputs(event));

    expect(error.message).toBe(
      'The string at detail.errorMessage is 70000 characters long, over the limit of 65536.',
    );
  });

  it('says "got undefined", not "got a undefined"', () => {
    const event = { ...eventFixture('progressing') };
    delete event.detail;

    const error = invalidError(parseInputs(event));

    expect(error.message).toBe('Expected an object at detail, got undefined.');
  });

  it('keeps the path of a deep cycle short', () => {
    const loop: Record<string, unknown> = {};
    loop.self = loop;

    const error = invalidError(
      parseInputs(withDetail('complete-file-group', { extra: loop }), { maxDepth: 1000 }),
    );

    expect(error.code).toBe(ErrorCode.TOO_DEEP);
    expect(error.path?.length).toBeLessThanOrEqual(200);
    expect(error.path).toMatch(/^detail\.extra\.self\.self.*….*\.self\.self$/);
    expect(error.message.length).toBeLessThan(400);
  });

  it('gives the leading-zero hint for the documented sample warning code 000000', () => {
    const text = fixtureText('test/fixtures/eventbridge/complete-file-group.json').replace(
      '230002',
      '000000',
    );

    const error = thrown(() => parseInputs(text));

    expect(error.code).toBe(ErrorCode.INVALID_JSON);
    expect(error.message).toMatch(/\(line \d+, column \d+\)/);
    expect(error.message).toContain(
      'a number written with leading zeros (such as a warning code 000000) is not valid JSON; write it as a string ("000000") or without the zeros',
    );
  });

  it('gives the hint inside an SQS body too, with the body path', () => {
    const body = JSON.stringify(eventFixture('complete-file-group')).replace('230002', '000000');

    const error = invalidError(parseInputs({ Records: [sqsRecord(body)] }));

    expect({ code: error.code, path: error.path }).toEqual({
      code: ErrorCode.INVALID_JSON,
      path: 'Records[0].body',
    });
    expect(error.message).toContain('leading zeros');
  });

  it.each(['{"code":01.5}', '{"a":-01}', '[00]'])('recognises leading zeros in %s', (text) => {
    expect(thrown(() => parseInputs(text)).message).toContain('leading zeros');
  });

  it.each(['{"detail":', '{"a":"01",}', '{"a":10 1}'])('gives no hint for %s', (text) => {
    expect(thrown(() => parseInputs(text)).message).not.toContain('leading zeros');
  });
});

describe('unknown API statuses', () => {
  it('skips a CloudTrail CreateJob record whose job has an unknown status', () => {
    const event = fixture('test/adapters/fixtures/cloudtrail-create-job.json');
    const detail = event.detail as { responseElements: { job: Record<string, unknown> } };
    detail.responseElements.job.status = 'QUEUED_LATER';

    const items = parseInputs(event);

    expect(items).toEqual([
      expect.objectContaining({
        kind: 'skipped',
        reason: 'UNKNOWN_STATUS',
        jobId: '1733238000123-a1b2c3',
        eventId: '6f1c2d3e-4a5b-6c7d-8e9f-0a1b2c3d4e5f',
      }),
    ]);
  });
});

import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInputs } from '../../src/adapters/index.js';
import { ErrorCode, JobInputError } from '../../src/errors.js';
import type { JobInput } from '../../src/model/index.js';
import {
  checkJobInput,
  isJobInputLike,
  normalisedInputsOf,
} from '../../src/state/check-input.js';
import { anyDelivery } from '../properties/arbitraries.js';
import { inputsOf, payloadsOf } from '../properties/feed.js';
import { runs } from '../properties/runs.js';
import {
  api,
  canceled,
  complete,
  failed,
  progressing,
  queueHop,
  statusUpdate,
  warning,
} from '../helpers/inputs.js';
import { eventFixture, fixture } from '../adapters/helpers.js';

type Patch = (input: Record<string, unknown>) => void;

/** `input` as a mutable plain object with `patch` applied. */
function patched(input: JobInput, patch: Patch): Record<string, unknown> {
  const copy = structuredClone(input) as unknown as Record<string, unknown>;
  patch(copy);
  return copy;
}

function refusal(value: unknown, path?: string): JobInputError {
  try {
    checkJobInput(value, path);
  } catch (error) {
    expect(error).toBeInstanceOf(JobInputError);
    return error as JobInputError;
  }
  throw new Error('Expected checkJobInput to refuse the value');
}

const input = (() => {
  const [inputInformation] = parseInputs(eventFixture('input-information'));
  if (inputInformation?.kind !== 'input') throw new Error('fixture');
  return inputInformation.input;
})();
const completeEvent = (() => {
  const [item] = parseInputs(eventFixture('complete-file-group'));
  if (item?.kind !== 'input') throw new Error('fixture');
  return item.input;
})();
const apiJob = (() => {
  const [item] = parseInputs(fixture('test/adapters/fixtures/get-job-complete.wire.json'));
  if (item?.kind !== 'input') throw new Error('fixture');
  return item.input;
})();

const good: readonly [string, JobInput][] = [
  ['PROGRESSING', progressing(1000)],
  ['INPUT_INFORMATION', input],
  ['STATUS_UPDATE', statusUpdate(2000, 'TRANSCODING', 40)],
  ['COMPLETE', complete(3000)],
  ['COMPLETE with outputs', completeEvent],
  ['ERROR', failed(3000)],
  ['CANCELED', canceled(3000)],
  ['NEW_WARNING', warning(2500)],
  ['QUEUE_HOP', queueHop(1500, 'arn:aws:mediaconvert:us-west-2:111122223333:queues/Other')],
  ['API_SNAPSHOT', api(1000, { error: { code: 1040, message: null } })],
  ['API_SNAPSHOT with outputs', apiJob],
];

const cycle: Record<string, unknown> = {};
cycle.self = cycle;

const bad: readonly [string, JobInput, Patch, string, string][] = [
  ['a missing type', progressing(1), (x) => delete x.type, ErrorCode.MISSING_FIELD, 'type'],
  ['an unknown type', progressing(1), (x) => (x.type = 'DONE'), ErrorCode.INVALID_VALUE, 'type'],
  ['a numeric type', progressing(1), (x) => (x.type = 5), ErrorCode.INVALID_TYPE, 'type'],
  ['a missing jobId', progressing(1), (x) => delete x.jobId, ErrorCode.MISSING_FIELD, 'jobId'],
  ['an empty jobId', progressing(1), (x) => (x.jobId = ''), ErrorCode.INVALID_VALUE, 'jobId'],
  [
    'a jobId over the string limit',
    progressing(1),
    (x) => (x.jobId = 'j'.repeat(70_000)),
    ErrorCode.INPUT_TOO_LARGE,
    'jobId',
  ],
  [
    'a NaN timestamp',
    progressing(1),
    (x) => (x.timestamp = Number.NaN),
    ErrorCode.INVALID_TYPE,
    'timestamp',
  ],
  [
    'an Infinity timestamp',
    progressing(1),
    (x) => (x.timestamp = Number.POSITIVE_INFINITY),
    ErrorCode.INVALID_TYPE,
    'timestamp',
  ],
  [
    'a fractional timestamp',
    progressing(1),
    (x) => (x.timestamp = 1.5),
    ErrorCode.INVALID_TYPE,
    'timestamp',
  ],
  ['a negative timestamp', progressing(1), (x) => (x.timestamp = -1), ErrorCode.OUT_OF_RANGE, 'timestamp'],
  ['a string timestamp', progressing(1), (x) => (x.timestamp = '1'), ErrorCode.INVALID_TYPE, 'timestamp'],
  ['a null timestamp', progressing(1), (x) => (x.timestamp = null), ErrorCode.INVALID_TYPE, 'timestamp'],
  ['a missing eventId', progressing(1), (x) => delete x.eventId, ErrorCode.MISSING_FIELD, 'eventId'],
  ['a numeric eventId', progressing(1), (x) => (x.eventId = 5), ErrorCode.INVALID_TYPE, 'eventId'],
  ['an object queue', progressing(1), (x) => (x.queue = {}), ErrorCode.INVALID_TYPE, 'queue'],
  [
    'userMetadata that is an array',
    progressing(1),
    (x) => (x.userMetadata = ['a']),
    ErrorCode.NOT_AN_OBJECT,
    'userMetadata',
  ],
  [
    'a numeric metadata value',
    progressing(1),
    (x) => (x.userMetadata = { assetId: 42 }),
    ErrorCode.INVALID_TYPE,
    'userMetadata.assetId',
  ],
  [
    'a __proto__ metadata key',
    progressing(1),
    (x) => (x.userMetadata = JSON.parse('{"__proto__":"x"}')),
    ErrorCode.FORBIDDEN_KEY,
    'userMetadata.__proto__',
  ],
  [
    'a negative attempt',
    statusUpdate(1, 'PROBING', 1),
    (x) => (x.attempt = -1),
    ErrorCode.OUT_OF_RANGE,
    'attempt',
  ],
  [
    'a fractional attempt',
    statusUpdate(1, 'PROBING', 1),
    (x) => (x.attempt = 0.5),
    ErrorCode.INVALID_TYPE,
    'attempt',
  ],
  [
    'an unknown phase',
    statusUpdate(1, 'PROBING', 1),
    (x) => (x.phase = 'DRAINING'),
    ErrorCode.INVALID_VALUE,
    'phase',
  ],
  [
    'a percent of 101',
    statusUpdate(1, 'PROBING', 1),
    (x) => (x.jobPercent = 101),
    ErrorCode.OUT_OF_RANGE,
    'jobPercent',
  ],
  [
    'a NaN frame count',
    statusUpdate(1, 'PROBING', 1),
    (x) => (x.framesDecoded = Number.NaN),
    ErrorCode.INVALID_TYPE,
    'framesDecoded',
  ],
  [
    'missing phases',
    statusUpdate(1, 'PROBING', 1),
    (x) => delete x.phases,
    ErrorCode.MISSING_FIELD,
    'phases',
  ],
  [
    'a phase without its entry',
    statusUpdate(1, 'PROBING', 1),
    (x) => delete (x.phases as Record<string, unknown>).UPLOADING,
    ErrorCode.MISSING_FIELD,
    'phases.UPLOADING',
  ],
  [
    'an unknown phase status',
    statusUpdate(1, 'PROBING', 1),
    (x) => ((x.phases as Record<string, unknown>).PROBING = { status: 'DONE', percent: 1 }),
    ErrorCode.INVALID_VALUE,
    'phases.PROBING.status',
  ],
  [
    'a phase percent of 140',
    statusUpdate(1, 'PROBING', 1),
    (x) => ((x.phases as Record<string, unknown>).TRANSCODING = { status: 'PENDING', percent: 140 }),
    ErrorCode.OUT_OF_RANGE,
    'phases.TRANSCODING.percent',
  ],
  ['outputs that are not a list', complete(1), (x) => (x.outputs = {}), ErrorCode.INVALID_TYPE, 'outputs'],
  ['a hole in outputs', complete(1), (x) => (x.outputs = [,]), ErrorCode.NOT_AN_OBJECT, 'outputs[0]'],
  [
    'a Date in a raw group',
    completeEvent,
    (x) => ((x.outputs as Record<string, unknown>[])[0]!.raw = { when: new Date(0) }),
    ErrorCode.INVALID_TYPE,
    'outputs[0].raw.when',
  ],
  [
    'a negative duration',
    completeEvent,
    (x) => {
      const group = (x.outputs as Record<string, unknown>[])[0]!;
      (group.outputs as Record<string, unknown>[])[0]!.durationMs = -1;
    },
    ErrorCode.OUT_OF_RANGE,
    'outputs[0].outputs[0].durationMs',
  ],
  [
    'an Infinity width',
    completeEvent,
    (x) => {
      const group = (x.outputs as Record<string, unknown>[])[0]!;
      const output = (group.outputs as Record<string, unknown>[])[0]!;
      (output.video as Record<string, unknown>).widthInPx = Number.POSITIVE_INFINITY;
    },
    ErrorCode.INVALID_TYPE,
    'outputs[0].outputs[0].video.widthInPx',
  ],
  [
    'a numeric playlist path',
    completeEvent,
    (x) => ((x.outputs as Record<string, unknown>[])[0]!.playlistPaths = [7]),
    ErrorCode.INVALID_TYPE,
    'outputs[0].playlistPaths[0]',
  ],
  [
    'a short warning code',
    complete(1),
    (x) => (x.warnings = [{ code: '12', count: 1 }]),
    ErrorCode.INVALID_VALUE,
    'warnings[0].code',
  ],
  [
    'a numeric warning code',
    complete(1),
    (x) => (x.warnings = [{ code: 230004, count: 1 }]),
    ErrorCode.INVALID_TYPE,
    'warnings[0].code',
  ],
  [
    'a negative warning count',
    complete(1),
    (x) => (x.warnings = [{ code: '230004', count: -1 }]),
    ErrorCode.OUT_OF_RANGE,
    'warnings[0].count',
  ],
  [
    'a __proto__ key in completion',
    complete(1),
    (x) => (x.completion = JSON.parse('{"__proto__":{"polluted":true}}')),
    ErrorCode.FORBIDDEN_KEY,
    'completion.__proto__',
  ],
  [
    'a NaN in completion',
    complete(1),
    (x) => (x.completion = { paddingInserted: Number.NaN }),
    ErrorCode.INVALID_TYPE,
    'completion.paddingInserted',
  ],
  [
    'a class instance in completion',
    complete(1),
    (x) => (x.completion = { at: new Map() }),
    ErrorCode.INVALID_TYPE,
    'completion.at',
  ],
  [
    'a cycle in completion',
    complete(1),
    (x) => (x.completion = { cycle }),
    ErrorCode.TOO_DEEP,
    `completion.cycle${'.self'.repeat(31)}`,
  ],
  ['a missing error', failed(1), (x) => delete x.error, ErrorCode.MISSING_FIELD, 'error'],
  ['a null error', failed(1), (x) => (x.error = null), ErrorCode.NOT_AN_OBJECT, 'error'],
  [
    'a string error code',
    failed(1),
    (x) => (x.error = { code: '1040', message: null }),
    ErrorCode.INVALID_TYPE,
    'error.code',
  ],
  [
    'a numeric error message',
    failed(1),
    (x) => (x.error = { code: 1040, message: 5 }),
    ErrorCode.INVALID_TYPE,
    'error.message',
  ],
  ['a short NEW_WARNING code', warning(1), (x) => (x.code = '000'), ErrorCode.INVALID_VALUE, 'code'],
  ['a numeric NEW_WARNING code', warning(1), (x) => (x.code = 0), ErrorCode.INVALID_TYPE, 'code'],
  ['a numeric warning message', warning(1), (x) => (x.message = 3), ErrorCode.INVALID_TYPE, 'message'],
  [
    'a hop to an empty queue',
    queueHop(1, 'q'),
    (x) => ((x.hop as Record<string, unknown>).to = ''),
    ErrorCode.INVALID_VALUE,
    'hop.to',
  ],
  [
    'a hop at NaN',
    queueHop(1, 'q'),
    (x) => ((x.hop as Record<string, unknown>).at = Number.NaN),
    ErrorCode.INVALID_TYPE,
    'hop.at',
  ],
  [
    'a hop priority of Infinity',
    queueHop(1, 'q'),
    (x) => ((x.hop as Record<string, unknown>).priority = Number.POSITIVE_INFINITY),
    ErrorCode.INVALID_TYPE,
    'hop.priority',
  ],
  [
    'input video that is not an object',
    input,
    (x) => ((x.inputs as Record<string, unknown>[])[0]!.video = ['x']),
    ErrorCode.INVALID_TYPE,
    'inputs[0].video[0]',
  ],
  [
    'input details without raw',
    input,
    (x) => delete (x.inputs as Record<string, unknown>[])[0]!.raw,
    ErrorCode.MISSING_FIELD,
    'inputs[0].raw',
  ],
  ['an unknown API status', api(1, {}), (x) => (x.status = 'PAUSED'), ErrorCode.INVALID_VALUE, 'status'],
  [
    'a negative start time',
    api(1, {}),
    (x) => ((x.timing as Record<string, unknown>).startedAt = -5),
    ErrorCode.OUT_OF_RANGE,
    'timing.startedAt',
  ],
  [
    'a NaN finish time',
    api(1, {}),
    (x) => ((x.timing as Record<string, unknown>).finishedAt = Number.NaN),
    ErrorCode.INVALID_TYPE,
    'timing.finishedAt',
  ],
  ['missing timing', api(1, {}), (x) => delete x.timing, ErrorCode.MISSING_FIELD, 'timing'],
  [
    'a hop without destination',
    api(1, {}),
    (x) => (x.hops = [{ at: 1, from: null, priority: null, previousPriority: null }]),
    ErrorCode.MISSING_FIELD,
    'hops[0].to',
  ],
  ['a numeric message', api(1, {}), (x) => (x.messages = [1]), ErrorCode.INVALID_TYPE, 'messages[0]'],
  [
    'a hole in warning messages',
    api(1, {}),
    (x) => (x.warningMessages = ['a', , 'b']),
    ErrorCode.INVALID_TYPE,
    'warningMessages[1]',
  ],
  [
    'an API error code of Infinity',
    api(1, {}),
    (x) => (x.error = { code: Number.POSITIVE_INFINITY, message: null }),
    ErrorCode.INVALID_TYPE,
    'error.code',
  ],
  [
    'an API percent of -1',
    api(1, {}),
    (x) => (x.jobPercent = -1),
    ErrorCode.OUT_OF_RANGE,
    'jobPercent',
  ],
];

describe('checkJobInput', () => {
  it.each(good)('accepts a valid %s input and returns an equal copy', (_label, value) => {
    const copy = structuredClone(value);

    const checked = checkJobInput(copy);

    expect(checked).toEqual(value);
    expect(checked).not.toBe(copy);
  });

  it.each(bad)('refuses %s with its code and path', (_label, base, patch, code, path) => {
    const value = patched(base, patch);

    const error = refusal(value);

    expect({ code: error.code, path: error.path }).toEqual({ code, path });
    expect(error.message.length).toBeLessThan(400);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['an array', []],
    ['a string', 'PROGRESSING'],
    ['undefined', undefined],
  ])('refuses %s as not an object', (_label, value) => {
    const error = refusal(value);

    expect({ code: error.code, path: error.path }).toEqual({
      code: ErrorCode.NOT_AN_OBJECT,
      path: '',
    });
  });

  it('names the path of the input inside what the caller passed', () => {
    const value = patched(progressing(1), (x) => (x.timestamp = -1));

    const error = refusal(value, '[3]');

    expect(error.path).toBe('[3].timestamp');
  });

  it('turns a throwing getter into a typed error naming the field', () => {
    const value = patched(progressing(1), () => undefined);
    Object.defineProperty(value, 'timestamp', {
      get(): never {
        throw new Error('boom');
      },
    });

    const error = refusal(value);

    expect({ code: error.code, path: error.path }).toEqual({
      code: ErrorCode.UNRECOGNISED_INPUT,
      path: 'timestamp',
    });
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('turns a revoked Proxy into a typed error', () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();

    const error = refusal(proxy);

    expect({ code: error.code, path: error.path }).toEqual({
      code: ErrorCode.UNRECOGNISED_INPUT,
      path: '',
    });
  });

  it('turns a metadata Proxy whose keys cannot be listed into a typed error', () => {
    const userMetadata = new Proxy(
      {},
      {
        ownKeys(): never {
          throw new Error('boom');
        },
      },
    );
    const value = patched(progressing(1), () => undefined);
    value.userMetadata = userMetadata;

    const error = refusal(value);

    expect(error.path).toBe('userMetadata');
  });

  it('accepts constructor and prototype as metadata keys, in a plain copy', () => {
    const value = patched(progressing(1), (x) => (x.userMetadata = { constructor: 'c', prototype: 'p' }));

    const checked = checkJobInput(value);

    expect(checked.userMetadata).toEqual({ constructor: 'c', prototype: 'p' });
    expect(Object.getPrototypeOf(checked.userMetadata)).toBe(Object.prototype);
  });

  it('drops fields a JobInput does not have and keeps no reference to the caller', () => {
    const value = patched(complete(1), (x) => (x.extra = 'dropped'));

    const checked = checkJobInput(value);
    (value.completion as Record<string, unknown>).paddingInserted = 99;

    expect(checked).not.toHaveProperty('extra');
    expect(checked).toMatchObject({ completion: { paddingInserted: 0 } });
  });

  it('refuses a string over a raised limit only past that limit', () => {
    const value = patched(progressing(1), (x) => (x.queue = 'q'.repeat(70_000)));

    const checked = checkJobInput(value, '', { maxStringLength: 100_000 });
    const error = refusal(value);

    expect(checked.queue).toHaveLength(70_000);
    expect({ code: error.code, path: error.path }).toEqual({
      code: ErrorCode.INPUT_TOO_LARGE,
      path: 'queue',
    });
  });

  it('accepts every input the adapters produce from generated deliveries', () => {
    fc.assert(
      fc.property(anyDelivery, (delivery) => {
        for (const payload of payloadsOf(delivery.payloads)) {
          for (const parsed of inputsOf(payload)) {
            expect(checkJobInput(structuredClone(parsed))).toEqual(parsed);
          }
        }
      }),
      { numRuns: runs(50) },
    );
  });
});

describe('isJobInputLike', () => {
  it.each<[string, unknown, boolean]>([
    ['a normalised input', progressing(1), true],
    ['an input with a bad timestamp', { type: 'PROGRESSING', jobId: 'j', timestamp: Number.NaN }, true],
    ['an EventBridge event', eventFixture('progressing'), false],
    ['an unknown type', { type: 'DONE', jobId: 'j' }, false],
    ['a numeric jobId', { type: 'PROGRESSING', jobId: 1 }, false],
    ['null', null, false],
    ['an array', [progressing(1)], false],
  ])('says %s is %s', (_label, value, expected) => {
    expect(isJobInputLike(value)).toBe(expected);
  });

  it('never throws for a value whose reading throws', () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();

    expect(isJobInputLike(proxy)).toBe(false);
  });
});

describe('normalisedInputsOf', () => {
  it('gives a checked copy of one input', () => {
    const value = progressing(1);

    const inputs = normalisedInputsOf(value);

    expect(inputs).toEqual([value]);
    expect(inputs?.[0]).not.toBe(value);
  });

  it('throws for one input that is not valid', () => {
    const value = patched(progressing(1), (x) => (x.timestamp = Number.NaN));

    let caught: unknown;
    try {
      normalisedInputsOf(value);
    } catch (error) {
      caught = error;
    }

    expect(caught).toBeInstanceOf(JobInputError);
    expect(caught).toMatchObject({ code: ErrorCode.INVALID_TYPE, path: 'timestamp' });
  });

  it('keeps the good inputs of an array beside a bad one and a hole', () => {
    const bad = patched(progressing(2), (x) => (x.timestamp = -1));
    const list: unknown[] = [progressing(1), bad];
    list[3] = canceled(3);

    const inputs = normalisedInputsOf(list) ?? [];

    expect(inputs).toHaveLength(4);
    expect(inputs[0]).toEqual(progressing(1));
    expect(inputs[1]).toMatchObject({ code: ErrorCode.OUT_OF_RANGE, path: '[1].timestamp' });
    expect(inputs[2]).toMatchObject({ code: ErrorCode.NOT_AN_OBJECT, path: '[2]' });
    expect(inputs[3]).toEqual(canceled(3));
  });

  it.each<[string, () => unknown]>([
    ['an event', () => eventFixture('progressing')],
    ['an array mixing inputs and events', () => [progressing(1), eventFixture('progressing')]],
    ['an empty array', () => []],
    ['an array of holes only', () => [, ,]],
    ['JSON text', () => JSON.stringify(progressing(1))],
    [
      'a revoked Proxy',
      () => {
        const { proxy, revoke } = Proxy.revocable([], {});
        revoke();
        return proxy;
      },
    ],
    [
      'an array Proxy that throws',
      () =>
        new Proxy([progressing(1)], {
          get(): never {
            throw new Error('boom');
          },
        }),
    ],
  ])('leaves %s to the adapters', (_label, make) => {
    expect(normalisedInputsOf(make())).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { ErrorCode, JobInputError, JobTrackerError } from '../../src/errors.js';
import {
  checkFleetOptions,
  checkHandlerArgs,
  checkTrackerOptions,
} from '../../src/internal/options.js';

/** The error `run` throws, failing the test unless it is an INVALID_OPTIONS JobTrackerError. */
function invalid(run: () => void): JobTrackerError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(JobTrackerError);
    expect(error).not.toBeInstanceOf(JobInputError);
    expect((error as JobTrackerError).code).toBe(ErrorCode.INVALID_OPTIONS);
    return error as JobTrackerError;
  }
  throw new Error('Expected an INVALID_OPTIONS error, nothing was thrown');
}

function throwingGetter(key: string): object {
  return Object.defineProperty({}, key, {
    enumerable: true,
    get(): never {
      throw new Error('boom');
    },
  });
}

function revoked(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

const noop = (): void => undefined;

/** Options wrong for trackers and fleets alike, with the path each names. */
const shared: readonly [string, unknown, string][] = [
  ['null options', null, 'options'],
  ['an array', [], 'options'],
  ['a string', 'job-1', 'options'],
  ['a function', noop, 'options'],
  ['a negative maxEventIds', { maxEventIds: -1 }, 'options.maxEventIds'],
  ['a fractional maxEventIds', { maxEventIds: 1.5 }, 'options.maxEventIds'],
  ['a maxEventIds over 4096', { maxEventIds: 4097 }, 'options.maxEventIds'],
  ['a NaN maxEventIds', { maxEventIds: Number.NaN }, 'options.maxEventIds'],
  ['a string maxEventIds', { maxEventIds: '32' }, 'options.maxEventIds'],
  ['a string snapshot', { snapshot: '{}' }, 'options.snapshot'],
  ['a null snapshot', { snapshot: null }, 'options.snapshot'],
  ['parse options that are null', { parse: null }, 'options.parse'],
  ['a maxDepth of 0', { parse: { maxDepth: 0 } }, 'options.parse.maxDepth'],
  ['a negative observedAt', { parse: { observedAt: -1 } }, 'options.parse.observedAt'],
  ['an observer that is a function', { observer: noop }, 'options.observer'],
  ['an observer of null', { observer: null }, 'options.observer'],
  ['an onIngest that is a string', { observer: { onIngest: 'log' } }, 'options.observer.onIngest'],
  [
    'an onHandlerError that is an object',
    { observer: { onHandlerError: {} } },
    'options.observer.onHandlerError',
  ],
];

describe('checkTrackerOptions', () => {
  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['an empty object', {}],
    [
      'every option',
      {
        jobId: 'j-1',
        maxEventIds: 4096,
        snapshot: {},
        parse: { maxDepth: 8, observedAt: new Date(0) },
        observer: { onIngest: noop, onHandlerError: noop },
      },
    ],
    ['a maxEventIds of 0', { maxEventIds: 0 }],
  ])('accepts %s', (_label, options) => {
    expect(() => checkTrackerOptions(options)).not.toThrow();
  });

  it.each<[string, unknown, string]>([
    ...shared,
    ['an empty jobId', { jobId: '' }, 'options.jobId'],
    ['a numeric jobId', { jobId: 42 }, 'options.jobId'],
    ['a null jobId', { jobId: null }, 'options.jobId'],
  ])('refuses %s, naming %s', (_label, options, path) => {
    const error = invalid(() => checkTrackerOptions(options));

    expect(error.path).toBe(path);
    expect(error.message.length).toBeLessThan(300);
  });

  it('refuses a revoked Proxy as options', () => {
    const error = invalid(() => checkTrackerOptions(revoked()));

    expect(error.path).toBe('options');
  });

  it('keeps what a throwing getter threw as the cause', () => {
    const error = invalid(() => checkTrackerOptions(throwingGetter('observer')));

    expect(error.path).toBe('options.observer');
    expect(error.cause).toBeInstanceOf(Error);
    expect(error.message).toContain('boom');
  });
});

describe('checkFleetOptions', () => {
  it.each<[string, unknown]>([
    ['undefined', undefined],
    [
      'every option',
      {
        filter: {
          userMetadata: { env: 'prod', tenant: ['acme', ''], constructor: 'x' },
          queues: ['Default'],
          predicate: noop,
        },
        settledRetentionMs: Number.POSITIVE_INFINITY,
        maxEvictedIds: 0,
        maxEventIds: 32,
        parse: {},
        snapshot: {},
        now: Date.now,
        observer: { onIngest: noop, onHandlerError: noop, onEvict: noop },
      },
    ],
    ['a retention of 0', { settledRetentionMs: 0 }],
  ])('accepts %s', (_label, options) => {
    expect(() => checkFleetOptions(options)).not.toThrow();
  });

  it.each<[string, unknown, string]>([
    ...shared,
    ['a filter that is a string', { filter: 'prod' }, 'options.filter'],
    ['a filter of null', { filter: null }, 'options.filter'],
    [
      'filter metadata that is an array',
      { filter: { userMetadata: [] } },
      'options.filter.userMetadata',
    ],
    [
      'a metadata value that is a number',
      { filter: { userMetadata: { env: 1 } } },
      'options.filter.userMetadata.env',
    ],
    [
      'a metadata list with a number',
      { filter: { userMetadata: { env: ['prod', 2] } } },
      'options.filter.userMetadata.env[1]',
    ],
    [
      'a metadata list with a hole',
      { filter: { userMetadata: { env: [, 'prod'] } } },
      'options.filter.userMetadata.env[0]',
    ],
    ['queues that are a string', { filter: { queues: 'Default' } }, 'options.filter.queues'],
    [
      'a queue that is a number',
      { filter: { queues: ['Default', 7] } },
      'options.filter.queues[1]',
    ],
    ['an empty queue name', { filter: { queues: [''] } }, 'options.filter.queues[0]'],
    ['a predicate that is a boolean', { filter: { predicate: true } }, 'options.filter.predicate'],
    ['a negative retention', { settledRetentionMs: -1 }, 'options.settledRetentionMs'],
    ['a NaN retention', { settledRetentionMs: Number.NaN }, 'options.settledRetentionMs'],
    ['a string retention', { settledRetentionMs: '900000' }, 'options.settledRetentionMs'],
    ['a negative maxEvictedIds', { maxEvictedIds: -1 }, 'options.maxEvictedIds'],
    [
      'an Infinity maxEvictedIds',
      { maxEvictedIds: Number.POSITIVE_INFINITY },
      'options.maxEvictedIds',
    ],
    ['a now that is a number', { now: 5 }, 'options.now'],
    ['an onEvict that is a string', { observer: { onEvict: 'x' } }, 'options.observer.onEvict'],
  ])('refuses %s, naming %s', (_label, options, path) => {
    const error = invalid(() => checkFleetOptions(options));

    expect(error.path).toBe(path);
  });

  it('refuses a filter whose getter throws, naming the option', () => {
    const error = invalid(() => checkFleetOptions({ filter: throwingGetter('queues') }));

    expect(error.path).toBe('options.filter.queues');
    expect(error.cause).toBeInstanceOf(Error);
  });
});

describe('checkHandlerArgs', () => {
  it.each([
    'status',
    'phase',
    'progress',
    'inputInformation',
    'warning',
    'queueHop',
    'complete',
    'error',
    'canceled',
    'settled',
    'anomaly',
    'change',
  ])('accepts %s with a function', (name) => {
    expect(() => checkHandlerArgs(name, noop)).not.toThrow();
  });

  it.each<[string, unknown, unknown, string]>([
    ['an unknown name', 'completed', noop, 'name'],
    ['a name of Object.prototype', 'toString', noop, 'name'],
    ['a numeric name', 1, noop, 'name'],
    ['a missing handler', 'complete', undefined, 'handler'],
    ['a string handler', 'complete', 'publish', 'handler'],
  ])('refuses %s', (_label, name, handler, path) => {
    const error = invalid(() => checkHandlerArgs(name, handler));

    expect(error.path).toBe(path);
  });
});

import { describe, expect, it } from 'vitest';
import { parseInputs } from '../../src/adapters/index.js';
import { ErrorCode, JobSnapshotError } from '../../src/errors.js';
import { createJobTracker } from '../../src/index.js';
import type { JobSnapshot } from '../../src/index.js';
import { EMPTY_ARRAY } from '../../src/state/initial-state.js';
import {
  MAX_SNAPSHOT_ANOMALIES,
  MAX_SNAPSHOT_EVENT_IDS,
  parseFleetSnapshotParts,
  parseJobSnapshot,
} from '../../src/state/snapshot.js';
import { eventFixture } from '../adapters/helpers.js';
import {
  api,
  complete,
  progressing,
  queueHop,
  statusUpdate,
  warning,
} from '../helpers/inputs.js';

type State = Record<string, unknown>;
type Patch = (state: State) => void;

/** A snapshot of a job that went through most of its life, as stored JSON. */
function richSnapshot(): JobSnapshot {
  const tracker = createJobTracker();
  const submitted = { submittedAt: 500, startedAt: null, finishedAt: null };
  tracker.ingest(api(500, { status: 'SUBMITTED', timing: submitted }));
  tracker.ingest(progressing(1000));
  tracker.ingest(queueHop(1200, 'arn:aws:mediaconvert:us-west-2:111122223333:queues/Other'));
  tracker.ingest(statusUpdate(2000, 'TRANSCODING', 40));
  tracker.ingest(warning(2500));
  const inputs = parseInputs(eventFixture('input-information'));
  const completeEvent = parseInputs(eventFixture('complete-file-group'));
  // The two fixtures share one event id; each gets its own here.
  for (const [i, item] of [...inputs, ...completeEvent].entries()) {
    if (item.kind !== 'input') continue;
    tracker.ingest({ ...item.input, jobId: tracker.jobId ?? '', eventId: `fixture-${i}` });
  }
  tracker.ingest(complete(5000));
  return JSON.parse(JSON.stringify(tracker.snapshot())) as JobSnapshot;
}

function withState(patch: Patch): unknown {
  const snapshot = richSnapshot() as unknown as { state: State };
  patch(snapshot.state);
  return snapshot;
}

function part(state: State, ...keys: (string | number)[]): State {
  let value: unknown = state;
  for (const key of keys) value = (value as Record<string | number, unknown>)[key];
  return value as State;
}

function refusal(run: () => unknown): JobSnapshotError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(JobSnapshotError);
    return error as JobSnapshotError;
  }
  throw new Error('Expected a JobSnapshotError, nothing was thrown');
}

const S = 'snapshot.state';
const CODE = '230004';

const bad: readonly [string, Patch, string][] = [
  [
    'a NaN warning count',
    (s) => (part(s, 'warnings', CODE).count = Number.NaN),
    `${S}.warnings.${CODE}.count`,
  ],
  [
    'a negative warning count',
    (s) => (part(s, 'warnings', CODE).count = -1),
    `${S}.warnings.${CODE}.count`,
  ],
  [
    'an Infinity lastSeenAt',
    (s) => (part(s, 'warnings', CODE).lastSeenAt = Number.POSITIVE_INFINITY),
    `${S}.warnings.${CODE}.lastSeenAt`,
  ],
  [
    'a numeric warning message',
    (s) => (part(s, 'warnings', CODE).message = 5),
    `${S}.warnings.${CODE}.message`,
  ],
  [
    'a warning code of two digits',
    (s) => (s.warnings = { '12': { code: '12', count: 1, message: null, lastSeenAt: 1 } }),
    `${S}.warnings.12`,
  ],
  [
    'a warning code that is not digits',
    (s) => (s.warnings = { abcdefg: { code: 'abcdefg', count: 1, message: null, lastSeenAt: 1 } }),
    `${S}.warnings.abcdefg`,
  ],
  [
    'a warning whose code is not its key',
    (s) => (part(s, 'warnings', CODE).code = '230005'),
    `${S}.warnings.${CODE}.code`,
  ],
  ['a NaN hop time', (s) => (part(s, 'queue', 'hops', 0).at = Number.NaN), `${S}.queue.hops[0].at`],
  [
    'a hop to an empty queue',
    (s) => (part(s, 'queue', 'hops', 0).to = ''),
    `${S}.queue.hops[0].to`,
  ],
  [
    'an Infinity priority',
    (s) => (part(s, 'queue').priority = Number.POSITIVE_INFINITY),
    `${S}.queue.priority`,
  ],
  ['a NaN currentAt', (s) => (part(s, 'queue').currentAt = Number.NaN), `${S}.queue.currentAt`],
  ['a hole in the hops', (s) => (part(s, 'queue').hops = [, {}]), `${S}.queue.hops[0]`],
  ['a NaN start time', (s) => (part(s, 'timing').startedAt = Number.NaN), `${S}.timing.startedAt`],
  ['a negative finish time', (s) => (part(s, 'timing').finishedAt = -1), `${S}.timing.finishedAt`],
  ['a percent of 140', (s) => (part(s, 'progress').jobPercent = 140), `${S}.progress.jobPercent`],
  [
    'a phase percent of -1',
    (s) => (part(s, 'progress', 'phases').TRANSCODING = { status: 'PROGRESSING', percent: -1 }),
    `${S}.progress.phases.TRANSCODING.percent`,
  ],
  [
    'a negative frame count',
    (s) => (part(s, 'progress').framesDecoded = -5),
    `${S}.progress.framesDecoded`,
  ],
  [
    'a fractional frame count',
    (s) => (part(s, 'progress').framesDecoded = 1.5),
    `${S}.progress.framesDecoded`,
  ],
  ['a fractional attempt', (s) => (s.attempt = 0.5), `${S}.attempt`],
  ['an empty jobId', (s) => (s.jobId = ''), `${S}.jobId`],
  ['a final status without settledAt', (s) => (s.settledAt = null), `${S}.settledAt`],
  [
    'settledAt on a job still running',
    (s) => {
      s.status = 'PROGRESSING';
      s.phase = 'UPLOADING';
    },
    `${S}.settledAt`,
  ],
  ['a NaN settledAt', (s) => (s.settledAt = Number.NaN), `${S}.settledAt`],
  [
    'an Infinity error code',
    (s) => (s.error = { code: Number.POSITIVE_INFINITY, message: null }),
    `${S}.error.code`,
  ],
  ['a numeric error message', (s) => (s.error = { code: 1, message: 5 }), `${S}.error.message`],
  ['a numeric info message', (s) => (part(s, 'messages').info = [5]), `${S}.messages.info[0]`],
  [
    'a hole in the info messages',
    (s) => (part(s, 'messages').info = ['a', , 'b']),
    `${S}.messages.info[1]`,
  ],
  [
    'a numeric anomaly message',
    (s) => (s.anomalies = [{ code: 'REGRESSION', message: 5, at: 1, eventId: null }]),
    `${S}.anomalies[0].message`,
  ],
  [
    'a NaN anomaly time',
    (s) => (s.anomalies = [{ code: 'REGRESSION', message: 'm', at: Number.NaN, eventId: null }]),
    `${S}.anomalies[0].at`,
  ],
  [
    `more than ${MAX_SNAPSHOT_ANOMALIES} anomalies`,
    (s) =>
      (s.anomalies = Array.from({ length: MAX_SNAPSHOT_ANOMALIES + 1 }, (_, at) => ({
        code: 'REGRESSION',
        message: 'm',
        at,
        eventId: null,
      }))),
    `${S}.anomalies`,
  ],
  [
    `more than ${MAX_SNAPSHOT_EVENT_IDS} event ids`,
    (s) =>
      (s.appliedEventIds = Array.from({ length: MAX_SNAPSHOT_EVENT_IDS + 1 }, (_, i) => `e-${i}`)),
    `${S}.appliedEventIds`,
  ],
  ['a hole in the event ids', (s) => (s.appliedEventIds = [, 'e-1']), `${S}.appliedEventIds[0]`],
  ['a numeric event id', (s) => (s.appliedEventIds = [1]), `${S}.appliedEventIds[0]`],
  [
    'a NaN output duration',
    (s) => (part(s, 'outputs', 0, 'outputs', 0).durationMs = Number.NaN),
    `${S}.outputs[0].outputs[0].durationMs`,
  ],
  ['a hole in the outputs', (s) => (s.outputs = [,]), `${S}.outputs[0]`],
  [
    'a NaN in completion',
    (s) => (part(s, 'completion').paddingInserted = Number.NaN),
    `${S}.completion.paddingInserted`,
  ],
  [
    'a hole in pass-through data',
    (s) => (part(s, 'completion').blackSegments = [, 1]),
    `${S}.completion.blackSegments[0]`,
  ],
  [
    'a Date in pass-through data',
    (s) => (part(s, 'outputs', 0, 'raw').when = new Date(0)),
    `${S}.outputs[0].raw.when`,
  ],
  ['a NaN input id', (s) => (part(s, 'inputs', 0).id = Number.NaN), `${S}.inputs[0].id`],
  [
    'a __proto__ metadata key',
    (s) => (s.userMetadata = JSON.parse('{"__proto__":"x"}')),
    `${S}.userMetadata.__proto__`,
  ],
  ['a numeric metadata value', (s) => (s.userMetadata = { a: 1 }), `${S}.userMetadata.a`],
];

describe('parseJobSnapshot against hostile snapshots', () => {
  it('accepts a rich snapshot and returns an equal copy of its state', () => {
    const snapshot = richSnapshot();

    const parsed = parseJobSnapshot(snapshot);

    expect(parsed.state).toEqual(snapshot.state);
    expect(parsed.state).not.toBe(snapshot.state);
    expect(parsed.state.outputs.length).toBeGreaterThan(0);
    expect(parsed.state.inputs.length).toBeGreaterThan(0);
  });

  it('shares the frozen empty parts of new states', () => {
    const snapshot = createJobTracker({ jobId: 'j-1' }).snapshot();

    const parsed = parseJobSnapshot(JSON.parse(JSON.stringify(snapshot)));

    expect(parsed.state.outputs).toBe(EMPTY_ARRAY);
    expect(parsed.state.progress).toBe(snapshot.state.progress);
  });

  it.each(bad)('refuses %s with INVALID_SNAPSHOT and its path', (_label, patch, path) => {
    const value = withState(patch);

    const error = refusal(() => parseJobSnapshot(value));

    expect({ code: error.code, path: error.path }).toEqual({
      code: ErrorCode.INVALID_SNAPSHOT,
      path,
    });
  });

  it('accepts constructor and prototype as metadata keys', () => {
    const value = withState((s) => (s.userMetadata = { constructor: 'c', prototype: 'p' }));

    const parsed = parseJobSnapshot(value);

    expect(parsed.state.userMetadata).toEqual({ constructor: 'c', prototype: 'p' });
    expect(Object.getPrototypeOf(parsed.state.userMetadata)).toBe(Object.prototype);
  });

  it('turns a throwing getter into INVALID_SNAPSHOT naming the field', () => {
    const value = withState((s) =>
      Object.defineProperty(s, 'attempt', {
        get(): never {
          throw new Error('boom');
        },
      }),
    );

    const error = refusal(() => parseJobSnapshot(value));

    expect({ code: error.code, path: error.path }).toEqual({
      code: ErrorCode.INVALID_SNAPSHOT,
      path: `${S}.attempt`,
    });
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('turns a revoked Proxy into INVALID_SNAPSHOT', () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();

    const error = refusal(() => parseJobSnapshot(proxy));

    expect({ code: error.code, path: error.path }).toEqual({
      code: ErrorCode.INVALID_SNAPSHOT,
      path: 'snapshot',
    });
  });

  it('keeps nothing of the value given', () => {
    const value = withState(() => undefined) as { state: State };

    const parsed = parseJobSnapshot(value);
    (value.state.userMetadata as Record<string, string>).assetId = 'changed';

    expect(parsed.state.userMetadata).toEqual({ assetId: 'asset-1' });
  });
});

describe('parseFleetSnapshotParts', () => {
  const job = (): unknown => richSnapshot().state;

  it('reads the jobs and evicted ids of a fleet snapshot', () => {
    const value = { jobs: [job()], evicted: ['old-1', 'old-2'] };

    const parts = parseFleetSnapshotParts(value);

    expect(parts.jobs).toHaveLength(1);
    expect(parts.jobs[0]).toEqual(value.jobs[0]);
    expect(parts.evicted).toEqual(['old-1', 'old-2']);
  });

  it.each<[string, () => unknown, string]>([
    ['not an object', () => null, 'snapshot'],
    ['jobs that are not a list', () => ({ jobs: {}, evicted: [] }), 'snapshot.jobs'],
    ['a hole in jobs', () => ({ jobs: [, job()], evicted: [] }), 'snapshot.jobs[0]'],
    [
      'a job without an id',
      () => ({ jobs: [{ ...(job() as State), jobId: null }], evicted: [] }),
      'snapshot.jobs[0].jobId',
    ],
    ['the same job twice', () => ({ jobs: [job(), job()], evicted: [] }), 'snapshot.jobs[1].jobId'],
    [
      'a bad job',
      () => ({ jobs: [job(), { ...(job() as State), jobId: 'other', attempt: -1 }], evicted: [] }),
      'snapshot.jobs[1].attempt',
    ],
    ['missing evicted ids', () => ({ jobs: [] }), 'snapshot.evicted'],
    ['evicted ids that are not a list', () => ({ jobs: [], evicted: 'j-1' }), 'snapshot.evicted'],
    ['an empty evicted id', () => ({ jobs: [], evicted: ['j-1', ''] }), 'snapshot.evicted[1]'],
    ['a numeric evicted id', () => ({ jobs: [], evicted: [5] }), 'snapshot.evicted[0]'],
    ['a hole in evicted ids', () => ({ jobs: [], evicted: [, 'j-1'] }), 'snapshot.evicted[0]'],
  ])('refuses %s with INVALID_SNAPSHOT and its path', (_label, make, path) => {
    const value = make();

    const error = refusal(() => parseFleetSnapshotParts(value));

    expect({ code: error.code, path: error.path }).toEqual({
      code: ErrorCode.INVALID_SNAPSHOT,
      path,
    });
  });
});

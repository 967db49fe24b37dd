import { readFileSync } from 'node:fs';
import { CreateJobCommand, type MediaConvertClient } from '@aws-sdk/client-mediaconvert';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  OUTCOME_KEY,
  WARNINGS_KEY,
  startMediaConvertEmulator,
  type JobStateChangeEvent,
  type MediaConvertEmulator,
} from '../../src/testing/index.js';
import { clientFor, jobRequest, keysOf, START } from './helpers.js';

type Fixture = { detail: { [key: string]: unknown } } & { [key: string]: unknown };

function fixture(name: string): Fixture {
  return JSON.parse(readFileSync(new URL(`../fixtures/eventbridge/${name}.json`, import.meta.url), 'utf8')) as Fixture;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('events of whole lifecycles', () => {
  let emulator: MediaConvertEmulator;
  let client: MediaConvertClient;
  const events: JobStateChangeEvent[] = [];
  let completeId = '';
  let errorId = '';
  let canceledId = '';

  beforeAll(async () => {
    emulator = await startMediaConvertEmulator({
      clock: 'manual',
      seed: 99,
      startTime: START,
      plan: (request) => ({
        queueWaitMs: request.hopDestinations.length > 0 ? 90_000 : 4_000,
        probingMs: 5_000,
        transcodingMs: 180_000,
        uploadingMs: 8_000,
      }),
    });
    client = clientFor(emulator);
    emulator.subscribe((event) => events.push(event));
    const send = async (metadata: Record<string, string>, extra = {}): Promise<string> => {
      const { Job: job } = await client.send(new CreateJobCommand(jobRequest({ UserMetadata: metadata, ...extra })));
      return job?.Id ?? '';
    };
    completeId = await send(
      { [OUTCOME_KEY]: 'COMPLETE', [WARNINGS_KEY]: '230001,230005', assetId: 'asset-b2c3' },
      { HopDestinations: [{ Queue: 'Alternate', WaitMinutes: 1 }] },
    );
    errorId = await send({ [OUTCOME_KEY]: 'ERROR:1040' });
    canceledId = await send({ [OUTCOME_KEY]: 'CANCEL' });
    emulator.advanceUntilSettled();
  });

  afterAll(async () => {
    client.destroy();
    await emulator.close();
  });

  const of = (id: string): JobStateChangeEvent[] => events.filter((e) => e.detail.jobId === id);
  const first = (id: string, status: string): JobStateChangeEvent => {
    const found = of(id).find((e) => e.detail.status === status);
    if (found === undefined) throw new Error(`no ${status} event for ${id}`);
    return found;
  };

  it('sends the statuses of a lifecycle in order, and never SUBMITTED', () => {
    const statuses = of(completeId).map((e) => e.detail.status);

    const distinct = statuses.filter((s, i) => s !== statuses[i - 1]);
    expect(distinct).toEqual([
      'QUEUE_HOP',
      'PROGRESSING',
      'INPUT_INFORMATION',
      'STATUS_UPDATE',
      'NEW_WARNING',
      'STATUS_UPDATE',
      'NEW_WARNING',
      'STATUS_UPDATE',
      'COMPLETE',
    ]);
    expect(events.map((e) => e.detail.status)).not.toContain('SUBMITTED');
    expect(of(errorId).at(-1)?.detail.status).toBe('ERROR');
    expect(of(canceledId).at(-1)?.detail.status).toBe('CANCELED');
  });

  it.each([
    ['progressing', 'PROGRESSING'],
    ['status-update', 'STATUS_UPDATE'],
    ['input-information', 'INPUT_INFORMATION'],
    ['new-warning', 'NEW_WARNING'],
    ['queue-hop', 'QUEUE_HOP'],
    ['complete-hls-real', 'COMPLETE'],
  ])('shapes %s like the fixture', (name, status) => {
    const expected = fixture(name);

    const event = first(completeId, status);

    expect(keysOf(event)).toEqual(keysOf(expected));
    expect(keysOf(event.detail)).toEqual(keysOf(expected.detail));
    expect(event).toMatchObject({
      version: '0',
      'detail-type': 'MediaConvert Job State Change',
      source: 'aws.mediaconvert',
      account: '111122223333',
      region: 'us-west-2',
      resources: [`arn:aws:mediaconvert:us-west-2:111122223333:jobs/${completeId}`],
    });
    expect(event.detail.userMetadata).toMatchObject({ assetId: 'asset-b2c3' });
  });

  it.each([
    ['error', () => errorId, 'ERROR'],
    ['canceled', () => canceledId, 'CANCELED'],
  ])('shapes %s like the fixture', (name, id, status) => {
    const expected = fixture(name);

    const event = first(id(), status);

    expect(keysOf(event)).toEqual(keysOf(expected));
    expect(keysOf(event.detail)).toEqual(keysOf(expected.detail));
  });

  it('shapes nested progress, inputs and outputs like the fixtures', () => {
    const update = first(completeId, 'STATUS_UPDATE').detail;
    const input = first(completeId, 'INPUT_INFORMATION').detail;
    const complete = first(completeId, 'COMPLETE').detail;
    const update0 = fixture('status-update').detail;
    const input0 = fixture('input-information').detail;
    const complete0 = fixture('complete-hls-real').detail;

    const nested = (value: unknown, ...path: (string | number)[]): unknown =>
      path.reduce<unknown>((at, key) => (at as { [k: string]: unknown } | undefined)?.[key], value);
    expect(keysOf(nested(update, 'jobProgress'))).toEqual(keysOf(nested(update0, 'jobProgress')));
    expect(keysOf(nested(update, 'jobProgress', 'phaseProgress'))).toEqual(['PROBING', 'TRANSCODING', 'UPLOADING']);
    expect(keysOf(nested(input, 'inputDetails', 0))).toEqual(keysOf(nested(input0, 'inputDetails', 0)));
    expect(keysOf(nested(input, 'inputDetails', 0, 'video', 0))).toEqual(keysOf(nested(input0, 'inputDetails', 0, 'video', 0)));
    expect(keysOf(nested(input, 'inputDetails', 0, 'audio', 0))).toEqual(keysOf(nested(input0, 'inputDetails', 0, 'audio', 0)));
    expect(keysOf(nested(complete, 'outputGroupDetails', 0))).toEqual(keysOf(nested(complete0, 'outputGroupDetails', 0)));
    expect(keysOf(nested(complete, 'outputGroupDetails', 0, 'outputDetails', 0))).toEqual(
      keysOf(nested(complete0, 'outputGroupDetails', 0, 'outputDetails', 0)),
    );
    expect(keysOf(nested(complete, 'outputGroupDetails', 0, 'outputDetails', 0, 'videoDetails'))).toEqual(
      keysOf(nested(complete0, 'outputGroupDetails', 0, 'outputDetails', 0, 'videoDetails')),
    );
    expect(complete['warnings']).toEqual([
      { code: 230001, count: 1 },
      { code: 230005, count: 1 },
    ]);
  });

  it('writes ids as UUIDs, time in whole seconds and timestamps in milliseconds', () => {
    const ids = new Set(events.map((e) => e.id));

    expect(ids.size).toBe(events.length);
    for (const event of events) {
      expect(event.id).toMatch(UUID);
      expect(event.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(Date.parse(event.time)).toBe(Math.floor(event.detail.timestamp / 1000) * 1000);
      expect(Object.isFrozen(event.detail)).toBe(true);
    }
    expect(events.map((e) => e.detail.timestamp)).toEqual([...events.map((e) => e.detail.timestamp)].sort((a, b) => a - b));
  });

  it('names the queue the job is in at each moment', () => {
    const [hop, ...rest] = of(completeId);

    expect(hop?.detail).toMatchObject({
      status: 'QUEUE_HOP',
      queue: 'arn:aws:mediaconvert:us-west-2:111122223333:queues/Alternate',
      previousQueue: 'arn:aws:mediaconvert:us-west-2:111122223333:queues/Default',
    });
    expect(new Set(rest.map((e) => e.detail.queue))).toEqual(
      new Set(['arn:aws:mediaconvert:us-west-2:111122223333:queues/Alternate']),
    );
    expect(first(errorId, 'PROGRESSING').detail.queue).toBe('arn:aws:mediaconvert:us-west-2:111122223333:queues/Default');
  });

  it('writes a NEW_WARNING code as a six-digit string and COMPLETE warning codes as numbers', () => {
    const warning = first(completeId, 'NEW_WARNING').detail;

    expect(warning['warningCode']).toBe('230001');
    expect(typeof warning['warningMessage']).toBe('string');
  });
});

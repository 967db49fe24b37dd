import { describe, expect, it, vi } from 'vitest';
import { createJobFleet, createJobTracker, type JobInput } from '../../src/index.js';
import { complete, failed, JOB_ID, progressing, statusUpdate } from '../helpers/inputs.js';

const forJob = (jobId: string, input: JobInput): JobInput => ({
  ...input,
  jobId,
  eventId: input.eventId === null ? null : `${jobId}/${input.eventId}`,
});

describe('createJobFleet', () => {
  it('routes inputs by job id and hands the id to handlers', () => {
    const fleet = createJobFleet();
    const completed: string[] = [];
    fleet.on('complete', ({ jobId }) => completed.push(jobId));

    fleet.ingest([forJob('a', progressing(1)), forJob('b', progressing(2)), forJob('a', complete(9))]);

    expect(fleet.size).toBe(2);
    expect(fleet.get('a')?.status).toBe('COMPLETE');
    expect(fleet.get('b')?.status).toBe('PROGRESSING');
    expect(completed).toEqual(['a']);
    expect([...fleet.unsettled()].map((s) => s.jobId)).toEqual(['b']);
  });

  it('gives each job the state a lone tracker gives it', () => {
    const inputs = [progressing(1), statusUpdate(2, 'TRANSCODING', 20), failed(3)];
    const fleet = createJobFleet();
    const lone = createJobTracker();

    for (const input of inputs) {
      fleet.ingest(input);
      lone.ingest(input);
    }

    expect(fleet.get(JOB_ID)).toEqual(lone.state);
  });

  it('filters jobs by metadata and queue, with a reason', () => {
    const fleet = createJobFleet({ filter: { userMetadata: { assetId: 'asset-2' } } });
    const byQueue = createJobFleet({ filter: { queues: ['Priority'] } });

    const refused = fleet.ingest(progressing(1));
    const refusedByQueue = byQueue.ingest(progressing(1));
    const accepted = byQueue.ingest({ ...progressing(2), eventId: 'x', queue: 'arn:aws:mediaconvert:us-west-2:111122223333:queues/Priority' });

    expect(refused).toMatchObject({ kind: 'ignored', reason: 'FILTERED' });
    expect(refused.message).toContain('userMetadata.assetId');
    expect(refusedByQueue).toMatchObject({ kind: 'ignored', reason: 'FILTERED' });
    expect(accepted.kind).toBe('applied');
    expect(fleet.size).toBe(0);
  });

  it('evicts settled jobs after the retention time and ignores their late events', () => {
    let now = 0;
    const onEvict = vi.fn();
    const fleet = createJobFleet({ settledRetentionMs: 1000, now: () => now, observer: { onEvict } });
    fleet.ingest(complete(5));
    fleet.ingest(forJob('other', progressing(1)));

    now = 1500;
    const evicted = fleet.evictSettled();
    const late = fleet.ingest(statusUpdate(4, 'UPLOADING', 99));

    expect(evicted).toBe(1);
    expect(onEvict).toHaveBeenCalledOnce();
    expect(fleet.has(JOB_ID)).toBe(false);
    expect(fleet.has('other')).toBe(true);
    expect(late).toMatchObject({ kind: 'ignored', reason: 'EVICTED' });
  });

  it('restores from a snapshot', () => {
    const fleet = createJobFleet();
    fleet.ingest([forJob('a', progressing(1)), forJob('b', complete(2))]);

    const restored = createJobFleet({ snapshot: JSON.parse(JSON.stringify(fleet)) });

    expect([...restored]).toEqual([...fleet]);
    expect(() => createJobFleet({ snapshot: { ...fleet.snapshot(), version: 3 as 1 } })).toThrowError(
      expect.objectContaining({ code: 'UNSUPPORTED_SNAPSHOT_VERSION' }),
    );
  });

  it('summarises a batch', () => {
    const fleet = createJobFleet();

    const result = fleet.ingest([progressing(1), progressing(1), statusUpdate(2, 'PROBING', 1)]);

    expect(result.kind).toBe('applied');
    expect(result.items.map((i) => i.kind)).toEqual(['applied', 'duplicate', 'applied']);
  });
});

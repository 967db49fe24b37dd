import { describe, expect, it } from 'vitest';
import { createJobFleet, createJobTracker, JobInputError, JobTrackerError } from '../../src/index.js';
import { progressing } from '../helpers/inputs.js';

describe('trackers and fleets refuse what they cannot trust', () => {
  it('checks a normalised input built by the caller and keeps the state', () => {
    const tracker = createJobTracker();
    tracker.ingest(progressing(1000));
    const before = tracker.state;
    const forged = { type: 'COMPLETE', jobId: before.jobId, timestamp: Number.NaN, eventId: null };

    const attempt = () => tracker.ingest(forged);

    expect(attempt).toThrowError(JobInputError);
    expect(tracker.state).toBe(before);
  });

  it('rejects holes and bad elements of an array one by one', () => {
    const fleet = createJobFleet();

    // eslint-disable-next-line no-sparse-arrays
    const result = fleet.ingest([progressing(1000), , { type: 'ERROR', jobId: 'x', timestamp: 1 }]);

    expect(result.items.map((item) => item.kind)).toEqual(['applied', 'rejected', 'rejected']);
    expect(fleet.size).toBe(1);
  });

  it.each<[string, () => unknown]>([
    ['null options', () => createJobTracker(null as never)],
    ['a numeric job id', () => createJobTracker({ jobId: 5 as never })],
    ['an empty job id', () => createJobTracker({ jobId: '' })],
    ['a filter that is not an object', () => createJobFleet({ filter: 5 as never })],
    ['queues that are not a list', () => createJobFleet({ filter: { queues: 'Default' as never } })],
    ['a clock that is not a function', () => createJobFleet({ now: 5 as never })],
    ['an unknown notification name', () => createJobTracker().on('nope' as never, () => undefined)],
    ['a handler that is not a function', () => createJobFleet().on('status', 5 as never)],
  ])('refuses %s up front', (_name, create) => {
    expect(create).toThrowError(JobTrackerError);
    expect(create).toThrowError(expect.objectContaining({ code: 'INVALID_OPTIONS' }));
  });
});

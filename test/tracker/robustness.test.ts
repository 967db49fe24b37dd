import { describe, expect, it, vi } from 'vitest';
import { createJobFleet, createJobTracker, type JobState } from '../../src/index.js';
import { complete, progressing, statusUpdate } from '../helpers/inputs.js';

describe('a tracker under misuse', () => {
  it('hands out states that cannot be changed from outside', () => {
    const tracker = createJobTracker();
    tracker.ingest(progressing(1000));
    tracker.ingest(statusUpdate(2000, 'TRANSCODING', 40));
    let seen: JobState | undefined;
    tracker.on('change', ({ state }) => (seen = state));
    tracker.ingest(statusUpdate(3000, 'TRANSCODING', 50));

    const writes = [
      () => ((tracker.state as { status: string }).status = 'COMPLETE'),
      () => ((tracker.state.progress as { jobPercent: number }).jobPercent = 0),
      () => ((tracker.state.progress.phases.TRANSCODING as { percent: number }).percent = 0),
      () => ((seen as { jobId: string }).jobId = 'x'),
      () => ((tracker.snapshot() as { version: number }).version = 2),
    ];

    for (const write of writes) expect(write).toThrowError(TypeError);
    expect(tracker.state.status).toBe('PROGRESSING');
    expect(tracker.state.progress.jobPercent).toBe(50);
  });

  it('freezes the states a fleet holds', () => {
    const fleet = createJobFleet();
    fleet.ingest(progressing(1000));

    const state = [...fleet][0];

    expect(Object.isFrozen(state)).toBe(true);
    expect(Object.isFrozen(state?.queue)).toBe(true);
  });

  it('delivers every final notification when the error observer itself throws', () => {
    vi.useFakeTimers();
    try {
      const tracker = createJobTracker({
        observer: {
          onHandlerError: () => {
            throw new Error('observer broke');
          },
          onIngest: () => {
            throw new Error('observer broke again');
          },
        },
      });
      const names: string[] = [];
      tracker.on('status', () => {
        throw new Error('handler broke');
      });
      tracker.on('complete', () => names.push('complete'));
      tracker.on('settled', () => names.push('settled'));

      const result = tracker.ingest(complete(5000));

      expect(result.kind).toBe('applied');
      expect(names).toEqual(['complete', 'settled']);
      expect(() => vi.runAllTimers()).toThrowError('observer broke');
    } finally {
      vi.useRealTimers();
    }
  });

  it('delivers notifications in the order states arose when a handler ingests', () => {
    const tracker = createJobTracker();
    const seen: Array<[string | null, number | null]> = [];
    tracker.on('change', ({ state }) => seen.push([state.phase, state.progress.jobPercent]));
    tracker.on('phase', ({ phase }) => {
      if (phase === 'PROBING') tracker.ingest(statusUpdate(3000, 'TRANSCODING', 66));
    });

    tracker.ingest(progressing(1000));

    expect(seen).toEqual([
      ['PROBING', null],
      ['TRANSCODING', 66],
    ]);
    expect(tracker.state.phase).toBe('TRANSCODING');
  });
});

import { describe, expectTypeOf, it } from 'vitest';
import {
  createJobFleet,
  createJobTracker,
  type JobErrorState,
  type JobPhase,
  type JobProgress,
  type JobState,
  type JobStatus,
  type OutputGroup,
} from '../../src/index.js';

describe('handler payloads are typed by name', () => {
  it('gives each notification its own payload', () => {
    const tracker = createJobTracker();

    tracker.on('status', (p) => {
      expectTypeOf(p.status).toEqualTypeOf<JobStatus>();
      expectTypeOf(p.previous).toEqualTypeOf<JobStatus>();
      expectTypeOf(p.jobId).toEqualTypeOf<string>();
    });
    tracker.on('phase', (p) => {
      expectTypeOf(p.phase).toEqualTypeOf<JobPhase>();
      expectTypeOf(p.attempt).toEqualTypeOf<number>();
    });
    tracker.on('progress', (p) => expectTypeOf(p.progress).toEqualTypeOf<JobProgress>());
    tracker.on('complete', (p) => expectTypeOf(p.outputs).toEqualTypeOf<readonly OutputGroup[]>());
    tracker.on('error', (p) => expectTypeOf(p.error).toEqualTypeOf<JobErrorState | null>());
    tracker.on('settled', (p) => expectTypeOf(p.status).toEqualTypeOf<'COMPLETE' | 'ERROR' | 'CANCELED'>());
    tracker.on('change', (p) => expectTypeOf(p.previous).toEqualTypeOf<JobState>());
    expectTypeOf(tracker.on('canceled', () => undefined)).toEqualTypeOf<() => void>();
  });

  it('rejects unknown names and wrong fields', () => {
    const tracker = createJobTracker();
    const fleet = createJobFleet();

    // @ts-expect-error 'completed' is not a notification name
    tracker.on('completed', () => undefined);
    // @ts-expect-error a progress payload has no outputs
    tracker.on('progress', (p) => p.outputs);
    // @ts-expect-error a status payload's status is not a number
    tracker.on('status', (p: { status: number }) => p.status);
    // @ts-expect-error the fleet checks names too
    fleet.on('finished', () => undefined);
    fleet.on('complete', (p) => expectTypeOf(p.jobId).toEqualTypeOf<string>());
  });

  it('exposes the state as read-only data', () => {
    const tracker = createJobTracker();

    // @ts-expect-error the state cannot be assigned to
    tracker.state.status = 'COMPLETE';
    expectTypeOf(tracker.settled).toEqualTypeOf<Promise<JobState>>();
  });
});

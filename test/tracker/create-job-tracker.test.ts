import { describe, expect, it, vi } from 'vitest';
import {
  createJobTracker,
  JobSnapshotError,
  JobTrackerError,
  type JobNotificationName,
} from '../../src/index.js';
import {
  api,
  canceled,
  complete,
  failed,
  JOB_ID,
  progressing,
  queueHop,
  statusUpdate,
  warning,
} from '../helpers/inputs.js';

function record(tracker: ReturnType<typeof createJobTracker>): JobNotificationName[] {
  const names: JobNotificationName[] = [];
  const all: JobNotificationName[] = [
    'status', 'phase', 'progress', 'inputInformation', 'warning', 'queueHop',
    'complete', 'error', 'canceled', 'settled', 'anomaly', 'change',
  ];
  for (const name of all) tracker.on(name, () => names.push(name));
  return names;
}

describe('createJobTracker', () => {
  it('reports applied, duplicate and stale inputs', () => {
    const tracker = createJobTracker();

    const first = tracker.ingest(progressing(1000));
    const again = tracker.ingest(progressing(1000));
    const done = tracker.ingest(complete(5000));
    const late = tracker.ingest(statusUpdate(4000, 'UPLOADING', 98));

    expect(first.kind).toBe('applied');
    expect(again).toMatchObject({ kind: 'duplicate', reason: 'DUPLICATE_EVENT', changed: false });
    expect(done.kind).toBe('applied');
    expect(late).toMatchObject({ kind: 'stale', reason: 'AFTER_FINAL', changed: true });
    expect(tracker.state.progress.jobPercent).toBe(98);
  });

  it('notifies in a fixed order and fires final notifications once', () => {
    const tracker = createJobTracker();
    const names = record(tracker);

    tracker.ingest(progressing(1000));
    tracker.ingest(statusUpdate(2000, 'TRANSCODING', 30));
    tracker.ingest(complete(5000));
    tracker.ingest({ ...complete(5000), eventId: 'another-delivery' });

    expect(names).toEqual([
      'status', 'phase', 'change',
      'phase', 'progress', 'change',
      'status', 'warning', 'complete', 'settled', 'change',
    ]);
  });

  it('corrects a final status by the conflict rule without settling twice', () => {
    const tracker = createJobTracker();
    const names = record(tracker);
    tracker.ingest(progressing(1000));
    names.length = 0;

    tracker.ingest(complete(5000));
    tracker.ingest(failed(4000));

    expect(tracker.state.status).toBe('ERROR');
    expect(names.filter((n) => n === 'settled')).toHaveLength(1);
    expect(names.filter((n) => n === 'complete')).toHaveLength(1);
    expect(names.filter((n) => n === 'error')).toHaveLength(1);
    expect(names).toContain('anomaly');
  });

  it('resolves `settled` with the final state, also for failures', async () => {
    const tracker = createJobTracker();

    tracker.ingest(failed(4000, 1040));

    await expect(tracker.settled).resolves.toMatchObject({ status: 'ERROR', error: { code: 1040 } });
    expect(tracker.isSettled).toBe(true);
  });

  it('ignores inputs about another job', () => {
    const tracker = createJobTracker({ jobId: 'other-job' });

    const result = tracker.ingest(progressing(1000));

    expect(result).toMatchObject({ kind: 'ignored', reason: 'OTHER_JOB', jobId: JOB_ID });
    expect(tracker.state.status).toBe('SUBMITTED');
  });

  it('learns the job id from the first input', () => {
    const tracker = createJobTracker();

    tracker.ingest(warning(1000));

    expect(tracker.jobId).toBe(JOB_ID);
    expect(tracker.state.warnings['230004']?.count).toBe(1);
  });

  it('round-trips through a snapshot mid-stream', () => {
    const whole = createJobTracker();
    const first = createJobTracker();
    const inputs = [
      queueHop(500, 'arn:aws:mediaconvert:us-west-2:111122223333:queues/Other'),
      progressing(1000),
      statusUpdate(2000, 'TRANSCODING', 30),
      warning(2500),
      statusUpdate(3000, 'UPLOADING', 90),
      canceled(4000),
    ];
    for (const input of inputs) whole.ingest(input);
    for (const input of inputs.slice(0, 3)) first.ingest(input);

    const resumed = createJobTracker({ snapshot: JSON.parse(JSON.stringify(first)) });
    for (const input of inputs.slice(3)) resumed.ingest(input);

    expect(resumed.state).toEqual(whole.state);
  });

  it('does not fire final notifications again after restoring a settled job', () => {
    const tracker = createJobTracker();
    tracker.ingest(complete(5000));
    const resumed = createJobTracker({ snapshot: tracker.snapshot() });
    const names = record(resumed);

    resumed.ingest(api(6000, { status: 'COMPLETE', timing: { submittedAt: null, startedAt: null, finishedAt: 5000 } }));

    expect(names).not.toContain('complete');
    expect(names).not.toContain('settled');
  });

  it('refuses a damaged or foreign snapshot with a typed error', () => {
    const good = createJobTracker();
    good.ingest(progressing(1000));
    const snapshot = good.snapshot();

    const wrongVersion = () => createJobTracker({ snapshot: { ...snapshot, version: 2 as 1 } });
    const badStatus = () =>
      createJobTracker({ snapshot: { ...snapshot, state: { ...snapshot.state, status: 'DONE' as 'COMPLETE' } } });
    const otherJob = () => createJobTracker({ jobId: 'other', snapshot });

    expect(wrongVersion).toThrowError(expect.objectContaining({ code: 'UNSUPPORTED_SNAPSHOT_VERSION' }));
    expect(badStatus).toThrowError(expect.objectContaining({ code: 'INVALID_SNAPSHOT', path: 'snapshot.state.status' }));
    expect(badStatus).toThrowError(JobSnapshotError);
    expect(otherJob).toThrowError(expect.objectContaining({ code: 'INVALID_OPTIONS' }));
  });

  it('keeps going when a handler throws and hands the error to the observer', () => {
    const onHandlerError = vi.fn();
    const tracker = createJobTracker({ observer: { onHandlerError } });
    const after = vi.fn();
    tracker.on('status', () => {
      throw new Error('boom');
    });
    tracker.on('status', after);

    tracker.ingest(progressing(1000));

    expect(tracker.state.status).toBe('PROGRESSING');
    expect(after).toHaveBeenCalledOnce();
    expect(onHandlerError).toHaveBeenCalledWith(expect.any(Error), 'status');
  });

  it('stops calling a handler once unsubscribed', () => {
    const tracker = createJobTracker();
    const handler = vi.fn();
    const off = tracker.on('phase', handler);

    tracker.ingest(statusUpdate(2000, 'TRANSCODING', 10));
    off();
    tracker.ingest(statusUpdate(3000, 'UPLOADING', 90));

    expect(handler).toHaveBeenCalledOnce();
  });

  it('validates its options', () => {
    expect(() => createJobTracker({ maxEventIds: -1 })).toThrowError(JobTrackerError);
  });
});

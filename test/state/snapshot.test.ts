import { describe, expect, it } from 'vitest';
import { createJobTracker, JobSnapshotError, parseJobSnapshot, type JobSnapshot } from '../../src/index.js';
import { complete, progressing, warning } from '../helpers/inputs.js';

function goodSnapshot(): JobSnapshot {
  const tracker = createJobTracker();
  tracker.ingest(progressing(1000));
  tracker.ingest(warning(1500));
  tracker.ingest(complete(2000));
  return JSON.parse(JSON.stringify(tracker.snapshot())) as JobSnapshot;
}

function withState(patch: (state: Record<string, unknown>) => void): unknown {
  const snapshot = goodSnapshot() as unknown as { state: Record<string, unknown> };
  patch(snapshot.state);
  return snapshot;
}

describe('parseJobSnapshot', () => {
  it('accepts what a tracker wrote', () => {
    expect(parseJobSnapshot(goodSnapshot()).state.status).toBe('COMPLETE');
  });

  it.each<[string, unknown, string, string]>([
    ['not an object', 'nope', 'INVALID_SNAPSHOT', 'snapshot'],
    ['another format', { ...goodSnapshot(), format: 'x' }, 'INVALID_SNAPSHOT', 'snapshot.format'],
    ['a newer version', { ...goodSnapshot(), version: 2 }, 'UNSUPPORTED_SNAPSHOT_VERSION', 'snapshot.version'],
    ['an unknown status', withState((s) => (s.status = 'DONE')), 'INVALID_SNAPSHOT', 'snapshot.state.status'],
    ['a phase outside PROGRESSING', withState((s) => (s.phase = 'UPLOADING')), 'INVALID_SNAPSHOT', 'snapshot.state.phase'],
    ['a negative attempt', withState((s) => (s.attempt = -1)), 'INVALID_SNAPSHOT', 'snapshot.state.attempt'],
    ['a number for outputs', withState((s) => (s.outputs = [1])), 'INVALID_SNAPSHOT', 'snapshot.state.outputs[0]'],
    [
      'a prototype key in metadata',
      withState((s) => (s.userMetadata = JSON.parse('{"__proto__":"x"}'))),
      'INVALID_SNAPSHOT',
      'snapshot.state.userMetadata.__proto__',
    ],
    ['a string percent', withState((s) => (s.progress = { jobPercent: '5', phases: {}, framesDecoded: null })), 'INVALID_SNAPSHOT', 'snapshot.state.progress.jobPercent'],
    ['an unknown anomaly code', withState((s) => (s.anomalies = [{ code: 'X', message: '', at: 1, eventId: null }])), 'INVALID_SNAPSHOT', 'snapshot.state.anomalies[0].code'],
  ])('refuses %s', (_name, value, code, path) => {
    const attempt = () => parseJobSnapshot(value);

    expect(attempt).toThrowError(JobSnapshotError);
    expect(attempt).toThrowError(expect.objectContaining({ code, path }));
  });
});

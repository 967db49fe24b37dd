import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { jobMachine } from '../../src/machine/job-machine.js';
import { transitionJobState } from '../../src/machine/compiled.js';
import { createInitialJobState } from '../../src/state/initial-state.js';
import type { JobInput, JobState } from '../../src/model/index.js';
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

function runCompiled(inputs: readonly JobInput[]): JobState {
  return inputs.reduce(transitionJobState, createInitialJobState(null));
}

function runActor(inputs: readonly JobInput[]): { state: JobState; value: unknown } {
  const actor = createActor(jobMachine, { input: { jobId: null } }).start();
  for (const input of inputs) actor.send(input);
  const snapshot = actor.getSnapshot();
  actor.stop();
  return { state: snapshot.context, value: snapshot.value };
}

const scenarios: Record<string, readonly JobInput[]> = {
  'a clean run': [
    progressing(1000),
    statusUpdate(2000, 'PROBING', null),
    statusUpdate(3000, 'TRANSCODING', 40),
    statusUpdate(4000, 'UPLOADING', 95),
    complete(5000),
  ],
  'a late progress report after COMPLETE': [
    progressing(1000),
    complete(5000),
    statusUpdate(4000, 'UPLOADING', 99),
  ],
  'a regression within one attempt': [
    statusUpdate(3000, 'UPLOADING', 90),
    statusUpdate(2000, 'TRANSCODING', 50),
  ],
  'a retry that starts again': [
    statusUpdate(3000, 'UPLOADING', 90),
    statusUpdate(4000, 'PROBING', 5, 1),
    statusUpdate(2500, 'TRANSCODING', 60, 0),
  ],
  'conflicting finals, later first': [progressing(1000), complete(5000), failed(4000)],
  'conflicting finals, earlier first': [progressing(1000), failed(4000), complete(5000)],
  'a cancel while queued seen only through the API': [
    queueHop(500, 'arn:aws:mediaconvert:us-west-2:111122223333:queues/Other'),
    api(900, { status: 'CANCELED', timing: { submittedAt: 100, startedAt: null, finishedAt: 800 } }),
  ],
  'an API snapshot ahead of events': [
    api(3000, { status: 'PROGRESSING', phase: 'TRANSCODING', jobPercent: 41, attempt: 0 }),
    progressing(1000),
    warning(2000),
  ],
  canceled: [progressing(1000), statusUpdate(2000, 'TRANSCODING', 10), canceled(3000)],
};

describe('jobMachine and its compiled form', () => {
  it.each(Object.entries(scenarios))('agree on %s', (_name, inputs) => {
    const compiled = runCompiled(inputs);

    const actor = runActor(inputs);

    expect(compiled).toEqual(actor.state);
  });

  it('moves through the phases of a clean run', () => {
    const state = runCompiled(scenarios['a clean run'] ?? []);

    expect(state.status).toBe('COMPLETE');
    expect(state.phase).toBeNull();
    expect(state.progress.jobPercent).toBe(95);
    expect(state.settledAt).toBe(5000);
    expect(state.anomalies).toEqual([]);
  });

  it('absorbs a late report into a settled job but keeps its facts', () => {
    const state = runCompiled(scenarios['a late progress report after COMPLETE'] ?? []);

    expect(state.status).toBe('COMPLETE');
    expect(state.progress.jobPercent).toBe(99);
    expect(state.anomalies.map((a) => a.code)).toEqual(['AFTER_FINAL']);
  });

  it('never moves the phase back within one attempt', () => {
    const state = runCompiled(scenarios['a regression within one attempt'] ?? []);

    expect(state.phase).toBe('UPLOADING');
    expect(state.progress.jobPercent).toBe(90);
    expect(state.anomalies.map((a) => a.code)).toEqual(['REGRESSION']);
  });

  it('lets a newer attempt start its phases again', () => {
    const state = runCompiled(scenarios['a retry that starts again'] ?? []);

    expect(state.attempt).toBe(1);
    expect(state.phase).toBe('PROBING');
    expect(state.progress.jobPercent).toBe(5);
    expect(state.anomalies.map((a) => a.code)).toEqual(['EARLIER_ATTEMPT']);
  });

  it('resolves conflicting finals the same way in either order', () => {
    const laterFirst = runCompiled(scenarios['conflicting finals, later first'] ?? []);

    const earlierFirst = runCompiled(scenarios['conflicting finals, earlier first'] ?? []);

    expect(laterFirst.status).toBe('ERROR');
    expect(earlierFirst.status).toBe('ERROR');
    expect(laterFirst.settledAt).toBe(4000);
    expect(earlierFirst.settledAt).toBe(4000);
    expect(laterFirst.anomalies.map((a) => a.code)).toEqual(['CONFLICTING_FINAL']);
  });

  it('breaks a tie between finals by severity', () => {
    const state = runCompiled([progressing(1), complete(5000), canceled(5000), failed(5000)]);

    expect(state.status).toBe('ERROR');
  });

  it('learns a cancel while queued from the API alone', () => {
    const state = runCompiled(scenarios['a cancel while queued seen only through the API'] ?? []);

    expect(state.status).toBe('CANCELED');
    expect(state.settledAt).toBe(800);
    expect(state.queue.hops).toHaveLength(1);
  });

  it('starts PROGRESSING from a first STATUS_UPDATE', () => {
    const state = runCompiled([statusUpdate(2000, 'TRANSCODING', 12)]);

    expect(state.status).toBe('PROGRESSING');
    expect(state.phase).toBe('TRANSCODING');
  });

  it('keeps an unknown percent unknown', () => {
    const state = runCompiled([statusUpdate(2000, 'TRANSCODING', 40), statusUpdate(3000, 'TRANSCODING', null)]);

    expect(state.progress.jobPercent).toBe(40);
  });
});

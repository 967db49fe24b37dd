/**
 * Representative inputs for walking the job machine's graph: every input
 * type, progress reports for each phase in attempts 0 and 1, API responses
 * for each status, and each final report both earlier and later than the
 * final status a job already has.
 */
import type { JobInput, JobPhase, JobState } from '../../src/model/index.js';
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

const PHASES: readonly (JobPhase | null)[] = ['PROBING', 'TRANSCODING', 'UPLOADING', null];
const ATTEMPTS = [0, 1] as const;
const START = 1_000_000;
const OTHER_QUEUE = 'arn:aws:mediaconvert:us-west-2:111122223333:queues/Other';

function update(at: number, phase: JobPhase | null, attempt: number): JobInput {
  const base = statusUpdate(at, phase ?? 'PROBING', 10 * (attempt + 1), attempt);
  return phase === null ? { ...base, phase: null } : base;
}

/** The inputs tried from a state; their times depend on the state so the graph stays finite. */
export function representativeInputs(state: JobState): JobInput[] {
  const later = (state.timing.lastEventAt ?? START) + 1000;
  const settledAt = state.settledAt ?? later;
  const finalTimes = [settledAt - 500, settledAt + 500];
  const inputs: JobInput[] = [
    progressing(later),
    { ...progressing(later), type: 'INPUT_INFORMATION', inputs: [] },
    warning(later),
    queueHop(later, OTHER_QUEUE),
  ];
  for (const attempt of ATTEMPTS) {
    for (const phase of PHASES) {
      inputs.push(update(later, phase, attempt));
      inputs.push(api(later, { status: 'PROGRESSING', phase, attempt, jobPercent: 20 }));
    }
    inputs.push(api(later, { status: 'SUBMITTED', attempt }));
  }
  for (const at of finalTimes) {
    inputs.push(complete(at), failed(at), canceled(at));
    const timing = { submittedAt: START, startedAt: null, finishedAt: at };
    inputs.push(api(at, { status: 'COMPLETE', timing }));
    inputs.push(api(at, { status: 'ERROR', error: { code: 1040, message: null }, timing }));
    inputs.push(api(at, { status: 'CANCELED', timing }));
  }
  return inputs;
}

/** What of a state the graph tells apart: the state value, the attempt, whether settled. */
export function stateKey(value: unknown, state: JobState): string {
  return JSON.stringify({ value, attempt: state.attempt, settled: state.settledAt !== null });
}

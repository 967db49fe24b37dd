/**
 * Pure guard and action implementations of the job machine. The xstate
 * machine and the compiled fast path both call these, so they cannot drift.
 *
 * @internal
 */
import type { JobInput } from '../model/input.js';
import type { Anomaly, AnomalyCode, JobState } from '../model/job-state.js';
import type { FinalJobStatus, JobPhase, JobStatus } from '../model/status.js';
import { mergeFacts } from '../state/merge-facts.js';
import { minNullable } from '../state/joins.js';

/** How many anomalies a state keeps. */
export const MAX_ANOMALIES = 16;

const PHASE_RANK: Record<JobPhase, number> = { PROBING: 0, TRANSCODING: 1, UPLOADING: 2 };

/**
 * At equal report times, the more severe outcome wins a conflict between
 * final statuses: `ERROR`, then `CANCELED`, then `COMPLETE`.
 */
const FINAL_PRECEDENCE: Record<FinalJobStatus, number> = { ERROR: 0, CANCELED: 1, COMPLETE: 2 };

/** The status an input proves the job has reached, or `null` if it proves none. */
export function reportedStatus(input: JobInput): JobStatus | null {
  switch (input.type) {
    case 'PROGRESSING':
    case 'INPUT_INFORMATION':
    case 'STATUS_UPDATE':
      return 'PROGRESSING';
    case 'COMPLETE':
    case 'ERROR':
    case 'CANCELED':
      return input.type;
    case 'API_SNAPSHOT':
      return input.status;
    default:
      return null;
  }
}

/** The phase an input reports, or `null`. */
export function reportedPhase(input: JobInput): JobPhase | null {
  if (input.type === 'STATUS_UPDATE') return input.phase;
  if (input.type === 'API_SNAPSHOT' && input.status === 'PROGRESSING') return input.phase;
  return null;
}

/** The attempt (`retryCount`) an input reports, or `null`. */
export function reportedAttempt(input: JobInput): number | null {
  if (input.type === 'STATUS_UPDATE') return input.attempt;
  if (input.type === 'API_SNAPSHOT') return input.attempt;
  return null;
}

/** When an input says the job reached its final status, epoch ms. */
export function finalTime(input: JobInput): number {
  if (input.type === 'API_SNAPSHOT') return input.timing.finishedAt ?? input.timestamp;
  return input.timestamp;
}

/** Parameters of the phase guards. */
export interface PhaseParams {
  readonly phase: JobPhase;
}

/** Parameters of the status guards. */
export interface StatusParams {
  readonly status: JobStatus;
}

/** Parameters of the final-conflict guard. */
export interface FinalParams {
  readonly status: FinalJobStatus;
}

/** Parameters of the anomaly action. */
export interface AnomalyParams {
  readonly code: AnomalyCode;
}

/** Parameters of the entry action that records where the machine now is. */
export interface EnterParams {
  readonly status: JobStatus;
  readonly phase: JobPhase | null;
}

type Guard<P> = (state: JobState, input: JobInput, params: P) => boolean;
type Action<P> = (state: JobState, input: JobInput, params: P) => JobState;

/** The guards, by the names the machine uses. */
export const guards = {
  /** The input reports this status. */
  reportsStatus: ((_state, input, { status }) =>
    reportedStatus(input) === status) satisfies Guard<StatusParams>,

  /** The input reports this phase, in the current attempt or a newer one. */
  entersPhase: ((state, input, { phase }) => {
    if (reportedPhase(input) !== phase) return false;
    const attempt = reportedAttempt(input);
    return attempt === null || attempt >= state.attempt;
  }) satisfies Guard<PhaseParams>,

  /** The input starts a newer attempt, which begins again at this phase. */
  restartsAt: ((state, input, { phase }) => {
    const attempt = reportedAttempt(input);
    if (attempt === null || attempt <= state.attempt) return false;
    return (reportedPhase(input) ?? 'PROBING') === phase;
  }) satisfies Guard<PhaseParams>,

  /** The input comes from an attempt older than the current one. */
  isEarlierAttempt: ((state, input) => {
    const attempt = reportedAttempt(input);
    return attempt !== null && attempt < state.attempt;
  }) satisfies Guard<undefined>,

  /** Within the same attempt, the input reports a phase before this one, or an earlier status. */
  reportsEarlierStage: ((_state, input, { phase }) => {
    if (reportedStatus(input) === 'SUBMITTED') return true;
    const reported = reportedPhase(input);
    return reported !== null && PHASE_RANK[reported] < PHASE_RANK[phase];
  }) satisfies Guard<PhaseParams>,

  /**
   * The input reports this final status, and it wins against the one the
   * job has: the earlier report wins; at equal times, the more severe.
   */
  winsFinalConflict: ((state, input, { status }) => {
    if (reportedStatus(input) !== status || state.settledAt === null) return false;
    const at = finalTime(input);
    if (at !== state.settledAt) return at < state.settledAt;
    const current = state.status as FinalJobStatus;
    return FINAL_PRECEDENCE[status] < FINAL_PRECEDENCE[current];
  }) satisfies Guard<FinalParams>,
};

const ANOMALY_MESSAGES: Record<AnomalyCode, (state: JobState, input: JobInput) => string> = {
  AFTER_FINAL: (state, input) =>
    `${describeInput(input)} arrived after the job settled as ${state.status}; its status was not applied.`,
  CONFLICTING_FINAL: (state, input) =>
    `${describeInput(input)} conflicts with ${state.status}; the earlier report wins, and at equal times ERROR, then CANCELED, then COMPLETE.`,
  REGRESSION: (state, input) =>
    `${describeInput(input)} reports an earlier stage than ${state.phase ?? state.status}; it was not applied.`,
  EARLIER_ATTEMPT: (state, input) =>
    `${describeInput(input)} comes from attempt ${reportedAttempt(input) ?? '?'}, older than the current attempt ${state.attempt}.`,
};

function describeInput(input: JobInput): string {
  if (input.type === 'API_SNAPSHOT') return `An API response (status ${input.status})`;
  return `A ${input.type} event`;
}

/** Adds an anomaly unless the same one is already recorded, keeping the newest {@link MAX_ANOMALIES}. */
export function withAnomaly(state: JobState, anomaly: Anomaly): JobState {
  for (const known of state.anomalies) {
    if (known.code === anomaly.code && known.at === anomaly.at && known.eventId === anomaly.eventId) {
      return state;
    }
  }
  const anomalies = [...state.anomalies, anomaly];
  if (anomalies.length > MAX_ANOMALIES) anomalies.splice(0, anomalies.length - MAX_ANOMALIES);
  return { ...state, anomalies };
}

/** The actions, by the names the machine uses. */
export const actions = {
  /** Merges the facts the input carries (progress, warnings, outputs, queue, ...). */
  mergeFacts: ((state, input) => mergeFacts(state, input)) satisfies Action<undefined>,

  /** Records when the final status was reported; the earliest report counts. */
  settle: ((state, input) => {
    const settledAt = minNullable(state.settledAt, finalTime(input));
    return settledAt === state.settledAt ? state : { ...state, settledAt };
  }) satisfies Action<undefined>,

  /** Records an anomaly about this input. */
  recordAnomaly: ((state, input, { code }) =>
    withAnomaly(state, {
      code,
      message: ANOMALY_MESSAGES[code](state, input),
      at: input.timestamp,
      eventId: input.eventId,
    })) satisfies Action<AnomalyParams>,

  /** Records the status and phase of the state node just entered. */
  enter: ((state, _input, { status, phase }) =>
    state.status === status && state.phase === phase
      ? state
      : { ...state, status, phase }) satisfies Action<EnterParams>,
};

import type { JobInput, WarningCount } from '../model/input.js';
import type {
  JobProgress,
  JobQueueState,
  JobState,
  JobTiming,
  PhaseProgress,
  WarningState,
} from '../model/job-state.js';
import { copyJobState, type JobStateDraft } from './copy-state.js';
import { EMPTY_ARRAY, EMPTY_PROGRESS } from './initial-state.js';
import {
  joinAttemptProgress,
  joinError,
  joinHops,
  joinMessages,
  joinMetadata,
  joinOutputs,
  joinQueue,
  joinTiming,
  joinWarnings,
} from './joins.js';

const INTERNED_LIMIT = 1024;
const interned = new Map<string, string>();

/**
 * Returns one shared copy of a queue ARN. A fleet holds the same few queue
 * names for thousands of jobs; sharing them keeps each job small.
 */
function intern(value: string | null): string | null {
  if (value === null) return null;
  const known = interned.get(value);
  if (known !== undefined) return known;
  if (interned.size < INTERNED_LIMIT) interned.set(value, value);
  return value;
}

/**
 * Shared, frozen copies of the phase reports nearly every progress report
 * repeats (the phases not yet started, and those finished), so that each job
 * keeps its own copy only of the phase under way.
 */
const PENDING_AT_ZERO: PhaseProgress = Object.freeze({ status: 'PENDING', percent: 0 });
const PENDING_UNKNOWN: PhaseProgress = Object.freeze({ status: 'PENDING', percent: null });
const COMPLETE_AT_FULL: PhaseProgress = Object.freeze({ status: 'COMPLETE', percent: 100 });

function sharedPhase(phase: PhaseProgress | null): PhaseProgress | null {
  if (phase === null) return null;
  const { status, percent } = phase;
  if (status === 'PENDING') {
    if (percent === 0) return PENDING_AT_ZERO;
    if (percent === null) return PENDING_UNKNOWN;
  } else if (status === 'COMPLETE' && percent === 100) {
    return COMPLETE_AT_FULL;
  }
  return phase;
}

function sharedPhases(phases: JobProgress['phases']): JobProgress['phases'] {
  const PROBING = sharedPhase(phases.PROBING);
  const TRANSCODING = sharedPhase(phases.TRANSCODING);
  const UPLOADING = sharedPhase(phases.UPLOADING);
  if (
    PROBING === phases.PROBING &&
    TRANSCODING === phases.TRANSCODING &&
    UPLOADING === phases.UPLOADING
  ) {
    return phases;
  }
  return { PROBING, TRANSCODING, UPLOADING };
}

function warningsFrom(
  counts: readonly WarningCount[],
  at: number,
): JobState['warnings'] | null {
  if (counts.length === 0) return null;
  const out: Record<string, WarningState> = {};
  for (const { code, count } of counts) {
    const known = out[code];
    out[code] = {
      code,
      count: known === undefined ? count : Math.max(known.count, count),
      message: null,
      lastSeenAt: at,
    };
  }
  return out;
}

function observedQueue(
  queue: string | null,
  at: number,
  submitted: string | null = null,
  submittedPriority: number | null = null,
): JobQueueState {
  const current = intern(queue);
  return {
    submitted: intern(submitted),
    current,
    currentAt: current === null ? null : at,
    submittedPriority,
    priority: null,
    hops: EMPTY_ARRAY,
  };
}

function timing(
  partial: Partial<Pick<JobTiming, 'submittedAt' | 'startedAt' | 'finishedAt'>>,
  at: number,
): JobTiming {
  return {
    submittedAt: partial.submittedAt ?? null,
    startedAt: partial.startedAt ?? null,
    finishedAt: partial.finishedAt ?? null,
    lastEventAt: at,
  };
}

/**
 * Merges every fact an input carries into a state, leaving the lifecycle
 * (status, phase, settlement, anomalies, applied ids) to the machine.
 * Pure: returns `state` itself when the input teaches nothing new.
 *
 * @internal
 */
export function mergeFacts(state: JobState, input: JobInput): JobState {
  const at = input.timestamp;
  let next: JobState = state;
  let draft: JobStateDraft | null = null;
  const set = <K extends keyof JobState>(key: K, value: JobState[K]): void => {
    if (next[key] === value) return;
    draft ??= copyJobState(state);
    draft[key] = value;
    next = draft;
  };

  if (state.jobId === null) set('jobId', input.jobId);
  if (input.userMetadata !== null) {
    set('userMetadata', joinMetadata(state.userMetadata, input.userMetadata));
  }

  let queue = state.queue;
  let times: JobTiming = timing({}, at);
  switch (input.type) {
    case 'PROGRESSING':
      times = timing({ startedAt: at }, at);
      break;
    case 'INPUT_INFORMATION':
      if (state.inputs.length === 0 && input.inputs.length > 0) set('inputs', input.inputs);
      break;
    case 'STATUS_UPDATE': {
      const progress: JobProgress =
        input.jobPercent === null &&
        input.framesDecoded === null &&
        input.phases.PROBING === null &&
        input.phases.TRANSCODING === null &&
        input.phases.UPLOADING === null
          ? EMPTY_PROGRESS
          : {
              jobPercent: input.jobPercent,
              framesDecoded: input.framesDecoded,
              phases: sharedPhases(input.phases),
            };
      const joined = joinAttemptProgress(
        state.attempt,
        state.progress,
        input.attempt ?? state.attempt,
        progress,
      );
      set('attempt', joined.attempt);
      set('progress', joined.progress);
      break;
    }
    case 'COMPLETE': {
      const warnings = warningsFrom(input.warnings, at);
      if (warnings !== null) set('warnings', joinWarnings(state.warnings, warnings));
      set('outputs', joinOutputs(state.outputs, input.outputs));
      if (state.completion === null) set('completion', input.completion);
      times = timing({ finishedAt: at }, at);
      break;
    }
    case 'ERROR':
      set('error', joinError(state.error, input.error));
      times = timing({ finishedAt: at }, at);
      break;
    case 'CANCELED':
      times = timing({ finishedAt: at }, at);
      break;
    case 'NEW_WARNING':
      set(
        'warnings',
        joinWarnings(state.warnings, {
          [input.code]: { code: input.code, count: 1, message: input.message, lastSeenAt: at },
        }),
      );
      break;
    case 'QUEUE_HOP': {
      const hop = { ...input.hop, from: intern(input.hop.from), to: intern(input.hop.to) ?? input.hop.to };
      queue = joinQueue(queue, {
        ...observedQueue(null, at),
        hops: joinHops(EMPTY_ARRAY, [hop]),
      });
      break;
    }
    case 'API_SNAPSHOT': {
      if (input.arn !== null && state.arn === null) set('arn', input.arn);
      const attempt = input.attempt ?? state.attempt;
      const progress: JobProgress =
        input.jobPercent === null ? EMPTY_PROGRESS : { ...EMPTY_PROGRESS, jobPercent: input.jobPercent };
      const joined = joinAttemptProgress(state.attempt, state.progress, attempt, progress);
      set('attempt', joined.attempt);
      set('progress', joined.progress);
      const warnings = warningsFrom(input.warnings, at);
      if (warnings !== null) set('warnings', joinWarnings(state.warnings, warnings));
      set(
        'messages',
        joinMessages(state.messages, {
          info: input.messages,
          warning: input.warningMessages,
        }),
      );
      if (input.error !== null) set('error', joinError(state.error, input.error));
      set('outputs', joinOutputs(state.outputs, input.outputs));
      const hops = input.hops.map((hop) => ({
        ...hop,
        from: intern(hop.from),
        to: intern(hop.to) ?? hop.to,
      }));
      queue = joinQueue(queue, {
        ...observedQueue(input.queue, at, input.submittedQueue, input.priority),
        hops: hops.length === 0 ? EMPTY_ARRAY : joinHops(EMPTY_ARRAY, hops),
      });
      times = timing(input.timing, at);
      break;
    }
  }
  if (input.type !== 'API_SNAPSHOT' && input.queue !== null) {
    queue = joinQueue(queue, observedQueue(input.queue, at));
  }
  set('queue', queue);
  set('timing', joinTiming(state.timing, times));
  return next;
}

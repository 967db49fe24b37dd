import type { Anomaly, JobState } from '../model/job-state.js';
import { isFinalStatus, type FinalJobStatus, type JobPhase } from '../model/status.js';
import { MAX_ANOMALIES } from '../machine/lifecycle.js';
import { DEFAULT_MAX_EVENT_IDS } from './apply-input.js';
import {
  joinAttemptProgress,
  joinError,
  joinMessages,
  joinMetadata,
  joinOutputs,
  joinQueue,
  joinTiming,
  joinWarnings,
} from './joins.js';

const FINAL_PRECEDENCE: Record<FinalJobStatus, number> = { ERROR: 0, CANCELED: 1, COMPLETE: 2 };
const PHASE_RANK: Record<JobPhase, number> = { PROBING: 0, TRANSCODING: 1, UPLOADING: 2 };

type Lifecycle = Pick<JobState, 'status' | 'phase' | 'attempt' | 'settledAt'>;

function joinLifecycle(a: JobState, b: JobState): Lifecycle {
  const aFinal = isFinalStatus(a.status);
  const bFinal = isFinalStatus(b.status);
  const attempt = Math.max(a.attempt, b.attempt);
  if (aFinal || bFinal) {
    if (!bFinal) return { status: a.status, phase: null, attempt, settledAt: a.settledAt };
    if (!aFinal) return { status: b.status, phase: null, attempt, settledAt: b.settledAt };
    const at = a.settledAt ?? Infinity;
    const bt = b.settledAt ?? Infinity;
    const aWins =
      at !== bt
        ? at < bt
        : FINAL_PRECEDENCE[a.status as FinalJobStatus] <= FINAL_PRECEDENCE[b.status as FinalJobStatus];
    const winner = aWins ? a : b;
    return { status: winner.status, phase: null, attempt, settledAt: winner.settledAt };
  }
  if (a.status !== 'PROGRESSING' || b.status !== 'PROGRESSING') {
    const winner = a.status === 'PROGRESSING' ? a : b;
    return { status: winner.status, phase: winner.phase, attempt, settledAt: null };
  }
  let phase: JobPhase | null;
  if (a.attempt !== b.attempt) phase = a.attempt > b.attempt ? a.phase : b.phase;
  else if (a.phase === null || b.phase === null) phase = a.phase ?? b.phase;
  else phase = PHASE_RANK[a.phase] >= PHASE_RANK[b.phase] ? a.phase : b.phase;
  return { status: 'PROGRESSING', phase, attempt, settledAt: null };
}

function anomalyKey(a: Anomaly): string {
  return `${a.at ?? ''}\u0000${a.code}\u0000${a.eventId ?? ''}`;
}

function joinAnomalies(a: readonly Anomaly[], b: readonly Anomaly[]): readonly Anomaly[] {
  if (b.length === 0 || a === b) return a;
  if (a.length === 0) return b;
  const byKey = new Map<string, Anomaly>();
  for (const x of [...a, ...b]) {
    // The same input can be an anomaly in both states with messages written
    // against different states; keep one by a rule that ignores argument order.
    const key = anomalyKey(x);
    const known = byKey.get(key);
    if (known === undefined || x.message < known.message) byKey.set(key, x);
  }
  const all = [...byKey.entries()].sort(([ka], [kb]) => (ka < kb ? -1 : ka > kb ? 1 : 0));
  return all.slice(-MAX_ANOMALIES).map(([, x]) => x);
}

function joinIds(a: readonly string[], b: readonly string[], max: number): readonly string[] {
  if (b.length === 0 || a === b) return a;
  if (a.length === 0) return b;
  const all = [...new Set([...a, ...b])].sort();
  return all.length > max ? all.slice(-max) : all;
}

/** Options of {@link mergeJobStates}. */
export interface MergeJobStatesOptions {
  /**
   * How many event ids the merged state keeps.
   * @defaultValue 32
   */
  readonly maxEventIds?: number;
}

/**
 * Merges two states of the same job into one that knows everything either
 * knew. The merge is commutative, associative and idempotent, so states
 * written by several processes (Lambda instances, a poller and an event
 * consumer) combine the same way whatever the order.
 *
 * @example
 * ```ts
 * const merged = mergeJobStates(stored.state, tracker.state);
 * await putIfUnchanged(toJobSnapshot(merged));
 * ```
 */
export function mergeJobStates(
  a: JobState,
  b: JobState,
  options: MergeJobStatesOptions = {},
): JobState {
  if (a === b) return a;
  const lifecycle = joinLifecycle(a, b);
  const { attempt, progress } = joinAttemptProgress(a.attempt, a.progress, b.attempt, b.progress);
  return {
    jobId: a.jobId ?? b.jobId,
    arn: a.arn ?? b.arn,
    ...lifecycle,
    attempt,
    progress,
    queue: joinQueue(a.queue, b.queue),
    warnings: joinWarnings(a.warnings, b.warnings),
    messages: joinMessages(a.messages, b.messages),
    error: joinError(a.error, b.error),
    outputs: joinOutputs(a.outputs, b.outputs),
    completion: a.completion ?? b.completion,
    inputs: a.inputs.length > 0 ? a.inputs : b.inputs,
    userMetadata: joinMetadata(a.userMetadata, b.userMetadata),
    timing: joinTiming(a.timing, b.timing),
    anomalies: joinAnomalies(a.anomalies, b.anomalies),
    appliedEventIds: joinIds(
      a.appliedEventIds,
      b.appliedEventIds,
      options.maxEventIds ?? DEFAULT_MAX_EVENT_IDS,
    ),
  };
}

import type { JobInput } from '../model/input.js';
import type { Anomaly, JobState } from '../model/job-state.js';
import { transitionJobState } from '../machine/compiled.js';
import { copyJobState } from './copy-state.js';
import { deepFreeze } from './freeze.js';
import { appendBounded } from './joins.js';

/** How many recent event ids a state keeps by default to recognise duplicates. */
export const DEFAULT_MAX_EVENT_IDS = 32;

/**
 * What applying one input did.
 *
 * - `applied`: the input moved the job forward or taught something new.
 * - `duplicate`: an event with this id was applied already; nothing changed.
 * - `stale`: the input was older than what is known, or arrived after the job
 *   settled; its status or phase was not applied (an anomaly says why), while
 *   any new facts it carried were still merged. Also an input that taught
 *   nothing new.
 */
export type ApplyKind = 'applied' | 'duplicate' | 'stale';

/** The result of {@link applyJobInput}. */
export interface ApplyResult {
  readonly state: JobState;
  readonly kind: ApplyKind;
  /** Whether `state` differs from the state before, apart from the ids of applied events. */
  readonly changed: boolean;
  /** The anomaly this input caused, if any. */
  readonly anomaly: Anomaly | null;
}

/** Options of {@link applyJobInput}. */
export interface ApplyOptions {
  /**
   * How many recent event ids to keep for recognising duplicates. Older
   * duplicates are still harmless: every merge is idempotent.
   * @defaultValue 32
   */
  readonly maxEventIds?: number;
}

/**
 * Applies one normalised input to a job state by the rules of the job
 * machine: the pure core of every tracker. Returns the next state and what
 * happened; never mutates `state`.
 *
 * @example
 * ```ts
 * let state = createInitialJobState();
 * const { state: next, kind } = applyJobInput(state, parseEvent(event));
 * ```
 */
export function applyJobInput(
  state: JobState,
  input: JobInput,
  options: ApplyOptions = {},
): ApplyResult {
  const result = stepJobState(state, input, options);
  deepFreeze(result.state);
  return result;
}

/**
 * {@link applyJobInput} without freezing the new state: for a fleet, which
 * freezes a state only when it hands it out, so states nobody reads cost
 * nothing to freeze. The new state shares the unchanged parts of `state`.
 *
 * @internal
 */
export function stepJobState(
  state: JobState,
  input: JobInput,
  options: ApplyOptions = {},
): ApplyResult {
  const { eventId } = input;
  if (eventId !== null && state.appliedEventIds.includes(eventId)) {
    return { state, kind: 'duplicate', changed: false, anomaly: null };
  }
  const moved = transitionJobState(state, input);
  const changed = moved !== state;
  const anomaly =
    moved.anomalies.length > 0 && moved.anomalies !== state.anomalies
      ? (moved.anomalies[moved.anomalies.length - 1] ?? null)
      : null;
  let next = moved;
  if (eventId !== null) {
    const max = options.maxEventIds ?? DEFAULT_MAX_EVENT_IDS;
    const draft = copyJobState(moved);
    draft.appliedEventIds = appendBounded(moved.appliedEventIds, [eventId], max);
    next = draft;
  }
  const kind: ApplyKind = anomaly === null && changed ? 'applied' : 'stale';
  return { state: next, kind, changed, anomaly };
}

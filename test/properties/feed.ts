/**
 * Feeding deliveries to trackers, and the references the laws compare with.
 */
import {
  createJobTracker,
  parseInputs,
  type JobInput,
  type JobNotification,
  type JobNotificationName,
  type JobNotifications,
  type JobState,
  type JobTracker,
  type JobTrackerOptions,
} from '../../src/index.js';
import type { DeliveredPayload, LifecycleFact } from '../../src/testing/arbitraries/index.js';

const NOTIFICATION_NAMES: readonly JobNotificationName[] = [
  'status',
  'phase',
  'progress',
  'inputInformation',
  'warning',
  'queueHop',
  'complete',
  'error',
  'canceled',
  'settled',
  'anomaly',
  'change',
];

/** A tracker and every notification it emits, in order. */
export interface RecordingTracker {
  readonly tracker: JobTracker;
  readonly notifications: JobNotification[];
}

/** A tracker that records every notification it emits. */
export function recordingTracker(options: JobTrackerOptions = {}): RecordingTracker {
  const tracker = createJobTracker(options);
  const notifications: JobNotification[] = [];
  for (const name of NOTIFICATION_NAMES) {
    tracker.on(name, (payload: JobNotifications[JobNotificationName]) => {
      notifications.push({ name, payload } as JobNotification);
    });
  }
  return { tracker, notifications };
}

/** Ingests each payload in turn; returns the tracker. */
export function feed(tracker: JobTracker, payloads: readonly unknown[]): JobTracker {
  for (const payload of payloads) tracker.ingest(payload);
  return tracker;
}

/** The payloads of a delivery, in arrival order. */
export function payloadsOf(items: readonly DeliveredPayload[]): readonly unknown[] {
  return items.map((item) => item.payload);
}

/** The normalised inputs in one payload (none for unrelated traffic). */
export function inputsOf(payload: unknown): JobInput[] {
  const inputs: JobInput[] = [];
  for (const item of parseInputs(payload)) {
    if (item.kind === 'input') inputs.push(item.input);
    else if (item.kind === 'invalid') throw item.error;
  }
  return inputs;
}

/** The input a fact normalises to. */
export function inputOfFact(fact: LifecycleFact): JobInput {
  const [input] = inputsOf(fact.kind === 'event' ? fact.event : fact.response);
  if (input === undefined) throw new Error(`The fact ${fact.key} gave no input.`);
  return input;
}

/**
 * The in-order reference: the distinct delivered facts, normalised and
 * sorted by their timestamp (`detail.timestamp` for events; for API views,
 * the time the job itself proves), ties kept in the order they happened.
 */
export function inOrder(facts: readonly LifecycleFact[]): JobInput[] {
  return facts
    .map((fact, index) => ({ input: inputOfFact(fact), index }))
    .sort((a, b) => a.input.timestamp - b.input.timestamp || a.index - b.index)
    .map(({ input }) => input);
}

/**
 * A state without what legitimately depends on arrival order: `anomalies`
 * (a late input is an anomaly only because it came late) and
 * `appliedEventIds` (kept in arrival order).
 */
export function project(state: JobState): Omit<JobState, 'anomalies' | 'appliedEventIds'> {
  const { anomalies: _anomalies, appliedEventIds: _ids, ...rest } = state;
  return rest;
}

/** The key of the machine state a job state is in, e.g. `PROGRESSING.TRANSCODING`. */
export function leafOf(state: Pick<JobState, 'status' | 'phase'>): string {
  return state.phase === null ? state.status : `${state.status}.${state.phase}`;
}

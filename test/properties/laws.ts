/**
 * The laws a tracker keeps on any delivery of any history, written once and
 * reused by the property tests. Each law takes generated values and fails
 * with a vitest assertion when it does not hold.
 */
import { createActor } from 'xstate';
import { expect } from 'vitest';
import {
  createJobFleet,
  createJobTracker,
  jobMachine,
  mergeJobStates,
  type JobInput,
  type JobSnapshot,
  type JobState,
} from '../../src/index.js';
import { transitionJobState } from '../../src/machine/compiled.js';
import { createInitialJobState } from '../../src/state/initial-state.js';
import type { JobDelivery } from '../../src/testing/arbitraries/index.js';
import { legalMoves } from '../model-based/machine-graph.js';
import {
  feed,
  inOrder,
  inputsOf,
  leafOf,
  payloadsOf,
  project,
  recordingTracker,
} from './feed.js';

const MOVES = legalMoves();

/**
 * Order independence: the state after the shuffled, duplicated delivery
 * equals the state after the distinct delivered facts in timestamp order,
 * up to {@link project}.
 */
export function orderIndependence(delivery: JobDelivery): void {
  const shuffled = feed(createJobTracker(), payloadsOf(delivery.payloads));

  const reference = feed(createJobTracker(), inOrder(delivery.delivered));

  expect(project(shuffled.state)).toEqual(project(reference.state));
}

/**
 * The notifications form a path through the machine: each change moves
 * between leaf states along a declared transition, the changes chain, and
 * `status` and `phase` notifications tell exactly those moves.
 */
export function notificationsFollowTheMachine(delivery: JobDelivery): void {
  const { tracker, notifications } = recordingTracker();

  feed(tracker, payloadsOf(delivery.payloads));

  let previous: JobState | null = null;
  let pending: string[] = [];
  for (const { name, payload } of notifications) {
    if (name === 'status') pending.push(`status:${payload.previous}->${payload.status}`);
    if (name === 'phase') pending.push(`phase:${payload.previous ?? '-'}->${payload.phase}`);
    if (name !== 'change') continue;
    const before = payload.previous;
    const after = payload.state;
    // Between two changes only the ids of applied events may move (an event that taught nothing).
    if (previous !== null) expect(withoutIds(before)).toEqual(withoutIds(previous));
    const expected: string[] = [];
    if (after.status !== before.status) expected.push(`status:${before.status}->${after.status}`);
    if (after.phase !== null && after.phase !== before.phase) {
      expected.push(`phase:${before.phase ?? '-'}->${after.phase}`);
    }
    expect(pending).toEqual(expected);
    const from = leafOf(before);
    const to = leafOf(after);
    if (from !== to) expect(MOVES.has(`${from}->${to}`), `${from}->${to}`).toBe(true);
    previous = after;
    pending = [];
  }
  expect(pending).toEqual([]);
  if (previous !== null) expect(withoutIds(tracker.state)).toEqual(withoutIds(previous));
}

function withoutIds(state: JobState): JobState {
  return { ...state, appliedEventIds: [] };
}

/**
 * Final notifications: `complete`, `error` and `canceled` each fire at most
 * once, `settled` exactly once if the job settled (never otherwise), and
 * the `settled` promise resolves with the settled state.
 */
export async function finalNotificationsOnce(delivery: JobDelivery): Promise<void> {
  const { tracker, notifications } = recordingTracker();
  let resolved: JobState | null = null;
  void tracker.settled.then((state) => {
    resolved = state;
  });

  feed(tracker, payloadsOf(delivery.payloads));
  await Promise.resolve();

  const count = (name: string) => notifications.filter((n) => n.name === name).length;
  expect(count('complete')).toBeLessThanOrEqual(1);
  expect(count('error')).toBeLessThanOrEqual(1);
  expect(count('canceled')).toBeLessThanOrEqual(1);
  expect(count('settled')).toBe(tracker.isSettled ? 1 : 0);
  if (tracker.isSettled) {
    expect(count(tracker.state.status.toLowerCase())).toBe(1);
    expect(resolved).not.toBeNull();
  } else {
    expect(resolved).toBeNull();
  }
}

/**
 * The tracker tells what happened: once the fact that settles the job was
 * delivered, the job is settled in its true final status, with its id and
 * metadata.
 */
export function settlesTruthfully(delivery: JobDelivery): void {
  const { lifecycle } = delivery;
  const tracker = feed(createJobTracker(), payloadsOf(delivery.payloads));

  const settles = delivery.delivered.some((fact) =>
    fact.kind === 'event'
      ? fact.event.detail.status === lifecycle.finalStatus
      : fact.response.Job.Status === lifecycle.finalStatus,
  );
  if (settles) {
    expect(tracker.state.status).toBe(lifecycle.finalStatus);
    expect(tracker.state.anomalies.map((a) => a.code)).not.toContain('CONFLICTING_FINAL');
  } else {
    expect(tracker.isSettled).toBe(false);
  }
  if (delivery.delivered.length > 0) {
    expect(tracker.jobId).toBe(lifecycle.jobId);
    expect(tracker.state.userMetadata).toEqual(lifecycle.userMetadata);
  }
}

/**
 * The tracker reports what it saw: one queue hop per real hop (whether an
 * event or the API told it), the highest attempt, each warning code with
 * the highest count any source gave, the error code, and a `COMPLETE`
 * event's output groups.
 */
export function reportsWhatItSaw(delivery: JobDelivery): void {
  const { state } = feed(createJobTracker(), payloadsOf(delivery.payloads));

  const hops = new Set<string>();
  const warnings = new Map<string, number>();
  const warn = (code: string | number, count: number) => {
    const key = String(code).padStart(6, '0');
    warnings.set(key, Math.max(warnings.get(key) ?? 0, count));
  };
  let attempt = 0;
  let error: number | null = null;
  let outputTypes: unknown[] | null = null;
  for (const fact of delivery.delivered) {
    if (fact.kind === 'api') {
      const job = fact.response.Job;
      for (const hop of job.QueueTransitions ?? []) {
        hops.add(`${hop.DestinationQueue}@${Math.floor(hop.Timestamp.getTime() / 1000)}`);
      }
      attempt = Math.max(attempt, job.RetryCount);
      for (const w of job.Warnings ?? []) warn(w.Code, w.Count);
      if (job.ErrorCode !== undefined) error = job.ErrorCode;
      continue;
    }
    const detail = fact.event.detail;
    const field = (name: string) => detail[name] as never;
    if (detail.status === 'QUEUE_HOP') {
      hops.add(`${detail.queue}@${Math.floor(detail.timestamp / 1000)}`);
    }
    if (detail.status === 'STATUS_UPDATE') {
      attempt = Math.max(attempt, (field('jobProgress') as { retryCount: number }).retryCount);
    }
    if (detail.status === 'NEW_WARNING') warn(field('warningCode'), 1);
    if (detail.status === 'ERROR') error = field('errorCode');
    if (detail.status === 'COMPLETE') {
      const counts = (detail['warnings'] ?? []) as { code: number; count: number }[];
      for (const w of counts) warn(w.code, w.count);
      outputTypes = (field('outputGroupDetails') as { type: string }[]).map((g) => g.type);
    }
  }

  expect(state.queue.hops).toHaveLength(hops.size);
  expect(state.attempt).toBe(attempt);
  expect(Object.fromEntries(Object.values(state.warnings).map((w) => [w.code, w.count]))).toEqual(
    Object.fromEntries(warnings),
  );
  expect(state.error?.code ?? null).toBe(error);
  if (outputTypes !== null) expect(state.outputs.map((g) => g.type)).toEqual(outputTypes);
}

/**
 * Idempotence: after any prefix, ingesting any payload of it again changes
 * nothing. An event is recognised by its id and changes nothing at all. An
 * API response carries no id: seen again after the job moved on, it is a
 * stale report (rule 4 of the semantics), so the only change it may make is
 * one anomaly saying so; every fact, the status and the ids stay as they were.
 */
export function ingestTwiceChangesNothing(delivery: JobDelivery, cut: number, again: number): void {
  const items = delivery.payloads;
  const k = cut % (items.length + 1);
  const tracker = feed(createJobTracker(), payloadsOf(items.slice(0, k)));
  const item = items[again % Math.max(1, k)];
  if (k === 0 || item === undefined) return;
  const before = tracker.state;

  const result = tracker.ingest(item.payload);

  if (item.fact?.kind !== 'api') {
    expect(result.changed).toBe(false);
    expect(tracker.state).toEqual(before);
    return;
  }
  expect(project(tracker.state)).toEqual(project(before));
  expect(tracker.state.appliedEventIds).toEqual(before.appliedEventIds);
  const added = tracker.state.anomalies.filter((a) => !before.anomalies.includes(a));
  expect(added.length).toBeLessThanOrEqual(1);
  for (const anomaly of added) {
    expect(['REGRESSION', 'EARLIER_ATTEMPT', 'AFTER_FINAL']).toContain(anomaly.code);
    expect(anomaly.eventId).toBeNull();
  }
}

/**
 * Duplicates older than the remembered event ids are still harmless: with
 * no id memory at all, a second ingest changes nothing but the anomalies
 * and ids it records.
 */
export function forgottenDuplicatesAreHarmless(delivery: JobDelivery, again: number): void {
  const payloads = payloadsOf(delivery.payloads);
  if (payloads.length === 0) return;
  const tracker = feed(createJobTracker({ maxEventIds: 0 }), payloads);
  const before = project(tracker.state);

  tracker.ingest(payloads[again % payloads.length]);

  expect(project(tracker.state)).toEqual(before);
}

/**
 * Snapshots round-trip: stopping at any point, storing `toJSON()` as text,
 * restoring with `createJobTracker({ snapshot })` and going on gives the
 * same state and the same notifications as never stopping.
 */
export function snapshotRoundTrip(delivery: JobDelivery, cut: number): void {
  const payloads = payloadsOf(delivery.payloads);
  const k = cut % (payloads.length + 1);
  const straight = recordingTracker();
  feed(straight.tracker, payloads.slice(0, k));
  const stored = JSON.parse(JSON.stringify(straight.tracker)) as JobSnapshot;
  const before = straight.notifications.length;

  const resumed = recordingTracker({ snapshot: stored });
  feed(resumed.tracker, payloads.slice(k));
  feed(straight.tracker, payloads.slice(k));

  expect(resumed.tracker.state).toEqual(straight.tracker.state);
  expect(resumed.notifications.map((n) => n.name)).toEqual(
    straight.notifications.slice(before).map((n) => n.name),
  );
}

/** States of one job reached by trackers fed parts of a delivery. */
export function statesOfParts(
  delivery: JobDelivery,
  parts: readonly number[],
  count: number,
): JobState[] {
  const groups: unknown[][] = Array.from({ length: count }, () => []);
  delivery.payloads.forEach((item, i) => groups[(parts[i] ?? 0) % count]?.push(item.payload));
  return groups.map((group) => feed(createJobTracker(), group).state);
}

/** The sets in a state kept in arrival order, as sorted lists. */
function asSets(state: JobState): unknown {
  return {
    ...state,
    anomalies: [...state.anomalies].map((a) => JSON.stringify(a)).sort(),
    appliedEventIds: [...state.appliedEventIds].sort(),
  };
}

/**
 * `mergeJobStates` is commutative, associative and idempotent on states of
 * one job (idempotent up to the order of the sets trackers keep in arrival
 * order: anomalies and event ids).
 */
export function mergeIsALattice(a: JobState, b: JobState, c: JobState): void {
  const ab = mergeJobStates(a, b);

  expect(ab).toEqual(mergeJobStates(b, a));
  expect(mergeJobStates(ab, c)).toEqual(mergeJobStates(a, mergeJobStates(b, c)));
  expect(asSets(mergeJobStates(a, structuredClone(a)))).toEqual(asSets(a));
  expect(asSets(mergeJobStates(ab, structuredClone(ab)))).toEqual(asSets(ab));
}

/**
 * Splitting a delivery between two trackers and merging their states gives
 * what one tracker fed everything knows, up to {@link project}.
 */
export function splitAndMerge(delivery: JobDelivery, parts: readonly number[]): void {
  const [a, b] = statesOfParts(delivery, parts, 2);
  if (a === undefined || b === undefined) throw new Error('Expected two states.');

  const merged = mergeJobStates(a, b);
  const whole = feed(createJobTracker(), payloadsOf(delivery.payloads)).state;

  expect(project(merged)).toEqual(project(whole));
}

/** Runs inputs through a started xstate actor of the job machine. */
export function runActor(inputs: readonly JobInput[]): { state: JobState; value: unknown } {
  const actor = createActor(jobMachine, { input: { jobId: null } }).start();
  for (const input of inputs) actor.send(input);
  const snapshot = actor.getSnapshot();
  actor.stop();
  return { state: snapshot.context, value: snapshot.value };
}

/** The xstate state value of a leaf, e.g. `{ PROGRESSING: 'TRANSCODING' }`. */
export function stateValueOf(state: JobState): unknown {
  return state.phase === null ? state.status : { [state.status]: state.phase };
}

/**
 * The xstate actor and the compiled fast path agree: on every input of the
 * delivery, duplicates included, and against the tracker, which drops
 * duplicates by event id before the machine sees them.
 */
export function actorAgreesWithFastPath(delivery: JobDelivery): void {
  const inputs = delivery.payloads.flatMap((item) => inputsOf(item.payload));
  const seen = new Set<string>();
  const distinct = inputs.filter((input) => {
    if (input.eventId === null) return true;
    if (seen.has(input.eventId)) return false;
    seen.add(input.eventId);
    return true;
  });

  const actor = runActor(inputs);
  const compiled = inputs.reduce(transitionJobState, createInitialJobState(null));
  const actorOfDistinct = runActor(distinct);
  const tracker = feed(createJobTracker(), payloadsOf(delivery.payloads));

  expect(compiled).toEqual(actor.state);
  expect(actor.value).toEqual(stateValueOf(compiled));
  expect({ ...tracker.state, appliedEventIds: [] }).toEqual(actorOfDistinct.state);
  expect(actorOfDistinct.value).toEqual(stateValueOf(tracker.state));
}

/**
 * A fleet fed several jobs' deliveries interleaved gives each job the state
 * a lone tracker fed that job's payloads (in the same order) gives it.
 */
export function fleetMatchesLoneTrackers(
  deliveries: readonly JobDelivery[],
  interleaving: readonly number[],
): void {
  const queues = deliveries.map((d) => [...payloadsOf(d.payloads)]);
  const tokens = queues.flatMap((queue, job) => queue.map(() => job));
  const order = tokens
    .map((job, i) => ({ job, key: interleaving[i] ?? 0, i }))
    .sort((x, y) => x.key - y.key || x.i - y.i);
  const fleet = createJobFleet({ settledRetentionMs: Infinity });

  for (const { job } of order) fleet.ingest(queues[job]?.shift());

  for (const delivery of deliveries) {
    const alone = feed(createJobTracker(), payloadsOf(delivery.payloads));
    if (alone.state.jobId === null) expect(fleet.has(delivery.lifecycle.jobId)).toBe(false);
    else expect(fleet.get(delivery.lifecycle.jobId)).toEqual(alone.state);
  }
}

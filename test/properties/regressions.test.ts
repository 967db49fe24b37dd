/**
 * Every counterexample the property tests found, kept as a named test with
 * literal inputs (and the run that found it, for the record).
 */
import { describe, expect, it } from 'vitest';
import { createJobTracker, mergeJobStates, type JobInput } from '../../src/index.js';
import { api, complete, progressing, QUEUE, queueHop, statusUpdate } from '../helpers/inputs.js';
import { feed, project, recordingTracker } from './feed.js';

const OTHER = 'arn:aws:mediaconvert:us-west-2:111122223333:queues/Other';

function stateAfter(inputs: readonly JobInput[]) {
  return feed(createJobTracker(), inputs).state;
}

describe('regressions', () => {
  // Found by "is commutative, associative and idempotent on states of one job",
  // seed -485544483. Both states hold an EARLIER_ATTEMPT anomaly about the same
  // event, written against attempt 2 in one and attempt 1 in the other; the
  // merge kept whichever came first. Fixed in src/state/merge-states.ts.
  it('merges anomalies about one input written against different attempts in either order', () => {
    const late = statusUpdate(1000, 'PROBING', 0, 0);
    const a = stateAfter([statusUpdate(3000, 'PROBING', 0, 2), late]);
    const b = stateAfter([statusUpdate(2000, 'PROBING', 0, 1), late]);

    const ab = mergeJobStates(a, b);
    const ba = mergeJobStates(b, a);

    expect(ab).toEqual(ba);
    expect(ab.anomalies).toHaveLength(1);
  });

  // Found by "counts each hop once ...": the API's QueueTransitions keep whole
  // seconds and events milliseconds, so one hop became two. Fixed in
  // src/state/joins.ts (a hop is its destination and its whole second).
  it('counts a hop seen through the API and through an event once, in either order', () => {
    const fromApi = api(1000, {
      hops: [{ at: 1000, from: QUEUE, to: OTHER, priority: null, previousPriority: null }],
    });
    const fromEvent = queueHop(1437, OTHER);

    const apiFirst = stateAfter([fromApi, fromEvent]);
    const eventFirst = stateAfter([fromEvent, fromApi]);

    expect(apiFirst.queue.hops).toEqual([
      { at: 1437, from: QUEUE, to: OTHER, priority: 5, previousPriority: 0 },
    ]);
    expect(eventFirst.queue).toEqual(apiFirst.queue);
  });

  // The hop above, seen first through the API (whole seconds) and then through
  // its event (milliseconds), is one hop and is notified once.
  it('notifies a hop seen first through the API and then through an event once', () => {
    const { tracker, notifications } = recordingTracker();

    const hop = { at: 1000, from: QUEUE, to: OTHER, priority: null, previousPriority: null };
    tracker.ingest(api(1000, { hops: [hop] }));
    tracker.ingest(queueHop(1437, OTHER));

    expect(notifications.filter((n) => n.name === 'queueHop')).toHaveLength(1);
  });

  // Found by "ingesting any payload of a prefix again changes nothing", seed
  // 1401935458: an API response still saying SUBMITTED, ingested again after
  // PROGRESSING, is stale (rule 4) and is recorded as such. An API response has
  // no id to recognise it by, so this is the one change a repeat may make.
  it('records a repeated API response that has become stale as an anomaly and nothing else', () => {
    const submitted = api(1000, {});
    const tracker = feed(createJobTracker(), [submitted, progressing(1500)]);
    const before = tracker.state;

    const result = tracker.ingest(submitted);

    expect(result.anomaly?.code).toBe('REGRESSION');
    expect(project(tracker.state)).toEqual(project(before));
    expect(tracker.state.appliedEventIds).toEqual(before.appliedEventIds);
  });

  // Found by "form a path through the job machine", seed -536587887: an event
  // that teaches nothing new still records its id, with no change notification.
  it('records the id of an event that teaches nothing without a change notification', () => {
    const { tracker, notifications } = recordingTracker();
    feed(tracker, [progressing(1000), statusUpdate(2000, 'PROBING', 0)]);
    const changes = notifications.length;

    const result = tracker.ingest({ ...statusUpdate(2000, 'PROBING', 0), eventId: 'e-again' });

    expect(result.changed).toBe(false);
    expect(notifications).toHaveLength(changes);
    expect(tracker.state.appliedEventIds).toContain('e-again');
  });

  // Found by "is commutative, associative and idempotent ...": a merge keeps
  // event ids as a sorted set, a tracker in arrival order; the same set.
  it('keeps the same set of event ids when a state is merged with a copy of itself', () => {
    const state = stateAfter([complete(5000), progressing(1000)]);

    const merged = mergeJobStates(state, structuredClone(state));

    expect([...merged.appliedEventIds].sort()).toEqual([...state.appliedEventIds].sort());
    expect(project(merged)).toEqual(project(state));
  });
});

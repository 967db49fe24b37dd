import { readFileSync } from 'node:fs';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JobTrackerError, parseApiResponse, parseEvent } from '../../src/index.js';
import {
  deliveryArbitrary,
  jobLifecycleArbitrary,
  type JobLifecycle,
  type LifecycleEvent,
} from '../../src/testing/index.js';
import { deliveryOf } from './arbitraries.js';
import { inputOfFact, inputsOf } from './feed.js';
import { runs, timeout } from './runs.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const PHASE_RANK: Record<string, number> = { PROBING: 0, TRANSCODING: 1, UPLOADING: 2 };

function fixture(name: string): LifecycleEvent {
  const url = new URL(`../fixtures/eventbridge/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as LifecycleEvent;
}

const FIXTURES: Record<string, LifecycleEvent> = {
  PROGRESSING: fixture('progressing'),
  INPUT_INFORMATION: fixture('input-information'),
  STATUS_UPDATE: fixture('status-update'),
  COMPLETE: fixture('complete-file-group'),
  ERROR: fixture('error'),
  CANCELED: fixture('canceled'),
  NEW_WARNING: fixture('new-warning'),
  QUEUE_HOP: fixture('queue-hop'),
};

/** Fields a generated detail may leave out that the recorded sample has. */
const OPTIONAL: Record<string, readonly string[]> = {
  COMPLETE: ['warnings', 'blackSegments'],
  ERROR: ['errorMessage'],
};

function progressOf(event: LifecycleEvent): { phase: string; percent: number | null; retry: number } {
  const progress = event.detail['jobProgress'] as {
    currentPhase: string;
    jobPercentComplete?: number;
    retryCount: number;
  };
  return {
    phase: progress.currentPhase,
    percent: progress.jobPercentComplete ?? null,
    retry: progress.retryCount,
  };
}

function checkEvents(lifecycle: JobLifecycle): void {
  const ids = new Set<string>();
  let last = -Infinity;
  let attempt = 0;
  let phase = 0;
  let percent = 0;
  for (const event of lifecycle.events) {
    const sample = FIXTURES[event.detail.status];
    if (sample === undefined) throw new Error(`No sample for ${event.detail.status}.`);
    expect(Object.keys(event).sort()).toEqual(Object.keys(sample).sort());
    const optional = OPTIONAL[event.detail.status] ?? [];
    const keys = Object.keys(event.detail).filter((k) => !optional.includes(k)).sort();
    expect(keys).toEqual(Object.keys(sample.detail).filter((k) => !optional.includes(k)).sort());
    expect(event.id).toMatch(UUID);
    expect(ids.has(event.id)).toBe(false);
    ids.add(event.id);
    expect(event.detail.timestamp).toBeGreaterThan(last);
    last = event.detail.timestamp;
    expect(event.time).toBe(`${new Date(last).toISOString().slice(0, 19)}Z`);
    expect(event.detail.jobId).toBe(lifecycle.jobId);
    expect(event.detail.userMetadata).toEqual(lifecycle.userMetadata);
    const item = parseEvent(event);
    expect(item.kind).toBe('input');
    if (event.detail.status !== 'STATUS_UPDATE') continue;
    const progress = progressOf(event);
    expect(progress.retry).toBeGreaterThanOrEqual(attempt);
    if (progress.retry > attempt) [attempt, phase, percent] = [progress.retry, 0, 0];
    expect(PHASE_RANK[progress.phase]).toBeGreaterThanOrEqual(phase);
    phase = PHASE_RANK[progress.phase] ?? phase;
    if (progress.percent !== null) {
      expect(progress.percent).toBeGreaterThanOrEqual(percent);
      percent = progress.percent;
    }
  }
}

function checkOutcome(lifecycle: JobLifecycle): void {
  const statuses = lifecycle.events.map((e) => e.detail.status);
  const last = lifecycle.events.at(-1);
  if (lifecycle.outcome === 'CANCELED_WHILE_QUEUED') {
    expect(statuses.every((s) => s === 'QUEUE_HOP')).toBe(true);
    const canceled = lifecycle.apiViews.filter((v) => v.response.Job.Status === 'CANCELED');
    expect(canceled.length).toBeGreaterThan(0);
    expect(lifecycle.startedAt).toBeNull();
    return;
  }
  expect(statuses).toContain('PROGRESSING');
  expect(last?.detail.status).toBe(lifecycle.finalStatus);
  expect(statuses.filter((s) => s === lifecycle.finalStatus)).toHaveLength(1);
  const hops = statuses.lastIndexOf('QUEUE_HOP');
  expect(hops).toBeLessThan(statuses.indexOf('PROGRESSING'));
}

function checkApiViews(lifecycle: JobLifecycle): void {
  let last = -Infinity;
  for (const view of lifecycle.apiViews) {
    const { Job } = view.response;
    expect(view.at).toBeGreaterThanOrEqual(last);
    last = view.at;
    expect(Job.Id).toBe(lifecycle.jobId);
    expect(Job.CreatedAt).toBeInstanceOf(Date);
    expect(Job.Timing.SubmitTime).toBeInstanceOf(Date);
    expect(Job.Queue).toBe(lifecycle.queue);
    expect('CurrentPhase' in Job).toBe(Job.Status === 'PROGRESSING');
    const snapshots = parseApiResponse(view.response);
    expect(snapshots.map((snapshot) => snapshot.status)).toEqual([Job.Status]);
  }
}

describe('jobLifecycleArbitrary', () => {
  it(
    'draws histories of events shaped like the recorded samples, in order, with API views',
    () => {
      fc.assert(
        fc.property(jobLifecycleArbitrary(), (lifecycle) => {
          expect(lifecycle.jobId).toMatch(/^\d{13}-[a-z0-9]{6}$/);
          checkEvents(lifecycle);
          checkOutcome(lifecycle);
          checkApiViews(lifecycle);
          expect(lifecycle.facts).toHaveLength(lifecycle.events.length + lifecycle.apiViews.length);
          expect(Object.isFrozen(lifecycle)).toBe(true);
          expect(lifecycle.facts.every((fact) => Object.isFrozen(fact))).toBe(true);
        }),
        { numRuns: runs(200) },
      );
    },
    timeout(30_000),
  );

  it('draws every outcome, output group type, error code and retries', () => {
    const seen = new Set<string>();

    for (const lifecycle of fc.sample(jobLifecycleArbitrary(), { numRuns: 400, seed: 7 })) {
      seen.add(lifecycle.outcome);
      if (lifecycle.attempts > 1) seen.add('retried');
      for (const event of lifecycle.events) {
        if (event.detail.status === 'ERROR') seen.add(`error ${String(event.detail['errorCode'])}`);
        const groups = (event.detail['outputGroupDetails'] ?? []) as { type: string }[];
        for (const group of groups) seen.add(group.type);
      }
    }

    expect([...seen].sort()).toEqual(
      [
        'CANCELED',
        'CANCELED_WHILE_QUEUED',
        'CMAF_GROUP',
        'COMPLETE',
        'DASH_ISO_GROUP',
        'ERROR',
        'FILE_GROUP',
        'HLS_GROUP',
        'MS_SMOOTH_GROUP',
        'error 1010',
        'error 1030',
        'error 1040',
        'error 1041',
        'error 1401',
        'error 1434',
        'error 1999',
        'error 3450',
        'retried',
      ].sort(),
    );
  });

  it('keeps to its constraints', () => {
    const arbitrary = jobLifecycleArbitrary({
      outcomes: ['CANCELED'],
      jobId: '1733238000123-a1b2c3',
      maxAttempts: 1,
      maxQueueHops: 0,
      maxApiViews: 0,
      maxWarnings: 0,
    });

    for (const lifecycle of fc.sample(arbitrary, { numRuns: 50, seed: 1 })) {
      const statuses = lifecycle.events.map((e) => e.detail.status);
      expect(lifecycle.jobId).toBe('1733238000123-a1b2c3');
      expect(lifecycle.finalStatus).toBe('CANCELED');
      expect(lifecycle.attempts).toBe(1);
      expect(lifecycle.apiViews).toEqual([]);
      expect(statuses).not.toContain('QUEUE_HOP');
      expect(statuses).not.toContain('NEW_WARNING');
    }
  });

  it('refuses constraints that make no sense, naming the field', () => {
    const attempts = () => jobLifecycleArbitrary({ maxAttempts: 0 });
    const outcomes = () => jobLifecycleArbitrary({ outcomes: [] });
    const times = () => jobLifecycleArbitrary({ minSubmittedAt: 2, maxSubmittedAt: 1 });

    expect(attempts).toThrow(JobTrackerError);
    expect(attempts).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS', path: 'constraints.maxAttempts' }),
    );
    expect(outcomes).toThrow(expect.objectContaining({ path: 'constraints.outcomes' }));
    expect(times).toThrow(expect.objectContaining({ path: 'constraints.maxSubmittedAt' }));
  });
});

describe('deliveryArbitrary', () => {
  it(
    'delivers each kept fact at least once, in its wrapper, and says what it dropped',
    () => {
      fc.assert(
        fc.property(deliveryOf({}, { noise: true, lambdaEvents: true }), (delivery) => {
          const { lifecycle, payloads, delivered, dropped } = delivery;
          const keys = new Set(delivered.map((f) => f.key));
          const seen = new Set<string>();
          for (const item of payloads) {
            const inputs = inputsOf(item.payload);
            if (item.fact === null) {
              expect(inputs).toEqual([]);
              continue;
            }
            expect(keys.has(item.fact.key)).toBe(true);
            expect(item.repeat).toBe(seen.has(item.fact.key));
            seen.add(item.fact.key);
            expect(inputs).toEqual([inputOfFact(item.fact)]);
            expect(item.wrapper === 'API').toBe(item.fact.kind === 'api');
          }
          expect(seen).toEqual(keys);
          expect([...delivered, ...dropped].sort((a, b) => a.at - b.at)).toHaveLength(
            lifecycle.facts.length,
          );
        }),
        { numRuns: runs(150) },
      );
    },
    timeout(30_000),
  );

  it('keeps the settling fact, the true order and the wrappers it is asked to', () => {
    const arbitrary = jobLifecycleArbitrary().chain((lifecycle) =>
      deliveryArbitrary(lifecycle, {
        keepSettlement: true,
        shuffle: false,
        wrappers: ['SNS_IN_SQS'],
        apiViews: false,
      }),
    );

    for (const delivery of fc.sample(arbitrary, { numRuns: 100, seed: 3 })) {
      const facts = delivery.payloads.map((p) => p.fact).filter((f) => f !== null);
      const firsts = delivery.payloads.filter((p) => !p.repeat).map((p) => p.fact?.at ?? 0);
      expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
      expect(new Set(delivery.payloads.map((p) => p.wrapper))).toEqual(
        new Set(facts.length > 0 ? ['SNS_IN_SQS'] : []),
      );
      if (delivery.lifecycle.outcome !== 'CANCELED_WHILE_QUEUED') {
        const settling = facts.filter(
          (f) => f.kind === 'event' && f.event.detail.status === delivery.lifecycle.finalStatus,
        );
        expect(settling.length).toBeGreaterThan(0);
      }
    }
  });

  it('redelivers an SQS message with the same message id and a higher receive count', () => {
    const arbitrary = jobLifecycleArbitrary().chain((lifecycle) =>
      deliveryArbitrary(lifecycle, {
        wrappers: ['SQS'],
        drops: false,
        maxDuplicates: 6,
        apiViews: false,
      }),
    );

    let redeliveries = 0;
    for (const delivery of fc.sample(arbitrary, { numRuns: 50, seed: 5 })) {
      const ids = new Map<string, string>();
      for (const { payload, fact } of delivery.payloads) {
        const record = payload as { messageId: string };
        const key = fact?.key ?? '';
        const first = ids.get(key);
        if (first === undefined) ids.set(key, record.messageId);
        else {
          expect(record.messageId).toBe(first);
          redeliveries += 1;
        }
      }
    }

    expect(redeliveries).toBeGreaterThan(0);
  });
});

import type { MediaConvertClient } from '@aws-sdk/client-mediaconvert';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { watchJob, type WatchJobOptions } from '../../src/aws/index.js';
import { createJobTracker, PHASE_ORDER, type JobState } from '../../src/index.js';
import { OUTCOME_KEY, type MediaConvertEmulator } from '../../src/testing/index.js';
import { clientFor, emulatorSleep, startEmulator, submit } from './helpers.js';

const HOLD_KEY = 'test:hold';

const STATUS_RANK = { SUBMITTED: 0, PROGRESSING: 1, COMPLETE: 2, ERROR: 2, CANCELED: 2 } as const;

/** Where a state stands, as a tuple that must never decrease along a watch. */
function rank(state: JobState): [number, number, number, number] {
  const phase = state.phase === null ? -1 : PHASE_ORDER.indexOf(state.phase);
  return [STATUS_RANK[state.status], state.attempt, phase, state.progress.jobPercent ?? -1];
}

function notBefore(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

async function collect(states: AsyncIterable<JobState>): Promise<JobState[]> {
  const seen: JobState[] = [];
  for await (const state of states) seen.push(state);
  return seen;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20));

describe('watchJob', () => {
  let emulator: MediaConvertEmulator;
  let client: MediaConvertClient;

  const options = (extra: Partial<WatchJobOptions> = {}): WatchJobOptions => ({
    client,
    clock: () => emulator.now(),
    sleep: emulatorSleep(emulator),
    events: (listener) => emulator.subscribe(listener),
    ...extra,
  });

  beforeAll(async () => {
    emulator = await startEmulator({
      seed: 5,
      mix: { errorRate: 0, retryRate: 0, warningRate: 0 },
      deliveryFaults: { duplicateRate: 0.3, reorderRate: 0.3, lossRate: 0.1 },
      plan: (request) => (request.userMetadata[HOLD_KEY] === 'yes' ? { queueWaitMs: 10 * 3_600_000 } : undefined),
    });
    client = clientFor(emulator, { maxAttempts: 1 });
  });

  afterAll(async () => {
    client.destroy();
    await emulator.close();
  });

  beforeEach(() => {
    emulator.setFaults({});
  });

  it('yields a monotone sequence of distinct states, ending with the final one', async () => {
    const Id = await submit(client, { StatusUpdateInterval: 'SECONDS_10' });

    const states = await collect(watchJob(options({ maxDelay: 20 }), { Id }));

    expect(states.length).toBeGreaterThan(3);
    expect(states.at(-1)?.status).toBe('COMPLETE');
    expect(states.at(-1)?.outputs.length).toBe(2);
    for (let i = 1; i < states.length; i++) {
      const [before, after] = [states[i - 1], states[i]] as [JobState, JobState];
      expect(notBefore(rank(after), rank(before))).toBe(true);
      expect(after).not.toEqual(before);
    }
  });

  it('shows an unknown percent as null, never 0', async () => {
    const Id = await submit(client, { StatusUpdateInterval: 'SECONDS_10' });

    const states = await collect(watchJob(options({ minDelay: 1, maxDelay: 1 }), { Id }));

    const probing = states.filter((state) => state.phase === 'PROBING');
    expect(probing.length).toBeGreaterThan(0);
    expect(probing.every((state) => state.progress.jobPercent === null)).toBe(true);
    expect(states.some((state) => state.progress.jobPercent === 0)).toBe(false);
  });

  it('ends normally with the final state of a failed job', async () => {
    const Id = await submit(client, { UserMetadata: { [OUTCOME_KEY]: 'ERROR:1010' } });

    const states = await collect(watchJob(options(), { Id }));

    expect(states.at(-1)).toMatchObject({ status: 'ERROR', error: { code: 1010 } });
  });

  it('stops polling and releases the event source on break', async () => {
    const Id = await submit(client, { UserMetadata: { [HOLD_KEY]: 'yes' } });
    let released = false;
    const events = (listener: (payload: unknown) => void): (() => void) => {
      const off = emulator.subscribe(listener);
      return () => {
        released = true;
        off();
      };
    };

    for await (const state of watchJob(options({ events }), { Id })) {
      expect(state.status).toBe('SUBMITTED');
      break;
    }
    await nextTurn();
    const calls = emulator.stats.GetJob;
    await nextTurn();

    expect(released).toBe(true);
    expect(emulator.stats.GetJob).toBe(calls);
  });

  it('sends no GetJob while a yielded state waits to be read, and polls again once it is read', async () => {
    const Id = await submit(client, { UserMetadata: { [HOLD_KEY]: 'yes' } });
    emulator.resetStats();
    const watch = watchJob(
      { client, clock: () => emulator.now(), sleep: emulatorSleep(emulator), minDelay: 1, maxWaitTime: 600 },
      { Id },
    );

    const first = await watch.next();
    await nextTurn();
    await nextTurn();
    const whileUnread = emulator.stats.GetJob;
    const rest = await watch.next().catch((e: unknown) => e);

    expect(first.value).toMatchObject({ status: 'SUBMITTED' });
    expect(whileUnread).toBe(1);
    expect(rest).toMatchObject({ code: 'WAIT_TIMEOUT' });
    expect(emulator.stats.GetJob).toBeGreaterThan(1);
  });

  it('hands over, in order, the states events bring while the loop body is busy', async () => {
    const Id = await submit(client, { StatusUpdateInterval: 'SECONDS_10' });
    const sleep = emulatorSleep(emulator);
    const states: JobState[] = [];
    let callsDuringBody = 0;

    for await (const state of watchJob(options({ sleep, minDelay: 30, maxDelay: 30 }), { Id })) {
      const before = emulator.stats.GetJob;
      // The body moves time on by itself: events arrive, and no GetJob may go out meanwhile.
      emulator.advance(20_000);
      await nextTurn();
      callsDuringBody += emulator.stats.GetJob - before;
      states.push(state);
    }

    expect(callsDuringBody).toBe(0);
    expect(states.at(-1)?.status).toBe('COMPLETE');
    for (let i = 1; i < states.length; i++) {
      const [before, after] = [states[i - 1], states[i]] as [JobState, JobState];
      expect(notBefore(rank(after), rank(before))).toBe(true);
    }
  });

  it('throws INVALID_OPTIONS when random draws NaN, instead of polling without pause', async () => {
    const Id = await submit(client, { UserMetadata: { [HOLD_KEY]: 'yes' } });
    emulator.resetStats();

    const error = await collect(watchJob(options({ random: () => Number.NaN }), { Id })).catch(
      (e: unknown) => e,
    );

    expect(error).toMatchObject({ code: 'INVALID_OPTIONS', path: 'options.random' });
    expect(emulator.stats.GetJob).toBe(1);
  });

  it('throws WAIT_ABORTED when the signal fires, and WAIT_TIMEOUT after maxWaitTime', async () => {
    const Id = await submit(client, { UserMetadata: { [HOLD_KEY]: 'yes' } });
    const controller = new AbortController();

    const aborted = (async () => {
      for await (const state of watchJob(options({ abortSignal: controller.signal }), { Id })) {
        if (state.status === 'SUBMITTED') controller.abort(new Error('enough'));
      }
    })();
    const abortError = await aborted.catch((e: unknown) => e);
    const timeoutError = await collect(watchJob(options({ maxWaitTime: 600 }), { Id })).catch((e: unknown) => e);

    expect(abortError).toMatchObject({ code: 'WAIT_ABORTED', jobId: Id });
    expect(timeoutError).toMatchObject({ code: 'WAIT_TIMEOUT', path: 'maxWaitTime' });
  });

  it('starts from a given tracker and throws typed errors for what waiting cannot fix', async () => {
    const Id = await submit(client);
    const tracker = createJobTracker({ jobId: Id });
    const at = emulator.now();
    tracker.ingest({ type: 'PROGRESSING', jobId: Id, timestamp: at, eventId: null, queue: null, userMetadata: null });

    const watch = watchJob(options({ tracker }), { Id });
    const first = await watch.next();
    await watch.return();
    const missing = await collect(watchJob(options(), { Id: '1704067200000-nosuch' })).catch((e: unknown) => e);
    const invalid = await collect(watchJob(options({ minDelay: -1 }), { Id })).catch((e: unknown) => e);

    expect(first.value).toMatchObject({ status: 'PROGRESSING' });
    expect(missing).toMatchObject({ code: 'JOB_NOT_FOUND' });
    expect(invalid).toMatchObject({ code: 'INVALID_OPTIONS', path: 'options.minDelay' });
  });
});

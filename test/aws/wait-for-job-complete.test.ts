import {
  NotFoundException,
  type MediaConvertClient,
  type StatusUpdateInterval,
} from '@aws-sdk/client-mediaconvert';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  waitForJobComplete,
  waitUntilJobComplete,
  waiterResultOf,
  type JobWaiterOptions,
} from '../../src/aws/index.js';
import { createJobTracker, JobTrackerError } from '../../src/index.js';
import { OUTCOME_KEY, type MediaConvertEmulator } from '../../src/testing/index.js';
import { clientFor, emulatorSleep, startEmulator, submit } from './helpers.js';

/** Jobs tagged `hold` wait ten hours in their queue, as in a paused queue. */
const HOLD_KEY = 'test:hold';
/** Jobs tagged `fixed` start after 1 s and end 65 s after submission (or `test:long`: ten minutes later). */
const FIXED_KEY = 'test:fixed';

const FIXED_PLAN = { queueWaitMs: 1_000, probingMs: 2_000, transcodingMs: 60_000, uploadingMs: 2_000, retries: 0 };

describe('waitForJobComplete and waitUntilJobComplete', () => {
  let emulator: MediaConvertEmulator;
  let client: MediaConvertClient;

  const options = (extra: Partial<JobWaiterOptions> = {}): JobWaiterOptions => ({
    client,
    maxWaitTime: 6 * 3_600,
    clock: () => emulator.now(),
    sleep: emulatorSleep(emulator),
    ...extra,
  });

  beforeAll(async () => {
    emulator = await startEmulator({
      seed: 21,
      mix: { errorRate: 0, retryRate: 0, warningRate: 0 },
      plan: (request) => {
        if (request.userMetadata[HOLD_KEY] === 'yes') return { queueWaitMs: 10 * 3_600_000 };
        if (request.userMetadata[FIXED_KEY] === 'long') return { ...FIXED_PLAN, transcodingMs: 600_000 };
        if (request.userMetadata[FIXED_KEY] === 'yes') return FIXED_PLAN;
        return undefined;
      },
    });
    client = clientFor(emulator, { maxAttempts: 1 });
  });

  afterAll(async () => {
    client.destroy();
    await emulator.close();
  });

  beforeEach(() => {
    emulator.setFaults({});
    emulator.resetStats();
  });

  it('resolves SUCCESS with the outputs once the job is COMPLETE', async () => {
    const Id = await submit(client);

    const result = await waitForJobComplete(options(), { Id });

    expect(result.state).toBe('SUCCESS');
    expect(result.reason).toBe(`Job ${Id} is COMPLETE.`);
    expect(result.job.status).toBe('COMPLETE');
    expect(result.job.outputs.map((group) => group.type)).toEqual(['HLS_GROUP', 'FILE_GROUP']);
    expect(result.polls).toBe(emulator.stats.GetJob);
  });

  it('resolves FAILURE with the error code and message for an ERROR job', async () => {
    const Id = await submit(client, { UserMetadata: { [OUTCOME_KEY]: 'ERROR:1040' } });

    const result = await waitForJobComplete(options(), { Id });

    expect(result.state).toBe('FAILURE');
    expect(result.job.status).toBe('ERROR');
    expect(result.job.error?.code).toBe(1040);
    expect(result.reason).toMatch(new RegExp(`^Job ${Id} ended in ERROR with error 1040: .+`));
  });

  it('resolves FAILURE for a CANCELED job, and says so', async () => {
    const Id = await submit(client, { UserMetadata: { [OUTCOME_KEY]: 'CANCEL' } });

    const result = await waitForJobComplete(options(), { Id });

    expect(result.state).toBe('FAILURE');
    expect(result.job.status).toBe('CANCELED');
    expect(result.reason).toBe(`Job ${Id} was CANCELED.`);
  });

  it('sees a job canceled while queued, which sends no event, through GetJob', async () => {
    const Id = await submit(client, { UserMetadata: { [OUTCOME_KEY]: 'CANCEL:SUBMITTED' } });

    const result = await waitForJobComplete(options({ events: (listener) => emulator.subscribe(listener) }), { Id });

    expect(result.state).toBe('FAILURE');
    expect(result.job.status).toBe('CANCELED');
  });

  it('treats SUBMITTED in a paused queue as waiting: TIMEOUT at maxWaitTime, never FAILURE', async () => {
    const Id = await submit(client, { UserMetadata: { [HOLD_KEY]: 'yes' } });
    const sleep = emulatorSleep(emulator);
    const started = emulator.now();

    const result = await waitForJobComplete(options({ maxWaitTime: 3_600, sleep }), { Id });

    expect(result.state).toBe('TIMEOUT');
    expect(result.job.status).toBe('SUBMITTED');
    expect(result.reason).toBe(`Job ${Id} was still SUBMITTED after 3600 s.`);
    expect(emulator.now() - started).toBe(3_600_000);
    expect(Math.max(...sleep.requests)).toBeLessThanOrEqual(60_000);
  });

  it('polls one last time at the deadline, so a job settling just before it is seen', async () => {
    const sleep = emulatorSleep(emulator);
    const fixed = { minDelay: 50, maxDelay: 50, sleep };
    const metadata = { UserMetadata: { [FIXED_KEY]: 'yes' } };

    const late = await submit(client, metadata);
    const success = await waitForJobComplete(options({ ...fixed, maxWaitTime: 66 }), { Id: late });
    const early = await submit(client, metadata);
    const timeout = await waitForJobComplete(options({ ...fixed, maxWaitTime: 64 }), { Id: early });

    expect(success.state).toBe('SUCCESS');
    expect(sleep.requests.slice(0, 2)).toEqual([50_000, 16_000]);
    expect(timeout.state).toBe('TIMEOUT');
  });

  it('ends ABORTED when the signal fires mid-wait, and makes no call when it already fired', async () => {
    const Id = await submit(client, { UserMetadata: { [HOLD_KEY]: 'yes' } });
    const controller = new AbortController();
    let sleeps = 0;
    const sleep = async (ms: number): Promise<void> => {
      sleeps += 1;
      emulator.advance(ms);
      if (sleeps === 3) controller.abort();
    };
    emulator.resetStats();

    const result = await waitForJobComplete(options({ sleep, abortSignal: controller.signal }), { Id });
    const callsAfter = emulator.stats.GetJob;
    const again = await waitForJobComplete(options({ abortSignal: controller.signal }), { Id });

    expect(result.state).toBe('ABORTED');
    expect(result.reason).toBe(`Waiting for job ${Id} was aborted while it was SUBMITTED.`);
    expect(result.polls).toBe(3);
    expect(again.state).toBe('ABORTED');
    expect(again.polls).toBe(0);
    expect(emulator.stats.GetJob).toBe(callsAfter);
  });

  it('lets an event end the wait before the next poll', async () => {
    const Id = await submit(client);

    const result = await waitForJobComplete(
      options({ minDelay: 3_000, maxDelay: 3_000, events: (listener) => emulator.subscribe(listener) }),
      { Id },
    );

    expect(result.state).toBe('SUCCESS');
    expect(result.polls).toBe(1);
    expect(result.job.outputs[0]?.hlsManifest).toMatch(/\.m3u8$/);
  });

  it('settles without a call, and releases the source, when the source replays the end on subscribe', async () => {
    const Id = await submit(client);
    const recorded: unknown[] = [];
    const off = emulator.subscribe((event) => recorded.push(event));
    emulator.advanceUntilSettled();
    off();
    let released = false;
    const replay = (listener: (payload: unknown) => void): (() => void) => {
      for (const event of recorded) listener(event);
      return () => {
        released = true;
      };
    };
    emulator.resetStats();

    const result = await waitForJobComplete(options({ events: replay }), { Id });

    expect(result.state).toBe('SUCCESS');
    expect(result.polls).toBe(0);
    expect(emulator.stats.GetJob).toBe(0);
    expect(released).toBe(true);
  });

  it('closes an AsyncIterable event source when the wait ends', async () => {
    const Id = await submit(client);
    let closed = false;
    const pending: unknown[] = [];
    let wake: (() => void) | null = null;
    const unsubscribe = emulator.subscribe((event) => {
      pending.push(event);
      wake?.();
    });
    async function* events(): AsyncGenerator<unknown> {
      try {
        for (;;) {
          while (pending.length > 0) yield pending.shift();
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
        }
      } finally {
        closed = true;
        unsubscribe();
      }
    }

    const result = await waitForJobComplete(options({ events: events() }), { Id });
    emulator.advance(1_000);
    await new Promise((resolve) => setImmediate(resolve));

    expect(result.state).toBe('SUCCESS');
    expect(closed).toBe(true);
  });

  it('slows down under throttling and never fails the wait for it', async () => {
    const Id = await submit(client, { UserMetadata: { [HOLD_KEY]: 'yes' } });
    const calm = emulatorSleep(emulator);
    const throttled = emulatorSleep(emulator);
    const flat = { minDelay: 2, maxDelay: 60, random: () => 0 };

    await waitForJobComplete(options({ ...flat, maxWaitTime: 7, sleep: calm }), { Id });
    emulator.setFaults({ script: ['THROTTLE', 'THROTTLE', 'THROTTLE'] });
    const result = await waitForJobComplete(options({ ...flat, maxWaitTime: 41, sleep: throttled }), { Id });

    expect(calm.requests).toEqual([2_000, 2_000, 2_000, 1_000]);
    expect(throttled.requests.slice(0, 3)).toEqual([2_000, 8_000, 30_000]);
    expect(result.state).toBe('TIMEOUT');
    expect(result.retries).toBe(3);
  });

  it('polls a progressing job at least as often as its StatusUpdateInterval', async () => {
    const seen = async (interval: StatusUpdateInterval): Promise<{ status: string; ms: number }[]> => {
      const Id = await submit(client, { StatusUpdateInterval: interval, UserMetadata: { [FIXED_KEY]: 'long' } });
      const tracker = createJobTracker({ jobId: Id });
      const log: { status: string; ms: number }[] = [];
      const sleep = async (ms: number): Promise<void> => {
        log.push({ status: tracker.state.status, ms });
        emulator.advance(ms);
      };
      await waitForJobComplete(options({ sleep, tracker, random: () => 0.999, maxDelay: 120 }), { Id });
      return log;
    };

    const fastLog = await seen('SECONDS_10');
    const slowLog = await seen('SECONDS_600');

    const progressing = (log: { status: string; ms: number }[]): number[] =>
      log.filter((entry) => entry.status === 'PROGRESSING').map((entry) => entry.ms);
    expect(progressing(fastLog).length).toBeGreaterThan(10);
    expect(Math.max(...progressing(fastLog))).toBeLessThanOrEqual(10_000);
    expect(Math.max(...progressing(slowLog))).toBeGreaterThan(60_000);
  });

  it('fails with JOB_NOT_FOUND, the SDK error as cause, for an unknown job', async () => {
    const call = waitForJobComplete(options(), { Id: '1704067200000-nosuch' });

    await expect(call).rejects.toMatchObject({ code: 'JOB_NOT_FOUND', path: 'Id', jobId: '1704067200000-nosuch' });
    await expect(call.catch((error: JobTrackerError) => error.cause)).resolves.toBeInstanceOf(NotFoundException);
  });

  it.each([
    ['no maxWaitTime', { maxWaitTime: undefined }, 'options.maxWaitTime'],
    ['a negative maxWaitTime', { maxWaitTime: -1 }, 'options.maxWaitTime'],
    ['maxWaitTime not above minDelay', { maxWaitTime: 1 }, 'options.maxWaitTime'],
    ['minDelay 0', { minDelay: 0 }, 'options.minDelay'],
    ['minDelay under the floor of 0.1 s', { minDelay: 0.05 }, 'options.minDelay'],
    ['minDelay NaN', { minDelay: Number.NaN }, 'options.minDelay'],
    ['maxDelay Infinity', { maxDelay: Number.POSITIVE_INFINITY }, 'options.maxDelay'],
    ['maxWaitTime Infinity', { maxWaitTime: Number.POSITIVE_INFINITY }, 'options.maxWaitTime'],
    ['a clock that is no function', { clock: 5 }, 'options.clock'],
    ['a random that is no function', { random: 0.5 }, 'options.random'],
    ['maxDelay under minDelay', { minDelay: 10, maxDelay: 5 }, 'options.maxDelay'],
    ['a client without send', { client: {} }, 'options.client'],
    ['a sleep that is no function', { sleep: 5 }, 'options.sleep'],
    ['an abortSignal that is no signal', { abortSignal: {} }, 'options.abortSignal'],
    ['events that are no source', { events: 42 }, 'options.events'],
    ['a tracker of no job', { tracker: createJobTracker() }, 'options.tracker'],
  ])('refuses %s before any call', async (_label, extra, path) => {
    emulator.resetStats();

    const call = waitForJobComplete({ ...options(), ...(extra as object) } as JobWaiterOptions, {
      Id: '1704067200000-abcdef',
    });

    await expect(call).rejects.toMatchObject({ code: 'INVALID_OPTIONS', path });
    expect(emulator.stats.total).toBe(0);
  });

  it.each([
    ['minDelay', { minDelay: '60' }],
    ['maxDelay', { maxDelay: '60' }],
    ['maxWaitTime', { maxWaitTime: '60' }],
  ])('refuses a %s given as a string, and shows it as one', async (name, extra) => {
    const call = waitForJobComplete({ ...options(), ...(extra as object) } as JobWaiterOptions, {
      Id: '1704067200000-abcdef',
    });

    await expect(call).rejects.toMatchObject({ code: 'INVALID_OPTIONS', path: `options.${name}` });
    await expect(call).rejects.toThrow(`got "60" (a string)`);
  });

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a string', '1704067200000'],
  ])('refuses a clock that reads %s, before any call', async (_label, reading) => {
    emulator.resetStats();

    const call = waitForJobComplete(options({ clock: () => reading as number }), { Id: '1704067200000-abcdef' });

    await expect(call).rejects.toMatchObject({ code: 'INVALID_OPTIONS', path: 'options.clock' });
    expect(emulator.stats.total).toBe(0);
  });

  it('ends with INVALID_OPTIONS, not a tight loop, when the clock goes bad later', async () => {
    const Id = await submit(client, { UserMetadata: { [HOLD_KEY]: 'yes' } });
    let readings = 0;
    const clock = (): number => (++readings > 3 ? Number.NaN : emulator.now());
    emulator.resetStats();

    const call = waitForJobComplete(options({ clock }), { Id });

    await expect(call).rejects.toMatchObject({ code: 'INVALID_OPTIONS', path: 'options.clock' });
    expect(emulator.stats.GetJob).toBeLessThanOrEqual(3);
  });

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['7', 7],
    ['-0.5', -0.5],
  ])('ends with INVALID_OPTIONS after one call when random draws %s', async (_label, draw) => {
    const Id = await submit(client, { UserMetadata: { [HOLD_KEY]: 'yes' } });
    emulator.resetStats();

    const call = waitForJobComplete(options({ random: () => draw }), { Id });

    await expect(call).rejects.toMatchObject({ code: 'INVALID_OPTIONS', path: 'options.random' });
    await expect(call).rejects.toThrow(`options.random must return a number from 0 to 1, got ${draw}.`);
    expect(emulator.stats.GetJob).toBe(1);
  });

  it('keeps every delay within minDelay and maxDelay, whatever the backoff', async () => {
    const Id = await submit(client, { UserMetadata: { [HOLD_KEY]: 'yes' } });
    const sleep = emulatorSleep(emulator);
    emulator.setFaults({ throttleRate: 1 });

    const result = await waitForJobComplete(
      options({ minDelay: 0.1, maxDelay: 7, maxWaitTime: 3_600, sleep, random: () => 1 }),
      { Id },
    );

    expect(result.state).toBe('TIMEOUT');
    expect(result.retryReasons).toEqual({ TooManyRequestsException: result.polls });
    expect(Math.min(...sleep.requests.slice(0, -1))).toBeGreaterThanOrEqual(100);
    expect(Math.max(...sleep.requests)).toBeLessThanOrEqual(7_000);
    expect(result.polls).toBeLessThan(600);
  });

  it('refuses an empty job id before any call', async () => {
    const call = waitForJobComplete(options(), { Id: ' ' });

    await expect(call).rejects.toMatchObject({ code: 'INVALID_OPTIONS', path: 'input.Id' });
  });

  it('waitUntilJobComplete resolves SUCCESS and throws JOB_FAILED with the last state attached', async () => {
    const good = await submit(client);
    const bad = await submit(client, { UserMetadata: { [OUTCOME_KEY]: 'ERROR:3450' } });

    const success = await waitUntilJobComplete(options(), { Id: good });
    const failure = await waitUntilJobComplete(options(), { Id: bad }).catch((error: unknown) => error);

    expect(success.state).toBe('SUCCESS');
    expect(failure).toBeInstanceOf(JobTrackerError);
    expect(failure).toMatchObject({ code: 'JOB_FAILED', jobId: bad, path: 'Job.Status' });
    expect(waiterResultOf(failure)?.job.error?.code).toBe(3450);
  });

  it('waitUntilJobComplete throws WAIT_TIMEOUT and WAIT_ABORTED', async () => {
    const Id = await submit(client, { UserMetadata: { [HOLD_KEY]: 'yes' } });

    const timeout = await waitUntilJobComplete(options({ maxWaitTime: 60 }), { Id }).catch((e: unknown) => e);
    const aborted = await waitUntilJobComplete(options({ abortSignal: AbortSignal.abort() }), { Id }).catch(
      (e: unknown) => e,
    );

    expect(timeout).toMatchObject({ code: 'WAIT_TIMEOUT', path: 'maxWaitTime' });
    expect(waiterResultOf(timeout)?.job.status).toBe('SUBMITTED');
    expect(aborted).toMatchObject({ code: 'WAIT_ABORTED', path: 'abortSignal' });
    expect(waiterResultOf(new Error('other'))).toBeNull();
  });
});

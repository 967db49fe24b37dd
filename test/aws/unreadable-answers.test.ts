import type { MediaConvertClient } from '@aws-sdk/client-mediaconvert';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  waitForJobComplete,
  watchJob,
  type JobWaiterOptions,
  type RetryableFailure,
} from '../../src/aws/index.js';
import { JobTrackerError, type JobState } from '../../src/index.js';
import type { MediaConvertEmulator } from '../../src/testing/index.js';
import { startAnswerProxy, type AnswerProxy, type AnswerRewrite } from './answer-proxy.js';
import { clientFor, emulatorSleep, startEmulator, submit, virtualTime } from './helpers.js';

/** Jobs tagged `fixed` start after 1 s and end 65 s after submission. */
const FIXED_KEY = 'test:fixed';
const FIXED_PLAN = {
  queueWaitMs: 1_000,
  probingMs: 2_000,
  transcodingMs: 60_000,
  uploadingMs: 2_000,
  retries: 0,
};
/** Jobs tagged `hold` wait ten hours in their queue. */
const HOLD_KEY = 'test:hold';

const jobOf = (body: Record<string, unknown>): Record<string, unknown> =>
  (body['job'] ?? {}) as Record<string, unknown>;

const unchanged: AnswerRewrite = (body) => body;

/** Answers the emulator never gives, with the reasons a retry may carry for each. */
const UNREADABLE: readonly (readonly [string, AnswerRewrite, readonly string[]])[] = [
  [
    'a percent of 150',
    (body) => ({ job: { ...jobOf(body), status: 'PROGRESSING', jobPercentComplete: 150 } }),
    ['OUT_OF_RANGE'],
  ],
  ['a null job', () => ({ job: null }), ['MISSING_FIELD']],
  ['no job at all', () => ({}), ['MISSING_FIELD']],
  ['a null body', () => null, ['UNREADABLE_ANSWER']],
  // Refused as an invalid value, or skipped as an unknown status: either is one failed poll.
  ['a status MediaConvert does not have', (body) => ({ job: { ...jobOf(body), status: 'PAUSED' } }), [
    'INVALID_VALUE',
    'UNKNOWN_STATUS',
  ]],
  // A skip of the tracker: the answer is about another job.
  ['an answer about another job', (body) => ({ job: { ...jobOf(body), id: '1704067200000-zzzzzz' } }), [
    'OTHER_JOB',
  ]],
];

describe('GetJob answers that cannot be read', () => {
  let emulator: MediaConvertEmulator;
  let proxy: AnswerProxy;
  let client: MediaConvertClient;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };

  const options = (extra: Partial<JobWaiterOptions> = {}): JobWaiterOptions => ({
    client,
    maxWaitTime: 3_600,
    clock: () => emulator.now(),
    sleep: emulatorSleep(emulator),
    ...extra,
  });

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    emulator = await startEmulator({
      seed: 31,
      mix: { errorRate: 0, retryRate: 0, warningRate: 0 },
      plan: (request) => {
        if (request.userMetadata[HOLD_KEY] === 'yes') return { queueWaitMs: 10 * 3_600_000 };
        return request.userMetadata[FIXED_KEY] === 'yes' ? FIXED_PLAN : undefined;
      },
    });
    proxy = await startAnswerProxy(emulator);
    client = clientFor(emulator, { endpoint: proxy.endpoint, maxAttempts: 1 });
  });

  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    client.destroy();
    await proxy.close();
    await emulator.close();
  });

  beforeEach(() => {
    proxy.rewriteEvery(null);
    emulator.resetStats();
  });

  const once = 'goes on after one answer with %s, and counts it as a retry';
  it.each(UNREADABLE)(once, async (_label, bad, reasons) => {
    const Id = await submit(client, { UserMetadata: { [FIXED_KEY]: 'yes' } });
    const retried: RetryableFailure[] = [];
    proxy.rewriteNext(unchanged, bad);

    const result = await waitForJobComplete(
      options({ observer: { onRetry: (failure) => retried.push(failure) } }),
      { Id },
    );

    expect(result.state).toBe('SUCCESS');
    expect(result.retries).toBe(1);
    expect(result.polls).toBe(emulator.stats.GetJob);
    expect(Object.values(result.retryReasons)).toEqual([1]);
    expect(reasons).toContain(Object.keys(result.retryReasons)[0]);
    expect(retried.map((failure) => failure.kind)).toEqual(['INVALID_RESPONSE']);
    expect(proxy.pending).toBe(0);
  });

  const always = 'ends in TIMEOUT with the last good state when %s keeps coming';
  it.each(UNREADABLE)(always, async (_label, bad) => {
    const Id = await submit(client, { UserMetadata: { [HOLD_KEY]: 'yes' } });
    proxy.rewriteNext(unchanged);
    proxy.rewriteEvery(bad);
    const sleep = emulatorSleep(emulator);

    const result = await waitForJobComplete(options({ maxWaitTime: 600, sleep }), { Id });

    expect(result.state).toBe('TIMEOUT');
    expect(result.reason).toBe(`Job ${Id} was still SUBMITTED after 600 s.`);
    expect(result.job.status).toBe('SUBMITTED');
    expect(result.retries).toBe(result.polls - 1);
    // It backs off as from any failure: a handful of calls in ten minutes, not hundreds.
    expect(result.polls).toBeLessThan(20);
    expect(Math.max(...sleep.requests)).toBeGreaterThanOrEqual(30_000);
    expect(Math.max(...sleep.requests)).toBeLessThanOrEqual(60_000);
  });

  it('says that no answer was received when none could be read, with the last reason', async () => {
    const Id = await submit(client, { UserMetadata: { [HOLD_KEY]: 'yes' } });
    proxy.rewriteEvery((body) => ({ job: { ...jobOf(body), jobPercentComplete: 150 } }));

    const result = await waitForJobComplete(options({ maxWaitTime: 600 }), { Id });

    expect(result.state).toBe('TIMEOUT');
    expect(result.reason).toBe(
      `No answer about job ${Id} was received in 600 s (the last GetJob failed: OUT_OF_RANGE).`,
    );
    expect(result.retryReasons).toEqual({ OUT_OF_RANGE: result.polls });
  });

  it('keeps a watch going through an unreadable answer, never showing what it said', async () => {
    const Id = await submit(client, { UserMetadata: { [FIXED_KEY]: 'yes' } });
    const failures: unknown[] = [];
    proxy.rewriteNext(unchanged, unchanged, (body) => ({
      job: { ...jobOf(body), status: 'PROGRESSING', jobPercentComplete: 150 },
    }));

    const states: JobState[] = [];
    for await (const state of watchJob(
      {
        client,
        minDelay: 1,
        maxDelay: 5,
        clock: () => emulator.now(),
        sleep: emulatorSleep(emulator),
        observer: { onRetry: (failure) => failures.push(failure.error) },
      },
      { Id },
    )) {
      states.push(state);
    }

    expect(states.at(-1)?.status).toBe('COMPLETE');
    expect(states.every((state) => (state.progress.jobPercent ?? 0) <= 100)).toBe(true);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toBeInstanceOf(JobTrackerError);
    expect(failures[0]).toMatchObject({ code: 'OUT_OF_RANGE', path: 'Job.JobPercentComplete' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(unhandled).toEqual([]);
  });
});

describe('a job no answer arrives about', () => {
  let client: MediaConvertClient;
  const Id = '1704067200000-abcdef';

  beforeAll(async () => {
    // An emulator started and closed at once leaves a port nothing listens on.
    const closed = await startEmulator();
    await closed.close();
    client = clientFor(closed, { maxAttempts: 1 });
  });

  afterAll(() => {
    client.destroy();
  });

  it('times out saying no answer was received and why, not that the job was still SUBMITTED', async () => {
    const time = virtualTime();

    const result = await waitForJobComplete({ client, maxWaitTime: 60, ...time }, { Id });

    expect(result.state).toBe('TIMEOUT');
    expect(result.reason).toBe(
      `No answer about job ${Id} was received in 60 s (the last GetJob failed: ECONNREFUSED).`,
    );
    expect(result.retryReasons).toEqual({ ECONNREFUSED: result.polls });
  });

  it('says so when aborted, and when watchJob times out', async () => {
    const controller = new AbortController();
    const time = virtualTime();
    let sleeps = 0;
    const sleep = async (ms: number, signal: AbortSignal): Promise<void> => {
      await time.sleep(ms, signal);
      sleeps += 1;
      if (sleeps === 2) controller.abort();
    };

    const aborted = await waitForJobComplete(
      { client, maxWaitTime: 600, clock: time.clock, sleep, abortSignal: controller.signal },
      { Id },
    );
    const watched = await (async () => {
      for await (const state of watchJob({ client, maxWaitTime: 30, ...virtualTime() }, { Id })) {
        return state;
      }
      return null;
    })().catch((error: unknown) => error);

    expect(aborted.state).toBe('ABORTED');
    expect(aborted.reason).toBe(
      `Waiting for job ${Id} was aborted before any answer about it was received ` +
        '(the last GetJob failed: ECONNREFUSED).',
    );
    expect(watched).toMatchObject({
      code: 'WAIT_TIMEOUT',
      message: `No answer about job ${Id} was received in 30 s (the last GetJob failed: ECONNREFUSED).`,
    });
  });
});

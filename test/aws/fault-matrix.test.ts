import { GetJobCommand, type MediaConvertClient } from '@aws-sdk/client-mediaconvert';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForJobComplete, watchJob, type JobFollowOptions } from '../../src/aws/index.js';
import type { JobState } from '../../src/index.js';
import {
  OUTCOME_KEY,
  WARNINGS_KEY,
  type ApiFaults,
  type DeliveryFaults,
  type MediaConvertEmulator,
} from '../../src/testing/index.js';
import { clientFor, emulatorSleep, startEmulator, submit } from './helpers.js';

interface Scenario {
  readonly name: string;
  readonly seed: number;
  readonly api: ApiFaults;
  readonly delivery: DeliveryFaults;
  /** The SDK's own attempts per call (1: every fault reaches the waiter). */
  readonly maxAttempts: number;
}

const SCENARIOS: readonly Scenario[] = [
  { name: 'throttling', seed: 1, api: { throttleRate: 0.4 }, delivery: {}, maxAttempts: 1 },
  { name: '500s', seed: 2, api: { serverErrorRate: 0.4 }, delivery: {}, maxAttempts: 1 },
  { name: 'dropped connections', seed: 3, api: { dropRate: 0.3 }, delivery: {}, maxAttempts: 1 },
  {
    name: 'duplicated and reordered events',
    seed: 4,
    api: {},
    delivery: { duplicateRate: 0.5, reorderRate: 0.5, duplicateDelayMs: 600_000 },
    maxAttempts: 1,
  },
  { name: 'every event lost, repaired by polling', seed: 5, api: {}, delivery: { lossRate: 1 }, maxAttempts: 1 },
  {
    name: 'everything at once, SDK retries on',
    seed: 6,
    api: { throttleRate: 0.15, serverErrorRate: 0.1, dropRate: 0.1 },
    delivery: { duplicateRate: 0.3, reorderRate: 0.3, lossRate: 0.2, delayMs: [0, 90_000] },
    maxAttempts: 2,
  },
];

/** What each job is asked to do: ordinary, failing, canceled in both ways, retried, warning. */
const METADATA: readonly Record<string, string>[] = [
  {},
  {},
  { [OUTCOME_KEY]: 'ERROR:1040' },
  { [OUTCOME_KEY]: 'ERROR:1999' },
  { [OUTCOME_KEY]: 'CANCEL' },
  { [OUTCOME_KEY]: 'CANCEL:SUBMITTED' },
  { [OUTCOME_KEY]: 'RETRY:2' },
  { [WARNINGS_KEY]: '230004,000000' },
];

const RANK = { SUBMITTED: 0, PROGRESSING: 1, COMPLETE: 2, ERROR: 2, CANCELED: 2 } as const;

describe.each(SCENARIOS)('under $name', (scenario) => {
  let emulator: MediaConvertEmulator;
  let client: MediaConvertClient;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    const mix = { errorRate: 0.1, retryRate: 0.1, warningRate: 0.3 };
    emulator = await startEmulator({ seed: scenario.seed, mix });
    client = clientFor(emulator, { maxAttempts: scenario.maxAttempts });
  });

  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    client.destroy();
    await emulator.close();
  });

  it("detects every job's final state, loses nothing and leaves no rejection behind", async () => {
    const ids: string[] = [];
    for (const metadata of METADATA) {
      ids.push(await submit(client, { UserMetadata: metadata, StatusUpdateInterval: 'SECONDS_30' }));
    }
    emulator.setDeliveryFaults(scenario.delivery);
    emulator.setFaults(scenario.api);
    const follow = (): JobFollowOptions => ({
      client,
      clock: () => emulator.now(),
      sleep: emulatorSleep(emulator),
      events: (listener) => emulator.subscribe(listener),
      maxDelay: 120,
    });
    const watched: JobState[][] = [];

    const finals = await Promise.all(
      ids.map(async (Id, i) => {
        if (i % 2 === 0) {
          const result = await waitForJobComplete({ ...follow(), maxWaitTime: 48 * 3_600 }, { Id });
          expect(result.state === 'SUCCESS' || result.state === 'FAILURE').toBe(true);
          return result.job;
        }
        const states: JobState[] = [];
        for await (const state of watchJob(follow(), { Id })) states.push(state);
        watched.push(states);
        return states.at(-1);
      }),
    );
    emulator.setFaults({});
    const truths = await Promise.all(ids.map((Id) => client.send(new GetJobCommand({ Id }))));

    finals.forEach((job, i) => {
      const truth = truths[i]?.Job;
      expect(job?.status).toBe(truth?.Status);
      expect(job?.error?.code ?? null).toBe(truth?.ErrorCode ?? null);
      expect(job?.attempt).toBe(truth?.RetryCount ?? 0);
      const complete = truth?.Status === 'COMPLETE';
      if (complete) expect(job?.outputs.map((g) => g.type)).toEqual(['HLS_GROUP', 'FILE_GROUP']);
      // Every warning known is true; a COMPLETE job (whose final event lists them all) knows them all.
      const truthCounts = Object.fromEntries(
        (truth?.Warnings ?? []).map((w) => [String(w.Code).padStart(6, '0'), w.Count]),
      );
      const known = Object.entries(job?.warnings ?? {});
      for (const [code, warning] of known) expect(warning.count).toBe(truthCounts[code]);
      if (complete) expect(known.length).toBe(Object.keys(truthCounts).length);
    });
    for (const states of watched) {
      const ranks = states.map((state) => RANK[state.status]);
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    }
    expect(finals.map((job) => job?.status)).toEqual(expect.arrayContaining(['COMPLETE', 'ERROR', 'CANCELED']));
    const log = emulator.eventLog();
    expect(emulator.stats.faulted > 0).toBe(Object.keys(scenario.api).length > 0);
    expect(log.lost.length > 0).toBe((scenario.delivery.lossRate ?? 0) > 0);
    expect(log.delivered.some((d) => d.duplicate)).toBe((scenario.delivery.duplicateRate ?? 0) > 0);
    expect(log.delivered.some((d) => d.reordered)).toBe((scenario.delivery.reorderRate ?? 0) > 0);
    expect(emulator.listenerErrors).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(unhandled).toEqual([]);
  });
});

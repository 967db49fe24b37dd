import {
  CreateJobCommand,
  GetJobCommand,
  type CreateJobCommandOutput,
  type Job,
  type MediaConvertClient,
} from '@aws-sdk/client-mediaconvert';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFleetReconciler, type ReconcileReport } from '../../src/aws/index.js';
import { createJobFleet, type JobFleet } from '../../src/index.js';
import { OUTCOME_KEY, type MediaConvertEmulator } from '../../src/testing/index.js';
import { clientFor, jobRequest, startEmulator, virtualTime } from './helpers.js';

/** Runs `work` over `items` with at most `limit` at once, keeping order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: limit }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  });
  await Promise.all(lanes);
  return results;
}

/** The i-th of many jobs: most in Default, some in Priority, some hopping, some canceled while queued. */
function manyJobsRequest(i: number): Parameters<typeof jobRequest>[0] {
  if (i % 10 === 0) return { Queue: 'Priority' };
  if (i % 25 === 1) return { HopDestinations: [{ Queue: 'Priority', WaitMinutes: 1 }] };
  if (i % 50 === 2) return { UserMetadata: { [OUTCOME_KEY]: 'CANCEL:SUBMITTED' } };
  return {};
}

function truthOf(job: Job | undefined): object {
  return {
    status: job?.Status,
    phase: job?.CurrentPhase ?? null,
    percent: job?.JobPercentComplete ?? null,
    attempt: job?.RetryCount ?? 0,
    errorCode: job?.ErrorCode ?? null,
  };
}

function viewOf(fleet: JobFleet, id: string): object {
  const state = fleet.get(id);
  return {
    status: state?.status,
    phase: state?.phase ?? null,
    percent: state?.status === 'PROGRESSING' ? state.progress.jobPercent : null,
    attempt: state?.attempt,
    errorCode: state?.error?.code ?? null,
  };
}

describe('createFleetReconciler with 1,000 jobs', () => {
  let emulator: MediaConvertEmulator;
  let client: MediaConvertClient;
  let ids: string[];
  const fleet = createJobFleet({ settledRetentionMs: Infinity });

  beforeAll(async () => {
    emulator = await startEmulator({ seed: 77, mix: { errorRate: 0.05, retryRate: 0.05, warningRate: 0.1 } });
    client = clientFor(emulator);
    const created = await mapLimit(
      Array.from({ length: 1_000 }, (_, i) => i),
      16,
      (i) => client.send(new CreateJobCommand(jobRequest(manyJobsRequest(i)))),
    );
    created.forEach((response: CreateJobCommandOutput) => fleet.ingest(response));
    ids = created.map((response) => response.Job?.Id ?? '');
    emulator.createJobs(30, jobRequest());
    emulator.advance(4 * 60_000);
  }, 60_000);

  afterAll(async () => {
    client.destroy();
    await emulator.close();
  });

  it('brings every job in line with GetJob for at most 60 calls in one cycle', async () => {
    const time = virtualTime();
    const reconciler = createFleetReconciler({ client, fleet, clock: time.clock, sleep: time.sleep });
    emulator.resetStats();

    const report = await reconciler.runOnce();
    const stats = emulator.stats;
    const truths = await mapLimit(ids, 16, (Id) => client.send(new GetJobCommand({ Id })));

    expect(report.checked).toBe(1_000);
    expect(stats.total).toBeLessThanOrEqual(60);
    expect(report.calls).toEqual({ ListJobs: stats.ListJobs, GetJob: stats.GetJob, total: stats.total });
    expect(report.notFound).toEqual([]);
    expect(report.unresolved).toEqual([]);
    expect(new Set(truths.map((t) => t.Job?.Status)).size).toBe(5);
    ids.forEach((id, i) => expect(viewOf(fleet, id)).toEqual(truthOf(truths[i]?.Job)));
    const finals = truths.filter((t) => t.Job?.Status !== 'PROGRESSING' && t.Job?.Status !== 'SUBMITTED');
    expect(report.settled.length).toBe(finals.length);
    // Two calls a second, two saved up: the budget made the cycle last at least this long.
    expect(time.slept()).toBeGreaterThanOrEqual((stats.total - 2) * 500);
  });

  it('costs a handful of calls once nothing is left to settle but long jobs', async () => {
    const time = virtualTime();
    const reconciler = createFleetReconciler({ client, fleet, clock: time.clock, sleep: time.sleep });
    const unsettled = [...fleet.unsettled()].length;
    emulator.resetStats();

    const report = await reconciler.runOnce();

    expect(report.checked).toBe(unsettled);
    expect(report.updated).toEqual([]);
    expect(emulator.stats.total).toBeLessThanOrEqual(Math.ceil(unsettled / 20) + 4);
  });
});

describe('createFleetReconciler under faults, few jobs, and in a loop', () => {
  let emulator: MediaConvertEmulator;
  let client: MediaConvertClient;

  beforeAll(async () => {
    emulator = await startEmulator({
      seed: 8,
      mix: { errorRate: 0.1, retryRate: 0, warningRate: 0 },
      plan: (request) => {
        if (request.userMetadata['test:hold'] === 'yes') return { queueWaitMs: 10 * 3_600_000 };
        if (request.userMetadata['test:long'] === 'yes') return { queueWaitMs: 1_000, transcodingMs: 3_600_000 };
        return undefined;
      },
    });
    client = clientFor(emulator, { maxAttempts: 1 });
  });

  afterAll(async () => {
    client.destroy();
    await emulator.close();
  });

  const fleetOf = async (count: number, request = jobRequest()): Promise<{ fleet: JobFleet; ids: string[] }> => {
    const fleet = createJobFleet();
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const response = await client.send(new CreateJobCommand(request));
      fleet.ingest(response);
      ids.push(response.Job?.Id ?? '');
    }
    return { fleet, ids };
  };

  it('backs every call off under 429s and 500s and still reconciles every job', async () => {
    const { fleet, ids } = await fleetOf(40);
    emulator.advance(10 * 60_000);
    const calm = virtualTime();
    const stormy = virtualTime();
    const retries: number[] = [];
    const fleetCopy = createJobFleet({ snapshot: fleet.snapshot() });

    const calmReconciler = createFleetReconciler({ client, fleet: fleetCopy, clock: calm.clock, sleep: calm.sleep });
    const calmReport = await calmReconciler.runOnce();
    emulator.setFaults({ throttleRate: 0.3, serverErrorRate: 0.1 });
    const report = await createFleetReconciler({
      client,
      fleet,
      clock: stormy.clock,
      sleep: stormy.sleep,
      maxRetries: 10,
      observer: { onRetry: (_failure, delayMs) => retries.push(delayMs) },
    }).runOnce();
    emulator.setFaults({});

    expect(report.throttled).toBeGreaterThan(0);
    expect(report.retries).toBe(retries.length);
    expect(report.unresolved).toEqual([]);
    expect(stormy.slept()).toBeGreaterThan(calm.slept());
    for (const id of ids) expect(fleet.get(id)?.status).toBe(fleetCopy.get(id)?.status);
    expect(calmReport.unresolved).toEqual([]);
  });

  it('uses one GetJob per job for a few jobs, and reports jobs the API does not know', async () => {
    const { fleet, ids } = await fleetOf(3);
    const at = emulator.now();
    const gone = '1704067200000-gone00';
    fleet.ingest({ type: 'PROGRESSING', jobId: gone, timestamp: at, eventId: null, queue: null, userMetadata: null });
    const time = virtualTime();
    emulator.resetStats();

    const report = await createFleetReconciler({ client, fleet, clock: time.clock, sleep: time.sleep }).runOnce();

    expect(emulator.stats).toMatchObject({ ListJobs: 0, GetJob: 4 });
    expect(report.notFound).toEqual([gone]);
    expect(report.checked).toBe(ids.length + 1);
  });

  it('sends the watchdog after PROGRESSING jobs that went quiet, and only after them', async () => {
    const long = jobRequest({ UserMetadata: { 'test:long': 'yes' }, StatusUpdateInterval: 'SECONDS_10' });
    const { fleet, ids } = await fleetOf(2, long);
    const [quiet, chatty] = ids as [string, string];
    fleet.ingest(await client.send(new CreateJobCommand(jobRequest({ UserMetadata: { 'test:hold': 'yes' } }))));
    const time = virtualTime();
    const reconciler = createFleetReconciler({ client, fleet, clock: time.clock, sleep: time.sleep });
    emulator.advance(120_000);
    await reconciler.runOnce();
    emulator.resetStats();

    await time.sleep(29_000, new AbortController().signal);
    const early = await reconciler.checkStale();
    await time.sleep(2_000, new AbortController().signal);
    emulator.advance(31_000);
    fleet.ingest({
      type: 'STATUS_UPDATE',
      jobId: chatty,
      timestamp: emulator.now(),
      eventId: 'e-1',
      queue: null,
      userMetadata: null,
      attempt: 0,
      phase: 'TRANSCODING',
      jobPercent: 50,
      framesDecoded: null,
      phases: { PROBING: null, TRANSCODING: null, UPLOADING: null },
    });
    const due = await reconciler.checkStale();

    expect(early.checked).toBe(0);
    expect(due.kind).toBe('watchdog');
    expect(due.checked).toBe(1);
    expect(emulator.stats).toMatchObject({ GetJob: 1, ListJobs: 0 });
    expect(due.updated).toEqual([quiet]);
  });

  it('runs passes in a loop until stop(), then leaves nothing running', async () => {
    const { fleet } = await fleetOf(10, jobRequest({ UserMetadata: { 'test:long': 'yes' } }));
    const time = virtualTime();
    const reports: ReconcileReport[] = [];
    let stopped: Promise<void> | null = null;
    const reconciler = createFleetReconciler({
      client,
      fleet,
      clock: time.clock,
      sleep: async (ms, signal) => {
        await time.sleep(ms, signal);
        await new Promise((resolve) => setImmediate(resolve));
      },
      intervalMs: 60_000,
      observer: {
        onReport: (report) => {
          reports.push(report);
          if (reports.filter((r) => r.kind === 'cycle').length === 3) stopped ??= reconciler.stop();
        },
      },
    });

    reconciler.start();
    await new Promise<void>((resolve) => {
      const check = (): void => {
        if (stopped !== null) resolve();
        else setTimeout(check, 5);
      };
      check();
    });
    await stopped;
    const calls = emulator.stats.total;
    await new Promise((resolve) => setTimeout(resolve, 30));

    expect(reconciler.running).toBe(false);
    expect(reports.filter((r) => r.kind === 'cycle')).toHaveLength(3);
    expect(reports.filter((r) => r.kind === 'watchdog').length).toBeGreaterThanOrEqual(6);
    expect(emulator.stats.total).toBe(calls);
  });

  it('stops the loop when the abort signal fires, and refuses wrong options', async () => {
    const { fleet } = await fleetOf(1);
    const controller = new AbortController();
    const time = virtualTime();
    const reconciler = createFleetReconciler({
      client,
      fleet,
      clock: time.clock,
      sleep: async (ms, signal) => {
        await time.sleep(ms, signal);
        await new Promise((resolve) => setImmediate(resolve));
      },
      abortSignal: controller.signal,
    });

    reconciler.start();
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    await reconciler.stop();

    expect(reconciler.running).toBe(false);
    expect(() => createFleetReconciler({ client, fleet, maxRequestsPerSecond: 0 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS', path: 'options.maxRequestsPerSecond' }),
    );
    expect(() => createFleetReconciler({ client, fleet: {} as JobFleet })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS', path: 'options.fleet' }),
    );
  });

  it('refuses a clock that reads no time, and a pass fails on a draw outside 0 to 1', async () => {
    const { fleet } = await fleetOf(2);
    const time = virtualTime();
    emulator.setFaults({ script: ['THROTTLE'] });
    const reconciler = createFleetReconciler({ client, fleet, ...time, random: () => Number.NaN });

    const pass = reconciler.runOnce();

    await expect(pass).rejects.toMatchObject({ code: 'INVALID_OPTIONS', path: 'options.random' });
    expect(() => createFleetReconciler({ client, fleet, clock: () => Number.NaN })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS', path: 'options.clock' }),
    );
    expect(() => createFleetReconciler({ client, fleet, intervalMs: '60000' as unknown as number })).toThrow(
      'options.intervalMs must be a finite number greater than 0, got "60000" (a string).',
    );
    emulator.setFaults({});
  });
});

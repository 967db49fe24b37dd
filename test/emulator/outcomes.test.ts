import {
  BadRequestException,
  CancelJobCommand,
  CreateJobCommand,
  GetJobCommand,
  ListJobsCommand,
  NotFoundException,
  type Job,
  type MediaConvertClient,
} from '@aws-sdk/client-mediaconvert';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  OUTCOME_KEY,
  startMediaConvertEmulator,
  type EmulatorOptions,
  type JobStateChangeEvent,
  type MediaConvertEmulator,
} from '../../src/testing/index.js';
import { clientFor, jobRequest, START } from './helpers.js';

const QUEUE_ARN = (name: string): string => `arn:aws:mediaconvert:us-west-2:111122223333:queues/${name}`;

describe('forced outcomes, cancellation, hops and retries', () => {
  let emulator: MediaConvertEmulator;
  let client: MediaConvertClient;
  let events: JobStateChangeEvent[];

  beforeEach(async () => {
    emulator = await startMediaConvertEmulator({
      clock: 'manual',
      seed: 21,
      startTime: START,
      mix: { errorRate: 0, retryRate: 0, warningRate: 0 },
    });
    client = clientFor(emulator);
    events = [];
    emulator.subscribe((event) => events.push(event));
  });

  afterEach(async () => {
    client.destroy();
    await emulator.close();
  });

  const restart = async (options: EmulatorOptions): Promise<void> => {
    client.destroy();
    await emulator.close();
    emulator = await startMediaConvertEmulator({ clock: 'manual', seed: 21, startTime: START, ...options });
    client = clientFor(emulator);
    emulator.subscribe((event) => events.push(event));
  };
  const create = async (metadata: Record<string, string> = {}, extra = {}): Promise<string> => {
    const { Job: job } = await client.send(new CreateJobCommand(jobRequest({ UserMetadata: metadata, ...extra })));
    return job?.Id ?? '';
  };
  const getJob = async (id: string): Promise<Job> => {
    const { Job: job } = await client.send(new GetJobCommand({ Id: id }));
    if (job === undefined) throw new Error('GetJob returned no job');
    return job;
  };
  const statuses = (id: string): string[] =>
    events.filter((e) => e.detail.jobId === id).map((e) => e.detail.status);

  it.each([
    [1010, /^Unable to open input file \[s3:\/\/DOC-EXAMPLE-BUCKET\/in\/lecture-07\.mov\]/],
    [1030, /./],
    [1040, /./],
    [1401, /^Unable to write to output file/],
    [3450, /^3450: /],
    [1999, /^$/],
  ])('ends a job forced to ERROR:%i with that code and a fitting message', async (code, message) => {
    const id = await create({ [OUTCOME_KEY]: `ERROR:${code}` });

    emulator.advanceUntilSettled();
    const job = await getJob(id);

    const error = events.find((e) => e.detail.status === 'ERROR');
    expect(job).toMatchObject({ Status: 'ERROR', ErrorCode: code });
    expect(job.ErrorMessage).toMatch(message);
    expect(job.Timing?.FinishTime).toBeInstanceOf(Date);
    expect(error?.detail['errorCode']).toBe(code);
    expect(error?.detail['errorMessage']).toBe(job.ErrorMessage);
    expect(statuses(id).at(-1)).toBe('ERROR');
  });

  it('cancels a SUBMITTED job without any event', async () => {
    const id = await create({}, { HopDestinations: [{ Queue: 'Spare', WaitMinutes: 30 }] });

    await client.send(new CancelJobCommand({ Id: id }));
    emulator.advanceUntilSettled();
    const job = await getJob(id);

    expect(job.Status).toBe('CANCELED');
    expect(job.Timing?.StartTime).toBeUndefined();
    expect(job.Timing?.FinishTime).toEqual(new Date(START));
    expect(statuses(id)).toEqual([]);
  });

  it('cancels a PROGRESSING job and sends CANCELED', async () => {
    const id = await create({ [OUTCOME_KEY]: 'COMPLETE' });
    emulator.advance(10_000);

    const before = await getJob(id);
    await client.send(new CancelJobCommand({ Id: id }));
    emulator.advanceUntilSettled();
    const after = await getJob(id);

    expect(before.Status).toBe('PROGRESSING');
    expect(after.Status).toBe('CANCELED');
    expect(statuses(id)[0]).toBe('PROGRESSING');
    expect(statuses(id).at(-1)).toBe('CANCELED');
    expect(statuses(id)).not.toContain('COMPLETE');
  });

  it('refuses to cancel a finished job, and an unknown one', async () => {
    const id = await create({ [OUTCOME_KEY]: 'COMPLETE' });
    emulator.advanceUntilSettled();

    const finished = client.send(new CancelJobCommand({ Id: id }));
    const unknown = client.send(new CancelJobCommand({ Id: '1700000000000-nojob0' }));

    await expect(finished).rejects.toBeInstanceOf(BadRequestException);
    await expect(finished).rejects.toMatchObject({ $metadata: { httpStatusCode: 400 } });
    await expect(unknown).rejects.toBeInstanceOf(NotFoundException);
  });

  it('plays a planned cancel: CANCEL:SUBMITTED sends nothing, CANCEL sends CANCELED', async () => {
    const queued = await create({ [OUTCOME_KEY]: 'CANCEL:SUBMITTED' });
    const running = await create({ [OUTCOME_KEY]: 'CANCEL' });

    emulator.advanceUntilSettled();

    expect((await getJob(queued)).Status).toBe('CANCELED');
    expect((await getJob(running)).Status).toBe('CANCELED');
    expect(statuses(queued)).toEqual([]);
    expect(statuses(running)[0]).toBe('PROGRESSING');
    expect(statuses(running).at(-1)).toBe('CANCELED');
  });

  it('hops queues: QueueTransitions and QUEUE_HOP, while Queue and Priority keep the submission values', async () => {
    const id = await create(
      { [OUTCOME_KEY]: 'COMPLETE' },
      { Priority: 0, HopDestinations: [{ Queue: 'Alternate', WaitMinutes: 2, Priority: 5 }] },
    );

    emulator.advance(2 * 60_000);
    const hopped = await getJob(id);
    const underDefault = await client.send(new ListJobsCommand({ Queue: 'Default' }));
    const underAlternate = await client.send(new ListJobsCommand({ Queue: 'Alternate' }));
    emulator.advanceUntilSettled();

    const hop = events.find((e) => e.detail.status === 'QUEUE_HOP');
    const later = events.filter((e) => e.detail.status !== 'QUEUE_HOP');
    expect(hopped).toMatchObject({ Status: 'SUBMITTED', Queue: QUEUE_ARN('Default'), Priority: 0 });
    expect(hopped.QueueTransitions).toEqual([
      { SourceQueue: QUEUE_ARN('Default'), DestinationQueue: QUEUE_ARN('Alternate'), Timestamp: new Date(START + 120_000) },
    ]);
    expect(underDefault.Jobs?.map((job) => job.Id)).toEqual([id]);
    expect(underAlternate.Jobs).toEqual([]);
    expect(hop?.detail).toMatchObject({
      queue: QUEUE_ARN('Alternate'),
      previousQueue: QUEUE_ARN('Default'),
      priority: 5,
      previousPriority: 0,
      timestamp: START + 120_000,
    });
    expect(later.every((e) => e.detail.queue === QUEUE_ARN('Alternate'))).toBe(true);
  });

  it('retries automatically: RetryCount rises and the phases start again', async () => {
    await restart({ plan: () => ({ probingMs: 4_000, transcodingMs: 200_000, uploadingMs: 5_000 }) });
    const id = await create({ [OUTCOME_KEY]: 'RETRY' }, { StatusUpdateInterval: 'SECONDS_10' });
    const seen: { retry: number; percent: number | undefined }[] = [];

    for (let i = 0; i < 400; i++) {
      emulator.advance(5_000);
      const job = await getJob(id);
      if (job.Status !== 'PROGRESSING') break;
      seen.push({ retry: job.RetryCount ?? -1, percent: job.JobPercentComplete });
    }
    emulator.advanceUntilSettled();
    const job = await getJob(id);

    const firstRetry = seen.findIndex((s) => s.retry === 1);
    const lastOfFirst = seen[firstRetry - 1]?.percent ?? 0;
    const firstOfSecond = seen[firstRetry]?.percent;
    expect(firstRetry).toBeGreaterThan(0);
    expect(firstOfSecond === undefined || firstOfSecond < lastOfFirst).toBe(true);
    expect(job).toMatchObject({ Status: 'COMPLETE', RetryCount: 1 });
    expect(statuses(id).filter((s) => s === 'INPUT_INFORMATION')).toHaveLength(2);
    const retryCounts = events
      .filter((e) => e.detail.status === 'STATUS_UPDATE')
      .map((e) => (e.detail['jobProgress'] as { retryCount: number }).retryCount);
    expect(retryCounts).toContain(1);
    expect(retryCounts).toEqual([...retryCounts].sort());
  });

  it('raises forced warnings as NEW_WARNING events and Warnings counts', async () => {
    const id = await create({ [OUTCOME_KEY]: 'COMPLETE', 'emulator:warnings': '230004,230004,230001' });

    emulator.advanceUntilSettled();
    const job = await getJob(id);

    const warnings = events.filter((e) => e.detail.status === 'NEW_WARNING').map((e) => e.detail['warningCode']);
    const complete = events.find((e) => e.detail.status === 'COMPLETE');
    expect(warnings).toEqual(['230004', '230004', '230001']);
    expect(job.Warnings).toEqual([
      { Code: 230004, Count: 2 },
      { Code: 230001, Count: 1 },
    ]);
    expect(complete?.detail['warnings']).toEqual([
      { code: 230004, count: 2 },
      { code: 230001, count: 1 },
    ]);
    expect(job.Messages?.Warning).toHaveLength(3);
  });

  it('lets a plan function decide per request', async () => {
    await restart({
      plan: (request) =>
        request.userMetadata['tier'] === 'broken'
          ? { outcome: { status: 'ERROR', code: 1030, message: 'Demuxer failed', atFraction: 0.5 } }
          : { outcome: { status: 'COMPLETE' }, retries: 0 },
    });

    const broken = await create({ tier: 'broken' });
    const fine = await create({ tier: 'gold' });
    emulator.advanceUntilSettled();

    expect(await getJob(broken)).toMatchObject({ Status: 'ERROR', ErrorCode: 1030, ErrorMessage: 'Demuxer failed' });
    expect((await getJob(fine)).Status).toBe('COMPLETE');
  });
});

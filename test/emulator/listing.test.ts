import {
  BadRequestException,
  CreateJobCommand,
  ListJobsCommand,
  SearchJobsCommand,
  paginateListJobs,
  type Job,
  type MediaConvertClient,
} from '@aws-sdk/client-mediaconvert';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMediaConvertEmulator, type MediaConvertEmulator } from '../../src/testing/index.js';
import { clientFor, jobRequest, START } from './helpers.js';

const QUEUE_ARN = (name: string): string => `arn:aws:mediaconvert:us-west-2:111122223333:queues/${name}`;

describe('ListJobs and SearchJobs', () => {
  let emulator: MediaConvertEmulator;
  let client: MediaConvertClient;
  const created: string[] = [];

  beforeAll(async () => {
    // Every job waits 10 min in its queue, so they all stay SUBMITTED until the clock moves.
    emulator = await startMediaConvertEmulator({
      clock: 'manual',
      seed: 5,
      startTime: START,
      plan: () => ({ queueWaitMs: 600_000, outcome: { status: 'COMPLETE' }, retries: 0 }),
    });
    client = clientFor(emulator);
    for (let i = 0; i < 45; i++) {
      const queue = i % 3 === 0 ? 'Rush' : undefined;
      const input = i % 5 === 0 ? `s3://in/special-${i}.mov` : `s3://in/plain-${i}.mp4`;
      const request = jobRequest({ Queue: queue, UserMetadata: { n: String(i) } });
      const { Job: job } = await client.send(
        new CreateJobCommand({ ...request, Settings: { ...request.Settings, Inputs: [{ FileInput: input }] } }),
      );
      created.push(job?.Id ?? '');
      emulator.advance(1_000);
    }
  });

  afterAll(async () => {
    client.destroy();
    await emulator.close();
  });

  const ids = (jobs: Job[] | undefined): string[] => (jobs ?? []).map((job) => job.Id ?? '');

  it('pages 45 jobs as 20, 20 and 5, newest first by default', async () => {
    const first = await client.send(new ListJobsCommand({}));
    const second = await client.send(new ListJobsCommand({ NextToken: first.NextToken }));
    const third = await client.send(new ListJobsCommand({ NextToken: second.NextToken }));

    expect(first.Jobs).toHaveLength(20);
    expect(second.Jobs).toHaveLength(20);
    expect(third.Jobs).toHaveLength(5);
    expect(third.NextToken).toBeUndefined();
    expect([...ids(first.Jobs), ...ids(second.Jobs), ...ids(third.Jobs)]).toEqual([...created].reverse());
  });

  it('pages oldest first with ASCENDING and through the SDK paginator', async () => {
    const pages: Job[][] = [];

    for await (const page of paginateListJobs({ client }, { Order: 'ASCENDING' })) pages.push(page.Jobs ?? []);

    expect(pages.map((page) => page.length)).toEqual([20, 20, 5]);
    expect(pages.flatMap((page) => ids(page))).toEqual(created);
  });

  it('filters by queue name or ARN and by status', async () => {
    const byName = await client.send(new ListJobsCommand({ Queue: 'Rush', MaxResults: 20 }));
    const byArn = await client.send(new ListJobsCommand({ Queue: QUEUE_ARN('Rush') }));
    const progressing = await client.send(new ListJobsCommand({ Status: 'PROGRESSING' }));
    const submitted = await client.send(new ListJobsCommand({ Status: 'SUBMITTED', Queue: 'Default', MaxResults: 5 }));

    expect(byName.Jobs).toHaveLength(15);
    expect(byName.Jobs?.every((job) => job.Queue === QUEUE_ARN('Rush'))).toBe(true);
    expect(ids(byArn.Jobs)).toEqual(ids(byName.Jobs));
    expect(progressing.Jobs).toEqual([]);
    expect(submitted.Jobs).toHaveLength(5);
    expect(submitted.NextToken).toBeDefined();
    expect(submitted.Jobs?.every((job) => job.Status === 'SUBMITTED' && job.Queue === QUEUE_ARN('Default'))).toBe(true);
  });

  it('caps MaxResults at 20 and refuses a token from another query', async () => {
    const big = await client.send(new ListJobsCommand({ MaxResults: 50 }));
    const call = client.send(new ListJobsCommand({ Status: 'COMPLETE', NextToken: big.NextToken }));

    expect(big.Jobs).toHaveLength(20);
    await expect(call).rejects.toBeInstanceOf(BadRequestException);
  });

  it('searches by part of the input file name', async () => {
    const found = await client.send(new SearchJobsCommand({ InputFile: 'SPECIAL', Order: 'ASCENDING' }));
    const rush = await client.send(new SearchJobsCommand({ InputFile: 'special', Queue: 'Rush' }));

    expect(found.Jobs).toHaveLength(9);
    expect(found.Jobs?.map((job) => job.UserMetadata?.['n'])).toEqual(['0', '5', '10', '15', '20', '25', '30', '35', '40']);
    expect(rush.Jobs?.map((job) => job.UserMetadata?.['n'])).toEqual(['30', '15', '0']);
  });

  it('keeps paging stable while new jobs arrive between pages', async () => {
    const first = await client.send(new ListJobsCommand({ MaxResults: 10 }));
    await client.send(new CreateJobCommand(jobRequest()));
    const second = await client.send(new ListJobsCommand({ MaxResults: 10, NextToken: first.NextToken }));

    expect(ids(second.Jobs)).toEqual([...created].reverse().slice(10, 20));
  });
});

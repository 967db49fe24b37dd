import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CreateJobCommand,
  GetJobCommand,
  GetJobsQueryResultsCommand,
  ListJobsCommand,
  MediaConvertClient,
  SearchJobsCommand,
} from '@aws-sdk/client-mediaconvert';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  parseApiJob,
  parseApiResponse,
  parseInputs,
  safeParseApiResponse,
  SkipReason,
} from '../../src/adapters/index.js';
import type { ApiSnapshotInput } from '../../src/model/index.js';
import { ErrorCode } from '../../src/errors.js';
import { eventFixture, fixture, fixtureText, onlyInput, thrown } from './helpers.js';

const DEFAULT = 'arn:aws:mediaconvert:us-west-2:111122223333:queues/Default';
const OVERFLOW = 'arn:aws:mediaconvert:us-west-2:111122223333:queues/Overflow';

/** A snapshot without the `raw` pass-through, which keeps each form's own names. */
function withoutRaw(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutRaw);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'raw')
      .map(([key, item]) => [key, withoutRaw(item)]),
  );
}

/** What every form of the complete job in the fixtures says. */
const COMPLETE_JOB: Omit<ApiSnapshotInput, 'outputs'> & { outputs: unknown } = {
  type: 'API_SNAPSHOT',
  jobId: '1733238000123-a1b2c3',
  timestamp: 1733238125000,
  eventId: null,
  queue: OVERFLOW,
  userMetadata: { assetId: 'asset-b2c3', tenant: 'acme' },
  arn: 'arn:aws:mediaconvert:us-west-2:111122223333:jobs/1733238000123-a1b2c3',
  status: 'COMPLETE',
  phase: null,
  attempt: 0,
  jobPercent: null,
  submittedQueue: DEFAULT,
  priority: 5,
  hops: [
    { at: 1733238062000, from: DEFAULT, to: OVERFLOW, priority: null, previousPriority: null },
  ],
  warnings: [
    { code: '230001', count: 2 },
    { code: '000000', count: 1 },
  ],
  messages: ['Job will be processed without acceleration.'],
  warningMessages: ['Audio track 2 was not found and was ignored.'],
  error: null,
  outputs: [
    {
      type: 'FILE_GROUP',
      playlistPaths: [],
      hlsManifest: null,
      dashManifest: null,
      smoothManifest: null,
      outputs: [
        {
          paths: [],
          durationMs: 60060,
          video: { widthInPx: 1920, heightInPx: 1080, averageBitrate: null },
        },
      ],
    },
    {
      type: 'HLS_GROUP',
      playlistPaths: [],
      hlsManifest: null,
      dashManifest: null,
      smoothManifest: null,
      outputs: [
        {
          paths: [],
          durationMs: 60060,
          video: { widthInPx: 1280, heightInPx: 720, averageBitrate: null },
        },
        { paths: [], durationMs: null, video: null },
      ],
    },
  ],
  timing: { submittedAt: 1733238000000, startedAt: 1733238064000, finishedAt: 1733238125000 },
};

describe('the shared API fixtures', () => {
  it('reads the GetJob of a failed job', () => {
    const text = fixtureText('test/fixtures/api/get-job-error.rest.json');

    const [snapshot] = parseApiResponse(text);

    expect(snapshot).toMatchObject({
      type: 'API_SNAPSHOT',
      jobId: '1234567890987-1ab2c3',
      status: 'ERROR',
      error: { code: 1434, message: expect.stringContaining('AssumeRole failed') },
      timing: { submittedAt: 1517442103000, startedAt: 1517442104000, finishedAt: 1517442131000 },
      timestamp: 1517442131000,
      queue: 'arn:aws:mediaconvert:us-west-2:111122223333:queues/Queue1',
      outputs: [],
    });
  });

  it('reads the GetJob of a progressing job', () => {
    const text = fixtureText('test/fixtures/api/get-job-progressing.rest.json');

    const [snapshot] = parseApiResponse(text);

    expect(snapshot).toMatchObject({
      status: 'PROGRESSING',
      phase: 'TRANSCODING',
      jobPercent: 41,
      attempt: 0,
      priority: 0,
      userMetadata: { assetId: 'asset-0042' },
      messages: ['Job will be processed without acceleration.'],
      warningMessages: [],
      error: null,
      timestamp: 1671477621000,
    });
  });
});

describe('every form of one job', () => {
  it.each([
    ['the REST wire form (camelCase, epoch seconds)', 'get-job-complete.wire.json'],
    ['CLI output with epoch seconds', 'get-job-complete.cli-epoch.json'],
    ['CLI output with ISO times and a +05:30 offset', 'get-job-complete.cli-iso.json'],
  ])('reads %s', (_label, name) => {
    const text = fixtureText(`test/adapters/fixtures/${name}`);

    const snapshots = parseApiResponse(text);

    expect(snapshots).toHaveLength(1);
    expect(withoutRaw(snapshots[0])).toEqual(COMPLETE_JOB);
  });

  it('keeps the group details as received in raw', () => {
    const wire = fixture('test/adapters/fixtures/get-job-complete.wire.json');

    const [snapshot] = parseApiResponse(wire);

    expect(snapshot?.outputs[1]?.outputs[1]?.raw).toEqual({ durationInMs: 0 });
    expect(snapshot?.outputs[0]?.outputs[0]?.video?.raw).toEqual({
      heightInPx: 1080,
      widthInPx: 1920,
    });
  });

  it('reads an SDK-shaped job built by hand, with Dates', () => {
    const job = {
      Id: '1733238000123-a1b2c3',
      Status: 'PROGRESSING' as const,
      CurrentPhase: 'PROBING' as const,
      Queue: DEFAULT,
      CreatedAt: new Date('2024-12-03T15:00:00.250Z'),
      Timing: {
        SubmitTime: new Date('2024-12-03T15:00:00.250Z'),
        StartTime: new Date('2024-12-03T15:00:04.500Z'),
      },
      Role: 'arn:aws:iam::111122223333:role/MediaConvertServiceRole',
      Settings: undefined,
    };

    const snapshot = parseApiJob(job);

    expect(snapshot).toMatchObject({
      status: 'PROGRESSING',
      phase: 'PROBING',
      timing: { submittedAt: 1733238000250, startedAt: 1733238004500, finishedAt: null },
      timestamp: 1733238004500,
      userMetadata: null,
      hops: [],
    });
  });

  it('reads fractional epoch seconds on the wire', () => {
    const job = { job: { id: 'j-1', status: 'SUBMITTED', createdAt: 1733238000.25 } };

    const [snapshot] = parseApiResponse(job);

    expect(snapshot?.timestamp).toBe(1733238000250);
  });
});

describe('pages and other responses', () => {
  it('reads a ListJobs page from CLI output with ISO times', () => {
    const text = fixtureText('test/adapters/fixtures/list-jobs-page.cli-iso.json');

    const snapshots = parseApiResponse(text);

    expect(snapshots.map((s) => [s.jobId, s.status, s.timestamp])).toEqual([
      ['1733238011456-d4e5f6', 'PROGRESSING', 1733238016000],
      ['1733238090789-g7h8i9', 'SUBMITTED', 1733238090000],
    ]);
    expect(snapshots[0]).toMatchObject({ phase: 'UPLOADING', jobPercent: 96, attempt: 1 });
    expect(snapshots[1]).toMatchObject({
      priority: -10,
      phase: null,
      attempt: null,
      jobPercent: null,
    });
  });

  it('reads a ListJobs page on the wire', () => {
    const page = fixture('test/adapters/fixtures/list-jobs-page.wire.json');

    const snapshots = parseApiResponse(page);

    expect(snapshots.map((s) => s.jobId)).toEqual(['1733238011456-d4e5f6', '1733238090789-g7h8i9']);
  });

  it('keeps the good jobs of a page beside a bad one', () => {
    const page = fixture('test/adapters/fixtures/list-jobs-page.wire.json') as { jobs: object[] };
    const jobs = [page.jobs[0], { ...page.jobs[1], jobPercentComplete: 140 }];

    const items = parseInputs({ jobs });

    expect(items.map((item) => item.kind)).toEqual(['input', 'invalid']);
    expect(items[1]).toMatchObject({
      error: { code: ErrorCode.OUT_OF_RANGE, path: 'jobs[1].jobPercentComplete' },
    });
  });

  it('skips a job of a status this version does not know, keeping the others', () => {
    const page = fixture('test/adapters/fixtures/list-jobs-page.wire.json') as { jobs: object[] };
    const jobs = [page.jobs[0], { ...page.jobs[1], status: 'PAUSED' }];

    const items = parseInputs({ jobs });
    const snapshots = parseApiResponse({ jobs });

    expect(items.map((item) => item.kind)).toEqual(['input', 'skipped']);
    expect(items[1]).toMatchObject({
      reason: SkipReason.UNKNOWN_STATUS,
      path: 'jobs[1]',
      jobId: '1733238090789-g7h8i9',
    });
    expect(snapshots.map((s) => s.jobId)).toEqual(['1733238011456-d4e5f6']);
  });

  it('reads a CloudTrail CreateJob record as a SUBMITTED snapshot', () => {
    const event = fixture('test/adapters/fixtures/cloudtrail-create-job.json');

    const [snapshot] = parseApiResponse(event);

    expect(snapshot).toMatchObject({
      type: 'API_SNAPSHOT',
      jobId: '1733238000123-a1b2c3',
      status: 'SUBMITTED',
      eventId: '6f1c2d3e-4a5b-6c7d-8e9f-0a1b2c3d4e5f',
      queue: DEFAULT,
      submittedQueue: DEFAULT,
      userMetadata: { assetId: 'asset-b2c3' },
      timing: { submittedAt: 1733238000120, startedAt: null, finishedAt: null },
      timestamp: 1733238000123,
      outputs: [],
    });
  });

  it('dates a snapshot by observedAt when given', () => {
    const text = fixtureText('test/fixtures/api/get-job-progressing.rest.json');

    const [a] = parseApiResponse(text, { observedAt: 1671477700000 });
    const [b] = parseApiResponse(text, { observedAt: new Date(1671477800000) });

    expect(a?.timestamp).toBe(1671477700000);
    expect(b?.timestamp).toBe(1671477800000);
  });

  it('dates a snapshot by its last queue transition when it is the newest time', () => {
    const job = {
      Id: 'j-1',
      Status: 'SUBMITTED',
      CreatedAt: 1733238000,
      QueueTransitions: [
        { SourceQueue: OVERFLOW, DestinationQueue: DEFAULT, Timestamp: 1733238200 },
        { SourceQueue: DEFAULT, DestinationQueue: OVERFLOW, Timestamp: 1733238100 },
      ],
    };

    const snapshot = parseApiJob(job);

    expect(snapshot.timestamp).toBe(1733238200000);
    expect(snapshot.hops.map((hop) => hop.at)).toEqual([1733238100000, 1733238200000]);
    expect(snapshot.queue).toBe(DEFAULT);
  });

  it('refuses a job that proves no time unless observedAt is given', () => {
    const response = { Job: { Id: 'j-1', Status: 'SUBMITTED' } };

    const error = thrown(() => parseApiResponse(response));
    const [snapshot] = parseApiResponse(response, { observedAt: 5 });

    expect(error).toMatchObject({ code: ErrorCode.MISSING_FIELD, path: 'Job.CreatedAt' });
    expect(snapshot?.timestamp).toBe(5);
  });

  it('gives phase null for a CurrentPhase this version does not know', () => {
    const job = { Id: 'j-1', Status: 'PROGRESSING', CurrentPhase: 'DRAINING', CreatedAt: 1 };

    const snapshot = parseApiJob(job);

    expect(snapshot.phase).toBeNull();
  });

  it('gives no snapshot for a Status this version does not know', () => {
    const response = { Job: { Id: 'j-1', Status: 'PAUSED', CreatedAt: 1 } };

    const result = safeParseApiResponse(response);
    const items = parseInputs(response);

    expect(result).toEqual({ success: true, inputs: [] });
    expect(items).toEqual([
      expect.objectContaining({
        kind: 'skipped',
        reason: SkipReason.UNKNOWN_STATUS,
        path: 'Job',
        jobId: 'j-1',
      }),
    ]);
    expect(items[0]?.kind === 'skipped' && items[0].message).toContain('"PAUSED"');
  });

  it('refuses a Status it does not know in parseApiJob, which must return a snapshot', () => {
    const job = { Id: 'j-1', Status: 'PAUSED', CreatedAt: 1 };

    const error = thrown(() => parseApiJob(job));

    expect(error).toMatchObject({ code: ErrorCode.INVALID_VALUE, path: 'Status' });
  });

  it('refuses a job state change event as an API response', () => {
    const result = safeParseApiResponse(eventFixture('progressing'));

    expect(result).toMatchObject({ success: false, error: { code: ErrorCode.UNRECOGNISED_INPUT } });
  });
});

describe('the real SDK against a local server', () => {
  const wireJob = fixtureText('test/adapters/fixtures/get-job-complete.wire.json');
  const wirePage = fixtureText('test/adapters/fixtures/list-jobs-page.wire.json');
  const created = JSON.stringify({
    job: {
      id: '1733238000123-a1b2c3',
      arn: 'arn:aws:mediaconvert:us-west-2:111122223333:jobs/1733238000123-a1b2c3',
      status: 'SUBMITTED',
      queue: DEFAULT,
      createdAt: 1733238000,
      timing: { submitTime: 1733238000 },
      role: 'arn:aws:iam::111122223333:role/MediaConvertServiceRole',
      settings: { inputs: [{ fileInput: 's3://DOC-EXAMPLE-BUCKET/in/lecture-07.mov' }] },
      userMetadata: { assetId: 'asset-b2c3' },
    },
  });
  const server = createServer((request, response) => {
    const url = request.url ?? '';
    const [status, body] = url.startsWith('/2017-08-29/jobsQueries/running')
      ? [200, '{"status":"PROGRESSING"}']
      : request.method === 'POST' && url.startsWith('/2017-08-29/jobs')
        ? [201, created]
        : url.startsWith('/2017-08-29/jobs/')
          ? [200, wireJob]
          : url.startsWith('/2017-08-29/jobs') || url.startsWith('/2017-08-29/search')
            ? [200, wirePage]
            : [404, '{"message":"not found"}'];
    request.resume();
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(body);
  });
  let client: MediaConvertClient;

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    client = new MediaConvertClient({
      region: 'us-west-2',
      endpoint: `http://127.0.0.1:${port}`,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'example-secret' },
      maxAttempts: 1,
    });
  });

  afterAll(async () => {
    client.destroy();
    await new Promise<void>((resolve, reject) =>
      server.close((error) => (error ? reject(error) : resolve())),
    );
  });

  it('reads GetJob output, whose times are Dates', async () => {
    const output = await client.send(new GetJobCommand({ Id: '1733238000123-a1b2c3' }));

    const snapshots = parseApiResponse(output);

    expect(output.Job?.CreatedAt).toBeInstanceOf(Date);
    expect(withoutRaw(snapshots)).toEqual([COMPLETE_JOB]);
  });

  it('reads the SDK Job itself with parseApiJob', async () => {
    const { Job } = await client.send(new GetJobCommand({ Id: '1733238000123-a1b2c3' }));
    if (Job === undefined) throw new Error('GetJob returned no job');

    const snapshot = parseApiJob(Job);

    expect(withoutRaw(snapshot)).toEqual(COMPLETE_JOB);
    expect(snapshot.outputs[0]?.outputs[0]?.raw).toEqual({
      DurationInMs: 60060,
      VideoDetails: { HeightInPx: 1080, WidthInPx: 1920 },
    });
  });

  it('reads ListJobs and SearchJobs pages', async () => {
    const list = await client.send(new ListJobsCommand({ Queue: DEFAULT }));
    const search = await client.send(new SearchJobsCommand({ InputFile: 'keynote' }));

    const fromList = parseApiResponse(list);
    const fromSearch = parseApiResponse(search);

    expect(fromList.map((s) => [s.jobId, s.status])).toEqual([
      ['1733238011456-d4e5f6', 'PROGRESSING'],
      ['1733238090789-g7h8i9', 'SUBMITTED'],
    ]);
    expect(fromSearch).toEqual(fromList);
    expect(fromList[0]?.timing.startedAt).toBe(1733238016000);
  });

  it('reads CreateJob output as a SUBMITTED snapshot', async () => {
    const output = await client.send(
      new CreateJobCommand({
        Role: 'arn:aws:iam::111122223333:role/MediaConvertServiceRole',
        Settings: {},
      }),
    );

    const [snapshot] = parseApiResponse(output);

    expect(snapshot).toMatchObject({
      status: 'SUBMITTED',
      timestamp: 1733238000000,
      userMetadata: { assetId: 'asset-b2c3' },
    });
  });

  it('skips the results of a jobs query that is still running', async () => {
    const output = await client.send(new GetJobsQueryResultsCommand({ Id: 'running' }));

    const items = parseInputs(output);
    const snapshots = parseApiResponse(output);

    expect(items).toEqual([
      expect.objectContaining({ kind: 'skipped', reason: SkipReason.QUERY_NOT_COMPLETE }),
    ]);
    expect(snapshots).toEqual([]);
  });

  it('gives the same snapshot for the SDK output and the CloudTrail-free wire text', async () => {
    const output = await client.send(new GetJobCommand({ Id: '1733238000123-a1b2c3' }));

    const fromSdk = onlyInput(parseInputs(output));
    const fromWire = onlyInput(parseInputs(wireJob));

    expect(withoutRaw(fromSdk)).toEqual(withoutRaw(fromWire));
  });
});

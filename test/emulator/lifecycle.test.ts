import {
  CreateJobCommand,
  GetJobCommand,
  NotFoundException,
  type Job,
  type MediaConvertClient,
  type Output,
  type OutputGroup,
} from '@aws-sdk/client-mediaconvert';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  startMediaConvertEmulator,
  type JobStateChangeEvent,
  type MediaConvertEmulator,
} from '../../src/testing/index.js';
import { clientFor, jobRequest, START } from './helpers.js';

/** A job long enough for status updates: 5 s queued, 4 s probing, 5 min transcoding, 10 s upload. */
const LONG_JOB = {
  queueWaitMs: 5_000,
  probingMs: 4_000,
  transcodingMs: 300_000,
  uploadingMs: 10_000,
  retries: 0,
  outcome: { status: 'COMPLETE' },
  warnings: [],
  firstUpdateAfterMs: 60_000,
} as const;

describe('a job through the emulator', () => {
  let emulator: MediaConvertEmulator;
  let client: MediaConvertClient;
  let events: JobStateChangeEvent[];

  beforeEach(async () => {
    emulator = await startMediaConvertEmulator({ clock: 'manual', seed: 11, startTime: START, plan: () => LONG_JOB });
    client = clientFor(emulator);
    events = [];
    emulator.subscribe((event) => events.push(event));
  });

  afterEach(async () => {
    client.destroy();
    await emulator.close();
  });

  const getJob = async (id: string): Promise<Job> => {
    const { Job: job } = await client.send(new GetJobCommand({ Id: id }));
    if (job === undefined) throw new Error('GetJob returned no job');
    return job;
  };

  it('goes from SUBMITTED through the phases to COMPLETE with outputs', async () => {
    const created = await client.send(new CreateJobCommand(jobRequest({ UserMetadata: { assetId: 'asset-7' } })));
    const id = created.Job?.Id ?? '';

    const submitted = await getJob(id);
    emulator.advance(5_000);
    const probing = await getJob(id);
    emulator.advance(10_000);
    const transcoding = await getJob(id);
    emulator.advance(296_000);
    const uploading = await getJob(id);
    emulator.advance(10_000);
    const complete = await getJob(id);

    expect(created.Job?.Status).toBe('SUBMITTED');
    expect(id).toMatch(/^\d{13}-[0-9a-z]{6}$/);
    expect(submitted).toMatchObject({ Status: 'SUBMITTED', RetryCount: 0, UserMetadata: { assetId: 'asset-7' } });
    expect(submitted.Timing?.SubmitTime).toEqual(new Date(START));
    expect(submitted.Timing?.StartTime).toBeUndefined();
    expect(submitted.JobPercentComplete).toBeUndefined();
    expect(probing).toMatchObject({ Status: 'PROGRESSING', CurrentPhase: 'PROBING' });
    expect(probing.JobPercentComplete).toBeUndefined();
    expect(probing.Timing?.StartTime).toEqual(new Date(START + 5_000));
    expect(transcoding).toMatchObject({ Status: 'PROGRESSING', CurrentPhase: 'TRANSCODING' });
    expect(transcoding.JobPercentComplete).toBeGreaterThanOrEqual(5);
    expect(uploading.CurrentPhase).toBe('UPLOADING');
    expect(uploading.JobPercentComplete).toBeGreaterThan(transcoding.JobPercentComplete ?? 100);
    expect(complete.Status).toBe('COMPLETE');
    expect(complete.CurrentPhase).toBeUndefined();
    expect(complete.JobPercentComplete).toBeUndefined();
    expect(complete.Timing?.FinishTime).toEqual(new Date(START + 5_000 + 314_000));
    expect(complete.OutputGroupDetails).toEqual([
      {
        OutputDetails: [
          { DurationInMs: expect.any(Number), VideoDetails: { WidthInPx: 1280, HeightInPx: 720 } },
          { DurationInMs: expect.any(Number), VideoDetails: { WidthInPx: 1920, HeightInPx: 1080 } },
        ],
      },
      { OutputDetails: [{ DurationInMs: expect.any(Number), VideoDetails: { WidthInPx: 1280, HeightInPx: 720 } }] },
    ]);
    expect(complete.Settings?.OutputGroups?.[0]?.OutputGroupSettings?.Type).toBe('HLS_GROUP_SETTINGS');
  });

  it('reports rising percentages and honours StatusUpdateInterval in STATUS_UPDATE events', async () => {
    await client.send(new CreateJobCommand(jobRequest({ StatusUpdateInterval: 'SECONDS_10' })));

    emulator.advanceUntilSettled();

    const updates = events.filter((e) => e.detail.status === 'STATUS_UPDATE');
    const started = events.find((e) => e.detail.status === 'PROGRESSING')?.detail.timestamp ?? 0;
    const gaps = updates.slice(1).map((e, i) => e.detail.timestamp - (updates[i]?.detail.timestamp ?? 0));
    const percents = updates.map((e) => (e.detail['jobProgress'] as { jobPercentComplete: number }).jobPercentComplete);
    const frames = updates.map((e) => e.detail['framesDecoded'] as number);
    expect(updates.length).toBeGreaterThan(20);
    expect(updates[0]?.detail.timestamp).toBe(started + 60_000);
    expect(new Set(gaps)).toEqual(new Set([10_000]));
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(frames).toEqual([...frames].sort((a, b) => a - b));
    expect(updates[0]?.detail['jobProgress']).toMatchObject({
      currentPhase: 'TRANSCODING',
      retryCount: 0,
      phaseProgress: {
        PROBING: { status: 'COMPLETE', percentComplete: 100 },
        TRANSCODING: { status: 'PROGRESSING' },
        UPLOADING: { status: 'PENDING', percentComplete: 0 },
      },
    });
    expect(events.at(-1)?.detail.status).toBe('COMPLETE');
    expect(updates.at(-1)?.detail.timestamp).toBeLessThan(started + 4_000 + 300_000);
    const phases = updates.map((e) => (e.detail['jobProgress'] as { currentPhase: string }).currentPhase);
    expect(new Set(phases)).toEqual(new Set(['TRANSCODING']));
  });

  it('lists output paths in the COMPLETE event by output group type', async () => {
    await client.send(new CreateJobCommand(jobRequest()));

    emulator.advanceUntilSettled();

    const complete = events.find((e) => e.detail.status === 'COMPLETE');
    expect(complete?.detail['outputGroupDetails']).toEqual([
      {
        outputDetails: [
          expect.objectContaining({
            outputFilePaths: ['s3://DOC-EXAMPLE-BUCKET/hls/lecture-07_720p.m3u8'],
            videoDetails: expect.objectContaining({ widthInPx: 1280, heightInPx: 720 }),
          }),
          expect.objectContaining({ outputFilePaths: ['s3://DOC-EXAMPLE-BUCKET/hls/lecture-07_1080p.m3u8'] }),
        ],
        playlistFilePaths: ['s3://DOC-EXAMPLE-BUCKET/hls/lecture-07.m3u8'],
        type: 'HLS_GROUP',
      },
      {
        outputDetails: [expect.objectContaining({ outputFilePaths: ['s3://DOC-EXAMPLE-BUCKET/mp4/lecture-07_web.mp4'] })],
        type: 'FILE_GROUP',
      },
    ]);
  });

  it('lays out DASH, CMAF, Smooth and frame capture outputs', async () => {
    const video: Output = { NameModifier: '_hd', VideoDescription: { Width: 1920, Height: 1080 } };
    const outputGroups: OutputGroup[] = [
      {
        OutputGroupSettings: { Type: 'DASH_ISO_GROUP_SETTINGS', DashIsoGroupSettings: { Destination: 's3://out/dash/' } },
        Outputs: [video],
      },
      {
        OutputGroupSettings: { Type: 'CMAF_GROUP_SETTINGS', CmafGroupSettings: { Destination: 's3://out/cmaf/main' } },
        Outputs: [video],
      },
      {
        OutputGroupSettings: { Type: 'MS_SMOOTH_GROUP_SETTINGS', MsSmoothGroupSettings: { Destination: 's3://out/mss/' } },
        Outputs: [video],
      },
      {
        OutputGroupSettings: { Type: 'FILE_GROUP_SETTINGS', FileGroupSettings: { Destination: 's3://out/thumbs/' } },
        Outputs: [
          {
            NameModifier: '_thumb',
            VideoDescription: { CodecSettings: { Codec: 'FRAME_CAPTURE' } },
            ContainerSettings: { Container: 'RAW' },
          },
        ],
      },
    ];
    await client.send(
      new CreateJobCommand({
        ...jobRequest(),
        Settings: { Inputs: [{ FileInput: 's3://in/show.mp4' }], OutputGroups: outputGroups },
      }),
    );

    emulator.advanceUntilSettled();

    const groups = events.find((e) => e.detail.status === 'COMPLETE')?.detail['outputGroupDetails'] as {
      type: string;
      playlistFilePaths?: string[];
      outputDetails: { outputFilePaths?: string[] }[];
    }[];
    expect(groups.map((g) => g.type)).toEqual(['DASH_ISO_GROUP', 'CMAF_GROUP', 'MS_SMOOTH_GROUP', 'FILE_GROUP']);
    expect(groups[0]?.playlistFilePaths).toEqual(['s3://out/dash/show.mpd']);
    expect(groups[0]?.outputDetails[0]?.outputFilePaths).toBeUndefined();
    expect([...(groups[1]?.playlistFilePaths ?? [])].sort()).toEqual(['s3://out/cmaf/main.m3u8', 's3://out/cmaf/main.mpd']);
    expect(groups[2]?.playlistFilePaths).toEqual(['s3://out/mss/show.ism']);
    expect(groups[2]?.outputDetails[0]?.outputFilePaths).toEqual(['s3://out/mss/show_hd.ismv']);
    expect(groups[3]?.outputDetails[0]?.outputFilePaths?.[0]).toMatch(/^s3:\/\/out\/thumbs\/show_thumb\.\d{7}\.jpg$/);
  });

  it('keeps map keys such as audio selector names when createJobs() converts a request', async () => {
    const [id = ''] = emulator.createJobs(1, {
      ...jobRequest(),
      Settings: {
        Inputs: [
          {
            FileInput: 's3://in/a.mov',
            AudioSelectors: { 'Audio Selector 1': { DefaultSelection: 'DEFAULT' } },
          },
        ],
      },
      UserMetadata: { 'Asset-Id': 'A-1' },
    });

    const job = await getJob(id);

    expect(job.Settings?.Inputs?.[0]?.AudioSelectors).toEqual({
      'Audio Selector 1': { DefaultSelection: 'DEFAULT' },
    });
    expect(job.UserMetadata).toEqual({ 'Asset-Id': 'A-1' });
    expect(job.Role).toBe(jobRequest().Role);
  });

  it('answers an unknown job id with NotFoundException', async () => {
    const call = client.send(new GetJobCommand({ Id: '1700000000000-zzzzzz' }));

    await expect(call).rejects.toBeInstanceOf(NotFoundException);
    await expect(call).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
  });

  it('refuses a request without Role with BadRequestException', async () => {
    const call = client.send(new CreateJobCommand({ ...jobRequest(), Role: undefined }));

    await expect(call).rejects.toMatchObject({ name: 'BadRequestException', $metadata: { httpStatusCode: 400 } });
  });
});

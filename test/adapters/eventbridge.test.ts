import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  parseEvent,
  parseInputs,
  SkipReason,
  UNKNOWN_OUTPUT_GROUP_TYPE,
} from '../../src/adapters/index.js';
import type { CompleteInput } from '../../src/model/index.js';
import { eventFixture, fixture, fixtureText, onlyInput, withDetail } from './helpers.js';

const QUEUE = 'arn:aws:mediaconvert:us-west-2:111122223333:queues/Default';
const SAMPLE_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';

describe('every shared EventBridge fixture', () => {
  const dir = fileURLToPath(new URL('../fixtures/eventbridge', import.meta.url));
  const names = readdirSync(dir).filter((name) => name.endsWith('.json'));

  it.each(names)('%s parses into one input of its detail.status', (name) => {
    const text = fixtureText(`test/fixtures/eventbridge/${name}`);
    const { detail } = JSON.parse(text) as {
      detail: { status: string; jobId: string; timestamp: number };
    };

    const input = onlyInput(parseInputs(text));

    expect(input.type).toBe(detail.status);
    expect(input.jobId).toBe(detail.jobId);
    expect(input.timestamp).toBe(detail.timestamp);
  });
});

describe('the eight statuses', () => {
  it('PROGRESSING carries the base fields', () => {
    const event = eventFixture('progressing');

    const input = onlyInput(parseInputs(event));

    expect(input).toEqual({
      type: 'PROGRESSING',
      jobId: '1671477617078-2886ye',
      timestamp: 1671477621654,
      eventId: SAMPLE_ID,
      queue: QUEUE,
      userMetadata: {},
    });
  });

  it('INPUT_INFORMATION keeps the input details with raw', () => {
    const event = eventFixture('input-information');

    const input = onlyInput(parseInputs(event));

    expect(input.type).toBe('INPUT_INFORMATION');
    if (input.type !== 'INPUT_INFORMATION') return;
    expect(input.inputs).toHaveLength(1);
    const [first] = input.inputs;
    expect(first?.id).toBe(1);
    expect(first?.uri).toBe('s3://DOC-EXAMPLE-BUCKET/file/file.mp4');
    expect(first?.video[0]).toMatchObject({ codec: 'H_264', width: 1920, height: 1080 });
    expect(first?.audio[0]).toMatchObject({ codec: 'AAC', channels: 2 });
    expect(first?.raw).toMatchObject({ id: 1, uri: 's3://DOC-EXAMPLE-BUCKET/file/file.mp4' });
  });

  it('STATUS_UPDATE reads progress, phases, frames and attempt', () => {
    const event = eventFixture('status-update');

    const input = onlyInput(parseInputs(event));

    expect(input).toEqual({
      type: 'STATUS_UPDATE',
      jobId: '1671477617078-2886ye',
      timestamp: 1671477681737,
      eventId: SAMPLE_ID,
      queue: QUEUE,
      userMetadata: {},
      attempt: 0,
      phase: 'TRANSCODING',
      jobPercent: 7,
      framesDecoded: 353,
      phases: {
        PROBING: { status: 'COMPLETE', percent: 100 },
        TRANSCODING: { status: 'PROGRESSING', percent: 2 },
        UPLOADING: { status: 'PENDING', percent: 0 },
      },
    });
  });

  it('COMPLETE normalises outputs, warnings and keeps the other fields', () => {
    const event = eventFixture('complete-file-group');

    const input = onlyInput(parseInputs(event)) as CompleteInput;

    expect(input.type).toBe('COMPLETE');
    expect(input.warnings).toEqual([{ code: '230002', count: 1 }]);
    expect(input.completion).toEqual({
      paddingInserted: 0,
      blackVideoDetected: 10,
      blackSegments: [{ start: 0, end: 10 }],
    });
    expect(input.outputs).toHaveLength(1);
    const group = input.outputs[0];
    expect(group?.type).toBe('FILE_GROUP');
    expect(group?.playlistPaths).toEqual([]);
    expect(group?.outputs[0]?.paths).toEqual(['s3://DOC-EXAMPLE-BUCKET/file/file.mp4']);
    expect(group?.outputs[0]?.durationMs).toBe(30041);
    expect(group?.outputs[0]?.video).toMatchObject({
      widthInPx: 1920,
      heightInPx: 1080,
      averageBitrate: null,
    });
    expect(group?.outputs[0]?.video?.raw).toMatchObject({ qvbrAvgQuality: 7.38 });
  });

  it('COMPLETE of a real HLS job finds the main manifest and child manifests', () => {
    const event = eventFixture('complete-hls-real');

    const input = onlyInput(parseInputs(event)) as CompleteInput;

    const hls = input.outputs[0];
    expect(hls?.type).toBe('HLS_GROUP');
    expect(hls?.hlsManifest).toBe('s3://DOC-EXAMPLE-BUCKET/video-01/index.m3u8');
    expect(hls?.playlistPaths).toEqual(['s3://DOC-EXAMPLE-BUCKET/video-01/index.m3u8']);
    expect(hls?.outputs.map((o) => o.paths[0])).toEqual([
      's3://DOC-EXAMPLE-BUCKET/video-01/480x270.m3u8',
      's3://DOC-EXAMPLE-BUCKET/video-01/720x480.m3u8',
      's3://DOC-EXAMPLE-BUCKET/video-01/1280x720.m3u8',
      's3://DOC-EXAMPLE-BUCKET/video-01/1920x1080.m3u8',
    ]);
    expect(hls?.outputs[3]?.video?.averageBitrate).toBe(3654435);
    expect(input.warnings).toEqual([
      { code: '230001', count: 1 },
      { code: '230005', count: 1 },
    ]);
    expect(input.completion).toEqual({ paddingInserted: 0, blackVideoDetected: 0 });
  });

  it('ERROR keeps the numeric code and the message', () => {
    const event = eventFixture('error');

    const input = onlyInput(parseInputs(event));

    expect(input).toMatchObject({
      type: 'ERROR',
      error: { code: 1040, message: 'Example error message' },
    });
  });

  it('CANCELED carries the base fields', () => {
    const event = eventFixture('canceled');

    const input = onlyInput(parseInputs(event));

    expect(input).toMatchObject({ type: 'CANCELED', jobId: '1515368087458-qnoxtd' });
  });

  it('NEW_WARNING keeps the string code with its leading zeros', () => {
    const event = eventFixture('new-warning');

    const input = onlyInput(parseInputs(event));

    expect(input).toMatchObject({
      type: 'NEW_WARNING',
      code: '000000',
      message: 'Example warning message',
    });
  });

  it('QUEUE_HOP becomes a hop from the previous queue to the new one', () => {
    const event = eventFixture('queue-hop');

    const input = onlyInput(parseInputs(event));

    expect(input).toMatchObject({
      type: 'QUEUE_HOP',
      queue: QUEUE,
      hop: {
        at: 1515368120764,
        from: 'arn:aws:mediaconvert:us-west-2:111122223333:queues/Alternate',
        to: QUEUE,
        priority: 0,
        previousPriority: 0,
      },
    });
  });
});

describe('normalisation', () => {
  it('takes the job id from detail.jobId even when resources is malformed', () => {
    const resources = ['arn:aws:mediaconvert:us-west-2::jobs/'];
    const event = { ...eventFixture('progressing'), resources };

    const input = onlyInput(parseInputs(event));

    expect(input.jobId).toBe('1671477617078-2886ye');
  });

  it('takes the timestamp from detail.timestamp, never from time', () => {
    const event = { ...eventFixture('progressing'), time: '2030-01-01T00:00:00Z' };

    const input = onlyInput(parseInputs(event));

    expect(input.timestamp).toBe(1671477621654);
  });

  it.each([
    ['absent', undefined],
    ['null', null],
  ])('keeps an %s percentage unknown (null), never 0', (_label, percent) => {
    const progress = {
      currentPhase: 'PROBING',
      retryCount: 0,
      ...(percent === undefined ? {} : { jobPercentComplete: percent }),
    };
    const event = withDetail('status-update', { jobProgress: progress, framesDecoded: undefined });

    const input = onlyInput(parseInputs(event));

    expect(input).toMatchObject({
      jobPercent: null,
      framesDecoded: null,
      phase: 'PROBING',
      phases: { PROBING: null, TRANSCODING: null, UPLOADING: null },
    });
  });

  it('reads a retry as a new attempt and an unknown phase as null', () => {
    const event = withDetail('status-update', {
      jobProgress: { jobPercentComplete: 3, currentPhase: 'POSTPROCESSING', retryCount: 2 },
    });

    const input = onlyInput(parseInputs(event));

    expect(input).toMatchObject({ attempt: 2, phase: null, jobPercent: 3 });
  });

  it('takes a STATUS_UPDATE without jobProgress as an unknown attempt with nothing known', () => {
    const event = withDetail('status-update', { jobProgress: undefined });

    const input = onlyInput(parseInputs(event));

    expect(input).toMatchObject({ attempt: null, phase: null, jobPercent: null, framesDecoded: 353 });
  });

  it.each([
    [230004, '230004'],
    [0, '000000'],
    [42, '000042'],
    ['000000', '000000'],
    ['1234', '001234'],
    ['2300041', '2300041'],
  ])('normalises the warning code %j to %j', (code, expected) => {
    const event = withDetail('new-warning', { warningCode: code });

    const input = onlyInput(parseInputs(event));

    expect(input).toMatchObject({ type: 'NEW_WARNING', code: expected });
  });

  it.each([
    ['empty', ''],
    ['absent', undefined],
  ])('turns an %s errorMessage into null and keeps the code', (_label, message) => {
    const event = withDetail('error', { errorCode: 1999, errorMessage: message });

    const input = onlyInput(parseInputs(event));

    expect(input).toMatchObject({ error: { code: 1999, message: null } });
  });

  it('never derives the error code from the message', () => {
    const event = withDetail('error', {
      errorCode: undefined,
      errorMessage: '3450: Access denied writing to s3://DOC-EXAMPLE-BUCKET/out/',
    });

    const input = onlyInput(parseInputs(event));

    expect(input).toMatchObject({ error: { code: null } });
  });

  it('copies userMetadata into a plain string map', () => {
    const event = withDetail('progressing', { userMetadata: { assetId: 'a-1', tenant: 't' } });

    const input = onlyInput(parseInputs(event));

    expect(input.userMetadata).toEqual({ assetId: 'a-1', tenant: 't' });
    expect(Object.getPrototypeOf(input.userMetadata)).toBe(Object.prototype);
  });

  it('normalises every group type, picking manifests by extension', () => {
    const event = fixture('test/adapters/fixtures/complete-streaming-groups.json');

    const input = onlyInput(parseInputs(event)) as CompleteInput;

    const [cmaf, dash, smooth, file, future] = input.outputs;
    expect(cmaf).toMatchObject({
      type: 'CMAF_GROUP',
      hlsManifest: 's3://DOC-EXAMPLE-BUCKET/out/cmaf/lecture-07.M3U8',
      dashManifest: 's3://DOC-EXAMPLE-BUCKET/out/cmaf/lecture-07.mpd',
      smoothManifest: null,
    });
    expect(cmaf?.outputs[1]).toMatchObject({ paths: [], durationMs: 60053, video: null });
    expect(cmaf?.outputs[0]?.video?.raw).toMatchObject({ averageQVBRScore: 8.1 });
    expect(dash).toMatchObject({
      type: 'DASH_ISO_GROUP',
      dashManifest: 's3://DOC-EXAMPLE-BUCKET/out/dash/lecture-07.mpd',
      hlsManifest: null,
    });
    expect(smooth).toMatchObject({
      type: 'MS_SMOOTH_GROUP',
      smoothManifest: 's3://DOC-EXAMPLE-BUCKET/out/mss/lecture-07.ism',
    });
    expect(smooth?.outputs[0]?.paths).toEqual([
      's3://DOC-EXAMPLE-BUCKET/out/mss/lecture-07_1.ismv',
    ]);
    expect(smooth?.outputs[0]?.raw).toMatchObject({ blackVideoDurationInMs: 0 });
    expect(file?.outputs[0]).toMatchObject({
      durationMs: null,
      video: { widthInPx: null, heightInPx: null, averageBitrate: null },
    });
    expect(future).toMatchObject({ type: 'FUTURE_GROUP', outputs: [], playlistPaths: [] });
    expect(future?.raw).toMatchObject({ futureField: { nested: [1, 2, 3] } });
    expect(input.warnings).toEqual([
      { code: '000000', count: 1 },
      { code: '230004', count: 3 },
    ]);
    expect(input.completion).toEqual({
      paddingInserted: 1200,
      blackVideoDetected: 0,
      blackSegments: [],
    });
  });

  it('names a group with no type UNKNOWN', () => {
    const event = withDetail('complete-file-group', {
      outputGroupDetails: [{ outputDetails: [] }],
    });

    const input = onlyInput(parseInputs(event)) as CompleteInput;

    expect(input.outputs[0]?.type).toBe(UNKNOWN_OUTPUT_GROUP_TYPE);
  });

  it('passes JSON parsed here through without copying it', () => {
    const text = fixtureText('test/fixtures/eventbridge/complete-file-group.json');

    const a = onlyInput(parseInputs(text)) as CompleteInput;
    const b = onlyInput(parseInputs(text)) as CompleteInput;

    expect(a.outputs[0]?.raw).toEqual(b.outputs[0]?.raw);
    expect(a.outputs[0]?.outputs[0]?.raw).toBe(
      (a.outputs[0]?.raw.outputDetails as readonly unknown[])[0],
    );
  });

  it('copies caller objects into plain JSON, so later changes do not leak in', () => {
    const event = eventFixture('complete-file-group');
    const detail = event.detail as { blackSegments: { start: number }[]; extra?: unknown };
    detail.extra = undefined;

    const input = onlyInput(parseInputs(event)) as CompleteInput;
    detail.blackSegments[0]!.start = 99;

    expect(input.completion).toEqual({
      paddingInserted: 0,
      blackVideoDetected: 10,
      blackSegments: [{ start: 0, end: 10 }],
    });
  });
});

describe('skips', () => {
  it('skips a MediaConvert event of another detail-type', () => {
    const event = {
      version: '0',
      id: '7e4e1f5c-1a2b-4c3d-8e9f-0a1b2c3d4e5f',
      'detail-type': 'Job Engine Version Approaching Expiration',
      source: 'aws.mediaconvert',
      account: '111122223333',
      time: '2024-12-03T15:00:00Z',
      region: 'us-west-2',
      resources: [],
      detail: { version: '2023-07-01', expirationDate: '2025-01-31' },
    };

    const items = parseInputs(event);

    expect(items).toEqual([
      expect.objectContaining({ kind: 'skipped', reason: SkipReason.NOT_A_JOB_STATE_CHANGE }),
    ]);
  });

  it('skips events of other sources', () => {
    const other = { source: 'aws.s3', 'detail-type': 'Object Created' };
    const event = { ...eventFixture('progressing'), ...other };

    const item = parseEvent(event);

    expect(item).toMatchObject({ kind: 'skipped', reason: SkipReason.NOT_MEDIACONVERT });
  });

  it('skips an unknown future status with what it knows of the job', () => {
    const event = withDetail('progressing', { status: 'PAUSED' });

    const item = parseEvent(event);

    expect(item).toMatchObject({
      kind: 'skipped',
      reason: SkipReason.UNKNOWN_STATUS,
      jobId: '1671477617078-2886ye',
      eventId: SAMPLE_ID,
      timestamp: 1671477621654,
    });
    expect(item.kind === 'skipped' && item.message).toContain('PAUSED');
  });

  it('skips CloudTrail records of calls other than CreateJob', () => {
    const event = fixture('test/adapters/fixtures/cloudtrail-create-job.json');
    const detail = { ...(event.detail as object), eventName: 'GetJob', responseElements: null };

    const item = parseEvent({ ...event, detail });

    expect(item).toMatchObject({ kind: 'skipped', reason: SkipReason.UNTRACKED_API_CALL });
  });

  it('skips a failed CreateJob record, which returned no job', () => {
    const event = fixture('test/adapters/fixtures/cloudtrail-create-job.json');
    const detail = {
      ...(event.detail as object),
      errorCode: 'BadRequestException',
      responseElements: null,
    };

    const item = parseEvent({ ...event, detail });

    expect(item).toMatchObject({ kind: 'skipped', reason: SkipReason.UNTRACKED_API_CALL });
  });
});

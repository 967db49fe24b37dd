/**
 * Builders of realistic "MediaConvert Job State Change" events, shaped like
 * the recorded payloads under test/fixtures/eventbridge/.
 */
import type { Random } from './random.js';

/** The AWS account every generated event comes from. */
export const ACCOUNT = '111122223333';
/** The region every generated event comes from. */
export const REGION = 'us-west-2';

/** The queues generated jobs run in. */
export const QUEUES = [
  `arn:aws:mediaconvert:${REGION}:${ACCOUNT}:queues/Default`,
  `arn:aws:mediaconvert:${REGION}:${ACCOUNT}:queues/vod-priority`,
  `arn:aws:mediaconvert:${REGION}:${ACCOUNT}:queues/vod-backfill`,
] as const;

/** What one generated job is: its id, queue, metadata and when it starts. */
export interface JobSpec {
  readonly jobId: string;
  readonly queue: string;
  readonly userMetadata: { readonly [key: string]: string };
  /** When the job left its queue, epoch milliseconds. */
  readonly startedAt: number;
}

/** A generated event, with the facts the stream builder orders it by. */
export interface GeneratedEvent {
  readonly id: string;
  readonly jobId: string;
  readonly status: string;
  /** `detail.timestamp`, epoch milliseconds. */
  readonly timestamp: number;
  /** The event as EventBridge delivers it. */
  readonly event: object;
}

const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * A job spec with an id in MediaConvert's form (`1671477617078-2886ye`) and
 * the metadata an application sets to find its own records again.
 *
 * @example
 * ```ts
 * const job = jobSpec(createRandom(1), 7, Date.UTC(2026, 0, 5));
 * ```
 */
export function jobSpec(random: Random, index: number, startedAt: number): JobSpec {
  let suffix = '';
  for (let i = 0; i < 6; i++) suffix += BASE36[random.int(0, 35)] ?? '0';
  const createdAt = startedAt - random.int(1_000, 30_000);
  return {
    jobId: `${createdAt}-${suffix}`,
    queue: random.chance(0.7) ? QUEUES[0] : random.pick(QUEUES),
    userMetadata: {
      assetId: `asset-${String(100_000 + index)}`,
      tenant: `tenant-${String(random.int(1, 40)).padStart(2, '0')}`,
      env: 'prod',
      workflow: random.pick(['hls-ladder', 'mp4-proxy', 'thumbnails']),
    },
    startedAt,
  };
}

/**
 * One event of `job` with the given `detail.status` and extra detail fields.
 *
 * @example
 * ```ts
 * const progressing = makeEvent(random, job, 'PROGRESSING', job.startedAt, {});
 * ```
 */
export function makeEvent(
  random: Random,
  job: JobSpec,
  status: string,
  timestamp: number,
  extra: { readonly [key: string]: unknown },
  queue: string = job.queue,
): GeneratedEvent {
  const id = random.uuid();
  return {
    id,
    jobId: job.jobId,
    status,
    timestamp,
    event: {
      version: '0',
      id,
      'detail-type': 'MediaConvert Job State Change',
      source: 'aws.mediaconvert',
      account: ACCOUNT,
      time: new Date(Math.floor(timestamp / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
      region: REGION,
      resources: [`arn:aws:mediaconvert:${REGION}:${ACCOUNT}:jobs/${job.jobId}`],
      detail: {
        timestamp,
        accountId: ACCOUNT,
        queue,
        jobId: job.jobId,
        status,
        userMetadata: job.userMetadata,
        ...extra,
      },
    },
  };
}

/** The phase a STATUS_UPDATE reports at `percent` of the job. */
function phaseAt(percent: number): 'PROBING' | 'TRANSCODING' | 'UPLOADING' {
  if (percent < 2) return 'PROBING';
  return percent < 97 ? 'TRANSCODING' : 'UPLOADING';
}

/**
 * The `jobProgress` and `framesDecoded` of a STATUS_UPDATE at `percent`.
 *
 * @example
 * ```ts
 * makeEvent(random, job, 'STATUS_UPDATE', at, statusUpdateDetail(42, 25));
 * ```
 */
export function statusUpdateDetail(
  percent: number,
  frameRate: number,
): { readonly [key: string]: unknown } {
  const phase = phaseAt(percent);
  const transcoding = Math.min(100, Math.max(0, Math.round(((percent - 2) / 95) * 100)));
  return {
    framesDecoded: Math.round(percent * frameRate * 18),
    jobProgress: {
      phaseProgress: {
        PROBING: {
          status: phase === 'PROBING' ? 'PROGRESSING' : 'COMPLETE',
          percentComplete: phase === 'PROBING' ? 50 : 100,
        },
        TRANSCODING: {
          status:
            phase === 'PROBING' ? 'PENDING' : phase === 'TRANSCODING' ? 'PROGRESSING' : 'COMPLETE',
          percentComplete: phase === 'PROBING' ? 0 : transcoding,
        },
        UPLOADING: {
          status: phase === 'UPLOADING' ? 'PROGRESSING' : 'PENDING',
          percentComplete: phase === 'UPLOADING' ? Math.round((percent - 97) * 33) : 0,
        },
      },
      jobPercentComplete: percent,
      currentPhase: phase,
      retryCount: 0,
    },
  };
}

/**
 * The `inputDetails` of an INPUT_INFORMATION event.
 *
 * @example
 * ```ts
 * makeEvent(random, job, 'INPUT_INFORMATION', at, inputInformationDetail(job));
 * ```
 */
export function inputInformationDetail(job: JobSpec): { readonly [key: string]: unknown } {
  return {
    inputDetails: [
      {
        id: 1,
        uri: `s3://DOC-EXAMPLE-BUCKET/ingest/${job.userMetadata.assetId ?? 'asset'}/source.mov`,
        audio: [{ channels: 2, codec: 'AAC', language: 'UND', sampleRate: 48_000, streamId: 2 }],
        video: [
          {
            bitDepth: 8,
            codec: 'H_264',
            colorFormat: 'YUV_420',
            fourCC: 'avc1',
            frameRate: 25,
            height: 1080,
            interlaceMode: 'PROGRESSIVE',
            sar: '1:1',
            standard: 'UNSPECIFIED',
            streamId: 1,
            width: 1920,
          },
        ],
      },
    ],
  };
}

const RENDITIONS = [
  [480, 270, 220_046],
  [720, 480, 578_630],
  [1280, 720, 1_607_070],
  [1920, 1080, 3_654_435],
] as const;

/**
 * The detail of a COMPLETE event: an HLS group of four renditions, as in the
 * recorded `complete-hls-real.json`.
 *
 * @example
 * ```ts
 * makeEvent(random, job, 'COMPLETE', at, completeDetail(job, random));
 * ```
 */
export function completeDetail(job: JobSpec, random: Random): { readonly [key: string]: unknown } {
  const base = `s3://DOC-EXAMPLE-BUCKET/vod/${job.userMetadata.assetId ?? 'asset'}`;
  const durationInMs = random.int(60_000, 900_000);
  return {
    outputGroupDetails: [
      {
        outputDetails: RENDITIONS.map(([width, height, averageBitrate]) => ({
          outputFilePaths: [`${base}/${width}x${height}.m3u8`],
          durationInMs,
          videoDetails: {
            widthInPx: width,
            heightInPx: height,
            averageBitrate,
            qvbrAvgQuality: 6 + random.int(0, 390) / 100,
            qvbrMinQuality: 5,
            qvbrMaxQuality: 10,
            qvbrMinQualityLocation: random.int(0, durationInMs),
            qvbrMaxQualityLocation: random.int(0, durationInMs),
          },
        })),
        playlistFilePaths: [`${base}/index.m3u8`],
        type: 'HLS_GROUP',
      },
    ],
    paddingInserted: 0,
    blackVideoDetected: 0,
    warnings: [{ code: 230_001, count: random.int(1, 3) }],
  };
}

/**
 * The detail of an ERROR event with one of the codes seen in practice.
 *
 * @example
 * ```ts
 * makeEvent(random, job, 'ERROR', at, errorDetail(random));
 * ```
 */
export function errorDetail(random: Random): { readonly [key: string]: unknown } {
  return random.pick([
    { errorCode: 1040, errorMessage: 'Invalid audio track specified for audio_selector [1].' },
    {
      errorCode: 3450,
      errorMessage:
        '3450: Unable to write to output file [s3://DOC-EXAMPLE-BUCKET/vod/]: [Access Denied]',
    },
    { errorCode: 1999, errorMessage: '' },
  ]);
}

/**
 * The detail of a NEW_WARNING event.
 *
 * @example
 * ```ts
 * makeEvent(random, job, 'NEW_WARNING', at, warningDetail(random));
 * ```
 */
export function warningDetail(random: Random): { readonly [key: string]: unknown } {
  return random.pick([
    { warningCode: '230001', warningMessage: 'Input audio has more channels than it uses.' },
    { warningCode: '230005', warningMessage: 'Black video was detected at the start.' },
    { warningCode: '000000', warningMessage: 'Example warning message' },
  ]);
}

/**
 * The detail of a QUEUE_HOP event, from `from` to `to`.
 *
 * @example
 * ```ts
 * makeEvent(random, job, 'QUEUE_HOP', at, hopDetail(QUEUES[1]), QUEUES[0]);
 * ```
 */
export function hopDetail(from: string): { readonly [key: string]: unknown } {
  return { previousQueue: from, priority: 0, previousPriority: 10 };
}

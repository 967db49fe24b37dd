/**
 * The values generated histories draw from: accounts, regions, queues,
 * warnings and errors in the service's style.
 *
 * @internal
 */

export const ACCOUNTS = ['111122223333', '444455556666'] as const;

export const REGIONS = ['us-west-2', 'us-east-1', 'eu-west-1', 'ap-northeast-2'] as const;

export const QUEUE_NAMES = ['Default', 'Priority', 'Backlog', 'Alternate'] as const;

export const STATUS_UPDATE_INTERVALS = [10, 12, 15, 20, 30, 60, 120, 180, 240, 300, 600] as const;

export const METADATA_KEYS = ['assetId', 'tenant', 'env', 'workflow'] as const;

export const METADATA_VALUES: Readonly<Record<(typeof METADATA_KEYS)[number], readonly string[]>> = {
  assetId: ['asset-0042', 'asset-7f3a', 'asset-b2c3', 'asset-1001'],
  tenant: ['acme', 'globex', 'initech'],
  env: ['prod', 'staging', 'dev'],
  workflow: ['vod-hls', 'mezzanine', 'thumbnails'],
};

export const INPUT_NAMES = [
  'lecture-07.mov',
  'trailer.mp4',
  'match-highlights.mxf',
  'interview.mp4',
] as const;

/** Warnings the service raises while a job runs, by six-digit code. */
export const WARNINGS: Readonly<Record<string, string>> = {
  '230001': 'Input color space metadata is missing; BT.709 was assumed.',
  '230002': 'Audio and video durations differ; the shorter track was padded.',
  '230004': 'Your input is missing information in its media header atom.',
  '230005': 'An input caption track could not be read and was skipped.',
};

export const WARNING_CODES = Object.keys(WARNINGS);

/** How an error arises, which decides what the job got to do before it. */
export interface ErrorKind {
  readonly code: number;
  /** The input could not be opened: no input information, no progress past probing. */
  readonly atOpen: boolean;
  /** The message, from the input and output locations; `null` for none at all. */
  readonly message: (input: string, output: string) => string | null;
}

/** Error codes: 1xxx job, input or settings problems; 3xxx access problems; 1999 unknown. */
export const ERRORS: readonly ErrorKind[] = [
  {
    code: 1010,
    atOpen: true,
    message: (input) => `Unable to open input file [${input}]: [Failed probe/open: [No parser found for the container]]`,
  },
  {
    code: 1030,
    atOpen: false,
    message: (input) => `Demuxer: [ReadPacketData failed: unexpected end of data in [${input}]]`,
  },
  {
    code: 1040,
    atOpen: false,
    message: (input) => `Decoder: [Video decode failed at frame 1442 of input [${input}]]`,
  },
  {
    code: 1041,
    atOpen: true,
    message: () => 'Job settings are not compatible with accelerated transcoding: [input clipping]',
  },
  {
    code: 1401,
    atOpen: false,
    message: (_input, output) => `Unable to write to output file [${output}]: [Failed to write data: Access Denied]`,
  },
  {
    code: 1434,
    atOpen: true,
    message: (input) =>
      `Unable to open input file [${input}]: [Failed probe/open: [Failed to read data: AssumeRole failed]]`,
  },
  {
    code: 3450,
    atOpen: true,
    message: (input) => `3450: HTTP request for input [${input}] failed: [404 Not Found]`,
  },
  { code: 1999, atOpen: false, message: () => null },
];

export const BUCKET = 'DOC-EXAMPLE-BUCKET';

/** A queue ARN. */
export function queueArn(region: string, account: string, name: string): string {
  return `arn:aws:mediaconvert:${region}:${account}:queues/${name}`;
}

/** A job ARN. */
export function jobArn(region: string, account: string, jobId: string): string {
  return `arn:aws:mediaconvert:${region}:${account}:jobs/${jobId}`;
}

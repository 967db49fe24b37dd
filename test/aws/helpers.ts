/**
 * Shared pieces of the tests of `mediaconvert-job-tracker/aws`: an emulator
 * on a manual clock, a real SDK client for it, job requests, and a sleep
 * that moves the emulator's clock instead of waiting.
 */
import {
  CreateJobCommand,
  MediaConvertClient,
  type ContainerType,
  type CreateJobCommandInput,
  type MediaConvertClientConfig,
} from '@aws-sdk/client-mediaconvert';
import {
  startMediaConvertEmulator,
  type EmulatorOptions,
  type MediaConvertEmulator,
} from '../../src/testing/index.js';
import type { Sleep } from '../../src/aws/index.js';

/** 2024-01-01T00:00:00Z: a fixed start so that runs are reproducible. */
export const START = Date.UTC(2024, 0, 1);

export const ROLE = 'arn:aws:iam::111122223333:role/MediaConvertRole';

/** An emulator on a manual clock at {@link START}. */
export function startEmulator(options: EmulatorOptions = {}): Promise<MediaConvertEmulator> {
  return startMediaConvertEmulator({ clock: 'manual', startTime: START, seed: 1, ...options });
}

/** A real SDK client for the emulator, with dummy credentials, in us-west-2. */
export function clientFor(
  emulator: MediaConvertEmulator,
  config: Partial<MediaConvertClientConfig> = {},
): MediaConvertClient {
  return new MediaConvertClient({
    endpoint: emulator.endpoint,
    region: 'us-west-2',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    ...config,
  });
}

function rendition(NameModifier: string, Width: number, Height: number, Container: ContainerType) {
  return { NameModifier, VideoDescription: { Width, Height }, ContainerSettings: { Container } };
}

/** A request with one HLS group (two renditions) and one MP4 file group. */
export function jobRequest(overrides: Partial<CreateJobCommandInput> = {}): CreateJobCommandInput {
  return {
    Role: ROLE,
    Settings: {
      Inputs: [{ FileInput: 's3://DOC-EXAMPLE-BUCKET/in/lecture-07.mov' }],
      OutputGroups: [
        {
          Name: 'Apple HLS',
          OutputGroupSettings: {
            Type: 'HLS_GROUP_SETTINGS',
            HlsGroupSettings: { Destination: 's3://DOC-EXAMPLE-BUCKET/hls/', SegmentLength: 6 },
          },
          Outputs: [rendition('_720p', 1280, 720, 'M3U8'), rendition('_1080p', 1920, 1080, 'M3U8')],
        },
        {
          Name: 'File Group',
          OutputGroupSettings: {
            Type: 'FILE_GROUP_SETTINGS',
            FileGroupSettings: { Destination: 's3://DOC-EXAMPLE-BUCKET/mp4/' },
          },
          Outputs: [rendition('_web', 1280, 720, 'MP4')],
        },
      ],
    },
    ...overrides,
  };
}

/** Submits a job through the SDK; returns its id. */
export async function submit(
  client: MediaConvertClient,
  overrides: Partial<CreateJobCommandInput> = {},
): Promise<string> {
  const { Job } = await client.send(new CreateJobCommand(jobRequest(overrides)));
  if (Job?.Id === undefined) throw new Error('CreateJob returned no job id.');
  return Job.Id;
}

/** A sleep that advances the emulator's clock by the time asked, and remembers each request. */
export function emulatorSleep(emulator: MediaConvertEmulator): Sleep & { readonly requests: number[] } {
  const requests: number[] = [];
  const sleep = async (ms: number): Promise<void> => {
    requests.push(ms);
    emulator.advance(ms);
  };
  return Object.assign(sleep, { requests });
}

/** A clock and a sleep on virtual time that never moves the emulator. */
export function virtualTime(start = START): { clock: () => number; sleep: Sleep; readonly slept: () => number } {
  let now = start;
  let slept = 0;
  return {
    clock: () => now,
    sleep: async (ms) => {
      now += ms;
      slept += ms;
    },
    slept: () => slept,
  };
}

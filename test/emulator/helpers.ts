/**
 * Shared pieces of the emulator tests: an SDK client pointed at an emulator
 * and a typical job request.
 */
import {
  MediaConvertClient,
  type CreateJobCommandInput,
  type MediaConvertClientConfig,
} from '@aws-sdk/client-mediaconvert';
import type { MediaConvertEmulator } from '../../src/testing/index.js';

/** 2024-01-01T00:00:00Z: a fixed start so that runs are reproducible. */
export const START = Date.UTC(2024, 0, 1);

export const ROLE = 'arn:aws:iam::111122223333:role/MediaConvertRole';

/** A real SDK client for the emulator, with dummy credentials. */
export function clientFor(
  emulator: MediaConvertEmulator,
  config: Partial<MediaConvertClientConfig> = {},
): MediaConvertClient {
  return new MediaConvertClient({
    endpoint: emulator.endpoint,
    region: emulator.region,
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    ...config,
  });
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
            HlsGroupSettings: { Destination: 's3://DOC-EXAMPLE-BUCKET/hls/', SegmentLength: 6, MinSegmentLength: 0 },
          },
          Outputs: [
            { NameModifier: '_720p', VideoDescription: { Width: 1280, Height: 720 }, ContainerSettings: { Container: 'M3U8' } },
            { NameModifier: '_1080p', VideoDescription: { Width: 1920, Height: 1080 }, ContainerSettings: { Container: 'M3U8' } },
          ],
        },
        {
          Name: 'File Group',
          OutputGroupSettings: {
            Type: 'FILE_GROUP_SETTINGS',
            FileGroupSettings: { Destination: 's3://DOC-EXAMPLE-BUCKET/mp4/' },
          },
          Outputs: [
            { NameModifier: '_web', VideoDescription: { Width: 1280, Height: 720 }, ContainerSettings: { Container: 'MP4' } },
          ],
        },
      ],
    },
    ...overrides,
  };
}

/** The sorted keys of an object, for comparing shapes. */
export function keysOf(value: unknown): string[] {
  return typeof value === 'object' && value !== null ? Object.keys(value).sort() : [];
}

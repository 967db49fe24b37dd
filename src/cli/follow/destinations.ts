/**
 * Where each output group of a job writes, from the job's own settings: the
 * API lists no output file names, so this is what `watch` can show.
 */
import type { Job } from '@aws-sdk/client-mediaconvert';

/**
 * The `Destination` of each output group, by index, or `null` where the
 * settings name none (a job template, an unknown group type).
 *
 * @example
 * ```ts
 * outputDestinations(job); // ['s3://bucket/hls/', 's3://bucket/mp4/']
 * ```
 */
export function outputDestinations(job: Job | undefined): (string | null)[] {
  return (job?.Settings?.OutputGroups ?? []).map((group) => {
    const settings = group.OutputGroupSettings;
    return (
      settings?.HlsGroupSettings?.Destination ??
      settings?.DashIsoGroupSettings?.Destination ??
      settings?.CmafGroupSettings?.Destination ??
      settings?.MsSmoothGroupSettings?.Destination ??
      settings?.FileGroupSettings?.Destination ??
      null
    );
  });
}

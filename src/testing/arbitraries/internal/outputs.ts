/**
 * What a finished job wrote, per output group type: the `outputGroupDetails`
 * of the `COMPLETE` event (paths by group type), the leaner
 * `OutputGroupDetails` of the API, and the job settings that name the types.
 *
 * @internal
 */
import type { JsonObject, JsonValue } from '../../../model/json.js';
import type { LifecycleApiJob } from '../lifecycle.js';
import { BUCKET } from './catalog.js';

export const GROUP_TYPES = [
  'FILE_GROUP',
  'HLS_GROUP',
  'DASH_ISO_GROUP',
  'CMAF_GROUP',
  'MS_SMOOTH_GROUP',
] as const;

export type GroupType = (typeof GROUP_TYPES)[number];

/** One output group to write. */
export interface GroupPlan {
  readonly type: GroupType;
  /** How many renditions, from the bottom of the ladder. */
  readonly renditions: number;
  /** For `FILE_GROUP`: a frame capture, which lists only its last image. */
  readonly frameCapture: boolean;
  /** For `CMAF_GROUP`: whether the `.m3u8` is listed before the `.mpd`. */
  readonly hlsFirst: boolean;
  /** Which naming scheme the quality statistics use. */
  readonly qualityNames: 'qvbr' | 'score';
}

const LADDER = [
  [480, 270],
  [640, 360],
  [1280, 720],
  [1920, 1080],
  [3840, 2160],
] as const;

const GROUP_NAMES: Record<GroupType, string> = {
  FILE_GROUP: 'File Group',
  HLS_GROUP: 'Apple HLS',
  DASH_ISO_GROUP: 'DASH ISO',
  CMAF_GROUP: 'CMAF',
  MS_SMOOTH_GROUP: 'MS Smooth',
};

const FOLDERS: Record<GroupType, string> = {
  FILE_GROUP: 'mp4',
  HLS_GROUP: 'hls',
  DASH_ISO_GROUP: 'dash',
  CMAF_GROUP: 'cmaf',
  MS_SMOOTH_GROUP: 'mss',
};

/** What the job's outputs look like to each source. */
export interface WrittenOutputs {
  readonly event: readonly JsonObject[];
  readonly api: NonNullable<LifecycleApiJob['OutputGroupDetails']>;
  readonly settings: LifecycleApiJob['Settings']['OutputGroups'];
}

/** The number frame capture gives its last image: one image every ten seconds. */
function frameNumber(durationMs: number): string {
  return String(Math.floor(durationMs / 10_000)).padStart(7, '0');
}

function quality(plan: GroupPlan, height: number, durationMs: number): JsonObject {
  const avg = Math.round((6 + Math.min(height, 1080) / 360) * 100) / 100;
  const min = Math.floor(avg) - 1;
  const max = Math.min(10, Math.ceil(avg) + 1);
  const minAt = Math.floor(durationMs * 0.61);
  const maxAt = Math.floor(durationMs * 0.07);
  return plan.qualityNames === 'qvbr'
    ? {
        qvbrAvgQuality: avg,
        qvbrMinQuality: min,
        qvbrMaxQuality: max,
        qvbrMinQualityLocation: minAt,
        qvbrMaxQualityLocation: maxAt,
      }
    : {
        averageQVBRScore: avg,
        minQVBRScore: min,
        maxQVBRScore: max,
        minQVBRScoreLocation: minAt,
        maxQVBRScoreLocation: maxAt,
      };
}

function eventGroup(
  plan: GroupPlan,
  destination: string,
  base: string,
  durationMs: number,
  accelerated: boolean,
): JsonObject {
  const rungs = plan.type === 'FILE_GROUP' && plan.frameCapture ? 1 : plan.renditions;
  const outputDetails: JsonValue[] = [];
  for (let i = 0; i < rungs; i++) {
    const [width, height] = LADDER[Math.min(i, LADDER.length - 1)] ?? LADDER[0];
    // Accelerated transcoding may leave paths out and report sizes and durations as 0.
    const unknown = accelerated && i % 2 === 1;
    let paths: string[] = [];
    switch (plan.type) {
      case 'FILE_GROUP':
        paths = plan.frameCapture
          ? [`${destination}${base}_thumb.${frameNumber(durationMs)}.jpg`]
          : [`${destination}${base}_${height}p.mp4`];
        break;
      case 'HLS_GROUP':
        paths = [`${destination}${base}_${height}p.m3u8`];
        break;
      case 'MS_SMOOTH_GROUP':
        paths = [`${destination}${base}_${height}p.ismv`];
        break;
      default:
        paths = [];
    }
    const detail: Record<string, JsonValue> = {};
    if (paths.length > 0 && !unknown) detail['outputFilePaths'] = paths;
    detail['durationInMs'] = unknown ? 0 : durationMs;
    detail['videoDetails'] =
      plan.type === 'FILE_GROUP' && plan.frameCapture
        ? { widthInPx: width, heightInPx: height }
        : {
            widthInPx: unknown ? 0 : width,
            heightInPx: unknown ? 0 : height,
            averageBitrate: unknown ? 0 : Math.round(height * height * 1.3),
            ...quality(plan, height, durationMs),
          };
    outputDetails.push(detail);
  }
  const group: Record<string, JsonValue> = { outputDetails };
  switch (plan.type) {
    case 'HLS_GROUP':
      group['playlistFilePaths'] = [`${destination}${base}.m3u8`];
      break;
    case 'DASH_ISO_GROUP':
      group['playlistFilePaths'] = [`${destination}${base}.mpd`];
      break;
    case 'CMAF_GROUP': {
      const mpd = `${destination}${base}.mpd`;
      const m3u8 = `${destination}${base}.m3u8`;
      group['playlistFilePaths'] = plan.hlsFirst ? [m3u8, mpd] : [mpd, m3u8];
      break;
    }
    case 'MS_SMOOTH_GROUP':
      group['playlistFilePaths'] = [`${destination}${base}.ism`];
      break;
    default:
      break;
  }
  group['type'] = plan.type;
  return group;
}

/** Builds the outputs of a job from its group plans. */
export function writeOutputs(
  plans: readonly GroupPlan[],
  prefix: string,
  base: string,
  durationMs: number,
  accelerated: boolean,
): WrittenOutputs {
  const event: JsonObject[] = [];
  const api: WrittenOutputs['api'][number][] = [];
  const settings: WrittenOutputs['settings'][number][] = [];
  plans.forEach((plan, index) => {
    const folder = `${FOLDERS[plan.type]}${index === 0 ? '' : `-${index}`}`;
    const destination = `s3://${BUCKET}/${prefix}/${folder}/`;
    const group = eventGroup(plan, destination, base, durationMs, accelerated);
    event.push(group);
    const details = group['outputDetails'];
    const outputs = Array.isArray(details) ? (details as readonly JsonObject[]) : [];
    api.push({
      OutputDetails: outputs.map((output) => {
        const video = output['videoDetails'] as JsonObject | undefined;
        const width = video?.['widthInPx'];
        const height = video?.['heightInPx'];
        const duration = output['durationInMs'];
        return {
          DurationInMs: typeof duration === 'number' ? duration : 0,
          ...(typeof width === 'number' && typeof height === 'number'
            ? { VideoDetails: { WidthInPx: width, HeightInPx: height } }
            : {}),
        };
      }),
    });
    settings.push({
      Name: GROUP_NAMES[plan.type],
      OutputGroupSettings: { Type: `${plan.type}_SETTINGS` as const },
    });
  });
  return { event, api, settings };
}

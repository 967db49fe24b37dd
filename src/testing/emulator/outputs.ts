/**
 * What a finished job wrote, derived from its `Settings.OutputGroups`: the
 * `outputGroupDetails` of the COMPLETE event (paths by group type) and the
 * leaner `OutputGroupDetails` of the API.
 */
import type { JsonObject, JsonValue } from '../../model/json.js';
import type { InputFacts } from './plan.js';
import type { Random } from './random.js';

type Obj = { readonly [key: string]: JsonValue };

function isObj(value: JsonValue | undefined): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function obj(value: JsonValue | undefined): Obj {
  return isObj(value) ? value : {};
}

function list(value: JsonValue | undefined): readonly JsonValue[] {
  return Array.isArray(value) ? value : [];
}

function str(value: JsonValue | undefined): string | null {
  return typeof value === 'string' ? value : null;
}

function num(value: JsonValue | undefined): number | null {
  return typeof value === 'number' ? value : null;
}

/** `FILE_GROUP_SETTINGS` -> `FILE_GROUP`, and the key of its settings object. */
const GROUP_TYPES: { readonly [type: string]: { readonly event: string; readonly key: string } } = {
  FILE_GROUP_SETTINGS: { event: 'FILE_GROUP', key: 'FileGroupSettings' },
  HLS_GROUP_SETTINGS: { event: 'HLS_GROUP', key: 'HlsGroupSettings' },
  DASH_ISO_GROUP_SETTINGS: { event: 'DASH_ISO_GROUP', key: 'DashIsoGroupSettings' },
  CMAF_GROUP_SETTINGS: { event: 'CMAF_GROUP', key: 'CmafGroupSettings' },
  MS_SMOOTH_GROUP_SETTINGS: { event: 'MS_SMOOTH_GROUP', key: 'MsSmoothGroupSettings' },
};

const CONTAINER_EXTENSIONS: { readonly [container: string]: string } = {
  MP4: 'mp4',
  MOV: 'mov',
  MXF: 'mxf',
  M2TS: 'm2ts',
  WEBM: 'webm',
  OGG: 'ogg',
  GIF: 'gif',
  F4V: 'f4v',
  Y4M: 'y4m',
  CMFC: 'mp4',
  MPD: 'mp4',
  M3U8: 'ts',
  ISMV: 'ismv',
};

/** The `fourCC` the service reports per video codec. */
const FOUR_CC: { readonly [codec: string]: string } = { H_264: 'avc1', HEVC: 'hvc1' };

/** The first input's file name without folder or extension. */
function inputBaseName(settings: JsonObject): string {
  const first = obj(list(settings['Inputs'])[0]);
  const uri = str(first['FileInput']) ?? 'input.mp4';
  const name = uri.slice(uri.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name || 'output';
}

function destinationBase(destination: string | null, settings: JsonObject): string {
  const folder = destination ?? 's3://DOC-EXAMPLE-BUCKET/output/';
  return folder.endsWith('/') ? `${folder}${inputBaseName(settings)}` : folder;
}

function videoDetails(output: Obj, input: InputFacts, random: Random): JsonObject | null {
  const video = output['VideoDescription'];
  if (video === undefined) return null;
  const description = obj(video);
  const width = num(description['Width']);
  const height = num(description['Height']);
  const aspect = input.width / input.height;
  const w = width ?? (height === null ? input.width : Math.round(height * aspect));
  const h = height ?? (width === null ? input.height : Math.round(width / aspect));
  const avg = Math.round(random.float(5.5, 9.8) * 100) / 100;
  return {
    widthInPx: w,
    heightInPx: h,
    averageBitrate: Math.round(w * h * input.frameRate * random.float(0.04, 0.09)),
    qvbrAvgQuality: avg,
    qvbrMinQuality: Math.max(1, Math.floor(avg) - random.int(1, 2)),
    qvbrMaxQuality: Math.min(10, Math.ceil(avg) + random.int(0, 1)),
    qvbrMinQualityLocation: random.int(0, input.durationMs),
    qvbrMaxQualityLocation: random.int(0, input.durationMs),
  };
}

function isFrameCapture(output: Obj): boolean {
  const codec = obj(obj(output['VideoDescription'])['CodecSettings'])['Codec'];
  return codec === 'FRAME_CAPTURE';
}

function filePath(base: string, output: Obj, input: InputFacts): string {
  const modifier = str(output['NameModifier']) ?? '';
  if (isFrameCapture(output)) {
    const last = Math.max(0, Math.floor(input.durationMs / 1000) - 1);
    return `${base}${modifier}.${String(last).padStart(7, '0')}.jpg`;
  }
  const container = str(obj(output['ContainerSettings'])['Container']) ?? 'MP4';
  const extension = str(output['Extension']) ?? CONTAINER_EXTENSIONS[container] ?? 'mp4';
  return `${base}${modifier}.${extension}`;
}

/**
 * The COMPLETE event's `outputGroupDetails`, one entry per output group in
 * `settings` (PascalCase), with paths laid out as the service does for each
 * group type. Unknown group types pass through without paths.
 *
 * @example
 * ```ts
 * eventOutputGroups(job.request.settings, job.plan.input, random)[0]?.type; // 'HLS_GROUP'
 * ```
 */
export function eventOutputGroups(
  settings: JsonObject,
  input: InputFacts,
  random: Random,
): JsonObject[] {
  const groups: JsonObject[] = [];
  for (const group of list(settings['OutputGroups'])) {
    const groupObj = obj(group);
    const groupSettings = obj(groupObj['OutputGroupSettings']);
    const rawType = str(groupSettings['Type']) ?? 'FILE_GROUP_SETTINGS';
    const known = GROUP_TYPES[rawType];
    const type = known?.event ?? rawType.replace(/_SETTINGS$/, '');
    const typeSettings = known === undefined ? {} : obj(groupSettings[known.key]);
    const base = destinationBase(str(typeSettings['Destination']), settings);
    const outputs = list(groupObj['Outputs']).map(obj);
    const outputDetails = outputs.map((output) => {
      const modifier = str(output['NameModifier']) ?? '';
      const paths: string[] = [];
      if (type === 'FILE_GROUP') paths.push(filePath(base, output, input));
      if (type === 'HLS_GROUP') paths.push(`${base}${modifier}.m3u8`);
      if (type === 'MS_SMOOTH_GROUP') paths.push(`${base}${modifier}.ismv`);
      const detail: { [key: string]: JsonValue } = {};
      if (paths.length > 0) detail['outputFilePaths'] = paths;
      detail['durationInMs'] = input.durationMs;
      const video = videoDetails(output, input, random);
      if (video !== null) detail['videoDetails'] = video;
      return detail;
    });
    const entry: { [key: string]: JsonValue } = { outputDetails };
    if (type === 'HLS_GROUP') entry['playlistFilePaths'] = [`${base}.m3u8`];
    if (type === 'DASH_ISO_GROUP') entry['playlistFilePaths'] = [`${base}.mpd`];
    if (type === 'MS_SMOOTH_GROUP') entry['playlistFilePaths'] = [`${base}.ism`];
    if (type === 'CMAF_GROUP') {
      // The service lists both manifests in no promised order; readers must pick by extension.
      entry['playlistFilePaths'] = random.chance(0.5)
        ? [`${base}.mpd`, `${base}.m3u8`]
        : [`${base}.m3u8`, `${base}.mpd`];
    }
    entry['type'] = type;
    groups.push(entry);
  }
  return groups;
}

/**
 * The API's `outputGroupDetails` (wire form): the API model keeps only each
 * output's duration and frame size.
 *
 * @example
 * ```ts
 * apiOutputGroups(eventOutputGroups(settings, input, random));
 * // [{ outputDetails: [{ durationInMs: 30041,
 * //   videoDetails: { widthInPx: 1920, heightInPx: 1080 } }] }]
 * ```
 */
export function apiOutputGroups(groups: readonly JsonObject[]): JsonObject[] {
  return groups.map((group) => ({
    outputDetails: list(group['outputDetails']).map((item) => {
      const detail = obj(item);
      const out: { [key: string]: JsonValue } = {};
      const duration = num(detail['durationInMs']);
      if (duration !== null) out['durationInMs'] = duration;
      const video = obj(detail['videoDetails']);
      const width = num(video['widthInPx']);
      const height = num(video['heightInPx']);
      if (width !== null && height !== null) {
        out['videoDetails'] = { widthInPx: width, heightInPx: height };
      }
      return out;
    }),
  }));
}

/**
 * The `inputDetails` of an `INPUT_INFORMATION` event: one entry per input.
 *
 * @example
 * ```ts
 * inputDetails(job.request.settings, job.plan.input)[0]?.uri;
 * ```
 */
export function inputDetails(settings: JsonObject, input: InputFacts): JsonObject[] {
  const inputs = list(settings['Inputs']).map(obj);
  const uris =
    inputs.length === 0
      ? ['s3://DOC-EXAMPLE-BUCKET/input.mp4']
      : inputs.map((i) => str(i['FileInput']) ?? '');
  return uris.map((uri, i) => ({
    id: i + 1,
    uri,
    audio: [
      {
        channels: input.channels,
        codec: input.audioCodec,
        language: 'UND',
        sampleRate: input.sampleRate,
        streamId: 2,
      },
    ],
    video: [
      {
        bitDepth: input.bitDepth,
        codec: input.videoCodec,
        colorFormat: input.colorFormat,
        fourCC: FOUR_CC[input.videoCodec] ?? 'apch',
        frameRate: input.frameRate,
        height: input.height,
        interlaceMode: 'PROGRESSIVE',
        sar: '1:1',
        standard: 'UNSPECIFIED',
        streamId: 1,
        width: input.width,
      },
    ],
  }));
}

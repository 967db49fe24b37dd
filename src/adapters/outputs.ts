import { isObject, join } from '../internal/fields.js';
import type { JsonObject } from '../model/json.js';
import type { OutputFile, OutputGroup, OutputVideoDetails } from '../model/job-state.js';
import type { ParseContext } from './internal/context.js';
import { toJsonObjectList } from './internal/json.js';
import { wrongType } from './internal/guard.js';
import { readOptionalNumber, readOptionalString, readStringList } from './internal/read.js';

/**
 * The `type` given to an output group whose type no source names (an API
 * job without `Settings`, or a group the settings do not list).
 *
 * @example
 * ```ts
 * const known = state.outputs.filter((g) => g.type !== UNKNOWN_OUTPUT_GROUP_TYPE);
 * ```
 */
export const UNKNOWN_OUTPUT_GROUP_TYPE = 'UNKNOWN';

/** Field names of output group details in one naming scheme. Internal. */
export interface OutputFieldNames {
  readonly type: string;
  readonly playlistFilePaths: string;
  readonly outputDetails: string;
  readonly outputFilePaths: string;
  readonly durationInMs: string;
  readonly videoDetails: string;
  readonly widthInPx: string;
  readonly heightInPx: string;
  readonly averageBitrate: string;
}

/** The lowerCamelCase names of events, the REST wire and CloudTrail. Internal. */
export const CAMEL_OUTPUT_NAMES: OutputFieldNames = {
  type: 'type',
  playlistFilePaths: 'playlistFilePaths',
  outputDetails: 'outputDetails',
  outputFilePaths: 'outputFilePaths',
  durationInMs: 'durationInMs',
  videoDetails: 'videoDetails',
  widthInPx: 'widthInPx',
  heightInPx: 'heightInPx',
  averageBitrate: 'averageBitrate',
};

/** The PascalCase names of the SDK and the CLI. Internal. */
export const PASCAL_OUTPUT_NAMES: OutputFieldNames = {
  type: 'Type',
  playlistFilePaths: 'PlaylistFilePaths',
  outputDetails: 'OutputDetails',
  outputFilePaths: 'OutputFilePaths',
  durationInMs: 'DurationInMs',
  videoDetails: 'VideoDetails',
  widthInPx: 'WidthInPx',
  heightInPx: 'HeightInPx',
  averageBitrate: 'AverageBitrate',
};

function pickByExtension(paths: readonly string[], extension: string): string | null {
  for (const path of paths) {
    if (path.toLowerCase().endsWith(extension)) return path;
  }
  return null;
}

const NON_NEGATIVE = { min: 0 } as const;

/** A size or duration: 0 means unknown (accelerated transcoding reports it). */
function positive(obj: JsonObject, key: string, path: string): number | null {
  const value = readOptionalNumber(obj, key, path, NON_NEGATIVE);
  return value === 0 ? null : value;
}

function videoDetails(
  raw: JsonObject,
  path: string,
  names: OutputFieldNames,
): OutputVideoDetails | null {
  const value = raw[names.videoDetails];
  if (value === undefined || value === null) return null;
  const at = join(path, names.videoDetails);
  if (!isObject(value)) throw wrongType(at, 'an object', value);
  const video = value as JsonObject;
  return {
    widthInPx: positive(video, names.widthInPx, at),
    heightInPx: positive(video, names.heightInPx, at),
    averageBitrate: positive(video, names.averageBitrate, at),
    raw: video,
  };
}

function outputFile(
  raw: JsonObject,
  path: string,
  ctx: ParseContext,
  names: OutputFieldNames,
): OutputFile {
  return {
    paths: readStringList(raw, names.outputFilePaths, path, ctx, true),
    durationMs: positive(raw, names.durationInMs, path),
    video: videoDetails(raw, path, names),
    raw,
  };
}

function outputGroup(
  raw: JsonObject,
  path: string,
  ctx: ParseContext,
  names: OutputFieldNames,
  knownType: string | null,
): OutputGroup {
  const type = readOptionalString(raw, names.type, path, ctx) ?? knownType;
  const playlistPaths = readStringList(raw, names.playlistFilePaths, path, ctx, true);
  const details = raw[names.outputDetails];
  const detailsPath = join(path, names.outputDetails);
  const outputs: OutputFile[] = [];
  if (details !== undefined && details !== null) {
    if (!Array.isArray(details)) throw wrongType(detailsPath, 'an array', details);
    const list: readonly unknown[] = details;
    for (let i = 0; i < list.length; i++) {
      const item = list[i];
      const at = join(detailsPath, i);
      if (!isObject(item)) throw wrongType(at, 'an object', item);
      outputs.push(outputFile(item as JsonObject, at, ctx, names));
    }
  }
  return {
    type: type === null || type === '' ? UNKNOWN_OUTPUT_GROUP_TYPE : type,
    playlistPaths,
    hlsManifest: pickByExtension(playlistPaths, '.m3u8'),
    dashManifest: pickByExtension(playlistPaths, '.mpd'),
    smoothManifest: pickByExtension(playlistPaths, '.ism'),
    outputs,
    raw,
  };
}

/**
 * Normalises a list of output group details (`outputGroupDetails` of a
 * `COMPLETE` event, `OutputGroupDetails` of an API job). Internal.
 *
 * @param level - How many objects and arrays enclose `value`.
 * @param types - For API jobs, the type of each group by index, from the
 *   job settings; a group's own `type` field wins.
 */
export function readOutputGroups(
  value: unknown,
  path: string,
  level: number,
  ctx: ParseContext,
  trusted: boolean,
  names: OutputFieldNames,
  types: readonly (string | null)[] = [],
): readonly OutputGroup[] {
  const raws = toJsonObjectList(value, path, level, ctx, trusted);
  const groups: OutputGroup[] = [];
  for (let i = 0; i < raws.length; i++) {
    const raw = raws[i] as JsonObject;
    groups.push(outputGroup(raw, join(path, i), ctx, names, types[i] ?? null));
  }
  return groups;
}

/**
 * The API view: a MediaConvert `Job` in every form it travels (the SDK's
 * PascalCase objects with `Date`s, CLI output with epoch seconds or ISO
 * text, the REST wire's lowerCamelCase JSON, CloudTrail's copy of the
 * `CreateJob` response) normalised into `API_SNAPSHOT` inputs.
 *
 * @see https://docs.aws.amazon.com/mediaconvert/latest/apireference/jobs-id.html
 */
import { ErrorCode, JobInputError } from '../errors.js';
import { join, missing } from '../internal/fields.js';
import type { Fields } from '../internal/fields.js';
import type { ApiSnapshotInput } from '../model/input.js';
import type { JobErrorState, QueueHop } from '../model/job-state.js';
import type { ParseContext } from './internal/context.js';
import { resolveParseOptions } from './internal/context.js';
import {
  asInputError,
  expectObject,
  get,
  has,
  isArrayAt,
  item,
  wrongType,
} from './internal/guard.js';
import { skippedItem } from './internal/make.js';
import {
  listLength,
  where,
  readMessage,
  readOptionalNumber,
  readOptionalString,
  readString,
  readStringList,
  readStringMap,
} from './internal/read.js';
import {
  COUNT,
  INTEGER,
  PERCENT,
  readJobStatus,
  readPhase,
  unknownJobStatus,
} from './internal/status.js';
import { readTime, toEpochMs } from './internal/time.js';
import { SkipReason } from './items.js';
import type { SkippedItem } from './items.js';
import type { ParseOptions } from './options.js';
import { CAMEL_OUTPUT_NAMES, PASCAL_OUTPUT_NAMES, readOutputGroups } from './outputs.js';
import { readWarningCounts } from './warnings.js';

/**
 * A time as the API's forms carry it: a `Date` (SDK), epoch seconds (REST
 * wire, CLI), epoch milliseconds or digits of them (CloudTrail), or ISO 8601
 * text with an offset (CLI).
 *
 * @example
 * ```ts
 * const t: ApiTime = '2024-12-03T16:00:04.123000+01:00';
 * ```
 */
export type ApiTime = Date | number | string;

/** Optional, as the SDK declares every field (`X?: T | undefined`). */
type Maybe<T> = T | undefined;

/** The parts of an API job, in PascalCase. */
interface ApiJobParts {
  readonly messages: {
    readonly Info?: Maybe<readonly string[]>;
    readonly Warning?: Maybe<readonly string[]>;
  };
  readonly warning: { readonly Code?: Maybe<number | string>; readonly Count?: Maybe<number> };
  readonly transition: {
    readonly SourceQueue?: Maybe<string>;
    readonly DestinationQueue?: Maybe<string>;
    readonly Timestamp?: Maybe<ApiTime>;
  };
  readonly video: { readonly WidthInPx?: Maybe<number>; readonly HeightInPx?: Maybe<number> };
  readonly output: {
    readonly DurationInMs?: Maybe<number>;
    readonly VideoDetails?: Maybe<ApiJobParts['video']>;
  };
  readonly group: { readonly OutputDetails?: Maybe<readonly ApiJobParts['output'][]> };
  readonly timing: {
    readonly SubmitTime?: Maybe<ApiTime>;
    readonly StartTime?: Maybe<ApiTime>;
    readonly FinishTime?: Maybe<ApiTime>;
  };
  readonly settings: {
    readonly OutputGroups?: Maybe<
      readonly { readonly OutputGroupSettings?: Maybe<{ readonly Type?: Maybe<string> }> }[]
    >;
  };
}

/**
 * The fields of a job the adapter reads, in the SDK's and CLI's PascalCase.
 * The SDK's `Job` type is assignable to it; no AWS SDK type is imported.
 *
 * @example
 * ```ts
 * const { Job } = await client.send(new GetJobCommand({ Id }));
 * if (Job) tracker.ingest(parseApiJob(Job, { observedAt: Date.now() }));
 * ```
 */
export interface ApiJob {
  readonly Id?: Maybe<string>;
  readonly Arn?: Maybe<string>;
  readonly Status?: Maybe<string>;
  readonly CurrentPhase?: Maybe<string>;
  readonly JobPercentComplete?: Maybe<number>;
  readonly RetryCount?: Maybe<number>;
  readonly ErrorCode?: Maybe<number>;
  readonly ErrorMessage?: Maybe<string>;
  readonly Messages?: Maybe<ApiJobParts['messages']>;
  readonly Warnings?: Maybe<readonly ApiJobParts['warning'][]>;
  readonly Queue?: Maybe<string>;
  readonly Priority?: Maybe<number>;
  readonly QueueTransitions?: Maybe<readonly ApiJobParts['transition'][]>;
  readonly OutputGroupDetails?: Maybe<readonly ApiJobParts['group'][]>;
  readonly UserMetadata?: Maybe<{ readonly [key: string]: string }>;
  readonly CreatedAt?: Maybe<ApiTime>;
  readonly Timing?: Maybe<ApiJobParts['timing']>;
  readonly Settings?: Maybe<ApiJobParts['settings']>;
}

/** The parts of a wire job, in lowerCamelCase. */
interface ApiWireJobParts {
  readonly messages: {
    readonly info?: Maybe<readonly string[]>;
    readonly warning?: Maybe<readonly string[]>;
  };
  readonly warning: { readonly code?: Maybe<number | string>; readonly count?: Maybe<number> };
  readonly transition: {
    readonly sourceQueue?: Maybe<string>;
    readonly destinationQueue?: Maybe<string>;
    readonly timestamp?: Maybe<ApiTime>;
  };
  readonly video: { readonly widthInPx?: Maybe<number>; readonly heightInPx?: Maybe<number> };
  readonly output: {
    readonly durationInMs?: Maybe<number>;
    readonly videoDetails?: Maybe<ApiWireJobParts['video']>;
  };
  readonly group: { readonly outputDetails?: Maybe<readonly ApiWireJobParts['output'][]> };
  readonly timing: {
    readonly submitTime?: Maybe<ApiTime>;
    readonly startTime?: Maybe<ApiTime>;
    readonly finishTime?: Maybe<ApiTime>;
  };
  readonly settings: {
    readonly outputGroups?: Maybe<
      readonly { readonly outputGroupSettings?: Maybe<{ readonly type?: Maybe<string> }> }[]
    >;
  };
}

/**
 * The same job as the REST API sends it on the wire and CloudTrail records
 * it: lowerCamelCase names, times as epoch seconds (CloudTrail: milliseconds).
 *
 * @example
 * ```ts
 * const { job } = JSON.parse(responseBody) as { job: ApiWireJob };
 * ```
 */
export interface ApiWireJob {
  readonly id?: Maybe<string>;
  readonly arn?: Maybe<string>;
  readonly status?: Maybe<string>;
  readonly currentPhase?: Maybe<string>;
  readonly jobPercentComplete?: Maybe<number>;
  readonly retryCount?: Maybe<number>;
  readonly errorCode?: Maybe<number>;
  readonly errorMessage?: Maybe<string>;
  readonly messages?: Maybe<ApiWireJobParts['messages']>;
  readonly warnings?: Maybe<readonly ApiWireJobParts['warning'][]>;
  readonly queue?: Maybe<string>;
  readonly priority?: Maybe<number>;
  readonly queueTransitions?: Maybe<readonly ApiWireJobParts['transition'][]>;
  readonly outputGroupDetails?: Maybe<readonly ApiWireJobParts['group'][]>;
  readonly userMetadata?: Maybe<{ readonly [key: string]: string }>;
  readonly createdAt?: Maybe<ApiTime>;
  readonly timing?: Maybe<ApiWireJobParts['timing']>;
  readonly settings?: Maybe<ApiWireJobParts['settings']>;
}

/**
 * Every API response shape {@link parseApiResponse} reads, typed: GetJob and
 * CreateJob (`{Job}`), ListJobs and SearchJobs (`{Jobs, NextToken}`),
 * GetJobsQueryResults (`{Jobs, Status}`), their wire forms, and a bare job.
 * The SDK's command outputs are assignable to it.
 *
 * @example
 * ```ts
 * const page: ApiResponse = await client.send(new ListJobsCommand({ Queue }));
 * ```
 */
export type ApiResponse =
  | ApiJob
  | ApiWireJob
  | { readonly Job?: ApiJob | undefined }
  | { readonly job?: ApiWireJob | undefined }
  | {
      readonly Jobs?: readonly ApiJob[] | undefined;
      readonly NextToken?: string | undefined;
      readonly Status?: string | undefined;
    }
  | {
      readonly jobs?: readonly ApiWireJob[] | undefined;
      readonly nextToken?: string | undefined;
      readonly status?: string | undefined;
    };

const CAMEL = {
  id: 'id',
  arn: 'arn',
  status: 'status',
  currentPhase: 'currentPhase',
  jobPercentComplete: 'jobPercentComplete',
  retryCount: 'retryCount',
  errorCode: 'errorCode',
  errorMessage: 'errorMessage',
  messages: 'messages',
  info: 'info',
  warning: 'warning',
  warnings: 'warnings',
  code: 'code',
  count: 'count',
  queue: 'queue',
  priority: 'priority',
  queueTransitions: 'queueTransitions',
  sourceQueue: 'sourceQueue',
  destinationQueue: 'destinationQueue',
  timestamp: 'timestamp',
  outputGroupDetails: 'outputGroupDetails',
  userMetadata: 'userMetadata',
  createdAt: 'createdAt',
  timing: 'timing',
  submitTime: 'submitTime',
  startTime: 'startTime',
  finishTime: 'finishTime',
  settings: 'settings',
  outputGroups: 'outputGroups',
  outputGroupSettings: 'outputGroupSettings',
  type: 'type',
} as const;

type JobFieldNames = { readonly [K in keyof typeof CAMEL]: string };

function toPascal(names: JobFieldNames): JobFieldNames {
  const out: Record<string, string> = {};
  for (const [key, name] of Object.entries(names)) {
    out[key] = name.charAt(0).toUpperCase() + name.slice(1);
  }
  return out as JobFieldNames;
}

const PASCAL = toPascal(CAMEL);

/** Whether `job` uses the SDK's and CLI's PascalCase names. */
function isPascal(job: Fields, path: string): boolean {
  return has(job, 'Id', path) || has(job, 'Status', path) || has(job, 'Arn', path);
}

/** `HLS_GROUP_SETTINGS` (job settings) to `HLS_GROUP` (output details, events). */
function groupTypeFromSettings(type: string): string {
  return type.endsWith('_SETTINGS') ? type.slice(0, -'_SETTINGS'.length) : type;
}

function isPlainRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The type of each of the first `count` output groups, from the job
 * settings. Read leniently: settings are the caller's own submission, and a
 * shape this version does not expect, or a value that cannot be read, only
 * costs the groups their type.
 */
function settingsGroupTypes(
  job: Fields,
  n: JobFieldNames,
  count: number,
): readonly (string | null)[] {
  const types: (string | null)[] = [];
  try {
    const settings = job[n.settings];
    if (!isPlainRecord(settings)) return types;
    const groups: unknown = settings[n.outputGroups];
    if (!Array.isArray(groups)) return types;
    const list: readonly unknown[] = groups;
    const length = Math.min(list.length, count);
    for (let i = 0; i < length; i++) {
      const group = list[i];
      const groupSettings = isPlainRecord(group) ? group[n.outputGroupSettings] : undefined;
      const type = isPlainRecord(groupSettings) ? groupSettings[n.type] : undefined;
      types.push(typeof type === 'string' ? groupTypeFromSettings(type) : null);
    }
    return types;
  } catch {
    return types;
  }
}

function readHops(
  job: Fields,
  path: string,
  ctx: ParseContext,
  n: JobFieldNames,
): readonly QueueHop[] {
  const value = get(job, n.queueTransitions, path);
  if (value === undefined || value === null) return [];
  const at = join(path, n.queueTransitions);
  if (!isArrayAt(value, at)) throw wrongType(at, 'an array', value);
  const length = listLength(value, at, ctx);
  const hops: QueueHop[] = [];
  for (let i = 0; i < length; i++) {
    const hopPath = join(at, i);
    const hop = expectObject(item(value, i, at), hopPath);
    const when = get(hop, n.timestamp, hopPath);
    if (when === undefined || when === null) throw missing(join(hopPath, n.timestamp));
    hops.push({
      at: toEpochMs(when, join(hopPath, n.timestamp)),
      from: readOptionalString(hop, n.sourceQueue, hopPath, ctx),
      to: readString(hop, n.destinationQueue, hopPath, ctx),
      priority: null,
      previousPriority: null,
    });
  }
  // Oldest first, whatever order the response used; the sort is stable.
  return hops.sort((a, b) => a.at - b.at);
}

function readError(
  job: Fields,
  path: string,
  ctx: ParseContext,
  n: JobFieldNames,
): JobErrorState | null {
  const code = readOptionalNumber(job, n.errorCode, path, INTEGER);
  const message = readMessage(job, n.errorMessage, path, ctx);
  return code === null && message === null ? null : { code, message };
}

function readTiming(job: Fields, path: string, n: JobFieldNames): ApiSnapshotInput['timing'] {
  const value = get(job, n.timing, path);
  if (value === undefined || value === null) {
    return { submittedAt: null, startedAt: null, finishedAt: null };
  }
  const at = join(path, n.timing);
  const timing = expectObject(value, at);
  return {
    submittedAt: readTime(timing, n.submitTime, at),
    startedAt: readTime(timing, n.startTime, at),
    finishedAt: readTime(timing, n.finishTime, at),
  };
}

function newest(times: readonly (number | null)[]): number | null {
  let max: number | null = null;
  for (const t of times) if (t !== null && (max === null || t > max)) max = t;
  return max;
}

/**
 * What {@link fromApiJob} gives for a job whose `Status` this version does
 * not know: enough to skip it with a reason. Internal.
 */
export interface UnknownApiStatus {
  readonly type: 'UNKNOWN_STATUS';
  readonly status: string;
  /** Where the status is, e.g. `Jobs[2].Status`. */
  readonly statusPath: string;
  readonly jobId: string | null;
  readonly eventId: string | null;
}

/** `obj[key]` when it is a non-empty string, else `null`; never throws. */
function peekString(obj: Fields, key: string): string | null {
  try {
    const value = obj[key];
    return typeof value === 'string' && value !== '' ? value : null;
  } catch {
    return null;
  }
}

/**
 * The skipped item of a job whose `Status` this version does not know.
 * Internal.
 */
export function unknownApiStatus(
  result: UnknownApiStatus,
  path: string,
  messageId: string | null,
): SkippedItem {
  const status = JSON.stringify(result.status.slice(0, 64));
  return skippedItem(
    SkipReason.UNKNOWN_STATUS,
    `An API job with Status ${status}, which this version does not know.`,
    path,
    messageId,
    { jobId: result.jobId, eventId: result.eventId, timestamp: null },
  );
}

/**
 * Normalises one job, found at `path`, into an `API_SNAPSHOT`, or says that
 * its `Status` is one this version does not know (the service may add
 * statuses; such a job is skipped, like an event of an unknown status).
 * Internal.
 *
 * @param level - How many objects and arrays enclose `value`.
 * @param eventId - The EventBridge event id when the job came in a CloudTrail event.
 * @param fallbackTime - A time to date the snapshot by when neither
 *   `observedAt` nor any time of the job is known (CloudTrail's `eventTime`).
 */
export function fromApiJob(
  value: unknown,
  path: string,
  level: number,
  ctx: ParseContext,
  trusted: boolean,
  eventId: string | null,
  fallbackTime: number | null,
): ApiSnapshotInput | UnknownApiStatus {
  const job = expectObject(value, path);
  const n = isPascal(job, path) ? PASCAL : CAMEL;
  const status = readJobStatus(job, n.status, path);
  if (status === null) {
    const unknown = get(job, n.status, path);
    return {
      type: 'UNKNOWN_STATUS',
      status: typeof unknown === 'string' ? unknown : '',
      statusPath: join(path, n.status),
      jobId: peekString(job, n.id),
      eventId,
    };
  }
  const jobId = readString(job, n.id, path, ctx);
  const submittedQueue = readOptionalString(job, n.queue, path, ctx);
  const hops = readHops(job, path, ctx, n);

  const timing = readTiming(job, path, n);
  const createdAt = readTime(job, n.createdAt, path);
  const lastHop = hops.length > 0 ? hops[hops.length - 1] : undefined;
  const { finishedAt, startedAt, submittedAt } = timing;
  const timestamp =
    ctx.observedAt ??
    newest([finishedAt, startedAt, submittedAt, createdAt, lastHop?.at ?? null]) ??
    fallbackTime;
  if (timestamp === null) {
    const at = join(path, n.createdAt);
    throw new JobInputError(
      ErrorCode.MISSING_FIELD,
      `No time in the job at ${where(path)} says when it was observed: pass options.observedAt.`,
      { path: at, jobId },
    );
  }

  const messagesValue = get(job, n.messages, path);
  const messagesPath = join(path, n.messages);
  const messages = messagesValue === undefined || messagesValue === null
    ? null
    : expectObject(messagesValue, messagesPath);
  const groupsValue = get(job, n.outputGroupDetails, path);
  const groupsPath = join(path, n.outputGroupDetails);
  const groupCount = isArrayAt(groupsValue, groupsPath)
    ? Math.min(listLength(groupsValue, groupsPath, ctx), ctx.maxItems)
    : 0;

  return {
    type: 'API_SNAPSHOT',
    jobId,
    timestamp,
    eventId,
    queue: lastHop?.to ?? submittedQueue,
    userMetadata: readStringMap(job, n.userMetadata, path, ctx, trusted),
    arn: readOptionalString(job, n.arn, path, ctx),
    status,
    phase: readPhase(job, n.currentPhase, path),
    attempt: readOptionalNumber(job, n.retryCount, path, COUNT),
    jobPercent: readOptionalNumber(job, n.jobPercentComplete, path, PERCENT),
    submittedQueue,
    priority: readOptionalNumber(job, n.priority, path, INTEGER),
    hops,
    warnings: readWarningCounts(
      get(job, n.warnings, path),
      join(path, n.warnings),
      n.code,
      n.count,
      ctx,
      trusted,
    ),
    messages:
      messages === null ? [] : readStringList(messages, n.info, messagesPath, ctx, trusted),
    warningMessages:
      messages === null ? [] : readStringList(messages, n.warning, messagesPath, ctx, trusted),
    error: readError(job, path, ctx, n),
    outputs: readOutputGroups(
      groupsValue,
      groupsPath,
      level + 1,
      ctx,
      trusted,
      n === PASCAL ? PASCAL_OUTPUT_NAMES : CAMEL_OUTPUT_NAMES,
      groupCount === 0 ? [] : settingsGroupTypes(job, n, groupCount),
    ),
    timing,
  };
}

/**
 * Normalises one API job (SDK, CLI or wire form) into an `API_SNAPSHOT` input.
 *
 * `Queue` is the submission queue; the snapshot's `queue` is the queue the
 * job is in now (the last `QueueTransitions[].DestinationQueue`). A
 * `CurrentPhase` this version does not know gives `phase: null`, so a future
 * phase never costs the rest of the snapshot. A `Status` it does not know
 * (one the service may add) is refused here with `INVALID_VALUE`, since one
 * snapshot must be returned; {@link parseApiResponse} and `parseInputs`
 * skip such a job instead (`UNKNOWN_STATUS`). Each output group's `type` is
 * taken from `Settings.OutputGroups[i].OutputGroupSettings.Type`
 * (`HLS_GROUP_SETTINGS` becomes `HLS_GROUP`); the API lists no output paths.
 *
 * @throws JobInputError with a `code` and the `path` of the bad field;
 *   JobTrackerError `INVALID_OPTIONS` for bad options.
 * @example
 * ```ts
 * const { Job } = await client.send(new GetJobCommand({ Id: jobId }));
 * const snapshot = parseApiJob(Job!, { observedAt: Date.now() });
 * snapshot.status; // 'PROGRESSING'
 * ```
 */
export function parseApiJob(job: ApiJob | ApiWireJob, options?: ParseOptions): ApiSnapshotInput {
  const ctx = resolveParseOptions(options, 'api');
  let result: ApiSnapshotInput | UnknownApiStatus;
  try {
    result = fromApiJob(job, '', 0, ctx, false, null, null);
  } catch (error) {
    throw asInputError(error, '');
  }
  if (result.type === 'API_SNAPSHOT') return result;
  throw unknownJobStatus(result.status, result.statusPath);
}

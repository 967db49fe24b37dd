/**
 * EventBridge events from `aws.mediaconvert`: "MediaConvert Job State Change"
 * events become job inputs, CloudTrail records of `CreateJob` become
 * `API_SNAPSHOT` inputs, everything else is skipped with a reason.
 *
 * @see https://docs.aws.amazon.com/mediaconvert/latest/ug/mediaconvert_event_list.html
 */
import { join, missing } from '../internal/fields.js';
import type { Fields } from '../internal/fields.js';
import type { EventStatus, JobInput, StatusUpdateInput } from '../model/input.js';
import type { JsonObject, JsonValue } from '../model/json.js';
import type { InputDetails, PhaseProgress } from '../model/job-state.js';
import { fromApiJob, unknownApiStatus } from './api.js';
import type { ParseContext } from './internal/context.js';
import { checkKey, expectObject, get, isRecord, keysOf, wrongType } from './internal/guard.js';
import { asObjectList, toJson, toJsonObjectList } from './internal/json.js';
import { inputItem, skippedItem } from './internal/make.js';
import type { SkipFacts } from './internal/make.js';
import {
  checkCount,
  readMessage,
  readNumber,
  readOptionalNumber,
  readOptionalString,
  readString,
  readStringMap,
} from './internal/read.js';
import {
  COUNT,
  INTEGER,
  PERCENT,
  readPhase,
  readPhaseStatus,
  TIMESTAMP,
} from './internal/status.js';
import { toEpochMs } from './internal/time.js';
import { SkipReason } from './items.js';
import type { ParsedItem } from './items.js';
import { CAMEL_OUTPUT_NAMES, readOutputGroups } from './outputs.js';
import { normaliseWarningCode, readWarningCounts } from './warnings.js';

/**
 * The `source` of every MediaConvert event.
 *
 * @example
 * ```ts
 * const pattern = {
 *   source: [MEDIACONVERT_EVENT_SOURCE],
 *   'detail-type': [JOB_STATE_CHANGE_DETAIL_TYPE],
 * };
 * ```
 */
export const MEDIACONVERT_EVENT_SOURCE = 'aws.mediaconvert';

/**
 * The `detail-type` of job state change events.
 *
 * @example
 * ```ts
 * if (event['detail-type'] === JOB_STATE_CHANGE_DETAIL_TYPE) handle(event);
 * ```
 */
export const JOB_STATE_CHANGE_DETAIL_TYPE = 'MediaConvert Job State Change';

/**
 * The `detail-type` of the CloudTrail records EventBridge forwards.
 *
 * @example
 * ```ts
 * const pattern = { source: ['aws.mediaconvert'], 'detail-type': [CLOUDTRAIL_DETAIL_TYPE] };
 * ```
 */
export const CLOUDTRAIL_DETAIL_TYPE = 'AWS API Call via CloudTrail';

/**
 * The `detail` of a "MediaConvert Job State Change" event: the fields every
 * status carries, and the status-specific ones (`jobProgress`,
 * `outputGroupDetails`, `errorCode`, ...) as unknown values to be checked.
 *
 * @example
 * ```ts
 * const detail: MediaConvertJobStateChangeDetail = event.detail;
 * detail.jobId; // '1671477617078-2886ye'
 * ```
 */
export interface MediaConvertJobStateChangeDetail {
  /** When the state changed, epoch milliseconds: order events by this, never by `time`. */
  readonly timestamp: number;
  readonly accountId: string;
  readonly queue: string;
  readonly jobId: string;
  readonly status: string;
  readonly userMetadata: { readonly [key: string]: string };
  readonly [field: string]: unknown;
}

/**
 * A "MediaConvert Job State Change" event as EventBridge delivers it.
 *
 * @example
 * ```ts
 * export const handler = async (event: MediaConvertJobStateChangeEvent) => {
 *   const item = parseEvent(event);
 *   if (item.kind === 'input') await tracker.ingest(item.input);
 * };
 * ```
 * @see https://docs.aws.amazon.com/mediaconvert/latest/ug/ev_status_complete.html
 */
export interface MediaConvertJobStateChangeEvent {
  readonly version: string;
  /** A UUID per event; the same event delivered twice has the same `id`. */
  readonly id: string;
  readonly 'detail-type': typeof JOB_STATE_CHANGE_DETAIL_TYPE;
  readonly source: typeof MEDIACONVERT_EVENT_SOURCE;
  readonly account: string;
  /** Whole seconds only; use `detail.timestamp` instead. */
  readonly time: string;
  readonly region: string;
  /** The job ARN; sometimes malformed, so the job id is read from `detail.jobId`. */
  readonly resources: readonly string[];
  readonly detail: MediaConvertJobStateChangeDetail;
}

const NO_PHASES: StatusUpdateInput['phases'] = Object.freeze({
  PROBING: null,
  TRANSCODING: null,
  UPLOADING: null,
});

/** `detail` fields kept out of `completion` because inputs carry them already. */
function isSharedCompleteField(key: string): boolean {
  switch (key) {
    case 'timestamp':
    case 'accountId':
    case 'queue':
    case 'jobId':
    case 'status':
    case 'userMetadata':
    case 'outputGroupDetails':
    case 'warnings':
      return true;
    default:
      return false;
  }
}

function phaseProgress(value: unknown, path: string): PhaseProgress | null {
  if (value === undefined || value === null) return null;
  const phase = expectObject(value, path);
  const status = readPhaseStatus(phase, 'status', path);
  if (status === null) return null;
  return { status, percent: readOptionalNumber(phase, 'percentComplete', path, PERCENT) };
}

function phases(value: unknown, path: string): StatusUpdateInput['phases'] {
  if (value === undefined || value === null) return NO_PHASES;
  const all = expectObject(value, path);
  return {
    PROBING: phaseProgress(get(all, 'PROBING', path), join(path, 'PROBING')),
    TRANSCODING: phaseProgress(get(all, 'TRANSCODING', path), join(path, 'TRANSCODING')),
    UPLOADING: phaseProgress(get(all, 'UPLOADING', path), join(path, 'UPLOADING')),
  };
}

function inputDetails(
  detail: Fields,
  dpath: string,
  level: number,
  ctx: ParseContext,
  trusted: boolean,
): readonly InputDetails[] {
  const path = join(dpath, 'inputDetails');
  const raws = toJsonObjectList(get(detail, 'inputDetails', dpath), path, level, ctx, trusted);
  const inputs: InputDetails[] = [];
  for (let i = 0; i < raws.length; i++) {
    const raw = raws[i] as JsonObject;
    const at = join(path, i);
    inputs.push({
      id: readOptionalNumber(raw, 'id', at, INTEGER),
      uri: readOptionalString(raw, 'uri', at, ctx),
      video: asObjectList(raw.video, join(at, 'video')),
      audio: asObjectList(raw.audio, join(at, 'audio')),
      raw,
    });
  }
  return inputs;
}

function completion(
  detail: Fields,
  dpath: string,
  level: number,
  ctx: ParseContext,
  trusted: boolean,
): JsonObject {
  const out: Record<string, JsonValue> = {};
  const keys = keysOf(detail, dpath);
  if (!trusted) checkCount(keys.length, dpath, ctx, 'object');
  for (const key of keys) {
    if (isSharedCompleteField(key)) continue;
    checkKey(key, dpath);
    const value = trusted ? detail[key] : get(detail, key, dpath);
    if (value !== undefined) out[key] = toJson(value, join(dpath, key), level, ctx, trusted);
  }
  return out;
}

/** `obj[key]`, or `undefined` when reading it throws. */
function peek(obj: Fields, key: string): unknown {
  try {
    return obj[key];
  } catch {
    return undefined;
  }
}

/** A job state change of a status this version does not know. */
interface UnknownStatus extends SkipFacts {
  readonly status: string;
}

/**
 * Reads what a skipped event says of its job, never throwing: a field that
 * cannot be read or is not valid is `null`.
 */
function skipFacts(event: Fields, detail: Fields, status: string): UnknownStatus {
  const jobId = peek(detail, 'jobId');
  const timestamp = peek(detail, 'timestamp');
  const eventId = peek(event, 'id');
  return {
    status,
    jobId: typeof jobId === 'string' && jobId !== '' ? jobId : null,
    eventId: typeof eventId === 'string' ? eventId : null,
    timestamp:
      typeof timestamp === 'number' && Number.isInteger(timestamp) && timestamp >= 0
        ? timestamp
        : null,
  };
}

function jobStateChange(
  event: Fields,
  path: string,
  level: number,
  ctx: ParseContext,
  trusted: boolean,
): JobInput | UnknownStatus {
  const dpath = join(path, 'detail');
  const detail = expectObject(get(event, 'detail', path), dpath);
  const status = get(detail, 'status', dpath);
  if (typeof status !== 'string') {
    const at = join(dpath, 'status');
    throw status === undefined || status === null ? missing(at) : wrongType(at, 'a string', status);
  }
  if (!isEventStatus(status)) return skipFacts(event, detail, status);

  const jobId = readString(detail, 'jobId', dpath, ctx);
  const timestamp = readNumber(detail, 'timestamp', dpath, TIMESTAMP);
  const eventId = readOptionalString(event, 'id', path, ctx);
  const queue = readOptionalString(detail, 'queue', dpath, ctx);
  const userMetadata = readStringMap(detail, 'userMetadata', dpath, ctx, trusted);
  // The detail's children are enclosed by the event and the detail.
  const inner = level + 2;

  switch (status) {
    case 'PROGRESSING':
    case 'CANCELED':
      return { type: status, jobId, timestamp, eventId, queue, userMetadata };
    case 'INPUT_INFORMATION':
      return {
        type: status,
        jobId,
        timestamp,
        eventId,
        queue,
        userMetadata,
        inputs: inputDetails(detail, dpath, inner, ctx, trusted),
      };
    case 'STATUS_UPDATE': {
      const progressValue = get(detail, 'jobProgress', dpath);
      const ppath = join(dpath, 'jobProgress');
      const progress =
        progressValue === undefined || progressValue === null
          ? null
          : expectObject(progressValue, ppath);
      return {
        type: status,
        jobId,
        timestamp,
        eventId,
        queue,
        userMetadata,
        attempt:
          progress === null ? null : readOptionalNumber(progress, 'retryCount', ppath, COUNT),
        phase: progress === null ? null : readPhase(progress, 'currentPhase', ppath),
        jobPercent:
          progress === null
            ? null
            : readOptionalNumber(progress, 'jobPercentComplete', ppath, PERCENT),
        framesDecoded: readOptionalNumber(detail, 'framesDecoded', dpath, COUNT),
        phases:
          progress === null
            ? NO_PHASES
            : phases(get(progress, 'phaseProgress', ppath), join(ppath, 'phaseProgress')),
      };
    }
    case 'COMPLETE':
      return {
        type: status,
        jobId,
        timestamp,
        eventId,
        queue,
        userMetadata,
        outputs: readOutputGroups(
          get(detail, 'outputGroupDetails', dpath),
          join(dpath, 'outputGroupDetails'),
          inner,
          ctx,
          trusted,
          CAMEL_OUTPUT_NAMES,
        ),
        warnings: readWarningCounts(
          get(detail, 'warnings', dpath),
          join(dpath, 'warnings'),
          'code',
          'count',
          ctx,
          trusted,
        ),
        completion: completion(detail, dpath, inner, ctx, trusted),
      };
    case 'ERROR':
      return {
        type: status,
        jobId,
        timestamp,
        eventId,
        queue,
        userMetadata,
        error: {
          code: readOptionalNumber(detail, 'errorCode', dpath, INTEGER),
          message: readMessage(detail, 'errorMessage', dpath, ctx),
        },
      };
    case 'NEW_WARNING': {
      const code = get(detail, 'warningCode', dpath);
      const at = join(dpath, 'warningCode');
      if (code === undefined || code === null) throw missing(at);
      return {
        type: status,
        jobId,
        timestamp,
        eventId,
        queue,
        userMetadata,
        code: normaliseWarningCode(code, at),
        message: readMessage(detail, 'warningMessage', dpath, ctx),
      };
    }
    case 'QUEUE_HOP':
      return {
        type: status,
        jobId,
        timestamp,
        eventId,
        queue,
        userMetadata,
        hop: {
          at: timestamp,
          from: readOptionalString(detail, 'previousQueue', dpath, ctx),
          to: readString(detail, 'queue', dpath, ctx),
          priority: readOptionalNumber(detail, 'priority', dpath, INTEGER),
          previousPriority: readOptionalNumber(detail, 'previousPriority', dpath, INTEGER),
        },
      };
  }
}

function isEventStatus(status: string): status is EventStatus {
  switch (status) {
    case 'PROGRESSING':
    case 'INPUT_INFORMATION':
    case 'STATUS_UPDATE':
    case 'COMPLETE':
    case 'ERROR':
    case 'CANCELED':
    case 'NEW_WARNING':
    case 'QUEUE_HOP':
      return true;
    default:
      return false;
  }
}

function cloudTrail(
  event: Fields,
  path: string,
  level: number,
  ctx: ParseContext,
  trusted: boolean,
  messageId: string | null,
): ParsedItem {
  const dpath = join(path, 'detail');
  const detail = expectObject(get(event, 'detail', path), dpath);
  const eventId = readOptionalString(event, 'id', path, ctx);
  const name = get(detail, 'eventName', dpath);
  const response = get(detail, 'responseElements', dpath);
  const rpath = join(dpath, 'responseElements');
  const job = isRecord(response, rpath) ? get(response, 'job', rpath) : undefined;
  if (name !== 'CreateJob' || !isRecord(job, join(rpath, 'job'))) {
    const what =
      name === 'CreateJob'
        ? 'a CreateJob call that returned no job'
        : `a call of ${typeof name === 'string' ? name.slice(0, 64) : 'an unnamed operation'}`;
    return skippedItem(
      SkipReason.UNTRACKED_API_CALL,
      `A CloudTrail record of ${what}: only successful CreateJob calls describe a job.`,
      path,
      messageId,
      { jobId: null, eventId, timestamp: null },
    );
  }
  const eventTime = get(detail, 'eventTime', dpath);
  const fallback =
    typeof eventTime === 'string' ? toEpochMs(eventTime, join(dpath, 'eventTime')) : null;
  const jobPath = join(rpath, 'job');
  const result = fromApiJob(job, jobPath, level + 3, ctx, trusted, eventId, fallback);
  if (result.type === 'API_SNAPSHOT') return inputItem(result, path, messageId);
  return unknownApiStatus(result, jobPath, messageId);
}

/**
 * Reads one EventBridge event (an object with `detail-type`) found at `path`.
 * Internal: {@link parseInputs} and {@link parseEvent} are the public entries.
 *
 * @param level - How many objects and arrays enclose `event`.
 * @throws JobInputError when the event is a job state change with a bad field.
 */
export function fromEventBridge(
  event: Fields,
  path: string,
  level: number,
  ctx: ParseContext,
  trusted: boolean,
  messageId: string | null,
): ParsedItem {
  const source = get(event, 'source', path);
  const detailType = get(event, 'detail-type', path);
  if (source !== MEDIACONVERT_EVENT_SOURCE) {
    const from = typeof source === 'string' ? `"${source.slice(0, 64)}"` : 'no source';
    return skippedItem(
      SkipReason.NOT_MEDIACONVERT,
      `An EventBridge event from ${from}, not from ${MEDIACONVERT_EVENT_SOURCE}.`,
      path,
      messageId,
    );
  }
  if (detailType === JOB_STATE_CHANGE_DETAIL_TYPE) {
    const result = jobStateChange(event, path, level, ctx, trusted);
    if ('type' in result) return inputItem(result, path, messageId);
    const status = JSON.stringify(result.status.slice(0, 64));
    return skippedItem(
      SkipReason.UNKNOWN_STATUS,
      `A job state change with detail.status ${status}, which this version does not know.`,
      path,
      messageId,
      result,
    );
  }
  if (detailType === CLOUDTRAIL_DETAIL_TYPE) {
    return cloudTrail(event, path, level, ctx, trusted, messageId);
  }
  const type = typeof detailType === 'string' ? `"${detailType.slice(0, 64)}"` : 'no detail-type';
  return skippedItem(
    SkipReason.NOT_A_JOB_STATE_CHANGE,
    `A MediaConvert event with ${type}, not a job state change.`,
    path,
    messageId,
  );
}

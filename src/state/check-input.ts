/**
 * Validation of normalised inputs built by callers: what `ingest` receives
 * when it is handed a {@link JobInput} instead of an event or API response.
 */
import { ErrorCode, JobInputError } from '../errors.js';
import { join, missing } from '../internal/fields.js';
import type { Fields, NumberRange } from '../internal/fields.js';
import type { ParseContext } from '../adapters/internal/context.js';
import { DEFAULT_PARSE_CONTEXT, resolveParseOptions } from '../adapters/internal/context.js';
import {
  asInputError,
  checkKey,
  expectObject,
  get,
  isArrayAt,
  item,
  keysOf,
  wrongType,
} from '../adapters/internal/guard.js';
import { toJsonObject } from '../adapters/internal/json.js';
import { checkCount, checkLength, checkNumber, listLength } from '../adapters/internal/read.js';
import type { ParseOptions } from '../adapters/options.js';
import type {
  ApiSnapshotInput,
  JobInput,
  JobInputType,
  StatusUpdateInput,
  WarningCount,
} from '../model/input.js';
import type {
  InputDetails,
  JobErrorState,
  OutputFile,
  OutputGroup,
  OutputVideoDetails,
  PhaseProgress,
  QueueHop,
} from '../model/job-state.js';
import type { JsonObject } from '../model/json.js';
import type { JobPhase, JobStatus, PhaseStatus } from '../model/status.js';

const INPUT_TYPES: ReadonlySet<string> = new Set<JobInputType>([
  'PROGRESSING',
  'INPUT_INFORMATION',
  'STATUS_UPDATE',
  'COMPLETE',
  'ERROR',
  'CANCELED',
  'NEW_WARNING',
  'QUEUE_HOP',
  'API_SNAPSHOT',
]);

const JOB_STATUSES: ReadonlySet<string> = new Set<JobStatus>([
  'SUBMITTED',
  'PROGRESSING',
  'COMPLETE',
  'ERROR',
  'CANCELED',
]);
const PHASES: ReadonlySet<string> = new Set<JobPhase>(['PROBING', 'TRANSCODING', 'UPLOADING']);
const PHASE_STATUSES: ReadonlySet<string> = new Set<PhaseStatus>([
  'PENDING',
  'PROGRESSING',
  'COMPLETE',
]);

/** Epoch milliseconds, whole. */
const TIME: NumberRange = { min: 0, integer: true };
const COUNT: NumberRange = { min: 0, integer: true };
const PERCENT: NumberRange = { min: 0, max: 100 };
const NON_NEGATIVE: NumberRange = { min: 0 };
const ANY: NumberRange = {};

/** A normalised warning code: six to sixteen digits. */
const WARNING_CODE = /^\d{6,16}$/;

/**
 * Whether `value` is meant as a normalised {@link JobInput}: an object whose
 * `type` is one of the nine input types and whose `jobId` is a string. The
 * cheap test that routes a payload; {@link checkJobInput} then says whether
 * it is valid. Never throws: a value whose reading throws is not one.
 *
 * @example
 * ```ts
 * isJobInputLike({ type: 'PROGRESSING', jobId: 'j-1' }); // true (checkJobInput will refuse it)
 * isJobInputLike(eventBridgeEvent); // false
 * ```
 */
export function isJobInputLike(
  value: unknown,
): value is { readonly type: JobInputType; readonly jobId: string } {
  if (typeof value !== 'object' || value === null) return false;
  try {
    const { type, jobId } = value as { readonly type?: unknown; readonly jobId?: unknown };
    return typeof type === 'string' && INPUT_TYPES.has(type) && typeof jobId === 'string';
  } catch {
    return false;
  }
}

/** Reads field `key`, which must be present (`null` counts as present). */
function field(obj: Fields, key: string, path: string): unknown {
  const value = get(obj, key, path);
  if (value === undefined) throw missing(join(path, key));
  return value;
}

/** An `INVALID_VALUE` error: `expected` at `at`, and the text found there. */
function invalidValue(at: string, expected: string, found: string): JobInputError {
  const shown = JSON.stringify(found.slice(0, 40));
  const message = `Expected ${expected} at ${at}, got ${shown}.`;
  return new JobInputError(ErrorCode.INVALID_VALUE, message, { path: at });
}

function text(value: unknown, at: string, ctx: ParseContext): string {
  if (typeof value !== 'string') throw wrongType(at, 'a string', value);
  return value.length <= ctx.maxStringLength ? value : checkLength(value, at, ctx);
}

function string(obj: Fields, key: string, path: string, ctx: ParseContext): string {
  return text(field(obj, key, path), join(path, key), ctx);
}

function nonEmptyString(obj: Fields, key: string, path: string, ctx: ParseContext): string {
  const value = string(obj, key, path, ctx);
  if (value === '') throw invalidValue(join(path, key), 'a non-empty string', value);
  return value;
}

function nullableString(
  obj: Fields,
  key: string,
  path: string,
  ctx: ParseContext,
): string | null {
  const value = field(obj, key, path);
  return value === null ? null : text(value, join(path, key), ctx);
}

function number(obj: Fields, key: string, path: string, range: NumberRange): number {
  const value = field(obj, key, path);
  if (value === null) throw wrongType(join(path, key), 'a number', value);
  return checkNumber(value, join(path, key), range);
}

function nullableNumber(
  obj: Fields,
  key: string,
  path: string,
  range: NumberRange,
): number | null {
  const value = field(obj, key, path);
  return value === null ? null : checkNumber(value, join(path, key), range);
}

function object(obj: Fields, key: string, path: string): Fields {
  return expectObject(field(obj, key, path), join(path, key));
}

/** A value of the closed set `set`. */
function oneOf<T extends string>(value: unknown, at: string, set: ReadonlySet<string>): T {
  if (typeof value !== 'string') throw wrongType(at, 'a string', value);
  if (!set.has(value)) throw invalidValue(at, `one of ${[...set].join(', ')}`, value);
  return value as T;
}

function nullableOneOf<T extends string>(
  obj: Fields,
  key: string,
  path: string,
  set: ReadonlySet<string>,
): T | null {
  const value = field(obj, key, path);
  return value === null ? null : oneOf<T>(value, join(path, key), set);
}

/** A list field, each element read by `read`, copied into a fresh array. */
function list<T>(
  obj: Fields,
  key: string,
  path: string,
  ctx: ParseContext,
  read: (value: unknown, at: string) => T,
): T[] {
  const value = field(obj, key, path);
  const at = join(path, key);
  if (!isArrayAt(value, at)) throw wrongType(at, 'an array', value);
  const length = listLength(value, at, ctx);
  const out: T[] = [];
  for (let i = 0; i < length; i++) out.push(read(item(value, i, at), join(at, i)));
  return out;
}

function strings(obj: Fields, key: string, path: string, ctx: ParseContext): string[] {
  return list(obj, key, path, ctx, (value, at) => text(value, at, ctx));
}

function json(obj: Fields, key: string, path: string, ctx: ParseContext): JsonObject {
  return toJsonObject(field(obj, key, path), join(path, key), 0, ctx, false);
}

function jsonList(obj: Fields, key: string, path: string, ctx: ParseContext): JsonObject[] {
  return list(obj, key, path, ctx, (value, at) => toJsonObject(value, at, 1, ctx, false));
}

function userMetadata(
  obj: Fields,
  path: string,
  ctx: ParseContext,
): { readonly [key: string]: string } | null {
  const value = field(obj, 'userMetadata', path);
  if (value === null) return null;
  const at = join(path, 'userMetadata');
  const map = expectObject(value, at);
  const keys = keysOf(map, at);
  checkCount(keys.length, at, ctx, 'object');
  const out: Record<string, string> = {};
  for (const key of keys) {
    checkKey(key, at);
    if (key.length > ctx.maxStringLength) checkLength(key, at, ctx);
    out[key] = text(get(map, key, at), join(at, key), ctx);
  }
  return out;
}

function warningCode(value: unknown, at: string): string {
  if (typeof value !== 'string') throw wrongType(at, 'a warning code of digits', value);
  if (!WARNING_CODE.test(value)) throw invalidValue(at, 'a warning code of 6 to 16 digits', value);
  return value;
}

function warnings(obj: Fields, path: string, ctx: ParseContext): WarningCount[] {
  return list(obj, 'warnings', path, ctx, (value, at) => {
    const w = expectObject(value, at);
    return {
      code: warningCode(field(w, 'code', at), join(at, 'code')),
      count: number(w, 'count', at, COUNT),
    };
  });
}

function error(value: unknown, at: string, ctx: ParseContext): JobErrorState {
  const e = expectObject(value, at);
  return {
    code: nullableNumber(e, 'code', at, ANY),
    message: nullableString(e, 'message', at, ctx),
  };
}

function hop(value: unknown, at: string, ctx: ParseContext): QueueHop {
  const h = expectObject(value, at);
  return {
    at: number(h, 'at', at, TIME),
    from: nullableString(h, 'from', at, ctx),
    to: nonEmptyString(h, 'to', at, ctx),
    priority: nullableNumber(h, 'priority', at, ANY),
    previousPriority: nullableNumber(h, 'previousPriority', at, ANY),
  };
}

function video(value: unknown, at: string, ctx: ParseContext): OutputVideoDetails | null {
  if (value === null) return null;
  const v = expectObject(value, at);
  return {
    widthInPx: nullableNumber(v, 'widthInPx', at, NON_NEGATIVE),
    heightInPx: nullableNumber(v, 'heightInPx', at, NON_NEGATIVE),
    averageBitrate: nullableNumber(v, 'averageBitrate', at, NON_NEGATIVE),
    raw: json(v, 'raw', at, ctx),
  };
}

function outputFile(value: unknown, at: string, ctx: ParseContext): OutputFile {
  const o = expectObject(value, at);
  return {
    paths: strings(o, 'paths', at, ctx),
    durationMs: nullableNumber(o, 'durationMs', at, NON_NEGATIVE),
    video: video(field(o, 'video', at), join(at, 'video'), ctx),
    raw: json(o, 'raw', at, ctx),
  };
}

function outputGroup(value: unknown, at: string, ctx: ParseContext): OutputGroup {
  const g = expectObject(value, at);
  return {
    type: string(g, 'type', at, ctx),
    playlistPaths: strings(g, 'playlistPaths', at, ctx),
    hlsManifest: nullableString(g, 'hlsManifest', at, ctx),
    dashManifest: nullableString(g, 'dashManifest', at, ctx),
    smoothManifest: nullableString(g, 'smoothManifest', at, ctx),
    outputs: list(g, 'outputs', at, ctx, (o, oat) => outputFile(o, oat, ctx)),
    raw: json(g, 'raw', at, ctx),
  };
}

function outputs(obj: Fields, path: string, ctx: ParseContext): OutputGroup[] {
  return list(obj, 'outputs', path, ctx, (value, at) => outputGroup(value, at, ctx));
}

function inputDetails(value: unknown, at: string, ctx: ParseContext): InputDetails {
  const x = expectObject(value, at);
  return {
    id: nullableNumber(x, 'id', at, ANY),
    uri: nullableString(x, 'uri', at, ctx),
    video: jsonList(x, 'video', at, ctx),
    audio: jsonList(x, 'audio', at, ctx),
    raw: json(x, 'raw', at, ctx),
  };
}

function phaseProgress(value: unknown, at: string): PhaseProgress | null {
  if (value === null) return null;
  const p = expectObject(value, at);
  return {
    status: oneOf<PhaseStatus>(field(p, 'status', at), join(at, 'status'), PHASE_STATUSES),
    percent: nullableNumber(p, 'percent', at, PERCENT),
  };
}

function phases(obj: Fields, path: string): StatusUpdateInput['phases'] {
  const at = join(path, 'phases');
  const all = object(obj, 'phases', path);
  return {
    PROBING: phaseProgress(field(all, 'PROBING', at), join(at, 'PROBING')),
    TRANSCODING: phaseProgress(field(all, 'TRANSCODING', at), join(at, 'TRANSCODING')),
    UPLOADING: phaseProgress(field(all, 'UPLOADING', at), join(at, 'UPLOADING')),
  };
}

function timing(obj: Fields, path: string): ApiSnapshotInput['timing'] {
  const at = join(path, 'timing');
  const t = object(obj, 'timing', path);
  return {
    submittedAt: nullableNumber(t, 'submittedAt', at, TIME),
    startedAt: nullableNumber(t, 'startedAt', at, TIME),
    finishedAt: nullableNumber(t, 'finishedAt', at, TIME),
  };
}

/**
 * Validates a normalised {@link JobInput} that a caller built (rather than
 * an adapter) and returns a copy of it made of fresh plain objects, so that
 * nothing the caller keeps (a getter, a Proxy, a later change) reaches a
 * tracker. Every field of the input's `type` is checked: finite numbers in
 * range (`timestamp` a whole number of epoch milliseconds from 0, percents
 * from 0 to 100, counts and `attempt` whole numbers from 0), statuses and
 * phases of their sets, strings within `maxStringLength`, non-empty job ids
 * and hop destinations, warning codes of six or more digits, `userMetadata`
 * a map of strings without a `__proto__` key, and `raw`, `completion` and
 * input details plain JSON. Fields a `JobInput` does not have are dropped.
 *
 * Adapter output passes unchanged in content, so an input from
 * `parseInputs` can be handed to `ingest` as it is.
 *
 * @param path - Where the input is in what the caller passed, for errors
 *   (`''` for the value itself, `[2]` for the third of an array).
 * @param options - The limits of the parse options in force (string length,
 *   array sizes, nesting of `raw`).
 * @throws JobInputError with a literal `code` and the `path` of the first bad
 *   field (`MISSING_FIELD`, `INVALID_TYPE`, `OUT_OF_RANGE`, `INVALID_VALUE`,
 *   `FORBIDDEN_KEY`, `INPUT_TOO_LARGE`, `TOO_DEEP`, `NOT_AN_OBJECT`, or
 *   `UNRECOGNISED_INPUT` for a value whose reading throws); never anything
 *   else for a bad value.
 * @example
 * ```ts
 * const input = checkJobInput({
 *   type: 'PROGRESSING', jobId: '1671477617078-2886ye', timestamp: 1671477621654,
 *   eventId: null, queue: null, userMetadata: null,
 * });
 * tracker.ingest(input);
 * ```
 */
export function checkJobInput(value: unknown, path = '', options?: ParseOptions): JobInput {
  return checkWith(value, path, contextOf(options));
}

function contextOf(options: ParseOptions | undefined): ParseContext {
  return options === undefined ? DEFAULT_PARSE_CONTEXT : resolveParseOptions(options, 'any');
}

function checkWith(value: unknown, path: string, ctx: ParseContext): JobInput {
  const input = expectObject(value, path);
  const typeValue = field(input, 'type', path);
  const type = oneOf<JobInputType>(typeValue, join(path, 'type'), INPUT_TYPES);
  const base = {
    jobId: nonEmptyString(input, 'jobId', path, ctx),
    timestamp: number(input, 'timestamp', path, TIME),
    eventId: nullableString(input, 'eventId', path, ctx),
    queue: nullableString(input, 'queue', path, ctx),
    userMetadata: userMetadata(input, path, ctx),
  };
  switch (type) {
    case 'PROGRESSING':
    case 'CANCELED':
      return { type, ...base };
    case 'INPUT_INFORMATION':
      return {
        type,
        ...base,
        inputs: list(input, 'inputs', path, ctx, (x, at) => inputDetails(x, at, ctx)),
      };
    case 'STATUS_UPDATE':
      return {
        type,
        ...base,
        attempt: nullableNumber(input, 'attempt', path, COUNT),
        phase: nullableOneOf<JobPhase>(input, 'phase', path, PHASES),
        jobPercent: nullableNumber(input, 'jobPercent', path, PERCENT),
        framesDecoded: nullableNumber(input, 'framesDecoded', path, COUNT),
        phases: phases(input, path),
      };
    case 'COMPLETE':
      return {
        type,
        ...base,
        outputs: outputs(input, path, ctx),
        warnings: warnings(input, path, ctx),
        completion: json(input, 'completion', path, ctx),
      };
    case 'ERROR':
      return {
        type,
        ...base,
        error: error(field(input, 'error', path), join(path, 'error'), ctx),
      };
    case 'NEW_WARNING':
      return {
        type,
        ...base,
        code: warningCode(field(input, 'code', path), join(path, 'code')),
        message: nullableString(input, 'message', path, ctx),
      };
    case 'QUEUE_HOP':
      return { type, ...base, hop: hop(field(input, 'hop', path), join(path, 'hop'), ctx) };
    case 'API_SNAPSHOT': {
      const apiError = field(input, 'error', path);
      return {
        type,
        ...base,
        arn: nullableString(input, 'arn', path, ctx),
        status: oneOf<JobStatus>(
          field(input, 'status', path),
          join(path, 'status'),
          JOB_STATUSES,
        ),
        phase: nullableOneOf<JobPhase>(input, 'phase', path, PHASES),
        attempt: nullableNumber(input, 'attempt', path, COUNT),
        jobPercent: nullableNumber(input, 'jobPercent', path, PERCENT),
        submittedQueue: nullableString(input, 'submittedQueue', path, ctx),
        priority: nullableNumber(input, 'priority', path, ANY),
        hops: list(input, 'hops', path, ctx, (h, at) => hop(h, at, ctx)),
        warnings: warnings(input, path, ctx),
        messages: strings(input, 'messages', path, ctx),
        warningMessages: strings(input, 'warningMessages', path, ctx),
        error: apiError === null ? null : error(apiError, join(path, 'error'), ctx),
        outputs: outputs(input, path, ctx),
        timing: timing(input, path),
      };
    }
  }
}

/** The elements of `value` when it is a non-empty array of normalised inputs (holes allowed). */
function normalisedElements(value: unknown, ctx: ParseContext): readonly unknown[] | null {
  try {
    if (!Array.isArray(value)) return null;
    const list: readonly unknown[] = value;
    const length = list.length;
    if (length === 0 || length > ctx.maxItems) return null;
    const elements: unknown[] = [];
    let inputs = 0;
    for (let i = 0; i < length; i++) {
      const element = list[i];
      if (element !== undefined) {
        if (!isJobInputLike(element)) return null;
        inputs += 1;
      }
      elements.push(element);
    }
    return inputs === 0 ? null : elements;
  } catch {
    // Whatever cannot be read here is read again by the adapters, which
    // report it with its path.
    return null;
  }
}

/**
 * The normalised inputs of a payload that is made of them: one
 * {@link JobInput}-like value, or a non-empty array whose elements are all
 * {@link isJobInputLike} (holes and `undefined` aside); `null` for anything
 * else, which is for the adapters to read. Each input is checked with
 * {@link checkJobInput} and copied. A single input that is not valid throws;
 * in an array, each bad element (a hole included) is returned as its
 * {@link JobInputError}, with a path such as `[2].timestamp`, so that the
 * others still count.
 *
 * @param options - The parse options in force, for their limits.
 * @throws JobInputError for a single input that is not valid.
 * @example
 * ```ts
 * const inputs = normalisedInputsOf(payload, options.parse);
 * if (inputs !== null) {
 *   for (const input of inputs) {
 *     if (input instanceof JobInputError) reject(input);
 *     else apply(input);
 *   }
 * }
 * ```
 */
export function normalisedInputsOf(
  value: unknown,
  options?: ParseOptions,
): readonly (JobInput | JobInputError)[] | null {
  const ctx = contextOf(options);
  if (isJobInputLike(value)) {
    try {
      return [checkWith(value, '', ctx)];
    } catch (error) {
      throw asInputError(error, '');
    }
  }
  const elements = normalisedElements(value, ctx);
  if (elements === null) return null;
  const out: (JobInput | JobInputError)[] = [];
  for (let i = 0; i < elements.length; i++) {
    const at = `[${i}]`;
    const element = elements[i];
    if (element === undefined) {
      const message = `Expected a normalised input at ${at}, got undefined or an empty slot.`;
      out.push(new JobInputError(ErrorCode.NOT_AN_OBJECT, message, { path: at }));
      continue;
    }
    try {
      out.push(checkWith(element, at, ctx));
    } catch (error) {
      out.push(asInputError(error, at));
    }
  }
  return out;
}

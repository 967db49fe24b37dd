import { ErrorCode, JobSnapshotError } from '../errors.js';
import type {
  Anomaly,
  InputDetails,
  JobErrorState,
  JobProgress,
  JobQueueState,
  JobState,
  JobTiming,
  OutputFile,
  OutputGroup,
  OutputVideoDetails,
  PhaseProgress,
  QueueHop,
  WarningState,
} from '../model/job-state.js';
import { AnomalyCode } from '../model/job-state.js';
import type { JsonObject, JsonValue } from '../model/json.js';
import { isFinalStatus, JobPhase, JobStatus, PhaseStatus } from '../model/status.js';
import {
  EMPTY_ARRAY,
  EMPTY_MESSAGES,
  EMPTY_OBJECT,
  EMPTY_PHASES,
  EMPTY_PROGRESS,
  EMPTY_QUEUE,
  EMPTY_TIMING,
} from './initial-state.js';

/** The `format` tag of job snapshots. */
export const JOB_SNAPSHOT_FORMAT = 'mediaconvert-job-tracker/job';
/** The snapshot format version this release writes and reads. */
export const JOB_SNAPSHOT_VERSION = 1;

/**
 * A job's state in a versioned envelope, safe to store as JSON (a file, a
 * DynamoDB item, a Lambda's memory between invocations) and restore later.
 *
 * @example
 * ```ts
 * const saved = JSON.stringify(tracker.snapshot());
 * const again = createJobTracker({ snapshot: JSON.parse(saved) });
 * ```
 */
export interface JobSnapshot {
  readonly format: typeof JOB_SNAPSHOT_FORMAT;
  readonly version: typeof JOB_SNAPSHOT_VERSION;
  readonly state: JobState;
}

/**
 * Wraps a state in a {@link JobSnapshot}.
 *
 * @example
 * ```ts
 * await save(toJobSnapshot(tracker.state));
 * ```
 */
export function toJobSnapshot(state: JobState): JobSnapshot {
  return Object.freeze({ format: JOB_SNAPSHOT_FORMAT, version: JOB_SNAPSHOT_VERSION, state });
}

/**
 * The most `appliedEventIds` a restored state may hold: trackers keep at
 * most 4096 (the largest `maxEventIds`), so a longer list is damage or a
 * hostile snapshot, not a state this library wrote.
 *
 * @example
 * ```ts
 * state.appliedEventIds.length <= MAX_SNAPSHOT_EVENT_IDS; // true of every state a tracker keeps
 * ```
 */
export const MAX_SNAPSHOT_EVENT_IDS = 4096;

/**
 * The most `anomalies` a restored state may hold: trackers keep the newest
 * 16, so this sanity cap only refuses lists no tracker could have written.
 *
 * @example
 * ```ts
 * state.anomalies.length <= MAX_SNAPSHOT_ANOMALIES; // true of every state a tracker keeps
 * ```
 */
export const MAX_SNAPSHOT_ANOMALIES = 1024;

/** The deepest pass-through JSON (`raw`, `completion`) a snapshot may hold. */
const MAX_JSON_DEPTH = 1000;

/** A normalised warning code: six to sixteen digits. */
const WARNING_CODE = /^\d{6,16}$/;

type Fields = { readonly [key: string]: unknown };

function fail(path: string, message: string, cause?: unknown): JobSnapshotError {
  return new JobSnapshotError(
    ErrorCode.INVALID_SNAPSHOT,
    `Invalid snapshot: ${message} at ${path}.`,
    cause === undefined ? { path } : { path, cause },
  );
}

/** Runs `read`, turning a throw of the caller's value (a getter, a Proxy) into a typed error. */
function guarded<T>(path: string, read: () => T): T {
  try {
    return read();
  } catch (cause) {
    throw fail(path, 'a value that cannot be read', cause);
  }
}

function isArray(value: unknown, path: string): value is readonly unknown[] {
  return guarded(path, () => Array.isArray(value));
}

function object(value: unknown, path: string): Fields {
  if (typeof value !== 'object' || value === null || isArray(value, path)) {
    throw fail(path, 'expected an object');
  }
  return value as Fields;
}

/** `obj[key]`, read once. */
function field(obj: Fields, key: string, path: string): unknown {
  return guarded(`${path}.${key}`, () => obj[key]);
}

function keysOf(obj: Fields, path: string): readonly string[] {
  return guarded(path, () => Object.keys(obj));
}

/**
 * Reads a list, each element with `read`. Holes and `undefined` elements are
 * refused (no part of a state is ever `undefined`); an empty list gives the
 * shared empty array.
 */
function list<T>(
  value: unknown,
  path: string,
  read: (element: unknown, at: string) => T,
  max = Infinity,
): readonly T[] {
  if (!isArray(value, path)) throw fail(path, 'expected an array');
  const length = guarded(path, () => value.length);
  if (length > max) throw fail(path, `more than ${max} entries, which no tracker keeps`);
  if (length === 0) return EMPTY_ARRAY;
  const out: T[] = [];
  for (let i = 0; i < length; i++) {
    const at = `${path}[${i}]`;
    const element = guarded(at, () => value[i]);
    if (element === undefined) throw fail(at, 'a hole or undefined in a list');
    out.push(read(element, at));
  }
  return out;
}

function string(value: unknown, path: string): string {
  if (typeof value !== 'string') throw fail(path, 'expected a string');
  return value;
}

function nonEmptyString(value: unknown, path: string): string {
  if (string(value, path) === '') throw fail(path, 'expected a non-empty string');
  return value as string;
}

function nullableString(value: unknown, path: string): string | null {
  return value === null ? null : string(value, path);
}

interface Range {
  readonly min?: number;
  readonly max?: number;
  readonly integer?: boolean;
}

const TIME: Range = { min: 0 };
const PERCENT: Range = { min: 0, max: 100 };
const COUNT: Range = { min: 0, integer: true };
const NON_NEGATIVE: Range = { min: 0 };
const ANY: Range = {};

function number(value: unknown, path: string, range: Range): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw fail(path, 'expected a finite number');
  }
  if (range.integer === true && !Number.isInteger(value)) {
    throw fail(path, 'expected a whole number');
  }
  const { min, max } = range;
  if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
    throw fail(path, `expected a number from ${min ?? '-∞'} to ${max ?? '∞'}`);
  }
  return value;
}

function nullableNumber(value: unknown, path: string, range: Range): number | null {
  return value === null ? null : number(value, path, range);
}

function oneOf<T>(value: unknown, allowed: readonly T[], path: string): T {
  if (!allowed.includes(value as T)) throw fail(path, `expected one of ${allowed.join(', ')}`);
  return value as T;
}

function nullableOneOf<T>(value: unknown, allowed: readonly T[], path: string): T | null {
  return value === null ? null : oneOf(value, allowed, path);
}

function checkKey(key: string, path: string): void {
  if (key === '__proto__') throw fail(`${path}.${key}`, 'a key that could pollute prototypes');
}

/**
 * Copies pass-through JSON into fresh plain objects, refusing what JSON
 * cannot hold (non-finite numbers, class instances, holes, cycles) and the
 * key `__proto__`. Keys whose value is `undefined` are dropped, as
 * `JSON.stringify` would.
 */
function json(value: unknown, path: string, depth: number): JsonValue {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return number(value, path, ANY);
    case 'object': {
      if (value === null) return null;
      if (depth >= MAX_JSON_DEPTH) throw fail(path, `nesting deeper than ${MAX_JSON_DEPTH} levels`);
      if (isArray(value, path)) return list(value, path, (x, at) => json(x, at, depth + 1));
      return jsonObject(value, path, depth);
    }
    default:
      throw fail(path, 'expected a JSON value');
  }
}

function jsonObject(value: unknown, path: string, depth = 0): JsonObject {
  const obj = object(value, path);
  const proto = guarded(path, () => Object.getPrototypeOf(obj) as unknown);
  if (proto !== Object.prototype && proto !== null) throw fail(path, 'expected a plain object');
  const out: Record<string, JsonValue> = {};
  for (const key of keysOf(obj, path)) {
    checkKey(key, path);
    const item = field(obj, key, path);
    if (item !== undefined) out[key] = json(item, `${path}.${key}`, depth + 1);
  }
  return out;
}

function strings(value: unknown, path: string, max?: number): readonly string[] {
  return list(value, path, string, max);
}

const STATUSES = Object.values(JobStatus);
const PHASES = Object.values(JobPhase);
const PHASE_STATUSES = Object.values(PhaseStatus);
const ANOMALY_CODES = Object.values(AnomalyCode);

function phaseProgress(value: unknown, path: string): PhaseProgress | null {
  if (value === null) return null;
  const p = object(value, path);
  return {
    status: oneOf(field(p, 'status', path), PHASE_STATUSES, `${path}.status`),
    percent: nullableNumber(field(p, 'percent', path), `${path}.percent`, PERCENT),
  };
}

function progress(value: unknown, path: string): JobProgress {
  const p = object(value, path);
  const jobPercent = nullableNumber(field(p, 'jobPercent', path), `${path}.jobPercent`, PERCENT);
  const framesDecoded = nullableNumber(
    field(p, 'framesDecoded', path),
    `${path}.framesDecoded`,
    COUNT,
  );
  const phasesPath = `${path}.phases`;
  const phases = object(field(p, 'phases', path), phasesPath);
  const at = (phase: JobPhase): PhaseProgress | null =>
    phaseProgress(field(phases, phase, phasesPath), `${phasesPath}.${phase}`);
  const PROBING = at('PROBING');
  const TRANSCODING = at('TRANSCODING');
  const UPLOADING = at('UPLOADING');
  const empty = PROBING === null && TRANSCODING === null && UPLOADING === null;
  if (empty && jobPercent === null && framesDecoded === null) return EMPTY_PROGRESS;
  return {
    jobPercent,
    framesDecoded,
    phases: empty ? EMPTY_PHASES : { PROBING, TRANSCODING, UPLOADING },
  };
}

function hop(value: unknown, path: string): QueueHop {
  const h = object(value, path);
  return {
    at: number(field(h, 'at', path), `${path}.at`, TIME),
    from: nullableString(field(h, 'from', path), `${path}.from`),
    to: nonEmptyString(field(h, 'to', path), `${path}.to`),
    priority: nullableNumber(field(h, 'priority', path), `${path}.priority`, ANY),
    previousPriority: nullableNumber(
      field(h, 'previousPriority', path),
      `${path}.previousPriority`,
      ANY,
    ),
  };
}

function queue(value: unknown, path: string): JobQueueState {
  const q = object(value, path);
  const read = (key: string, range: Range): number | null =>
    nullableNumber(field(q, key, path), `${path}.${key}`, range);
  const state: JobQueueState = {
    submitted: nullableString(field(q, 'submitted', path), `${path}.submitted`),
    current: nullableString(field(q, 'current', path), `${path}.current`),
    currentAt: read('currentAt', TIME),
    submittedPriority: read('submittedPriority', ANY),
    priority: read('priority', ANY),
    hops: list(field(q, 'hops', path), `${path}.hops`, hop),
  };
  const empty =
    state.submitted === null &&
    state.current === null &&
    state.currentAt === null &&
    state.submittedPriority === null &&
    state.priority === null &&
    state.hops.length === 0;
  return empty ? EMPTY_QUEUE : state;
}

function warnings(value: unknown, path: string): JobState['warnings'] {
  const map = object(value, path);
  const keys = keysOf(map, path);
  if (keys.length === 0) return EMPTY_OBJECT;
  const out: Record<string, WarningState> = {};
  for (const code of keys) {
    const at = `${path}.${code}`;
    if (!WARNING_CODE.test(code)) throw fail(at, 'a warning code that is not 6 to 16 digits');
    const w = object(field(map, code, path), at);
    if (field(w, 'code', at) !== code) throw fail(`${at}.code`, `expected "${code}", its key`);
    out[code] = {
      code,
      count: number(field(w, 'count', at), `${at}.count`, COUNT),
      message: nullableString(field(w, 'message', at), `${at}.message`),
      lastSeenAt: number(field(w, 'lastSeenAt', at), `${at}.lastSeenAt`, TIME),
    };
  }
  return out;
}

function messages(value: unknown, path: string): JobState['messages'] {
  const m = object(value, path);
  const info = strings(field(m, 'info', path), `${path}.info`);
  const warning = strings(field(m, 'warning', path), `${path}.warning`);
  return info.length === 0 && warning.length === 0 ? EMPTY_MESSAGES : { info, warning };
}

function jobError(value: unknown, path: string): JobErrorState | null {
  if (value === null) return null;
  const e = object(value, path);
  return {
    code: nullableNumber(field(e, 'code', path), `${path}.code`, ANY),
    message: nullableString(field(e, 'message', path), `${path}.message`),
  };
}

function video(value: unknown, path: string): OutputVideoDetails | null {
  if (value === null) return null;
  const v = object(value, path);
  const read = (key: string): number | null =>
    nullableNumber(field(v, key, path), `${path}.${key}`, NON_NEGATIVE);
  return {
    widthInPx: read('widthInPx'),
    heightInPx: read('heightInPx'),
    averageBitrate: read('averageBitrate'),
    raw: jsonObject(field(v, 'raw', path), `${path}.raw`),
  };
}

function outputFile(value: unknown, path: string): OutputFile {
  const o = object(value, path);
  return {
    paths: strings(field(o, 'paths', path), `${path}.paths`),
    durationMs: nullableNumber(field(o, 'durationMs', path), `${path}.durationMs`, NON_NEGATIVE),
    video: video(field(o, 'video', path), `${path}.video`),
    raw: jsonObject(field(o, 'raw', path), `${path}.raw`),
  };
}

function outputGroup(value: unknown, path: string): OutputGroup {
  const g = object(value, path);
  const manifest = (key: string): string | null =>
    nullableString(field(g, key, path), `${path}.${key}`);
  return {
    type: string(field(g, 'type', path), `${path}.type`),
    playlistPaths: strings(field(g, 'playlistPaths', path), `${path}.playlistPaths`),
    hlsManifest: manifest('hlsManifest'),
    dashManifest: manifest('dashManifest'),
    smoothManifest: manifest('smoothManifest'),
    outputs: list(field(g, 'outputs', path), `${path}.outputs`, outputFile),
    raw: jsonObject(field(g, 'raw', path), `${path}.raw`),
  };
}

function inputDetails(value: unknown, path: string): InputDetails {
  const x = object(value, path);
  const objects = (key: string): readonly JsonObject[] =>
    list(field(x, key, path), `${path}.${key}`, (item, at) => jsonObject(item, at));
  return {
    id: nullableNumber(field(x, 'id', path), `${path}.id`, ANY),
    uri: nullableString(field(x, 'uri', path), `${path}.uri`),
    video: objects('video'),
    audio: objects('audio'),
    raw: jsonObject(field(x, 'raw', path), `${path}.raw`),
  };
}

function userMetadata(value: unknown, path: string): JobState['userMetadata'] {
  const map = object(value, path);
  const keys = keysOf(map, path);
  if (keys.length === 0) return EMPTY_OBJECT;
  const out: Record<string, string> = {};
  for (const key of keys) {
    checkKey(key, path);
    out[key] = string(field(map, key, path), `${path}.${key}`);
  }
  return out;
}

function timing(value: unknown, path: string): JobTiming {
  const t = object(value, path);
  const read = (key: string): number | null =>
    nullableNumber(field(t, key, path), `${path}.${key}`, TIME);
  const state: JobTiming = {
    submittedAt: read('submittedAt'),
    startedAt: read('startedAt'),
    finishedAt: read('finishedAt'),
    lastEventAt: read('lastEventAt'),
  };
  const empty =
    state.submittedAt === null &&
    state.startedAt === null &&
    state.finishedAt === null &&
    state.lastEventAt === null;
  return empty ? EMPTY_TIMING : state;
}

function anomaly(value: unknown, path: string): Anomaly {
  const a = object(value, path);
  return {
    code: oneOf(field(a, 'code', path), ANOMALY_CODES, `${path}.code`),
    message: string(field(a, 'message', path), `${path}.message`),
    at: nullableNumber(field(a, 'at', path), `${path}.at`, TIME),
    eventId: nullableString(field(a, 'eventId', path), `${path}.eventId`),
  };
}

/**
 * Reads a {@link JobState} from an untrusted source (a stored snapshot, a
 * value handed over by a caller) and returns a copy made of fresh plain
 * objects, sharing the frozen empty parts of new states. Every field is
 * checked: finite numbers everywhere (times from 0, percents from 0 to 100,
 * counts and the attempt whole numbers from 0), statuses, phases and codes
 * of their sets, a phase exactly while `PROGRESSING`, `settledAt` set
 * exactly when the status is final, non-empty job ids and hop destinations,
 * warning codes of 6 to 16 digits keyed by themselves, no holes in lists,
 * pass-through data as plain JSON without a `__proto__` key, and at most
 * {@link MAX_SNAPSHOT_EVENT_IDS} event ids and {@link MAX_SNAPSHOT_ANOMALIES}
 * anomalies (sanity caps well above what trackers keep).
 *
 * @throws JobSnapshotError `INVALID_SNAPSHOT` naming the first bad path.
 * @internal
 */
export function readJobState(value: unknown, path: string): JobState {
  const s = object(value, path);
  const get = (key: string): unknown => field(s, key, path);
  const at = (key: string): string => `${path}.${key}`;
  const jobId = nullableString(get('jobId'), at('jobId'));
  if (jobId === '') throw fail(at('jobId'), 'expected a non-empty job id or null');
  const status = oneOf(get('status'), STATUSES, at('status'));
  const phase = nullableOneOf(get('phase'), PHASES, at('phase'));
  if ((status === 'PROGRESSING') !== (phase !== null)) {
    throw fail(at('phase'), 'a phase is set exactly when the status is PROGRESSING');
  }
  const settledAt = nullableNumber(get('settledAt'), at('settledAt'), TIME);
  if (isFinalStatus(status) !== (settledAt !== null)) {
    throw fail(at('settledAt'), 'settledAt is set exactly when the status is final');
  }
  const completion = get('completion');
  return {
    jobId,
    arn: nullableString(get('arn'), at('arn')),
    status,
    phase,
    attempt: number(get('attempt'), at('attempt'), COUNT),
    settledAt,
    progress: progress(get('progress'), at('progress')),
    queue: queue(get('queue'), at('queue')),
    warnings: warnings(get('warnings'), at('warnings')),
    messages: messages(get('messages'), at('messages')),
    error: jobError(get('error'), at('error')),
    outputs: list(get('outputs'), at('outputs'), outputGroup),
    completion: completion === null ? null : jsonObject(completion, at('completion')),
    inputs: list(get('inputs'), at('inputs'), inputDetails),
    userMetadata: userMetadata(get('userMetadata'), at('userMetadata')),
    timing: timing(get('timing'), at('timing')),
    anomalies: list(get('anomalies'), at('anomalies'), anomaly, MAX_SNAPSHOT_ANOMALIES),
    appliedEventIds: strings(get('appliedEventIds'), at('appliedEventIds'), MAX_SNAPSHOT_EVENT_IDS),
  };
}

/**
 * Checks that a value is a job snapshot this release can restore and returns
 * it typed, as a copy that keeps nothing of the value given. Every field of
 * the state is checked: finite numbers everywhere (times from 0, percents
 * from 0 to 100, counts whole numbers from 0), statuses, phases and codes of
 * their sets, `settledAt` set exactly when the status is final, a non-empty
 * job id or `null`, warning codes of 6 to 16 digits, strings where strings
 * belong, no holes in lists, pass-through data as plain JSON, and the sanity
 * caps {@link MAX_SNAPSHOT_EVENT_IDS} and {@link MAX_SNAPSHOT_ANOMALIES}.
 * Throws {@link JobSnapshotError} (`INVALID_SNAPSHOT` or
 * `UNSUPPORTED_SNAPSHOT_VERSION`) naming the offending path, also when a
 * getter or Proxy of the value throws.
 *
 * @example
 * ```ts
 * const snapshot = parseJobSnapshot(JSON.parse(await readFile('job.json', 'utf8')));
 * ```
 */
export function parseJobSnapshot(value: unknown): JobSnapshot {
  const root = object(value, 'snapshot');
  if (field(root, 'format', 'snapshot') !== JOB_SNAPSHOT_FORMAT) {
    throw fail('snapshot.format', `expected "${JOB_SNAPSHOT_FORMAT}"`);
  }
  const version = field(root, 'version', 'snapshot');
  if (version !== JOB_SNAPSHOT_VERSION) {
    const shown = typeof version === 'number' ? String(version) : typeof version;
    throw new JobSnapshotError(
      ErrorCode.UNSUPPORTED_SNAPSHOT_VERSION,
      `Snapshot version ${shown} is not supported; this release reads version ${JOB_SNAPSHOT_VERSION}.`,
      { path: 'snapshot.version' },
    );
  }
  const state = readJobState(field(root, 'state', 'snapshot'), 'snapshot.state');
  return { format: JOB_SNAPSHOT_FORMAT, version: JOB_SNAPSHOT_VERSION, state };
}

/**
 * Checks the shape of a {@link JobState} from an untrusted source; see
 * {@link readJobState}, which also returns a safe copy and is to be
 * preferred.
 *
 * @internal
 */
export function checkJobState(value: unknown, path: string): asserts value is JobState {
  readJobState(value, path);
}

/**
 * Reads the `jobs` and `evicted` parts of a fleet snapshot (the caller checks
 * its `format` and `version`): every job a valid state with a job id, no job
 * id twice, and `evicted` a list of non-empty job ids. The states are copies
 * that keep nothing of the value given.
 *
 * @param path - Where the snapshot is, for errors.
 * @throws JobSnapshotError `INVALID_SNAPSHOT` naming the first bad path, e.g.
 *   `snapshot.jobs[3].jobId` or `snapshot.evicted[0]`.
 * @example
 * ```ts
 * const { jobs, evicted } = parseFleetSnapshotParts(options.snapshot);
 * for (const state of jobs) held.set(state.jobId as string, state);
 * ```
 * @internal
 */
export function parseFleetSnapshotParts(
  value: unknown,
  path = 'snapshot',
): { readonly jobs: readonly JobState[]; readonly evicted: readonly string[] } {
  const root = object(value, path);
  const seen = new Map<string, number>();
  const jobs = list(field(root, 'jobs', path), `${path}.jobs`, (job, at) => {
    const state = readJobState(job, at);
    if (state.jobId === null) throw fail(`${at}.jobId`, 'a job of a fleet without an id');
    const first = seen.get(state.jobId);
    if (first !== undefined) {
      throw fail(`${at}.jobId`, `job ${state.jobId} twice (first at ${path}.jobs[${first}])`);
    }
    seen.set(state.jobId, seen.size);
    return state;
  });
  const evicted = list(field(root, 'evicted', path), `${path}.evicted`, nonEmptyString);
  return { jobs, evicted };
}

import { ErrorCode, JobSnapshotError } from '../errors.js';
import type { JobState } from '../model/job-state.js';
import { JobPhase, JobStatus } from '../model/status.js';
import { isObject, type Fields } from '../internal/fields.js';
import { AnomalyCode } from '../model/job-state.js';

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

function fail(path: string, message: string): JobSnapshotError {
  return new JobSnapshotError(ErrorCode.INVALID_SNAPSHOT, `Invalid snapshot: ${message} at ${path}.`, {
    path,
  });
}

function object(value: unknown, path: string): Fields {
  if (!isObject(value)) throw fail(path, 'expected an object');
  return value;
}

function array(value: unknown, path: string): readonly unknown[] {
  if (!Array.isArray(value)) throw fail(path, 'expected an array');
  return value;
}

function nullableNumber(value: unknown, path: string): void {
  if (value !== null && (typeof value !== 'number' || !Number.isFinite(value))) {
    throw fail(path, 'expected a finite number or null');
  }
}

function nullableString(value: unknown, path: string): void {
  if (value !== null && typeof value !== 'string') throw fail(path, 'expected a string or null');
}

function oneOf(value: unknown, allowed: readonly unknown[], path: string, nullable = false): void {
  if (nullable && value === null) return;
  if (!allowed.includes(value)) throw fail(path, `expected one of ${allowed.join(', ')}`);
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function checkKey(key: string, path: string): void {
  if (FORBIDDEN_KEYS.has(key)) throw fail(`${path}.${key}`, 'a key that could pollute prototypes');
}

function strings(value: unknown, path: string): void {
  array(value, path).forEach((x, i) => {
    if (typeof x !== 'string') throw fail(`${path}[${i}]`, 'expected a string');
  });
}

function checkOutputs(value: unknown, path: string): void {
  array(value, path).forEach((group, i) => {
    const at = `${path}[${i}]`;
    const g = object(group, at);
    if (typeof g.type !== 'string') throw fail(`${at}.type`, 'expected a string');
    strings(g.playlistPaths, `${at}.playlistPaths`);
    for (const key of ['hlsManifest', 'dashManifest', 'smoothManifest']) nullableString(g[key], `${at}.${key}`);
    object(g.raw, `${at}.raw`);
    array(g.outputs, `${at}.outputs`).forEach((output, j) => {
      const o = object(output, `${at}.outputs[${j}]`);
      strings(o.paths, `${at}.outputs[${j}].paths`);
      nullableNumber(o.durationMs, `${at}.outputs[${j}].durationMs`);
      if (o.video !== null) object(o.video, `${at}.outputs[${j}].video`);
      object(o.raw, `${at}.outputs[${j}].raw`);
    });
  });
}

function checkInputs(value: unknown, path: string): void {
  array(value, path).forEach((input, i) => {
    const at = `${path}[${i}]`;
    const x = object(input, at);
    nullableNumber(x.id, `${at}.id`);
    nullableString(x.uri, `${at}.uri`);
    array(x.video, `${at}.video`);
    array(x.audio, `${at}.audio`);
    object(x.raw, `${at}.raw`);
  });
}

const ANOMALY_CODES = Object.values(AnomalyCode);

function checkAnomalies(value: unknown, path: string): void {
  array(value, path).forEach((anomaly, i) => {
    const at = `${path}[${i}]`;
    const a = object(anomaly, at);
    oneOf(a.code, ANOMALY_CODES, `${at}.code`);
    if (typeof a.message !== 'string') throw fail(`${at}.message`, 'expected a string');
    nullableNumber(a.at, `${at}.at`);
    nullableString(a.eventId, `${at}.eventId`);
  });
}

const STATUSES = Object.values(JobStatus);
const PHASES = Object.values(JobPhase);
const PHASE_STATUSES = ['PENDING', 'PROGRESSING', 'COMPLETE'];

/**
 * Checks that a value is a job snapshot this release can restore and returns
 * it typed. Throws {@link JobSnapshotError} (`INVALID_SNAPSHOT` or
 * `UNSUPPORTED_SNAPSHOT_VERSION`) naming the offending path.
 *
 * @example
 * ```ts
 * const snapshot = parseJobSnapshot(JSON.parse(await readFile('job.json', 'utf8')));
 * ```
 */
export function parseJobSnapshot(value: unknown): JobSnapshot {
  const root = object(value, 'snapshot');
  if (root.format !== JOB_SNAPSHOT_FORMAT) {
    throw fail('snapshot.format', `expected "${JOB_SNAPSHOT_FORMAT}"`);
  }
  if (root.version !== JOB_SNAPSHOT_VERSION) {
    throw new JobSnapshotError(
      ErrorCode.UNSUPPORTED_SNAPSHOT_VERSION,
      `Snapshot version ${String(root.version)} is not supported; this release reads version ${JOB_SNAPSHOT_VERSION}.`,
      { path: 'snapshot.version' },
    );
  }
  checkJobState(root.state, 'snapshot.state');
  return root as unknown as JobSnapshot;
}

/**
 * Checks the shape of a {@link JobState} from an untrusted source.
 *
 * @internal
 */
export function checkJobState(value: unknown, path: string): asserts value is JobState {
  const s = object(value, path);
  nullableString(s.jobId, `${path}.jobId`);
  nullableString(s.arn, `${path}.arn`);
  oneOf(s.status, STATUSES, `${path}.status`);
  oneOf(s.phase, PHASES, `${path}.phase`, true);
  if ((s.status === 'PROGRESSING') !== (s.phase !== null)) {
    throw fail(`${path}.phase`, 'a phase is set exactly when the status is PROGRESSING');
  }
  if (typeof s.attempt !== 'number' || !Number.isInteger(s.attempt) || s.attempt < 0) {
    throw fail(`${path}.attempt`, 'expected a whole number from 0');
  }
  nullableNumber(s.settledAt, `${path}.settledAt`);
  const progress = object(s.progress, `${path}.progress`);
  nullableNumber(progress.jobPercent, `${path}.progress.jobPercent`);
  nullableNumber(progress.framesDecoded, `${path}.progress.framesDecoded`);
  const phases = object(progress.phases, `${path}.progress.phases`);
  for (const phase of PHASES) {
    const p = phases[phase];
    if (p === null) continue;
    const at = `${path}.progress.phases.${phase}`;
    const pp = object(p, at);
    oneOf(pp.status, PHASE_STATUSES, `${at}.status`);
    nullableNumber(pp.percent, `${at}.percent`);
  }
  const queue = object(s.queue, `${path}.queue`);
  for (const key of ['submitted', 'current']) nullableString(queue[key], `${path}.queue.${key}`);
  for (const key of ['currentAt', 'submittedPriority', 'priority']) {
    nullableNumber(queue[key], `${path}.queue.${key}`);
  }
  array(queue.hops, `${path}.queue.hops`).forEach((hop, i) => {
    const at = `${path}.queue.hops[${i}]`;
    const h = object(hop, at);
    if (typeof h.at !== 'number' || !Number.isFinite(h.at) || typeof h.to !== 'string') {
      throw fail(at, 'expected a hop with a time and a destination');
    }
    nullableString(h.from, `${at}.from`);
    nullableNumber(h.priority, `${at}.priority`);
    nullableNumber(h.previousPriority, `${at}.previousPriority`);
  });
  const warnings = object(s.warnings, `${path}.warnings`);
  for (const code of Object.keys(warnings)) {
    checkKey(code, `${path}.warnings`);
    const w = object(warnings[code], `${path}.warnings.${code}`);
    if (w.code !== code || typeof w.count !== 'number' || typeof w.lastSeenAt !== 'number') {
      throw fail(`${path}.warnings.${code}`, 'expected a warning with its code, count and time');
    }
    nullableString(w.message, `${path}.warnings.${code}.message`);
  }
  const messages = object(s.messages, `${path}.messages`);
  for (const kind of ['info', 'warning']) {
    strings(messages[kind], `${path}.messages.${kind}`);
  }
  if (s.error !== null) {
    const e = object(s.error, `${path}.error`);
    nullableNumber(e.code, `${path}.error.code`);
    nullableString(e.message, `${path}.error.message`);
  }
  checkOutputs(s.outputs, `${path}.outputs`);
  if (s.completion !== null) object(s.completion, `${path}.completion`);
  checkInputs(s.inputs, `${path}.inputs`);
  const metadata = object(s.userMetadata, `${path}.userMetadata`);
  for (const key of Object.keys(metadata)) {
    checkKey(key, `${path}.userMetadata`);
    if (typeof metadata[key] !== 'string') throw fail(`${path}.userMetadata.${key}`, 'expected a string');
  }
  const timing = object(s.timing, `${path}.timing`);
  for (const key of ['submittedAt', 'startedAt', 'finishedAt', 'lastEventAt']) {
    nullableNumber(timing[key], `${path}.timing.${key}`);
  }
  checkAnomalies(s.anomalies, `${path}.anomalies`);
  strings(s.appliedEventIds, `${path}.appliedEventIds`);
}

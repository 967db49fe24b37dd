/**
 * Validation of what callers pass to `createJobTracker`, `createJobFleet`
 * and `on`, before anything is built: every mistake is a
 * {@link JobTrackerError} of code `INVALID_OPTIONS` whose `path` names the
 * option (`options.filter.queues[1]`), never a `TypeError` later on.
 * A getter or Proxy of the caller's that throws is reported the same way,
 * with what it threw as `cause`.
 *
 * Internal: not re-exported from any public entry point.
 */
import { checkParseOptions } from '../adapters/internal/context.js';
import { ErrorCode, JobTrackerError } from '../errors.js';
import type { JobFleetOptions } from '../fleet/create-job-fleet.js';
import type { JobTrackerOptions } from '../tracker/create-job-tracker.js';
import type { JobNotificationName } from '../tracker/notifications.js';

/**
 * The largest `maxEventIds` accepted: a state keeps that many ids, and a
 * snapshot with more is refused as damaged.
 *
 * @example
 * ```ts
 * createJobTracker({ maxEventIds: MAX_EVENT_IDS_LIMIT }); // the most a tracker remembers
 * ```
 */
export const MAX_EVENT_IDS_LIMIT = 4096;

/** Every notification name, as a map so a name added to the type must be added here. */
const NOTIFICATION_NAMES: { readonly [K in JobNotificationName]: true } = {
  status: true,
  phase: true,
  progress: true,
  inputInformation: true,
  warning: true,
  queueHop: true,
  complete: true,
  error: true,
  canceled: true,
  settled: true,
  anomaly: true,
  change: true,
};

type Fields = { readonly [key: string]: unknown };

function invalid(path: string, message: string, cause?: unknown): JobTrackerError {
  return new JobTrackerError(
    ErrorCode.INVALID_OPTIONS,
    message,
    cause === undefined ? { path } : { path, cause },
  );
}

function reasonOf(cause: unknown): string {
  try {
    return cause instanceof Error ? cause.message : String(cause);
  } catch {
    return 'an error that cannot be described';
  }
}

/** What `value` is, for messages. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value === '' ? 'an empty string' : 'a string';
  if (typeof value === 'object') {
    try {
      return Array.isArray(value) ? 'an array' : 'an object';
    } catch {
      return 'a revoked Proxy';
    }
  }
  return `a ${typeof value}`;
}

function guarded<T>(path: string, read: () => T): T {
  try {
    return read();
  } catch (cause) {
    throw invalid(path, `The option ${path} could not be read: ${reasonOf(cause)}`, cause);
  }
}

function expected(path: string, what: string, value: unknown): JobTrackerError {
  return invalid(path, `Expected ${what} at ${path}, got ${describe(value)}.`);
}

/** `value` as an object of fields when it is a non-null object other than an array. */
function isFields(value: unknown, path: string): value is Fields {
  return (
    typeof value === 'object' && value !== null && !guarded(path, () => Array.isArray(value))
  );
}

/** `options` itself: `undefined`, or an object. */
function root(options: unknown, path: string): Fields | undefined {
  if (options === undefined) return undefined;
  if (!isFields(options, path)) throw expected(path, 'an options object or undefined', options);
  return options;
}

function option(obj: Fields, key: string, path: string): unknown {
  const at = `${path}.${key}`;
  return guarded(at, () => obj[key]);
}

function optionalFunction(obj: Fields, key: string, path: string): void {
  const value = option(obj, key, path);
  if (value !== undefined && typeof value !== 'function') {
    throw expected(`${path}.${key}`, 'a function', value);
  }
}

function optionalObject(obj: Fields, key: string, path: string): Fields | undefined {
  const value = option(obj, key, path);
  if (value === undefined) return undefined;
  if (!isFields(value, `${path}.${key}`)) throw expected(`${path}.${key}`, 'an object', value);
  return value;
}

function wholeNumber(obj: Fields, key: string, path: string, max: number): void {
  const value = option(obj, key, path);
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? 'from 0' : `from 0 to ${max}`;
    throw expected(`${path}.${key}`, `a whole number ${range}`, value);
  }
}

function observer(obj: Fields, path: string, members: readonly string[]): void {
  const value = optionalObject(obj, 'observer', path);
  if (value === undefined) return;
  for (const member of members) optionalFunction(value, member, `${path}.observer`);
}

/** Checks a list of strings (non-empty ones when `nonEmpty`), refusing holes. */
function stringList(value: unknown, path: string, nonEmpty: boolean): void {
  if (!guarded(path, () => Array.isArray(value))) {
    throw expected(path, 'an array of strings', value);
  }
  const list = value as readonly unknown[];
  const length = guarded(path, () => list.length);
  for (let i = 0; i < length; i++) {
    const at = `${path}[${i}]`;
    const item = guarded(at, () => list[i]);
    if (typeof item !== 'string' || (nonEmpty && item === '')) {
      throw expected(at, nonEmpty ? 'a non-empty string' : 'a string', item);
    }
  }
}

function snapshot(obj: Fields, path: string): void {
  const value = option(obj, 'snapshot', path);
  if (value !== undefined && !isFields(value, `${path}.snapshot`)) {
    throw expected(`${path}.snapshot`, 'a snapshot object', value);
  }
}

function common(obj: Fields, path: string): void {
  wholeNumber(obj, 'maxEventIds', path, MAX_EVENT_IDS_LIMIT);
  snapshot(obj, path);
  checkParseOptions(option(obj, 'parse', path), `${path}.parse`);
}

/**
 * Checks the options of `createJobTracker` before anything is built:
 * `options` an object or `undefined` (not `null`), `jobId` a non-empty
 * string, `maxEventIds` a whole number from 0 to 4096, `snapshot` an object
 * (its content is checked when it is restored), `parse` valid parse options,
 * `observer` an object whose `onIngest` and `onHandlerError` are functions.
 *
 * @throws JobTrackerError `INVALID_OPTIONS` with the option's path, e.g.
 *   `options.parse.maxDepth`.
 * @example
 * ```ts
 * checkTrackerOptions(options); // first thing in createJobTracker
 * ```
 */
export function checkTrackerOptions(
  options: unknown,
): asserts options is JobTrackerOptions | undefined {
  const path = 'options';
  const obj = root(options, path);
  if (obj === undefined) return;
  const jobId = option(obj, 'jobId', path);
  if (jobId !== undefined && (typeof jobId !== 'string' || jobId === '')) {
    throw expected(`${path}.jobId`, 'a non-empty job id', jobId);
  }
  common(obj, path);
  observer(obj, path, ['onIngest', 'onHandlerError']);
}

function filter(obj: Fields, path: string): void {
  const value = optionalObject(obj, 'filter', path);
  if (value === undefined) return;
  const at = `${path}.filter`;
  const metadata = optionalObject(value, 'userMetadata', at);
  if (metadata !== undefined) {
    const mpath = `${at}.userMetadata`;
    for (const key of guarded(mpath, () => Object.keys(metadata))) {
      const allowed = option(metadata, key, mpath);
      if (typeof allowed === 'string') continue;
      const kpath = `${mpath}.${key}`;
      if (!guarded(kpath, () => Array.isArray(allowed))) {
        throw expected(kpath, 'a string or an array of strings', allowed);
      }
      stringList(allowed, kpath, false);
    }
  }
  const queues = option(value, 'queues', at);
  if (queues !== undefined) stringList(queues, `${at}.queues`, true);
  optionalFunction(value, 'predicate', at);
}

/**
 * Checks the options of `createJobFleet` before anything is built: those a
 * tracker shares (`maxEventIds`, `snapshot`, `parse`), `filter` an object
 * whose `userMetadata` maps keys to a string or an array of strings, whose
 * `queues` is an array of strings and whose `predicate` is a function,
 * `settledRetentionMs` a number from 0 (`Infinity` keeps every job),
 * `maxEvictedIds` a whole number from 0, `now` a function, and `observer` an
 * object whose `onIngest`, `onHandlerError` and `onEvict` are functions.
 *
 * @throws JobTrackerError `INVALID_OPTIONS` with the option's path, e.g.
 *   `options.filter.queues[1]`.
 * @example
 * ```ts
 * checkFleetOptions(options); // first thing in createJobFleet
 * ```
 */
export function checkFleetOptions(
  options: unknown,
): asserts options is JobFleetOptions | undefined {
  const path = 'options';
  const obj = root(options, path);
  if (obj === undefined) return;
  common(obj, path);
  filter(obj, path);
  const retention = option(obj, 'settledRetentionMs', path);
  if (retention !== undefined && (typeof retention !== 'number' || !(retention >= 0))) {
    throw expected(`${path}.settledRetentionMs`, 'a number from 0 (Infinity allowed)', retention);
  }
  wholeNumber(obj, 'maxEvictedIds', path, Number.MAX_SAFE_INTEGER);
  optionalFunction(obj, 'now', path);
  observer(obj, path, ['onIngest', 'onHandlerError', 'onEvict']);
}

/**
 * Checks the arguments of `on(name, handler)`: `name` one of the
 * notification names (`status`, `phase`, `progress`, `inputInformation`,
 * `warning`, `queueHop`, `complete`, `error`, `canceled`, `settled`,
 * `anomaly`, `change`) and `handler` a function.
 *
 * @throws JobTrackerError `INVALID_OPTIONS` with the path `name` or `handler`.
 * @example
 * ```ts
 * checkHandlerArgs(name, handler); // first thing in on()
 * ```
 */
export function checkHandlerArgs(name: unknown, handler: unknown): void {
  const known = typeof name === 'string' && Object.hasOwn(NOTIFICATION_NAMES, name);
  if (!known) {
    const names = Object.keys(NOTIFICATION_NAMES).join(', ');
    const shown = typeof name === 'string' ? JSON.stringify(name.slice(0, 40)) : describe(name);
    throw invalid('name', `Expected a notification name (${names}) at name, got ${shown}.`);
  }
  if (typeof handler !== 'function') throw expected('handler', 'a function', handler);
}

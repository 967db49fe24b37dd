/**
 * Readers of the closed sets of the model: phases, phase statuses, job
 * statuses. Internal.
 */
import { ErrorCode, JobInputError } from '../../errors.js';
import { join, missing } from '../../internal/fields.js';
import type { Fields, NumberRange } from '../../internal/fields.js';
import type { JobPhase, JobStatus, PhaseStatus } from '../../model/status.js';
import { get, wrongType } from './guard.js';

/** The range of every percentage. */
export const PERCENT: NumberRange = { min: 0, max: 100 };

/** A non-negative integer count. */
export const COUNT: NumberRange = { min: 0, integer: true };

/** Epoch milliseconds: whole, since every source counts whole milliseconds. */
export const TIMESTAMP: NumberRange = { min: 0, integer: true };

/** Any integer (priorities, error codes). */
export const INTEGER: NumberRange = { integer: true };

/**
 * Reads one value of a closed set. A string the set does not hold (one the
 * service may add) gives `null`; a non-string is refused; absent or `null`
 * gives `null` unless the value is required.
 *
 * The value returned is the set's own constant, never the parsed string:
 * states keep these values, and a constant is one shared string instead of
 * one per job.
 */
function readMember<T extends string>(
  members: ReadonlyMap<string, T>,
  required: boolean,
  obj: Fields,
  key: string,
  path: string,
): T | null {
  const value = get(obj, key, path);
  if (value === undefined || value === null) {
    if (required) throw missing(join(path, key));
    return null;
  }
  if (typeof value !== 'string') throw wrongType(join(path, key), 'a string', value);
  return members.get(value) ?? null;
}

function membersOf<T extends string>(values: readonly T[]): ReadonlyMap<string, T> {
  return new Map(values.map((v) => [v, v]));
}

const PHASES = membersOf<JobPhase>(['PROBING', 'TRANSCODING', 'UPLOADING']);
const PHASE_STATUSES = membersOf<PhaseStatus>(['PENDING', 'PROGRESSING', 'COMPLETE']);
const JOB_STATUSES = membersOf<JobStatus>([
  'SUBMITTED',
  'PROGRESSING',
  'COMPLETE',
  'ERROR',
  'CANCELED',
]);

/**
 * A phase: absent, `null` or a value this version does not know gives `null`,
 * so a future phase never costs a progress update; a non-string is refused.
 */
export function readPhase(obj: Fields, key: string, path: string): JobPhase | null {
  return readMember(PHASES, false, obj, key, path);
}

/** A required phase status; `null` for a value this version does not know. */
export function readPhaseStatus(obj: Fields, key: string, path: string): PhaseStatus | null {
  return readMember(PHASE_STATUSES, true, obj, key, path);
}

/**
 * A required job status. A string this version does not know (a status the
 * service may add) gives `null`, for the caller to skip the job or refuse it.
 */
export function readJobStatus(obj: Fields, key: string, path: string): JobStatus | null {
  return readMember(JOB_STATUSES, true, obj, key, path);
}

/** The `INVALID_VALUE` error of a job status this version does not know. */
export function unknownJobStatus(status: string, path: string): JobInputError {
  return new JobInputError(
    ErrorCode.INVALID_VALUE,
    `Expected a job status (SUBMITTED, PROGRESSING, COMPLETE, ERROR, CANCELED) at ${path}, got ${JSON.stringify(status.slice(0, 40))}.`,
    { path },
  );
}

/**
 * Readers of the closed sets of the model: phases, phase statuses, job
 * statuses. Internal.
 */
import { ErrorCode, JobInputError } from '../../errors.js';
import { join, missing } from '../../internal/fields.js';
import type { Fields, NumberRange } from '../../internal/fields.js';
import type { JobPhase, JobStatus, PhaseStatus } from '../../model/status.js';
import { unreadable, wrongType } from './guard.js';

/** The range of every percentage. */
export const PERCENT: NumberRange = { min: 0, max: 100 };

/** A non-negative integer count. */
export const COUNT: NumberRange = { min: 0, integer: true };

/** Epoch milliseconds: whole, since every source counts whole milliseconds. */
export const TIMESTAMP: NumberRange = { min: 0, integer: true };

/** Any integer (priorities, error codes). */
export const INTEGER: NumberRange = { integer: true };

/**
 * A phase: absent, `null` or a value this version does not know gives `null`,
 * so a future phase never costs a progress update; a non-string is refused.
 */
export function readPhase(obj: Fields, key: string, path: string): JobPhase | null {
  let value: unknown;
  try {
    value = obj[key];
  } catch (cause) {
    throw unreadable(join(path, key), cause);
  }
  // Each case returns its own literal, never the parsed string: states keep
  // these values, and a literal is one shared string instead of one per job.
  switch (value) {
    case 'PROBING':
      return 'PROBING';
    case 'TRANSCODING':
      return 'TRANSCODING';
    case 'UPLOADING':
      return 'UPLOADING';
    case undefined:
    case null:
      return null;
    default:
      if (typeof value !== 'string') throw wrongType(join(path, key), 'a string', value);
      return null;
  }
}

/** A phase status; `null` for a value this version does not know. */
export function readPhaseStatus(obj: Fields, key: string, path: string): PhaseStatus | null {
  let value: unknown;
  try {
    value = obj[key];
  } catch (cause) {
    throw unreadable(join(path, key), cause);
  }
  switch (value) {
    case 'PENDING':
      return 'PENDING';
    case 'PROGRESSING':
      return 'PROGRESSING';
    case 'COMPLETE':
      return 'COMPLETE';
    case undefined:
    case null:
      throw missing(join(path, key));
    default:
      if (typeof value !== 'string') throw wrongType(join(path, key), 'a string', value);
      return null;
  }
}

/**
 * A required job status. A string this version does not know (a status the
 * service may add) gives `null`, for the caller to skip the job or refuse it.
 */
export function readJobStatus(obj: Fields, key: string, path: string): JobStatus | null {
  let value: unknown;
  try {
    value = obj[key];
  } catch (cause) {
    throw unreadable(join(path, key), cause);
  }
  switch (value) {
    case 'SUBMITTED':
      return 'SUBMITTED';
    case 'PROGRESSING':
      return 'PROGRESSING';
    case 'COMPLETE':
      return 'COMPLETE';
    case 'ERROR':
      return 'ERROR';
    case 'CANCELED':
      return 'CANCELED';
    case undefined:
    case null:
      throw missing(join(path, key));
    default:
      if (typeof value !== 'string') throw wrongType(join(path, key), 'a string', value);
      return null;
  }
}

/** The `INVALID_VALUE` error of a job status this version does not know. */
export function unknownJobStatus(status: string, path: string): JobInputError {
  return new JobInputError(
    ErrorCode.INVALID_VALUE,
    `Expected a job status (SUBMITTED, PROGRESSING, COMPLETE, ERROR, CANCELED) at ${path}, got ${JSON.stringify(status.slice(0, 40))}.`,
    { path },
  );
}

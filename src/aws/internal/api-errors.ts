/**
 * Typed errors for API failures that waiting cannot fix.
 */
import { ErrorCode, JobTrackerError } from '../../errors.js';
import {
  ApiFailureKind,
  classifyApiError,
  type RetryableFailure,
} from '../api-failure.js';

function field(error: unknown, key: string): unknown {
  if (typeof error !== 'object' || error === null) return undefined;
  return (error as Record<string, unknown>)[key];
}

/**
 * Whether a failure of this kind is worth trying again.
 *
 * @example
 * ```ts
 * if (isRetryable(classifyApiError(error))) await backOff();
 * ```
 */
export function isRetryable(kind: ApiFailureKind): kind is RetryableFailure['kind'] {
  return (
    kind === ApiFailureKind.THROTTLED ||
    kind === ApiFailureKind.SERVER ||
    kind === ApiFailureKind.NETWORK
  );
}

function describe(error: unknown): string {
  const name = field(error, 'name');
  const message = error instanceof Error ? error.message : String(error);
  return typeof name === 'string' && name !== 'Error' ? `${name}: ${message}` : message;
}

/**
 * The typed error for a failure that waiting cannot fix, with the SDK's
 * error as `cause`.
 *
 * @example
 * ```ts
 * throw fatalApiError(error, 'GetJob', '1671477617078-2886ye');
 * ```
 */
export function fatalApiError(error: unknown, operation: string, jobId: string | null): JobTrackerError {
  const kind = classifyApiError(error);
  const options = { cause: error, ...(jobId === null ? {} : { jobId }) };
  const what = describe(error);
  if (kind === ApiFailureKind.NOT_FOUND) {
    return new JobTrackerError(
      ErrorCode.JOB_NOT_FOUND,
      `${operation}: job ${jobId ?? '?'} was not found (check the id, the region and the account): ${what}`,
      { ...options, path: 'Id' },
    );
  }
  if (kind === ApiFailureKind.ACCESS_DENIED) {
    return new JobTrackerError(
      ErrorCode.ACCESS_DENIED,
      `${operation}: access denied (check the credentials and the IAM policy): ${what}`,
      { ...options, path: 'client' },
    );
  }
  return new JobTrackerError(ErrorCode.API_REQUEST_FAILED, `${operation} failed: ${what}`, {
    ...options,
    path: 'client',
  });
}

/**
 * Typed errors for API failures that waiting cannot fix, and the failures
 * that waiting can fix, with a short reason each.
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
    kind === ApiFailureKind.NETWORK ||
    kind === ApiFailureKind.INVALID_RESPONSE
  );
}

/** A name worth showing: not empty, and not one that says nothing (`Error`). */
function specificName(error: unknown): string | null {
  const name = field(error, 'name');
  if (typeof name !== 'string' || name === '') return null;
  return name === 'Error' || name === 'ServiceException' ? null : name;
}

function statusText(error: unknown, fallback: string): string {
  const status = field(field(error, '$metadata'), 'httpStatusCode');
  return typeof status === 'number' ? `HTTP ${status}` : fallback;
}

/**
 * The short reason of a retryable failure (see {@link RetryableFailure.reason}).
 *
 * @example
 * ```ts
 * const refused = Object.assign(new Error('connect'), { code: 'ECONNREFUSED' });
 * retryReason('NETWORK', refused); // 'ECONNREFUSED'
 * ```
 */
export function retryReason(kind: RetryableFailure['kind'], error: unknown): string {
  const code = field(error, 'code');
  switch (kind) {
    case ApiFailureKind.NETWORK:
      if (typeof code === 'string' && code !== '') return code;
      return specificName(error) ?? 'NETWORK';
    case ApiFailureKind.THROTTLED:
      return specificName(error) ?? statusText(error, 'THROTTLED');
    case ApiFailureKind.SERVER:
      return specificName(error) ?? statusText(error, 'SERVER');
    case ApiFailureKind.INVALID_RESPONSE:
      return error instanceof JobTrackerError ? error.code : 'UNREADABLE_ANSWER';
  }
}

/**
 * A {@link RetryableFailure} of `kind` for `error`, with its reason (by
 * default the one {@link retryReason} gives).
 *
 * @example
 * ```ts
 * onRetry(retryableFailure('THROTTLED', error), 4_000);
 * ```
 */
export function retryableFailure(
  kind: RetryableFailure['kind'],
  error: unknown,
  reason: string = retryReason(kind, error),
): RetryableFailure {
  return { kind, reason, error };
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

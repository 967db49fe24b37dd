/**
 * How a failed MediaConvert call is sorted: the failures worth waiting out
 * (throttling, server faults, broken connections) and the ones that no
 * amount of waiting fixes (a wrong id, no access, a bad request).
 */
/**
 * Kinds of API failure, as the waiter, `watchJob` and the reconciler see them.
 *
 * @example
 * ```ts
 * observer.onRetry = (failure) => failure.kind === ApiFailureKind.THROTTLED && metrics.count('429');
 * ```
 */
export const ApiFailureKind = {
  /** HTTP 429 (`TooManyRequestsException`): slow down and try again. */
  THROTTLED: 'THROTTLED',
  /** HTTP 5xx: the service had a problem; try again later. */
  SERVER: 'SERVER',
  /** No answer: a reset or dropped connection, a time-out. */
  NETWORK: 'NETWORK',
  /** HTTP 404 (`NotFoundException`). */
  NOT_FOUND: 'NOT_FOUND',
  /** HTTP 401/403, or no usable credentials. */
  ACCESS_DENIED: 'ACCESS_DENIED',
  /** Any other refusal (`BadRequestException`, an unknown host, a defect). */
  REJECTED: 'REJECTED',
  /**
   * An answer came (HTTP 2xx) but could not be read: a body that is no JSON,
   * a `Job` missing or null, a field the adapter refuses (a percent of 150),
   * a status the library does not know. One such answer is treated like a
   * failed call: the waiter keeps the last good state and tries again later.
   */
  INVALID_RESPONSE: 'INVALID_RESPONSE',
} as const;

/**
 * One of the values of {@link ApiFailureKind}.
 *
 * @example
 * ```ts
 * const kind: ApiFailureKind = classifyApiError(error);
 * ```
 */
export type ApiFailureKind = (typeof ApiFailureKind)[keyof typeof ApiFailureKind];

/**
 * A failed call that is worth trying again, as observers receive it.
 *
 * @example
 * ```ts
 * const onRetry = (failure: RetryableFailure, delayMs: number) =>
 *   logger.warn({ kind: failure.kind, delayMs }, 'GetJob failed, trying again');
 * ```
 */
export interface RetryableFailure {
  readonly kind:
    | typeof ApiFailureKind.THROTTLED
    | typeof ApiFailureKind.SERVER
    | typeof ApiFailureKind.NETWORK
    | typeof ApiFailureKind.INVALID_RESPONSE;
  /**
   * A short code saying what failed, for logs and counts: the error's `code`
   * for a broken connection (`ECONNREFUSED`, `ECONNRESET`), its name for a
   * refusal (`TooManyRequestsException`, `InternalServerErrorException`, or
   * `HTTP 503` when it has none), and for an answer that could not be read
   * the adapter's code (`OUT_OF_RANGE`, `MISSING_FIELD`, `UNKNOWN_STATUS`) or
   * `UNREADABLE_ANSWER` when the SDK could not parse it.
   */
  readonly reason: string;
  /**
   * What `client.send()` rejected with (the SDK's error also when it could
   * not parse an answer); for an answer the tracker refused or skipped, the
   * `JobTrackerError` that says why.
   */
  readonly error: unknown;
}

const THROTTLING_NAMES = new Set([
  'TooManyRequestsException',
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'RequestLimitExceeded',
  'SlowDown',
]);

const ACCESS_NAMES = new Set([
  'ForbiddenException',
  'AccessDeniedException',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'ExpiredTokenException',
  'ExpiredToken',
  'InvalidClientTokenId',
  'CredentialsProviderError',
  'TokenProviderError',
]);

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'UND_ERR_SOCKET',
]);

const NETWORK_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);

function field(error: unknown, key: string): unknown {
  if (typeof error !== 'object' || error === null) return undefined;
  return (error as Record<string, unknown>)[key];
}

function httpStatusOf(error: unknown): number | null {
  const metadata = field(error, '$metadata');
  const status = field(metadata, 'httpStatusCode');
  return typeof status === 'number' ? status : null;
}

/**
 * Sorts a rejection of `client.send()` into an {@link ApiFailureKind}.
 *
 * @example
 * ```ts
 * classifyApiError(new TooManyRequestsException({ message: 'slow down', $metadata: {} })); // 'THROTTLED'
 * ```
 */
export function classifyApiError(error: unknown): ApiFailureKind {
  const name = field(error, 'name');
  const code = field(error, 'code');
  const status = httpStatusOf(error);
  if (typeof name === 'string' && THROTTLING_NAMES.has(name)) return ApiFailureKind.THROTTLED;
  if (status === 429) return ApiFailureKind.THROTTLED;
  if (name === 'NotFoundException' || status === 404) return ApiFailureKind.NOT_FOUND;
  if (typeof name === 'string' && ACCESS_NAMES.has(name)) return ApiFailureKind.ACCESS_DENIED;
  if (status === 401 || status === 403) return ApiFailureKind.ACCESS_DENIED;
  if (status !== null && status >= 500) return ApiFailureKind.SERVER;
  if (field(error, '$fault') === 'server' && status === null) return ApiFailureKind.SERVER;
  // The SDK could not read a 2xx answer (no JSON, a null body): the call itself went through.
  if (status !== null && status >= 200 && status < 300) return ApiFailureKind.INVALID_RESPONSE;
  if (status !== null) return ApiFailureKind.REJECTED;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return ApiFailureKind.NETWORK;
  if (typeof name === 'string' && NETWORK_NAMES.has(name)) return ApiFailureKind.NETWORK;
  return ApiFailureKind.REJECTED;
}


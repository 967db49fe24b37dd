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
    | typeof ApiFailureKind.NETWORK;
  /** What `client.send()` rejected with. */
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
  if (status !== null) return ApiFailureKind.REJECTED;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return ApiFailureKind.NETWORK;
  if (typeof name === 'string' && NETWORK_NAMES.has(name)) return ApiFailureKind.NETWORK;
  return ApiFailureKind.REJECTED;
}


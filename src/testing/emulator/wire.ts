/**
 * The REST JSON wire forms the SDK reads: the `Job` structure (lowerCamelCase
 * names, epoch-second timestamps) and the error answer (status code,
 * `x-amzn-ErrorType` header, `{ "message": ... }` body).
 */
import type { JsonObject, JsonValue } from '../../model/json.js';
import { apiOutputGroups } from './outputs.js';
import { countWarnings, type JobView, type SimJob } from './job.js';

/**
 * The service exceptions the emulator answers with, by wire name.
 *
 * @example
 * ```ts
 * serviceError(ServiceErrorType.NOT_FOUND, 'Job 123 not found');
 * ```
 */
export const ServiceErrorType = {
  BAD_REQUEST: 'BadRequestException',
  CONFLICT: 'ConflictException',
  FORBIDDEN: 'ForbiddenException',
  NOT_FOUND: 'NotFoundException',
  TOO_MANY_REQUESTS: 'TooManyRequestsException',
  INTERNAL_SERVER_ERROR: 'InternalServerErrorException',
} as const;

/**
 * One of the values of {@link ServiceErrorType}.
 *
 * @example
 * ```ts
 * const type: ServiceErrorType = 'NotFoundException';
 * ```
 */
export type ServiceErrorType = (typeof ServiceErrorType)[keyof typeof ServiceErrorType];

/**
 * The HTTP status of each service exception, as the SDK's model declares it.
 *
 * @example
 * ```ts
 * SERVICE_ERROR_STATUS.TooManyRequestsException; // 429
 * ```
 */
export const SERVICE_ERROR_STATUS: { readonly [type in ServiceErrorType]: number } = {
  BadRequestException: 400,
  ConflictException: 409,
  ForbiddenException: 403,
  NotFoundException: 404,
  TooManyRequestsException: 429,
  InternalServerErrorException: 500,
};

/**
 * An error answer.
 *
 * @example
 * ```ts
 * const error: ServiceError = { type: 'BadRequestException', message: 'Invalid nextToken' };
 * ```
 */
export interface ServiceError {
  readonly type: ServiceErrorType;
  readonly message: string;
}

/**
 * Makes a {@link ServiceError}.
 *
 * @example
 * ```ts
 * serviceError('BadRequestException', 'Invalid nextToken');
 * ```
 */
export function serviceError(type: ServiceErrorType, message: string): ServiceError {
  return { type, message };
}

/**
 * An HTTP answer ready to write.
 *
 * @example
 * ```ts
 * const { status, headers, body } = errorResponse(error);
 * ```
 */
export interface WireResponse {
  readonly status: number;
  readonly headers: { readonly [name: string]: string };
  readonly body: string;
}

/** What follows the exception name in `x-amzn-ErrorType`, as the service writes it. */
const ERROR_NAMESPACE = 'http://internal.amazon.com/coral/com.amazonaws.mediaconvert/';

/**
 * The HTTP answer for a service error. The SDK reads the exception name from
 * `x-amzn-ErrorType` (the part before `:`) and the message from the body.
 *
 * @example
 * ```ts
 * errorResponse(serviceError('NotFoundException', 'Job 1 not found')).status; // 404
 * ```
 */
export function errorResponse(error: ServiceError): WireResponse {
  return {
    status: SERVICE_ERROR_STATUS[error.type],
    headers: {
      'content-type': 'application/json',
      'x-amzn-errortype': `${error.type}:${ERROR_NAMESPACE}`,
    },
    body: JSON.stringify({ message: error.message }),
  };
}

/**
 * A JSON success answer.
 *
 * @example
 * ```ts
 * jsonResponse(200, { job: jobToWire(job, view) });
 * ```
 */
export function jsonResponse(status: number, body: JsonObject): WireResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/**
 * Epoch milliseconds to the wire's epoch seconds.
 *
 * @example
 * ```ts
 * toEpochSeconds(1671477617078); // 1671477617
 * ```
 */
export function toEpochSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}

/** Request members echoed back unchanged in the job, when present. */
const ECHOED = [
  'accelerationSettings',
  'billingTagsSource',
  'clientRequestToken',
  'jobTemplate',
  'simulateReservedQueue',
] as const;

function accelerationStatus(mode: string | null): string {
  return mode === 'ENABLED' || mode === 'PREFERRED' ? 'ACCELERATED' : 'NOT_APPLICABLE';
}

/**
 * The wire form of a job as `GetJob`, `ListJobs`, `SearchJobs` and
 * `CreateJob` return it. `Queue` and `Priority` keep the submission values;
 * hops show in `queueTransitions`.
 *
 * @example
 * ```ts
 * jsonResponse(200, { job: jobToWire(job, observeJob(job, clock.now())) });
 * ```
 */
export function jobToWire(job: SimJob, view: JobView): JsonObject {
  const request = job.request;
  const out: { [key: string]: JsonValue } = {};
  for (const key of ECHOED) {
    const value = request.wire[key];
    if (value !== undefined) out[key] = value;
  }
  out['accelerationStatus'] = accelerationStatus(request.accelerationMode);
  out['arn'] = job.arn;
  out['createdAt'] = toEpochSeconds(job.createdAt);
  if (view.status === 'PROGRESSING' && view.phase !== null) out['currentPhase'] = view.phase;
  if (view.error !== null) {
    out['errorCode'] = view.error.code;
    out['errorMessage'] = view.error.message;
  }
  if (request.hopDestinations.length > 0) {
    out['hopDestinations'] = request.hopDestinations.map((hop) => ({
      queue: hop.queue,
      waitMinutes: hop.waitMinutes,
      ...(hop.priority === null ? {} : { priority: hop.priority }),
    }));
  }
  out['id'] = job.id;
  if (view.status === 'PROGRESSING' && view.jobPercent !== null) {
    out['jobPercentComplete'] = view.jobPercent;
  }
  out['messages'] = {
    info: [
      request.accelerationMode === 'ENABLED' || request.accelerationMode === 'PREFERRED'
        ? 'Job will be processed with acceleration.'
        : 'Job will be processed without acceleration.',
    ],
    warning: view.warnings.map((w) => w.message),
  };
  if (view.status === 'COMPLETE') out['outputGroupDetails'] = apiOutputGroups(job.outputs);
  out['priority'] = request.priority;
  out['queue'] = request.queue;
  if (view.hops.length > 0) {
    out['queueTransitions'] = view.hops.map((hop) => ({
      destinationQueue: hop.to,
      sourceQueue: hop.from,
      timestamp: toEpochSeconds(hop.at),
    }));
  }
  out['retryCount'] = view.retryCount;
  out['role'] = request.role;
  out['settings'] = request.wire['settings'] ?? {};
  out['status'] = view.status;
  out['statusUpdateInterval'] = request.statusUpdateInterval;
  const timing: { [key: string]: JsonValue } = { submitTime: toEpochSeconds(job.createdAt) };
  if (view.startedAt !== null) timing['startTime'] = toEpochSeconds(view.startedAt);
  if (view.finishedAt !== null) timing['finishTime'] = toEpochSeconds(view.finishedAt);
  out['timing'] = timing;
  out['userMetadata'] = { ...request.userMetadata };
  const warnings = countWarnings(view);
  if (warnings.length > 0) out['warnings'] = warnings;
  return out;
}

/**
 * Codes of {@link JobTrackerError}, one per kind of failure.
 *
 * @example
 * ```ts
 * try { parseEvent(body); } catch (e) {
 *   if (e instanceof JobTrackerError && e.code === ErrorCode.INVALID_JSON) skip();
 * }
 * ```
 */
export const ErrorCode = {
  /** A string that is not valid JSON. */
  INVALID_JSON: 'INVALID_JSON',
  /** Input longer than the adapter accepts. */
  INPUT_TOO_LARGE: 'INPUT_TOO_LARGE',
  /** A value that should be an object is not. */
  NOT_AN_OBJECT: 'NOT_AN_OBJECT',
  /** The shape matches no known event, record or API response. */
  UNRECOGNISED_INPUT: 'UNRECOGNISED_INPUT',
  /** A required field is absent. */
  MISSING_FIELD: 'MISSING_FIELD',
  /** A field has the wrong type. */
  INVALID_TYPE: 'INVALID_TYPE',
  /** A number outside its range (a percent of 140, a negative count). */
  OUT_OF_RANGE: 'OUT_OF_RANGE',
  /** A value that is not one of the allowed ones. */
  INVALID_VALUE: 'INVALID_VALUE',
  /** A key such as `__proto__` that could pollute prototypes. */
  FORBIDDEN_KEY: 'FORBIDDEN_KEY',
  /** Nesting deeper than the adapter accepts. */
  TOO_DEEP: 'TOO_DEEP',
  /** Input for another job than the tracker follows. */
  JOB_MISMATCH: 'JOB_MISMATCH',
  /** A snapshot that cannot be restored. */
  INVALID_SNAPSHOT: 'INVALID_SNAPSHOT',
  /** A snapshot written by an unsupported format version. */
  UNSUPPORTED_SNAPSHOT_VERSION: 'UNSUPPORTED_SNAPSHOT_VERSION',
  /** Options that make no sense (a negative delay, a missing client). */
  INVALID_OPTIONS: 'INVALID_OPTIONS',
  /** Waiting ended because the time allowed ran out. */
  WAIT_TIMEOUT: 'WAIT_TIMEOUT',
  /** Waiting ended because the abort signal fired. */
  WAIT_ABORTED: 'WAIT_ABORTED',
  /** The job ended in a final status other than the one waited for. */
  JOB_FAILED: 'JOB_FAILED',
  /** The API says the job does not exist (`NotFoundException`): a wrong id, region or account. */
  JOB_NOT_FOUND: 'JOB_NOT_FOUND',
  /** The API refused the caller (`ForbiddenException`, missing or invalid credentials). */
  ACCESS_DENIED: 'ACCESS_DENIED',
  /** The API refused a request in a way that retrying cannot fix (`BadRequestException`, an unknown host). */
  API_REQUEST_FAILED: 'API_REQUEST_FAILED',
} as const;

/** One of the codes of {@link ErrorCode}. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Context a {@link JobTrackerError} may carry. */
export interface JobTrackerErrorOptions {
  /** Where in the input the problem is, e.g. `detail.jobProgress.jobPercentComplete`. */
  readonly path?: string;
  /** The job concerned, when known. */
  readonly jobId?: string;
  /** The underlying error. */
  readonly cause?: unknown;
}

/** Where an error records the classes it belongs to; shared by every copy of the library. */
const ERROR_KINDS = Symbol.for('mediaconvert-job-tracker.error-kinds');

/** The kind a class records, from its own `errorKind` (not its name, which a bundler may change). */
function kindOf(errorClass: unknown): string {
  return Object.prototype.hasOwnProperty.call(errorClass, 'errorKind')
    ? String((errorClass as { errorKind: unknown }).errorKind)
    : '';
}

/**
 * The one base class of every error this library throws or returns.
 * Switch on `code`; `path` says where in the input the problem is.
 *
 * @example
 * ```ts
 * const result = safeParseEvent(record);
 * if (!result.success) console.error(result.error.code, result.error.path);
 * ```
 */
export class JobTrackerError extends Error {
  /**
   * `instanceof` works across copies of this library (its ESM and CommonJS
   * builds loaded side by side): an error is an instance of a class if its
   * kinds, recorded under a global symbol, include the class's kind.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (typeof value !== 'object' || value === null) return false;
    const kinds: unknown = (value as { [ERROR_KINDS]?: unknown })[ERROR_KINDS];
    return Array.isArray(kinds) && kinds.includes(kindOf(this));
  }

  /** @internal The kind recorded on instances of this class. */
  static readonly errorKind: string = 'JobTrackerError';

  override readonly name: string = 'JobTrackerError';
  readonly code: ErrorCode;
  readonly path: string | undefined;
  readonly jobId: string | undefined;

  constructor(code: ErrorCode, message: string, options: JobTrackerErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.path = options.path;
    this.jobId = options.jobId;
    const kinds: string[] = [];
    for (let c: unknown = new.target; typeof c === 'function' && c !== Error; c = Object.getPrototypeOf(c)) {
      kinds.push(kindOf(c));
    }
    Object.defineProperty(this, ERROR_KINDS, { value: kinds });
  }
}

/**
 * Input that an adapter could not turn into a {@link JobInput}.
 *
 * @example
 * ```ts
 * try { tracker.ingest('{"detail":'); } catch (e) {
 *   if (e instanceof JobInputError) console.log(e.code); // 'INVALID_JSON'
 * }
 * ```
 */
export class JobInputError extends JobTrackerError {
  /** @internal */
  static override readonly errorKind: string = 'JobInputError';

  override readonly name: string = 'JobInputError';
}

/**
 * A snapshot that cannot be restored.
 *
 * @example
 * ```ts
 * try { createJobTracker({ snapshot }); } catch (e) {
 *   if (e instanceof JobSnapshotError) startFresh();
 * }
 * ```
 */
export class JobSnapshotError extends JobTrackerError {
  /** @internal */
  static override readonly errorKind: string = 'JobSnapshotError';

  override readonly name: string = 'JobSnapshotError';
}

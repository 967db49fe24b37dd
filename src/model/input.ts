import type {
  InputDetails,
  JobErrorState,
  OutputGroup,
  PhaseProgress,
  QueueHop,
} from './job-state.js';
import type { JobPhase, JobStatus } from './status.js';
import type { JsonObject } from './json.js';

/** Fields every normalised input carries. */
export interface JobInputBase {
  readonly jobId: string;
  /** When the fact was true, epoch milliseconds (`detail.timestamp` for events). */
  readonly timestamp: number;
  /** The EventBridge event `id`, or `null` for API responses. */
  readonly eventId: string | null;
  /** The queue the source names (for events, the queue the job is in at `timestamp`). */
  readonly queue: string | null;
  /** `userMetadata`, or `null` when the source carries none. */
  readonly userMetadata: { readonly [key: string]: string } | null;
}

/** The job left its queue and started. */
export interface ProgressingInput extends JobInputBase {
  readonly type: 'PROGRESSING';
}

/** The service read the inputs. */
export interface InputInformationInput extends JobInputBase {
  readonly type: 'INPUT_INFORMATION';
  readonly inputs: readonly InputDetails[];
}

/** A periodic progress report. */
export interface StatusUpdateInput extends JobInputBase {
  readonly type: 'STATUS_UPDATE';
  /** `retryCount`: 0 for the first attempt; `null` when the update does not say, taken as the current attempt. */
  readonly attempt: number | null;
  readonly phase: JobPhase | null;
  readonly jobPercent: number | null;
  readonly framesDecoded: number | null;
  readonly phases: {
    readonly PROBING: PhaseProgress | null;
    readonly TRANSCODING: PhaseProgress | null;
    readonly UPLOADING: PhaseProgress | null;
  };
}

/** A warning count as `COMPLETE` events and the API report it. */
export interface WarningCount {
  /** Normalised to a string of at least six digits. */
  readonly code: string;
  readonly count: number;
}

/** Every output was written. */
export interface CompleteInput extends JobInputBase {
  readonly type: 'COMPLETE';
  readonly outputs: readonly OutputGroup[];
  readonly warnings: readonly WarningCount[];
  /** The other fields of the event's `detail` (`paddingInserted`, `blackSegments`, ...), as received. */
  readonly completion: JsonObject;
}

/** The job failed. */
export interface ErrorInput extends JobInputBase {
  readonly type: 'ERROR';
  readonly error: JobErrorState;
}

/** The job was canceled. */
export interface CanceledInput extends JobInputBase {
  readonly type: 'CANCELED';
}

/** A warning condition arose. */
export interface NewWarningInput extends JobInputBase {
  readonly type: 'NEW_WARNING';
  /** Normalised to a string of at least six digits. */
  readonly code: string;
  readonly message: string | null;
}

/** The job moved to another queue. */
export interface QueueHopInput extends JobInputBase {
  readonly type: 'QUEUE_HOP';
  readonly hop: QueueHop;
}

/**
 * What one API response (GetJob, ListJobs, SearchJobs, CreateJob, ...)
 * says about a job at the moment it was observed.
 */
export interface ApiSnapshotInput extends JobInputBase {
  readonly type: 'API_SNAPSHOT';
  readonly arn: string | null;
  readonly status: JobStatus;
  readonly phase: JobPhase | null;
  readonly attempt: number | null;
  readonly jobPercent: number | null;
  /** The submission queue (`Queue`), which the API keeps after hops. */
  readonly submittedQueue: string | null;
  /** The submission priority (`Priority`). */
  readonly priority: number | null;
  /** `QueueTransitions`, oldest first. */
  readonly hops: readonly QueueHop[];
  readonly warnings: readonly WarningCount[];
  /** `Messages.Info`. */
  readonly messages: readonly string[];
  /** `Messages.Warning` (text only; the API gives no codes for them). */
  readonly warningMessages: readonly string[];
  readonly error: JobErrorState | null;
  readonly outputs: readonly OutputGroup[];
  readonly timing: {
    readonly submittedAt: number | null;
    readonly startedAt: number | null;
    readonly finishedAt: number | null;
  };
}

/**
 * The normalised input of the job machine: what adapters produce from
 * EventBridge events and API responses, and what trackers apply.
 *
 * @example
 * ```ts
 * const input: JobInput = {
 *   type: 'PROGRESSING', jobId: '1671477617078-2886ye', timestamp: 1671477621654,
 *   eventId: null, queue: null, userMetadata: null,
 * };
 * tracker.ingest(input);
 * ```
 */
export type JobInput =
  | ProgressingInput
  | InputInformationInput
  | StatusUpdateInput
  | CompleteInput
  | ErrorInput
  | CanceledInput
  | NewWarningInput
  | QueueHopInput
  | ApiSnapshotInput;

/** The `type` of a {@link JobInput}. */
export type JobInputType = JobInput['type'];

/** The eight `detail.status` values of "MediaConvert Job State Change" events. */
export type EventStatus = Exclude<JobInputType, 'API_SNAPSHOT'>;

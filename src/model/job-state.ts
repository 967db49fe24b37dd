import type { JsonObject } from './json.js';
import type { JobPhase, JobStatus, PhaseStatus } from './status.js';

/**
 * What one phase reported last within the current attempt.
 *
 * `percent` is `null` when the service did not say; it is never guessed as 0.
 */
export interface PhaseProgress {
  readonly status: PhaseStatus;
  readonly percent: number | null;
}

/** Progress of the current attempt. Unknown values are `null`, never 0. */
export interface JobProgress {
  /** `jobPercentComplete`/`JobPercentComplete`, 0 to 100, or `null` if never reported. */
  readonly jobPercent: number | null;
  /** Per-phase progress from `STATUS_UPDATE` events (the API has none). */
  readonly phases: {
    readonly PROBING: PhaseProgress | null;
    readonly TRANSCODING: PhaseProgress | null;
    readonly UPLOADING: PhaseProgress | null;
  };
  /** `framesDecoded` from `STATUS_UPDATE` events, or `null`. */
  readonly framesDecoded: number | null;
}

/** One move of the job from one queue to another. */
export interface QueueHop {
  /** When the hop happened, epoch milliseconds. */
  readonly at: number;
  readonly from: string | null;
  readonly to: string;
  readonly priority: number | null;
  readonly previousPriority: number | null;
}

/** Where the job waits or runs. */
export interface JobQueueState {
  /**
   * The queue the job was submitted to, as the API's `Queue` tells it; `null`
   * until an API response is seen (with events alone, see `hops[0].from`).
   */
  readonly submitted: string | null;
  /** The queue the job is in now: the last hop's destination, or the submission queue. */
  readonly current: string | null;
  /** When `current` was last observed, epoch milliseconds; orders conflicting observations. */
  readonly currentAt: number | null;
  /** The priority the job was submitted with (the API's `Priority`), `null` until an API response is seen. */
  readonly submittedPriority: number | null;
  /** The priority now: the last hop's, or the submission priority. */
  readonly priority: number | null;
  /** Every hop seen, oldest first. */
  readonly hops: readonly QueueHop[];
}

/** What is known of one warning code. */
export interface WarningState {
  /** The code as six or more digits (`"000000"`, `"230004"`): numbers and strings both normalise to this. */
  readonly code: string;
  /** The highest occurrence count any source reported (a `NEW_WARNING` counts as one). */
  readonly count: number;
  /** The newest message seen for this code, or `null`. */
  readonly message: string | null;
  /** When this code was last reported, epoch milliseconds. */
  readonly lastSeenAt: number;
}

/** Why the job failed. */
export interface JobErrorState {
  /** MediaConvert's numeric error code (an open set: 1xxx input/settings, 3xxx access). */
  readonly code: number | null;
  /** The service's message, or `null` when it sent none. */
  readonly message: string | null;
}

/** Video facts of one output file, as the `COMPLETE` event reports them. */
export interface OutputVideoDetails {
  readonly widthInPx: number | null;
  readonly heightInPx: number | null;
  readonly averageBitrate: number | null;
  /** Every field as received, including quality statistics under either naming scheme. */
  readonly raw: JsonObject;
}

/** One output of a group. */
export interface OutputFile {
  /** S3 paths of the media (for frame capture, only the last image; for HLS, the rendition's child manifest). Empty when unknown. */
  readonly paths: readonly string[];
  /** Duration in milliseconds, or `null` when unknown (accelerated transcoding can report 0). */
  readonly durationMs: number | null;
  readonly video: OutputVideoDetails | null;
  /** Every field as received. */
  readonly raw: JsonObject;
}

/** One output group of a finished job, normalised across group types. */
export interface OutputGroup {
  /** `FILE_GROUP`, `HLS_GROUP`, `DASH_ISO_GROUP`, `CMAF_GROUP`, `MS_SMOOTH_GROUP`, or a type this version does not know. */
  readonly type: string;
  /** Every playlist or manifest path the group lists. */
  readonly playlistPaths: readonly string[];
  /** The HLS main manifest (`.m3u8`), picked by extension. */
  readonly hlsManifest: string | null;
  /** The DASH manifest (`.mpd`), picked by extension. */
  readonly dashManifest: string | null;
  /** The Smooth Streaming manifest (`.ism`), picked by extension. */
  readonly smoothManifest: string | null;
  readonly outputs: readonly OutputFile[];
  /** Every field as received, so unknown group types and fields are not lost. */
  readonly raw: JsonObject;
}

/** What the service found when it read one input. */
export interface InputDetails {
  readonly id: number | null;
  readonly uri: string | null;
  readonly video: readonly JsonObject[];
  readonly audio: readonly JsonObject[];
  /** Every field as received. */
  readonly raw: JsonObject;
}

/** Times of the job's life, epoch milliseconds, `null` when unknown. */
export interface JobTiming {
  readonly submittedAt: number | null;
  readonly startedAt: number | null;
  readonly finishedAt: number | null;
  /** The newest `detail.timestamp` (or API time) applied. */
  readonly lastEventAt: number | null;
}

/** Something the tracker received but did not apply as given, and why. */
export interface Anomaly {
  /** A stable code to switch on. */
  readonly code: AnomalyCode;
  /** A sentence for people. */
  readonly message: string;
  /** The `detail.timestamp` (or API time) of the input, epoch milliseconds. */
  readonly at: number | null;
  /** The event id of the input, if it had one. */
  readonly eventId: string | null;
}

/**
 * Codes of {@link Anomaly}.
 *
 * @example
 * ```ts
 * tracker.on('anomaly', (a) => a.code === AnomalyCode.CONFLICTING_FINAL && alert(a));
 * ```
 */
export const AnomalyCode = {
  /** A non-final input arrived after the job had settled; its new facts were still merged. */
  AFTER_FINAL: 'AFTER_FINAL',
  /** Two different final statuses were reported; the documented rule picked one. */
  CONFLICTING_FINAL: 'CONFLICTING_FINAL',
  /** A phase or percentage older than what is known, within the same attempt. */
  REGRESSION: 'REGRESSION',
  /** An input from an earlier attempt than the current one. */
  EARLIER_ATTEMPT: 'EARLIER_ATTEMPT',
} as const;

/** One of the codes of {@link AnomalyCode}. */
export type AnomalyCode = (typeof AnomalyCode)[keyof typeof AnomalyCode];

/**
 * Everything the tracker knows about one job, as plain JSON-serialisable data.
 *
 * Values the service never reported are `null` (or empty), never a guess.
 * Two states of the same job merge without loss: see `mergeJobStates`.
 *
 * @example
 * ```ts
 * const { status, phase, progress } = tracker.state;
 * console.log(`${status} ${phase ?? ''} ${progress.jobPercent ?? '?'}%`);
 * ```
 */
export interface JobState {
  /** The MediaConvert job id, e.g. `1671477617078-2886ye`; `null` until the first input names it. */
  readonly jobId: string | null;
  readonly arn: string | null;
  readonly status: JobStatus;
  /** The current phase while `PROGRESSING`; `null` in every other status. */
  readonly phase: JobPhase | null;
  /** The service's `retryCount`: 0 for the first attempt, higher for automatic re-attempts. */
  readonly attempt: number;
  /** When the winning final status was reported (epoch ms), used to resolve conflicting finals. */
  readonly settledAt: number | null;
  readonly progress: JobProgress;
  readonly queue: JobQueueState;
  /** Warnings keyed by normalised code. */
  readonly warnings: { readonly [code: string]: WarningState };
  /** The service's messages (the API's `Messages`), sorted and without repeats. */
  readonly messages: {
    readonly info: readonly string[];
    readonly warning: readonly string[];
  };
  readonly error: JobErrorState | null;
  readonly outputs: readonly OutputGroup[];
  /** Fields of the `COMPLETE` event besides outputs and warnings (`paddingInserted`, `blackVideoDetected`, ...), as received. */
  readonly completion: JsonObject | null;
  readonly inputs: readonly InputDetails[];
  readonly userMetadata: { readonly [key: string]: string };
  readonly timing: JobTiming;
  /** The newest anomalies, oldest first, bounded. */
  readonly anomalies: readonly Anomaly[];
  /** Ids of the newest events applied, oldest first, bounded; used to recognise duplicates. */
  readonly appliedEventIds: readonly string[];
}


/**
 * The choices that make up one generated history. fast-check draws and
 * shrinks a plan; {@link buildLifecycle} turns it into events and API views.
 *
 * @internal
 */
import type { LifecycleOutcome } from '../lifecycle.js';
import type { GroupPlan } from './outputs.js';

/** A move to another queue while the job waits. */
export interface HopPlan {
  readonly waitMs: number;
  /** Index into the queue names; the current queue is skipped. */
  readonly queue: number;
  readonly priority: number;
}

/** One `STATUS_UPDATE`, and what may follow it. */
export interface UpdatePlan {
  /** Jitter added to the status update interval. */
  readonly waitMs: number;
  /** How far the job got since the previous update, in thousandths of the job. */
  readonly advance: number;
  /** Whether the update carries `jobPercentComplete`. */
  readonly percentKnown: boolean;
  /** A warning raised after this update: an index into the warning codes. */
  readonly warning: number | null;
}

/** One attempt; every attempt but the last ends in an internal error the service retries. */
export interface AttemptPlan {
  readonly updates: readonly UpdatePlan[];
  /** For a retry: how long after the previous attempt it begins. */
  readonly restartWaitMs: number;
}

/** When to look at the job through the API. */
export interface ApiMomentPlan {
  /** Which stretch of constant state, counted from submission. */
  readonly slot: number;
  /** How far into it. */
  readonly offsetMs: number;
}

/** Every choice of one history. */
export interface LifecyclePlan {
  readonly seed: number;
  /** A fixed job id, or `null` to derive one from `submittedAt` and `suffix`. */
  readonly jobId: string | null;
  readonly submittedAt: number;
  readonly suffix: string;
  readonly account: number;
  readonly region: number;
  readonly queue: number;
  readonly priority: number;
  readonly metadata: readonly (readonly [string, string])[];
  readonly hops: readonly HopPlan[];
  readonly startWaitMs: number;
  readonly outcome: LifecycleOutcome;
  readonly inputInformation: boolean;
  readonly infoWaitMs: number;
  readonly startWarning: number | null;
  readonly attempts: readonly AttemptPlan[];
  /** `StatusUpdateInterval` in seconds. */
  readonly interval: number;
  readonly endWaitMs: number;
  /** Index into the error kinds. */
  readonly error: number;
  /** For an error without a message: whether `errorMessage` is left out rather than empty. */
  readonly errorMessageAbsent: boolean;
  readonly outputs: readonly GroupPlan[];
  readonly durationMs: number;
  readonly frameRate: number;
  readonly input: number;
  readonly accelerated: boolean;
  readonly blackVideo: boolean;
  /** Index of the event whose job ARN lacks the account, or `null`. */
  readonly malformedArn: number | null;
  readonly apiMoments: readonly ApiMomentPlan[];
  /** Whether API times keep milliseconds (else whole seconds, as the wire carries them). */
  readonly apiMilliseconds: boolean;
}

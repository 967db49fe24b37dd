/**
 * `mediaconvert-job-tracker/aws`: live following through the AWS SDK. A
 * waiter for one job, `watchJob` for a job's states as they change, and a
 * reconciler that keeps a fleet honest with batched calls.
 *
 * This entry point loads `@aws-sdk/client-mediaconvert` (an optional peer
 * dependency: install it to use this entry). Pass your own
 * `MediaConvertClient`; it is never created or destroyed here.
 *
 * @packageDocumentation
 */
export {
  DEFAULT_MAX_DELAY_SECONDS,
  DEFAULT_MIN_DELAY_SECONDS,
  MIN_DELAY_FLOOR_SECONDS,
  type IngestSource,
  type JobFollowObserver,
  type JobFollowOptions,
} from './follow-options.js';
export {
  JobWaiterState,
  waitForJobComplete,
  waitUntilJobComplete,
  waiterResultOf,
  type JobWaiterInput,
  type JobWaiterOptions,
  type JobWaiterResult,
  type JobWaiterSuccess,
} from './wait-for-job-complete.js';
export { watchJob, type WatchJobOptions } from './watch-job.js';
export {
  createFleetReconciler,
  type FleetReconciler,
  type FleetReconcilerObserver,
  type FleetReconcilerOptions,
  type ReconcileReport,
} from './create-fleet-reconciler.js';
export { ApiFailureKind, classifyApiError, type RetryableFailure } from './api-failure.js';
export type { JobEventSource } from './event-source.js';
export { realSleep, type Sleep } from './sleep.js';

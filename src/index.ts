/**
 * mediaconvert-job-tracker: know, reliably and with types, where every AWS
 * Elemental MediaConvert job stands.
 *
 * This entry point never loads the AWS SDK. Live following through the SDK
 * is in `mediaconvert-job-tracker/aws`; the emulator and the fast-check
 * arbitraries are in `mediaconvert-job-tracker/testing`.
 *
 * @packageDocumentation
 */
export * from './model/index.js';
export {
  ErrorCode,
  JobInputError,
  JobSnapshotError,
  JobTrackerError,
  type JobTrackerErrorOptions,
} from './errors.js';
export * from './adapters/index.js';
export { jobMachine, type JobMachineInput } from './machine/job-machine.js';
export { createInitialJobState } from './state/initial-state.js';
export {
  applyJobInput,
  type ApplyKind,
  type ApplyOptions,
  type ApplyResult,
} from './state/apply-input.js';
export { mergeJobStates, type MergeJobStatesOptions } from './state/merge-states.js';
export {
  JOB_SNAPSHOT_FORMAT,
  JOB_SNAPSHOT_VERSION,
  parseJobSnapshot,
  toJobSnapshot,
  type JobSnapshot,
} from './state/snapshot.js';
export {
  createJobTracker,
  type JobTracker,
  type JobTrackerObserver,
  type JobTrackerOptions,
} from './tracker/create-job-tracker.js';
export type { JobHandler } from './tracker/handlers.js';
export {
  IngestReason,
  type IngestKind,
  type IngestOutcome,
  type IngestResult,
} from './tracker/ingest.js';
export type {
  JobNotification,
  JobNotificationName,
  JobNotifications,
  NotificationBase,
} from './tracker/notifications.js';
export {
  createJobFleet,
  FLEET_SNAPSHOT_FORMAT,
  FLEET_SNAPSHOT_VERSION,
  FleetIngestReason,
  type JobFleet,
  type JobFleetObserver,
  type JobFleetOptions,
  type JobFleetSnapshot,
} from './fleet/create-job-fleet.js';
export type { JobFleetFilter } from './fleet/filter.js';

/**
 * `mediaconvert-job-tracker/testing`: a local MediaConvert emulator for
 * tests and demos. Nothing here needs the AWS SDK at run time.
 */
export {
  startMediaConvertEmulator,
  type EmulatorOptions,
  type MediaConvertEmulator,
} from './emulator/emulator.js';
export { ClockMode } from './emulator/clock.js';
export { ApiFault, Operation, type ApiFaults } from './emulator/faults.js';
export type {
  DeliveryFaults,
  DeliveryInfo,
  DeliveryRecord,
  EventListener,
  EventLog,
} from './emulator/delivery.js';
export type { JobStateChangeDetail, JobStateChangeEvent } from './emulator/events.js';
export type { EmulatorStats } from './emulator/stats.js';
export {
  OUTCOME_KEY,
  WARNINGS_KEY,
  type InputFacts,
  type JobPlan,
  type OutcomeMix,
  type PlannedOutcome,
  type PlannedWarning,
} from './emulator/plan.js';
export type { PlanFunction } from './emulator/simulation.js';
export type { CreateJobInput, HopDestination, JobRequest } from './emulator/request.js';
export type { Seed } from './emulator/random.js';
export { ERROR_CATALOG, WARNING_CATALOG } from './emulator/catalog.js';
export * from './arbitraries/index.js';

/**
 * The API's view of a generated job at one moment, as a `GetJob` response in
 * the SDK's form.
 *
 * @internal
 */
import type { JobPhase, JobStatus } from '../../../model/status.js';
import type { LifecycleApiJob, LifecycleGetJobResponse } from '../lifecycle.js';
import type { WrittenOutputs } from './outputs.js';

/** What the service knows of a job at one moment. */
export interface JobTruth {
  readonly status: JobStatus;
  readonly phase: JobPhase | null;
  readonly attempt: number;
  /** The last percentage the service estimated in this attempt. */
  readonly percent: number | null;
  readonly transitions: readonly { readonly from: string; readonly to: string; readonly at: number }[];
  readonly warnings: readonly { readonly code: string; readonly count: number }[];
  readonly startedAt: number | null;
  readonly finishedAt: number | null;
  readonly error: { readonly code: number; readonly message: string | null } | null;
}

/** What stays the same across every view of one job. */
export interface JobIdentity {
  readonly jobId: string;
  readonly arn: string;
  readonly account: string;
  readonly queue: string;
  readonly priority: number;
  readonly submittedAt: number;
  readonly userMetadata: { readonly [key: string]: string };
  readonly interval: number;
  readonly accelerated: boolean;
  readonly inputUri: string;
  readonly outputs: WrittenOutputs;
  readonly apiMilliseconds: boolean;
}

/** Builds the `GetJob` response for a job in state `truth`. */
export function apiResponse(
  identity: JobIdentity,
  truth: JobTruth,
  requestId: string,
): LifecycleGetJobResponse {
  const time = (ms: number): Date =>
    new Date(identity.apiMilliseconds ? ms : Math.floor(ms / 1000) * 1000);
  const job: { -readonly [K in keyof LifecycleApiJob]?: LifecycleApiJob[K] } = {
    AccelerationStatus: identity.accelerated ? 'ACCELERATED' : 'NOT_APPLICABLE',
    Arn: identity.arn,
    BillingTagsSource: 'JOB',
    CreatedAt: time(identity.submittedAt),
  };
  if (truth.status === 'PROGRESSING') {
    job.CurrentPhase = truth.phase ?? 'PROBING';
    if (truth.percent !== null) job.JobPercentComplete = truth.percent;
  }
  if (truth.error !== null) {
    job.ErrorCode = truth.error.code;
    if (truth.error.message !== null && truth.error.message !== '') {
      job.ErrorMessage = truth.error.message;
    }
  }
  job.Id = identity.jobId;
  job.Messages = {
    Info: identity.accelerated ? [] : ['Job will be processed without acceleration.'],
    Warning: [],
  };
  if (truth.status === 'COMPLETE') job.OutputGroupDetails = identity.outputs.api;
  job.Priority = identity.priority;
  job.Queue = identity.queue;
  if (truth.transitions.length > 0) {
    job.QueueTransitions = truth.transitions.map((hop) => ({
      SourceQueue: hop.from,
      DestinationQueue: hop.to,
      Timestamp: time(hop.at),
    }));
  }
  job.RetryCount = truth.attempt;
  job.Role = `arn:aws:iam::${identity.account}:role/MediaConvertRole`;
  job.Settings = {
    Inputs: [{ FileInput: identity.inputUri }],
    OutputGroups: identity.outputs.settings,
  };
  job.Status = truth.status;
  job.StatusUpdateInterval = `SECONDS_${identity.interval}` as LifecycleApiJob['StatusUpdateInterval'];
  job.Timing = {
    SubmitTime: time(identity.submittedAt),
    ...(truth.startedAt === null ? {} : { StartTime: time(truth.startedAt) }),
    ...(truth.finishedAt === null ? {} : { FinishTime: time(truth.finishedAt) }),
  };
  job.UserMetadata = { ...identity.userMetadata };
  if (truth.warnings.length > 0) {
    job.Warnings = truth.warnings.map(({ code, count }) => ({ Code: Number(code), Count: count }));
  }
  return {
    $metadata: { httpStatusCode: 200, requestId, attempts: 1, totalRetryDelay: 0 },
    Job: job as LifecycleApiJob,
  };
}

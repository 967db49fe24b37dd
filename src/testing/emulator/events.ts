/**
 * EventBridge "MediaConvert Job State Change" events, shaped like the ones
 * the service sends (see test/fixtures/eventbridge).
 */
import type { EventStatus } from '../../model/input.js';
import type { JsonObject, JsonValue } from '../../model/json.js';
import { inputDetails } from './outputs.js';
import { countWarnings, type JobView, type SimJob } from './job.js';
import type { Milestone } from './timeline.js';
import { deepFreeze } from '../../state/freeze.js';

/**
 * The `detail` of a job state change event: the fields every status has,
 * plus the status's own (`jobProgress`, `outputGroupDetails`, `errorCode`, ...).
 *
 * @example
 * ```ts
 * const percent = event.detail['jobProgress'];
 * ```
 */
export type JobStateChangeDetail = {
  /** Epoch milliseconds. */
  readonly timestamp: number;
  readonly accountId: string;
  /** The queue ARN the job is in at `timestamp`. */
  readonly queue: string;
  readonly jobId: string;
  readonly status: EventStatus;
  readonly userMetadata: { readonly [key: string]: string };
  readonly [key: string]: JsonValue;
};

/**
 * One EventBridge event as the emulator emits it.
 *
 * @example
 * ```ts
 * emulator.subscribe((event) => {
 *   if (event.detail.status === 'COMPLETE') console.log(event.detail['outputGroupDetails']);
 * });
 * ```
 */
export type JobStateChangeEvent = {
  readonly version: '0';
  /** A UUID, unique per event; duplicates keep it. */
  readonly id: string;
  readonly 'detail-type': 'MediaConvert Job State Change';
  readonly source: 'aws.mediaconvert';
  readonly account: string;
  /** ISO 8601 with whole seconds, e.g. `2022-12-19T19:21:21Z`. */
  readonly time: string;
  readonly region: string;
  /** The job ARN. */
  readonly resources: readonly string[];
  readonly detail: JobStateChangeDetail;
};

// Only "MediaConvert Job State Change" events are sent. The service's other detail-types
// (engine version notices, CloudTrail records) and malformed `resources` are not produced,
// because no job state depends on them; the adapters' own tests cover those inputs.

/**
 * Who sends the events.
 *
 * @example
 * ```ts
 * const source: EventSource = { accountId: '111122223333', region: 'us-west-2' };
 * ```
 */
export interface EventSource {
  readonly accountId: string;
  readonly region: string;
}

/** `2022-12-19T19:21:21Z`: EventBridge's `time`, without milliseconds. */
function eventTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

function statusFields(job: SimJob, milestone: Milestone, view: JobView): JsonObject {
  switch (milestone.status) {
    case 'PROGRESSING':
    case 'CANCELED':
      return {};
    case 'INPUT_INFORMATION':
      return { inputDetails: inputDetails(job.request.settings, job.plan.input) };
    case 'STATUS_UPDATE': {
      const progress: { [key: string]: JsonValue } = {
        phaseProgress: {
          PROBING: { ...view.phases.PROBING },
          TRANSCODING: { ...view.phases.TRANSCODING },
          UPLOADING: { ...view.phases.UPLOADING },
        },
      };
      if (view.jobPercent !== null) progress['jobPercentComplete'] = view.jobPercent;
      progress['currentPhase'] = view.phase ?? 'PROBING';
      progress['retryCount'] = view.retryCount;
      return { framesDecoded: view.framesDecoded, jobProgress: progress };
    }
    case 'COMPLETE': {
      const warnings = countWarnings(view);
      return {
        ...(warnings.length > 0 ? { warnings } : {}),
        outputGroupDetails: [...job.outputs],
        paddingInserted: 0,
        blackVideoDetected: 0,
      };
    }
    case 'ERROR':
      return {
        errorCode: view.error?.code ?? 1999,
        errorMessage: view.error?.message ?? '',
      };
    case 'NEW_WARNING':
      return { warningCode: milestone.warning.code, warningMessage: milestone.warning.message };
    case 'QUEUE_HOP':
      return {
        previousQueue: milestone.hop.from,
        priority: milestone.hop.priority,
        previousPriority: milestone.hop.previousPriority,
      };
  }
}

/**
 * Builds the (frozen) event a job sends at a milestone, from the job's view
 * at that moment.
 *
 * @example
 * ```ts
 * const view = observeJob(job, milestone.at);
 * const event = buildJobEvent(source, job, milestone, view, random.uuid());
 * ```
 */
export function buildJobEvent(
  source: EventSource,
  job: SimJob,
  milestone: Milestone,
  view: JobView,
  id: string,
): JobStateChangeEvent {
  const queue = milestone.status === 'QUEUE_HOP' ? milestone.hop.to : view.queue;
  const detail: JobStateChangeDetail = {
    timestamp: milestone.at,
    accountId: source.accountId,
    queue,
    jobId: job.id,
    status: milestone.status,
    userMetadata: { ...job.request.userMetadata },
    ...statusFields(job, milestone, view),
  };
  return deepFreeze({
    version: '0',
    id,
    'detail-type': 'MediaConvert Job State Change',
    source: 'aws.mediaconvert',
    account: source.accountId,
    time: eventTime(milestone.at),
    region: source.region,
    resources: [job.arn],
    detail,
  });
}

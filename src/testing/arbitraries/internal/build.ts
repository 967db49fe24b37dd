/**
 * Turns a {@link LifecyclePlan} into a job's true history: the events the
 * service sends, in order, and the API's view at the planned moments.
 *
 * @internal
 */
import type { EventStatus } from '../../../model/input.js';
import type { JsonObject, JsonValue } from '../../../model/json.js';
import type { FinalJobStatus, JobPhase } from '../../../model/status.js';
import type {
  JobLifecycle,
  LifecycleApiFact,
  LifecycleEvent,
  LifecycleEventDetail,
  LifecycleFact,
} from '../lifecycle.js';
import { apiResponse, type JobIdentity, type JobTruth } from './api-view.js';
import {
  ACCOUNTS,
  BUCKET,
  ERRORS,
  INPUT_NAMES,
  QUEUE_NAMES,
  REGIONS,
  WARNING_CODES,
  WARNINGS,
  jobArn,
  queueArn,
} from './catalog.js';
import { describeLifecycle, withDescription } from './describe.js';
import { createWords, uniqueUuids } from './ids.js';
import { writeOutputs } from './outputs.js';
import type { LifecyclePlan, UpdatePlan } from './plan.js';
import { deepFreeze } from '../../../state/freeze.js';

/** Progress is planned in thousandths of the job; these are where the phases begin. */
const TRANSCODING_FROM = 100;
const UPLOADING_FROM = 900;
const DONE = 1000;
/** The longest an API view is taken after the job settled. */
const LAST_VIEW_WITHIN_MS = 86_400_000;

function pick<T>(list: readonly T[], index: number): T {
  const value = list[Math.abs(index) % list.length];
  if (value === undefined) throw new RangeError('Cannot pick from an empty list.');
  return value;
}

function phaseOf(units: number): JobPhase {
  if (units < TRANSCODING_FROM) return 'PROBING';
  return units < UPLOADING_FROM ? 'TRANSCODING' : 'UPLOADING';
}

function phaseProgress(units: number): JsonObject {
  const phase = phaseOf(units);
  const percent = {
    PROBING: Math.min(100, units),
    TRANSCODING: Math.floor(((units - TRANSCODING_FROM) * 100) / (UPLOADING_FROM - TRANSCODING_FROM)),
    UPLOADING: Math.floor(((units - UPLOADING_FROM) * 100) / (DONE - UPLOADING_FROM)),
  };
  const rank = { PROBING: 0, TRANSCODING: 1, UPLOADING: 2 };
  const of = (p: JobPhase): JsonObject =>
    rank[p] < rank[phase]
      ? { status: 'COMPLETE', percentComplete: 100 }
      : rank[p] === rank[phase]
        ? { status: 'PROGRESSING', percentComplete: percent[p] }
        : { status: 'PENDING', percentComplete: 0 };
  return { PROBING: of('PROBING'), TRANSCODING: of('TRANSCODING'), UPLOADING: of('UPLOADING') };
}

function eventTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** Builds the history a plan describes. */
export function buildLifecycle(plan: LifecyclePlan): JobLifecycle {
  const account = pick(ACCOUNTS, plan.account);
  const region = pick(REGIONS, plan.region);
  const jobId = plan.jobId ?? `${plan.submittedAt}-${plan.suffix}`;
  const arn = jobArn(region, account, jobId);
  const words = createWords(plan.seed, jobId);
  const nextId = uniqueUuids(words);
  const submitQueue = queueArn(region, account, pick(QUEUE_NAMES, plan.queue));
  const userMetadata: Record<string, string> = {};
  for (const [key, value] of plan.metadata) userMetadata[key] = value;
  const inputName = pick(INPUT_NAMES, plan.input);
  const inputUri = `s3://${BUCKET}/in/${inputName}`;
  const base = inputName.slice(0, inputName.lastIndexOf('.'));
  const outputs = writeOutputs(plan.outputs, `out/${jobId}`, base, plan.durationMs, plan.accelerated);
  const identity: JobIdentity = {
    jobId,
    arn,
    account,
    queue: submitQueue,
    priority: plan.priority,
    submittedAt: plan.submittedAt,
    userMetadata,
    interval: plan.interval,
    accelerated: plan.accelerated,
    inputUri,
    outputs,
    apiMilliseconds: plan.apiMilliseconds,
  };

  const events: LifecycleEvent[] = [];
  const checkpoints: { at: number; truth: JobTruth }[] = [];
  let truth: JobTruth = {
    status: 'SUBMITTED',
    phase: null,
    attempt: 0,
    percent: null,
    transitions: [],
    warnings: [],
    startedAt: null,
    finishedAt: null,
    error: null,
  };
  let queue = submitQueue;
  let priority = plan.priority;
  let t = plan.submittedAt;
  const change = (next: Partial<JobTruth>): void => {
    truth = { ...truth, ...next };
    const last = checkpoints[checkpoints.length - 1];
    if (last !== undefined && last.at === t) last.truth = truth;
    else checkpoints.push({ at: t, truth });
  };
  const emit = (status: EventStatus, fields: { [key: string]: JsonValue } = {}): void => {
    const previous = events[events.length - 1];
    if (previous !== undefined && t <= previous.detail.timestamp) t = previous.detail.timestamp + 1;
    const malformed = plan.malformedArn === events.length;
    const { queue: eventQueue, ...rest } = fields;
    const detail: LifecycleEventDetail = {
      timestamp: t,
      accountId: account,
      queue: typeof eventQueue === 'string' ? eventQueue : queue,
      jobId,
      status,
      userMetadata: { ...userMetadata },
      ...rest,
    };
    events.push({
      version: '0',
      id: nextId(),
      'detail-type': 'MediaConvert Job State Change',
      source: 'aws.mediaconvert',
      account,
      time: eventTime(t),
      region,
      resources: [malformed ? `arn:aws:mediaconvert:${region}::jobs/${jobId}` : arn],
      detail,
    });
  };
  const warn = (index: number): void => {
    const code = pick(WARNING_CODES, index);
    emit('NEW_WARNING', { warningCode: code, warningMessage: WARNINGS[code] ?? null });
    const known = truth.warnings.find((w) => w.code === code);
    change({
      warnings:
        known === undefined
          ? [...truth.warnings, { code, count: 1 }]
          : truth.warnings.map((w) => (w.code === code ? { code, count: w.count + 1 } : w)),
    });
  };

  change({});
  for (const hop of plan.hops) {
    t += hop.waitMs;
    let to = queueArn(region, account, pick(QUEUE_NAMES, hop.queue));
    if (to === queue) to = queueArn(region, account, pick(QUEUE_NAMES, hop.queue + 1));
    emit('QUEUE_HOP', {
      queue: to,
      previousQueue: queue,
      priority: hop.priority,
      previousPriority: priority,
    });
    change({ transitions: [...truth.transitions, { from: queue, to, at: t }] });
    queue = to;
    priority = hop.priority;
  }

  let attempts = 1;
  let finalStatus: FinalJobStatus;
  if (plan.outcome === 'CANCELED_WHILE_QUEUED') {
    t += plan.endWaitMs;
    finalStatus = 'CANCELED';
    change({ status: 'CANCELED', finishedAt: t });
  } else {
    t += plan.startWaitMs;
    emit('PROGRESSING');
    change({ status: 'PROGRESSING', phase: 'PROBING', startedAt: t });
    const errorKind = plan.outcome === 'ERROR' ? pick(ERRORS, plan.error) : null;
    // A job whose input cannot be opened reads no input and never gets past probing.
    const atOpen = errorKind?.atOpen === true;
    if (plan.inputInformation && !atOpen) {
      t += plan.infoWaitMs;
      emit('INPUT_INFORMATION', { inputDetails: [inputDetails(inputUri, plan.frameRate)] });
    }
    if (plan.startWarning !== null && !atOpen) {
      t += plan.infoWaitMs + 1;
      warn(plan.startWarning);
    }
    const attemptPlans = atOpen ? plan.attempts.slice(0, 1) : plan.attempts;
    attempts = Math.max(1, attemptPlans.length);
    const totalFrames = Math.floor((plan.durationMs / 1000) * plan.frameRate);
    attemptPlans.forEach((attempt, k) => {
      if (k > 0) {
        t += attempt.restartWaitMs;
        change({ attempt: k, phase: 'PROBING', percent: null });
      }
      let units = 0;
      attempt.updates.forEach((update: UpdatePlan, i) => {
        t += (i === 0 ? 60_000 : plan.interval * 1000) + update.waitMs;
        units = Math.min(atOpen ? TRANSCODING_FROM - 1 : DONE, units + update.advance);
        const phase = phaseOf(units);
        const percent = Math.floor(units / 10);
        const transcoded = (units - TRANSCODING_FROM) / (UPLOADING_FROM - TRANSCODING_FROM);
        const decoded = Math.max(0, Math.min(1, transcoded));
        const jobProgress: { [key: string]: JsonValue } = { phaseProgress: phaseProgress(units) };
        if (update.percentKnown) jobProgress['jobPercentComplete'] = percent;
        jobProgress['currentPhase'] = phase;
        jobProgress['retryCount'] = k;
        emit('STATUS_UPDATE', { framesDecoded: Math.floor(totalFrames * decoded), jobProgress });
        change({ phase, percent: update.percentKnown ? percent : truth.percent });
        if (update.warning !== null) {
          t += 1 + (update.waitMs % 5000);
          warn(update.warning);
        }
      });
    });
    t += plan.endWaitMs;
    if (plan.outcome === 'COMPLETE') {
      finalStatus = 'COMPLETE';
      const completion: { [key: string]: JsonValue } = {};
      if (truth.warnings.length > 0) {
        completion['warnings'] = truth.warnings.map(({ code, count }) => ({
          code: Number(code),
          count,
        }));
      }
      completion['outputGroupDetails'] = outputs.event;
      completion['paddingInserted'] = 0;
      completion['blackVideoDetected'] = plan.blackVideo ? 10 : 0;
      if (plan.blackVideo) completion['blackSegments'] = [{ start: 0, end: 10 }];
      emit('COMPLETE', completion);
      change({ status: 'COMPLETE', phase: null, percent: null, finishedAt: t });
    } else if (plan.outcome === 'ERROR' && errorKind !== null) {
      finalStatus = 'ERROR';
      const message = errorKind.message(inputUri, `s3://${BUCKET}/out/${jobId}/`);
      const fields: { [key: string]: JsonValue } = { errorCode: errorKind.code };
      if (message !== null || !plan.errorMessageAbsent) fields['errorMessage'] = message ?? '';
      emit('ERROR', fields);
      change({
        status: 'ERROR',
        phase: null,
        percent: null,
        finishedAt: t,
        error: { code: errorKind.code, message },
      });
    } else {
      finalStatus = 'CANCELED';
      emit('CANCELED');
      change({ status: 'CANCELED', phase: null, percent: null, finishedAt: t });
    }
  }
  const settledAt = t;

  const apiViews = viewsAt(plan, checkpoints, identity, nextId);
  const facts: LifecycleFact[] = [
    ...events.map((event): LifecycleFact => ({
      kind: 'event',
      key: event.id,
      at: event.detail.timestamp,
      event,
    })),
    ...apiViews,
  ];
  // Events first at equal times: a view taken at the moment of a change shows it.
  facts.sort((a, b) => a.at - b.at || (a.kind === b.kind ? 0 : a.kind === 'event' ? -1 : 1));
  const lifecycle: JobLifecycle = {
    jobId,
    arn,
    accountId: account,
    region,
    outcome: plan.outcome,
    finalStatus,
    attempts,
    queue: submitQueue,
    finalQueue: queue,
    userMetadata,
    submittedAt: plan.submittedAt,
    startedAt: truth.startedAt,
    settledAt,
    events,
    apiViews,
    facts,
  };
  return deepFreeze(withDescription(lifecycle, () => describeLifecycle(lifecycle)));
}

function inputDetails(uri: string, frameRate: number): JsonObject {
  return {
    id: 1,
    uri,
    audio: [{ channels: 2, codec: 'AAC', language: 'UND', sampleRate: 48000, streamId: 2 }],
    video: [
      {
        bitDepth: 8,
        codec: 'H_264',
        colorFormat: 'YUV_420',
        fourCC: 'avc1',
        frameRate,
        height: 1080,
        interlaceMode: 'PROGRESSIVE',
        sar: '1:1',
        standard: 'UNSPECIFIED',
        streamId: 1,
        width: 1920,
      },
    ],
  };
}

function viewsAt(
  plan: LifecyclePlan,
  checkpoints: readonly { at: number; truth: JobTruth }[],
  identity: JobIdentity,
  nextId: () => string,
): LifecycleApiFact[] {
  const moments = [...plan.apiMoments];
  // Only the API tells of a job canceled while queued, so such a history always has a view of it.
  const last = checkpoints.length - 1;
  const viewsLast = moments.some((m) => m.slot % checkpoints.length === last);
  if (plan.outcome === 'CANCELED_WHILE_QUEUED' && !viewsLast) {
    moments.push({ slot: last, offsetMs: 1000 });
  }
  const seen = new Set<number>();
  const views: LifecycleApiFact[] = [];
  for (const moment of moments) {
    const index = moment.slot % checkpoints.length;
    const from = checkpoints[index];
    if (from === undefined) continue;
    const next = checkpoints[index + 1];
    const span = next === undefined ? LAST_VIEW_WITHIN_MS : next.at - from.at;
    const at = from.at + (span > 0 ? moment.offsetMs % span : 0);
    if (seen.has(at)) continue;
    seen.add(at);
    views.push({ kind: 'api', key: '', at, response: apiResponse(identity, from.truth, nextId()) });
  }
  views.sort((a, b) => a.at - b.at);
  return views.map((view, i) => ({ ...view, key: `api-${i}` }));
}

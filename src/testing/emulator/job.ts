/**
 * One emulated job: its plan laid out on the emulator's time line, and what
 * the job looks like at any moment of it.
 */
import type { JsonObject } from '../../model/json.js';
import type { FinalJobStatus, JobPhase, JobStatus, PhaseStatus } from '../../model/status.js';
import type { InputFacts, JobPlan } from './plan.js';
import { STATUS_UPDATE_SECONDS, type JobRequest } from './request.js';

/**
 * One move between queues while the job waits.
 *
 * @example
 * ```ts
 * const current = job.hops.at(-1)?.to ?? job.request.queue;
 * ```
 */
export interface ScheduledHop {
  readonly at: number;
  readonly from: string;
  readonly to: string;
  readonly priority: number;
  readonly previousPriority: number;
}

/**
 * One attempt at processing the job (the service retries after internal errors).
 *
 * @example
 * ```ts
 * const lengthMs = attempt.uploadingEnd - attempt.startAt;
 * ```
 */
export interface Attempt {
  readonly startAt: number;
  readonly probingEnd: number;
  readonly transcodingEnd: number;
  readonly uploadingEnd: number;
  /** When the attempt stops: a retry, the job's end, or `uploadingEnd`. */
  readonly stopAt: number;
}

/**
 * A warning placed on the time line.
 *
 * @example
 * ```ts
 * const codes = job.warnings.map((w) => w.code);
 * ```
 */
export interface ScheduledWarning {
  readonly at: number;
  readonly code: string;
  readonly message: string;
}

/**
 * How the job ends, as far as is known now (a cancel can change it).
 *
 * @example
 * ```ts
 * if (job.ending.status === 'ERROR') console.log(job.ending.error?.code);
 * ```
 */
export interface JobEnding {
  readonly at: number;
  readonly status: FinalJobStatus;
  readonly error: { readonly code: number; readonly message: string } | null;
}

/**
 * An emulated job with its whole planned life.
 *
 * @example
 * ```ts
 * const job: SimJob = createSimJob({ seq, id, arn, createdAt, request, plan, outputs });
 * ```
 */
export interface SimJob {
  /** Creation order, used for listing and paging. */
  readonly seq: number;
  readonly id: string;
  readonly arn: string;
  readonly createdAt: number;
  readonly request: JobRequest;
  readonly plan: JobPlan;
  /** The COMPLETE event's `outputGroupDetails`, fixed at creation. */
  readonly outputs: readonly JsonObject[];
  readonly hops: readonly ScheduledHop[];
  /** When the job leaves the queue and starts `PROGRESSING`. */
  readonly startAt: number;
  readonly attempts: readonly Attempt[];
  readonly warnings: readonly ScheduledWarning[];
  readonly updateIntervalMs: number;
  ending: JobEnding;
}

/**
 * Progress of one phase, as `STATUS_UPDATE` reports it.
 *
 * @example
 * ```ts
 * observeJob(job, now).phases.TRANSCODING.percentComplete;
 * ```
 */
export interface PhaseView {
  readonly status: PhaseStatus;
  readonly percentComplete: number;
}

/**
 * What the job looks like at one moment.
 *
 * @example
 * ```ts
 * const { status, phase, jobPercent } = observeJob(job, now);
 * ```
 */
export interface JobView {
  readonly status: JobStatus;
  /** Only while `PROGRESSING`. */
  readonly phase: JobPhase | null;
  readonly retryCount: number;
  /** `null` while unknown (not started, probing, or finished). */
  readonly jobPercent: number | null;
  readonly phases: {
    readonly PROBING: PhaseView;
    readonly TRANSCODING: PhaseView;
    readonly UPLOADING: PhaseView;
  };
  readonly framesDecoded: number;
  /** The queue the job is in now (the submission queue until a hop). */
  readonly queue: string;
  readonly priority: number;
  readonly hops: readonly ScheduledHop[];
  readonly warnings: readonly ScheduledWarning[];
  readonly startedAt: number | null;
  readonly finishedAt: number | null;
  readonly error: { readonly code: number; readonly message: string } | null;
}

function layAttempts(startAt: number, plan: JobPlan): Attempt[] {
  const length = plan.probingMs + plan.transcodingMs + plan.uploadingMs;
  const attempts: Attempt[] = [];
  let at = startAt;
  for (let i = 0; i <= plan.retries; i++) {
    const probingEnd = at + plan.probingMs;
    const transcodingEnd = probingEnd + plan.transcodingMs;
    const uploadingEnd = transcodingEnd + plan.uploadingMs;
    const last = i === plan.retries;
    const retryAt = at + Math.max(1, Math.round(length * plan.retryAtFraction));
    const stopAt = last ? uploadingEnd : retryAt;
    attempts.push({ startAt: at, probingEnd, transcodingEnd, uploadingEnd, stopAt });
    at = stopAt;
  }
  return attempts;
}

function planEnding(plan: JobPlan, createdAt: number, attempts: readonly Attempt[]): JobEnding {
  const last = attempts[attempts.length - 1];
  const lastStart = last?.startAt ?? createdAt;
  const lastLength = (last?.uploadingEnd ?? createdAt) - lastStart;
  switch (plan.outcome.status) {
    case 'COMPLETE':
      return { at: last?.uploadingEnd ?? createdAt, status: 'COMPLETE', error: null };
    case 'ERROR':
      return {
        at: lastStart + Math.max(1, Math.round(lastLength * plan.outcome.atFraction)),
        status: 'ERROR',
        error: { code: plan.outcome.code, message: plan.outcome.message },
      };
    case 'CANCELED':
      return { at: createdAt + Math.max(1, plan.outcome.afterMs), status: 'CANCELED', error: null };
  }
}

function layHops(request: JobRequest, createdAt: number, startAt: number): ScheduledHop[] {
  const hops: ScheduledHop[] = [];
  let at = createdAt;
  let queue = request.queue;
  let priority = request.priority;
  for (const hop of request.hopDestinations) {
    at += hop.waitMinutes * 60_000;
    if (at >= startAt) break;
    const next = hop.priority ?? priority;
    hops.push({ at, from: queue, to: hop.queue, priority: next, previousPriority: priority });
    queue = hop.queue;
    priority = next;
  }
  return hops;
}

/**
 * What is needed to create a {@link SimJob}.
 *
 * @example
 * ```ts
 * createSimJob({ seq: 0, id, arn, createdAt: now, request, plan, outputs: [] });
 * ```
 */
export interface NewJob {
  readonly seq: number;
  readonly id: string;
  readonly arn: string;
  readonly createdAt: number;
  readonly request: JobRequest;
  readonly plan: JobPlan;
  readonly outputs: readonly JsonObject[];
}

/**
 * Lays a plan out on the time line: hops, start, attempts, warnings, ending.
 *
 * @example
 * ```ts
 * const job = createSimJob({ seq: 0, id, arn, createdAt: now, request, plan });
 * observeJob(job, now + 60_000).status; // 'PROGRESSING'
 * ```
 */
export function createSimJob(init: NewJob): SimJob {
  const { plan, createdAt } = init;
  const startAt = createdAt + Math.max(1, plan.queueWaitMs);
  const attempts = layAttempts(startAt, plan);
  const ending = planEnding(plan, createdAt, attempts);
  const processing = Math.max(0, ending.at - startAt);
  const warnings = plan.warnings
    .map((w) => ({
      at: startAt + Math.round(processing * w.atFraction),
      code: w.code,
      message: w.message,
    }))
    .filter((w) => w.at < ending.at)
    .sort((a, b) => a.at - b.at);
  return {
    ...init,
    hops: layHops(init.request, createdAt, Math.min(startAt, ending.at)),
    startAt,
    attempts,
    warnings,
    updateIntervalMs: (STATUS_UPDATE_SECONDS[init.request.statusUpdateInterval] ?? 60) * 1000,
    ending,
  };
}

/**
 * Whether the job has started by `ending.at` (a job canceled in the queue never starts).
 *
 * @example
 * ```ts
 * if (!everStarted(job)) console.log('canceled while queued');
 * ```
 */
export function everStarted(job: SimJob): boolean {
  return job.startAt < job.ending.at;
}

const PENDING: PhaseView = { status: 'PENDING', percentComplete: 0 };
const DONE: PhaseView = { status: 'COMPLETE', percentComplete: 100 };

function share(elapsed: number, length: number): number {
  return length <= 0 ? 1 : Math.min(1, Math.max(0, elapsed / length));
}

function running(fraction: number): PhaseView {
  return { status: 'PROGRESSING', percentComplete: Math.min(99, Math.floor(fraction * 100)) };
}

function totalFrames(input: InputFacts): number {
  return Math.round((input.durationMs / 1000) * input.frameRate);
}

interface Progress {
  readonly phase: JobPhase;
  readonly jobPercent: number | null;
  readonly phases: JobView['phases'];
  readonly framesDecoded: number;
}

/**
 * Progress within one attempt. Weights: probing 5 %, transcoding 90 %,
 * uploading 5 %; the job percent is unknown (absent) while probing.
 */
function attemptProgress(attempt: Attempt, job: SimJob, t: number): Progress {
  const frames = totalFrames(job.plan.input);
  if (t < attempt.probingEnd) {
    const probing = share(t - attempt.startAt, attempt.probingEnd - attempt.startAt);
    return {
      phase: 'PROBING',
      jobPercent: null,
      phases: { PROBING: running(probing), TRANSCODING: PENDING, UPLOADING: PENDING },
      framesDecoded: 0,
    };
  }
  if (t < attempt.transcodingEnd) {
    const transcoding = share(t - attempt.probingEnd, attempt.transcodingEnd - attempt.probingEnd);
    return {
      phase: 'TRANSCODING',
      jobPercent: Math.floor(5 + 90 * transcoding),
      phases: { PROBING: DONE, TRANSCODING: running(transcoding), UPLOADING: PENDING },
      framesDecoded: Math.floor(frames * transcoding),
    };
  }
  const uploadLength = attempt.uploadingEnd - attempt.transcodingEnd;
  const uploading = share(t - attempt.transcodingEnd, uploadLength);
  return {
    phase: 'UPLOADING',
    jobPercent: Math.min(99, Math.floor(95 + 5 * uploading)),
    phases: { PROBING: DONE, TRANSCODING: DONE, UPLOADING: running(uploading) },
    framesDecoded: frames,
  };
}

function attemptIndexAt(job: SimJob, t: number): number {
  let index = 0;
  for (let i = 0; i < job.attempts.length; i++) {
    const attempt = job.attempts[i];
    if (attempt !== undefined && attempt.startAt <= t) index = i;
  }
  return index;
}

/**
 * The job as the service would describe it at emulator time `t`.
 *
 * @example
 * ```ts
 * const view = observeJob(job, clock.now());
 * if (view.status === 'PROGRESSING') console.log(view.phase, view.jobPercent);
 * ```
 */
export function observeJob(job: SimJob, t: number): JobView {
  const { ending } = job;
  const settled = t >= ending.at;
  const hops = job.hops.filter((hop) => hop.at <= t && hop.at < ending.at);
  const lastHop = hops[hops.length - 1];
  const started = t >= job.startAt && everStarted(job);
  const base = {
    queue: lastHop?.to ?? job.request.queue,
    priority: lastHop?.priority ?? job.request.priority,
    hops,
    warnings: job.warnings.filter((w) => w.at <= t && w.at < ending.at),
    startedAt: started ? job.startAt : null,
    finishedAt: settled ? ending.at : null,
    retryCount: started ? attemptIndexAt(job, Math.min(t, ending.at)) : 0,
  };
  if (settled) {
    const complete = ending.status === 'COMPLETE';
    return {
      ...base,
      status: ending.status,
      phase: null,
      jobPercent: null,
      phases: complete
        ? { PROBING: DONE, TRANSCODING: DONE, UPLOADING: DONE }
        : { PROBING: PENDING, TRANSCODING: PENDING, UPLOADING: PENDING },
      framesDecoded: complete ? totalFrames(job.plan.input) : 0,
      error: ending.error,
    };
  }
  if (!started) {
    return {
      ...base,
      status: 'SUBMITTED',
      phase: null,
      jobPercent: null,
      phases: { PROBING: PENDING, TRANSCODING: PENDING, UPLOADING: PENDING },
      framesDecoded: 0,
      error: null,
    };
  }
  const attempt = job.attempts[base.retryCount] ?? job.attempts[0];
  const progress = attempt === undefined ? null : attemptProgress(attempt, job, t);
  return {
    ...base,
    status: 'PROGRESSING',
    phase: progress?.phase ?? 'PROBING',
    jobPercent: progress?.jobPercent ?? null,
    phases: progress?.phases ?? { PROBING: PENDING, TRANSCODING: PENDING, UPLOADING: PENDING },
    framesDecoded: progress?.framesDecoded ?? 0,
    error: null,
  };
}

/**
 * The warnings raised so far, counted per code (`{ code: 230004, count: 2 }`),
 * as COMPLETE events and the API's `Warnings` report them.
 *
 * @example
 * ```ts
 * countWarnings(observeJob(job, now)); // [{ code: 230004, count: 1 }]
 * ```
 */
export function countWarnings(view: JobView): { code: number; count: number }[] {
  const counts = new Map<string, number>();
  for (const warning of view.warnings) {
    counts.set(warning.code, (counts.get(warning.code) ?? 0) + 1);
  }
  return [...counts].map(([code, count]) => ({ code: Number(code), count }));
}

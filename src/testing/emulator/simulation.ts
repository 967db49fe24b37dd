/**
 * The emulated service without its HTTP face: the job store, plans, the
 * events each job sends as the clock moves, and cancellation.
 */
import { ErrorCode, JobTrackerError } from '../../errors.js';
import { isFinalStatus } from '../../model/status.js';
import type { EmulatorClock } from './clock.js';
import type { EventDelivery } from './delivery.js';
import { buildJobEvent, type EventSource } from './events.js';
import { createSimJob, observeJob, type JobView, type SimJob } from './job.js';
import { eventOutputGroups } from './outputs.js';
import { defaultPlan, planFromMetadata, type JobPlan, type OutcomeMix } from './plan.js';
import type { Random } from './random.js';
import type { JobRequest } from './request.js';
import { JobTimeline, type Milestone } from './timeline.js';
import { serviceError, type ServiceError } from './wire.js';

/**
 * Changes a caller makes to the plan the emulator drew for a request. Return
 * `undefined` or `{}` to keep the drawn plan.
 *
 * @example
 * ```ts
 * const plan: PlanFunction = (request, drawn) =>
 *   request.userMetadata['slow'] === 'yes'
 *     ? { transcodingMs: drawn.transcodingMs * 10 }
 *     : undefined;
 * ```
 */
export type PlanFunction = (request: JobRequest, drawn: JobPlan) => Partial<JobPlan> | undefined;

/** How long a `ClientRequestToken` keeps returning the same job, in emulator ms. */
const TOKEN_LIFETIME_MS = 15 * 60_000;

/**
 * What the simulation needs besides the clock and the channel.
 *
 * @example
 * ```ts
 * new Simulation({ region, accountId, mix: {}, plan: undefined }, clock, delivery, random);
 * ```
 */
export interface SimulationSettings extends EventSource {
  readonly mix: OutcomeMix;
  readonly plan: PlanFunction | undefined;
}

function checkPlan(plan: JobPlan): JobPlan {
  const invalid = (path: string, message: string): JobTrackerError =>
    new JobTrackerError(ErrorCode.INVALID_OPTIONS, message, { path: `plan.${path}` });
  const durations = [
    'queueWaitMs',
    'probingMs',
    'transcodingMs',
    'uploadingMs',
    'firstUpdateAfterMs',
  ] as const;
  for (const key of durations) {
    const value = plan[key];
    if (!Number.isFinite(value) || value < 0) {
      throw invalid(key, `plan.${key} must be a finite number >= 0, got ${value}.`);
    }
  }
  if (!Number.isInteger(plan.retries) || plan.retries < 0) {
    throw invalid('retries', `plan.retries must be an integer >= 0, got ${plan.retries}.`);
  }
  const fractions: [string, number][] = [['retryAtFraction', plan.retryAtFraction]];
  if (plan.outcome.status === 'ERROR') {
    fractions.push(['outcome.atFraction', plan.outcome.atFraction]);
  }
  plan.warnings.forEach((w, i) => fractions.push([`warnings[${i}].atFraction`, w.atFraction]));
  for (const [path, value] of fractions) {
    if (!(value >= 0 && value <= 1)) {
      throw invalid(path, `plan.${path} must be from 0 to 1, got ${value}.`);
    }
  }
  return plan;
}

/**
 * The job store and its life on the emulator's clock.
 *
 * @example
 * ```ts
 * const simulation = new Simulation(settings, clock, delivery, createRandom(1));
 * const job = simulation.createJob(request);
 * clock.advance(60_000);
 * simulation.view(job).status; // 'PROGRESSING'
 * ```
 */
export class Simulation {
  /** Every job, in creation order (`jobs[i].seq === i`). */
  readonly jobs: SimJob[] = [];
  private readonly byId = new Map<string, SimJob>();
  private readonly running = new Map<string, { timeline: JobTimeline; cancel: () => void }>();
  private readonly tokens = new Map<string, { jobId: string; expiresAt: number }>();
  private readonly eventIds: Random;

  constructor(
    private readonly settings: SimulationSettings,
    private readonly clock: EmulatorClock,
    private readonly delivery: EventDelivery,
    private readonly random: Random,
  ) {
    this.eventIds = random.fork('event-ids');
  }

  /** Creates a job from a checked request, or returns the job its token already made. */
  createJob(request: JobRequest): SimJob {
    const now = this.clock.now();
    const token = request.clientRequestToken;
    if (token !== null) {
      const known = this.tokens.get(token);
      const existing = known === undefined ? undefined : this.byId.get(known.jobId);
      if (known !== undefined && existing !== undefined && known.expiresAt > now) return existing;
    }
    const seq = this.jobs.length;
    const random = this.random.fork(`job/${seq}`);
    let id = `${now}-${random.token(6)}`;
    while (this.byId.has(id)) id = `${now}-${random.token(6)}`;
    const drawn = defaultPlan(request, random, this.settings.mix);
    const directed: JobPlan = { ...drawn, ...planFromMetadata(request, drawn, random) };
    const plan = checkPlan({ ...directed, ...(this.settings.plan?.(request, directed) ?? {}) });
    const job = createSimJob({
      seq,
      id,
      arn: `arn:aws:mediaconvert:${this.settings.region}:${this.settings.accountId}:jobs/${id}`,
      createdAt: now,
      request,
      plan,
      outputs: eventOutputGroups(request.settings, plan.input, random.fork('outputs')),
    });
    this.jobs.push(job);
    this.byId.set(id, job);
    if (token !== null) this.tokens.set(token, { jobId: id, expiresAt: now + TOKEN_LIFETIME_MS });
    const timeline = new JobTimeline(job);
    const entry = { timeline, cancel: () => undefined };
    this.running.set(id, entry);
    this.scheduleNext(job, entry);
    return job;
  }

  /** The emulator's current time, epoch milliseconds. */
  now(): number {
    return this.clock.now();
  }

  /** The job with this id, if any. */
  getJob(id: string): SimJob | undefined {
    return this.byId.get(id);
  }

  /** The job as the service describes it now. */
  view(job: SimJob): JobView {
    return observeJob(job, this.clock.now());
  }

  /**
   * Cancels a `SUBMITTED` or `PROGRESSING` job. A job canceled while queued
   * sends no event; one canceled while progressing sends `CANCELED`.
   */
  cancelJob(id: string): ServiceError | null {
    const job = this.byId.get(id);
    if (job === undefined) return serviceError('NotFoundException', `Job ${id} was not found.`);
    const now = this.clock.now();
    const view = observeJob(job, now);
    // The service's exception for canceling a finished job is not documented; BadRequest is
    // the emulator's choice, and callers should treat any 4xx here as "already final".
    if (isFinalStatus(view.status)) {
      const message = `Job ${id} is ${view.status} and can no longer be canceled.`;
      return serviceError('BadRequestException', message);
    }
    const progressing = view.status === 'PROGRESSING';
    const at = progressing ? Math.max(now, job.startAt + 1) : now;
    job.ending = { at, status: 'CANCELED', error: null };
    const entry = this.running.get(id);
    entry?.timeline.stop();
    entry?.cancel();
    this.running.delete(id);
    if (progressing) this.emit(job, { at, status: 'CANCELED' });
    return null;
  }

  /** The latest moment at which a not yet final job will be final, or `null` when all are. */
  pendingEnd(): number | null {
    const now = this.clock.now();
    let latest: number | null = null;
    for (const job of this.jobs) {
      if (job.ending.at > now) latest = Math.max(latest ?? 0, job.ending.at);
    }
    return latest;
  }

  private scheduleNext(job: SimJob, entry: { timeline: JobTimeline; cancel: () => void }): void {
    const at = entry.timeline.peek();
    if (at === null) {
      this.running.delete(job.id);
      return;
    }
    const action = this.clock.schedule(at, () => {
      const milestone = entry.timeline.next();
      if (milestone !== null) this.emit(job, milestone);
      this.scheduleNext(job, entry);
    });
    entry.cancel = () => action.cancel();
  }

  private emit(job: SimJob, milestone: Milestone): void {
    const view = observeJob(job, milestone.at);
    this.delivery.emit(buildJobEvent(this.settings, job, milestone, view, this.eventIds.uuid()));
  }
}

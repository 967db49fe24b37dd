/**
 * The events one job sends over its life, produced one at a time so that a
 * long job with frequent status updates costs memory for one pending event,
 * not for all of them.
 */
import type { EventStatus } from '../../model/input.js';
import { everStarted, type ScheduledHop, type ScheduledWarning, type SimJob } from './job.js';

/**
 * One event due at a moment of a job's life.
 *
 * @example
 * ```ts
 * const milestone: Milestone = { at: job.startAt, status: 'PROGRESSING' };
 * ```
 */
export type Milestone =
  | { readonly at: number; readonly status: 'QUEUE_HOP'; readonly hop: ScheduledHop }
  | { readonly at: number; readonly status: 'NEW_WARNING'; readonly warning: ScheduledWarning }
  | {
      readonly at: number;
      readonly status: Exclude<EventStatus, 'QUEUE_HOP' | 'NEW_WARNING'>;
    };

/** Every event of the job except the periodic `STATUS_UPDATE`s, in time order. */
function milestones(job: SimJob): Milestone[] {
  const end = job.ending.at;
  const list: Milestone[] = [];
  for (const hop of job.hops) if (hop.at < end) list.push({ at: hop.at, status: 'QUEUE_HOP', hop });
  if (everStarted(job)) {
    list.push({ at: job.startAt, status: 'PROGRESSING' });
    for (const attempt of job.attempts) {
      const at = attempt.probingEnd;
      if (at < attempt.stopAt && at < end) list.push({ at, status: 'INPUT_INFORMATION' });
    }
  }
  for (const warning of job.warnings) {
    if (warning.at < end) list.push({ at: warning.at, status: 'NEW_WARNING', warning });
  }
  if (job.ending.status !== 'CANCELED' || everStarted(job)) {
    list.push({ at: end, status: job.ending.status });
  }
  // A stable sort keeps PROGRESSING before a warning due at the same moment.
  return list.sort((a, b) => a.at - b.at);
}

/**
 * Walks a job's events in time order: the planned milestones interleaved
 * with `STATUS_UPDATE`s (the first about a minute after start, then one per
 * `StatusUpdateInterval` until transcoding ends or the job does).
 *
 * @example
 * ```ts
 * const cursor = new JobTimeline(job);
 * for (let m = cursor.next(); m !== null; m = cursor.next()) emit(m);
 * ```
 */
export class JobTimeline {
  private readonly list: Milestone[];
  private index = 0;
  private nextUpdateAt: number;

  constructor(private readonly job: SimJob) {
    this.list = milestones(job);
    this.nextUpdateAt = job.startAt + job.plan.firstUpdateAfterMs;
  }

  /** The time of the next event, or `null` when the job has sent its last. */
  peek(): number | null {
    const milestone = this.list[this.index];
    const update = this.updateDue() ? this.nextUpdateAt : null;
    if (milestone === undefined) return update;
    return update === null ? milestone.at : Math.min(milestone.at, update);
  }

  /** Takes the next event, or `null` when there is none. */
  next(): Milestone | null {
    const milestone = this.list[this.index];
    if (this.updateDue() && (milestone === undefined || this.nextUpdateAt < milestone.at)) {
      const at = this.nextUpdateAt;
      this.nextUpdateAt += this.job.updateIntervalMs;
      return { at, status: 'STATUS_UPDATE' };
    }
    if (milestone === undefined) return null;
    this.index++;
    return milestone;
  }

  /** Drops every event still to come (the job was canceled). */
  stop(): void {
    this.index = this.list.length;
    this.nextUpdateAt = Number.POSITIVE_INFINITY;
  }

  private updateDue(): boolean {
    this.skipUploading();
    return everStarted(this.job) && this.nextUpdateAt < this.job.ending.at;
  }

  /**
   * Moves the next update past an upload: the service stops sending
   * `STATUS_UPDATE` when transcoding ends, and starts again only if a retry
   * begins a new attempt.
   */
  private skipUploading(): void {
    const t = this.nextUpdateAt;
    const attempts = this.job.attempts;
    for (let i = attempts.length - 1; i >= 0; i--) {
      const attempt = attempts[i];
      if (attempt === undefined || attempt.startAt > t) continue;
      if (t < attempt.transcodingEnd) return;
      const next = attempts[i + 1];
      if (next === undefined) {
        this.nextUpdateAt = Number.POSITIVE_INFINITY;
        return;
      }
      const interval = this.job.updateIntervalMs;
      this.nextUpdateAt = t + Math.ceil((next.startAt - t) / interval) * interval;
      return;
    }
  }
}

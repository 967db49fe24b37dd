/**
 * The reconciler's watchdog memory: since when each unsettled job has heard
 * nothing new, and how often it should hear something.
 */
import type { JobFleet } from '../../fleet/create-job-fleet.js';
import type { JobState } from '../../model/job-state.js';
import type { CycleFindings } from './reconcile-cycle.js';
import { DEFAULT_STATUS_UPDATE_INTERVAL_MS, statusUpdateIntervalMs } from './timing.js';

interface Quiet {
  readonly state: JobState;
  readonly since: number;
}

/**
 * Tracks quiet jobs by the identity of their state: a fleet replaces a job's
 * state object whenever an input reaches it (a duplicate event does not), so
 * an unchanged object means nothing new arrived.
 *
 * @example
 * ```ts
 * const quiet = new QuietJobs(fleet, 3);
 * const stale = quiet.staleIds(Date.now());
 * ```
 */
export class QuietJobs {
  private readonly quiet = new Map<string, Quiet>();
  private readonly intervals = new Map<string, number>();

  constructor(
    private readonly fleet: JobFleet,
    private readonly staleAfterIntervals: number,
  ) {}

  /** Notes what a pass learned: fresh answers reset the quiet time, and intervals are kept. */
  remember(findings: CycleFindings, now: number): void {
    for (const [id, interval] of findings.seen) {
      const ms = statusUpdateIntervalMs(interval);
      if (ms !== null) this.intervals.set(id, ms);
      const state = this.fleet.get(id);
      if (state !== undefined) this.quiet.set(id, { state, since: now });
    }
  }

  /** After the watchdog asked about `ids`: wait another full period before asking again. */
  rearm(ids: readonly string[], now: number): void {
    for (const id of ids) {
      const state = this.fleet.get(id);
      if (state !== undefined) this.quiet.set(id, { state, since: now });
    }
  }

  /**
   * The `PROGRESSING` jobs quiet for `staleAfterIntervals` of their status
   * update interval; forgets jobs that settled or left the fleet.
   */
  staleIds(now: number): string[] {
    const ids: string[] = [];
    const live = new Set<string>();
    for (const state of this.fleet.unsettled()) {
      const id = state.jobId;
      if (id === null) continue;
      live.add(id);
      const known = this.quiet.get(id);
      if (known === undefined || known.state !== state) {
        this.quiet.set(id, { state, since: now });
        continue;
      }
      if (state.status !== 'PROGRESSING') continue;
      const interval = this.intervals.get(id) ?? DEFAULT_STATUS_UPDATE_INTERVAL_MS;
      if (now - known.since >= this.staleAfterIntervals * interval) ids.push(id);
    }
    for (const id of [...this.quiet.keys()]) {
      if (!live.has(id)) {
        this.quiet.delete(id);
        this.intervals.delete(id);
      }
    }
    return ids;
  }
}

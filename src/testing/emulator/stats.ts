/**
 * Call counts per operation, faulted calls included, so tests and
 * benchmarks can show what a client costs.
 */
import { Operation } from './faults.js';

/**
 * Calls the emulator received since start or the last `resetStats()`.
 *
 * @example
 * ```ts
 * emulator.resetStats();
 * await reconciler.runOnce();
 * expect(emulator.stats.total).toBeLessThanOrEqual(60);
 * ```
 */
export type EmulatorStats = { readonly [op in Operation]: number } & {
  /** Every call to a served operation, faulted ones included. */
  readonly total: number;
  /** Calls answered with a fault (429, 500) or dropped. */
  readonly faulted: number;
  /** Requests to routes the emulator does not serve. */
  readonly unknown: number;
};

/**
 * Mutable counters behind {@link EmulatorStats}.
 *
 * @example
 * ```ts
 * const counter = new StatsCounter();
 * counter.call('GetJob');
 * counter.snapshot().GetJob; // 1
 * ```
 */
export class StatsCounter {
  private calls = new Map<Operation, number>();
  private faulted = 0;
  private unknown = 0;

  /** Counts one call of `operation`. */
  call(operation: Operation): void {
    this.calls.set(operation, (this.calls.get(operation) ?? 0) + 1);
  }

  /** Counts one faulted call. */
  fault(): void {
    this.faulted++;
  }

  /** Counts one request to an unserved route. */
  unknownRoute(): void {
    this.unknown++;
  }

  /** Sets every counter to zero. */
  reset(): void {
    this.calls = new Map();
    this.faulted = 0;
    this.unknown = 0;
  }

  /** A frozen copy of the counters. */
  snapshot(): EmulatorStats {
    const count = (op: Operation): number => this.calls.get(op) ?? 0;
    const ops = Object.values(Operation);
    return Object.freeze({
      CreateJob: count(Operation.CREATE_JOB),
      GetJob: count(Operation.GET_JOB),
      ListJobs: count(Operation.LIST_JOBS),
      SearchJobs: count(Operation.SEARCH_JOBS),
      CancelJob: count(Operation.CANCEL_JOB),
      total: ops.reduce((sum, op) => sum + count(op), 0),
      faulted: this.faulted,
      unknown: this.unknown,
    });
  }
}

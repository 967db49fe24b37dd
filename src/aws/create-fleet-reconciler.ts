/**
 * `createFleetReconciler`: keeps a fleet honest against the API with few,
 * batched calls under one request budget, plus a watchdog for jobs that
 * went quiet.
 */
import type { MediaConvertClient } from '@aws-sdk/client-mediaconvert';
import type { JobFleet } from '../fleet/create-job-fleet.js';
import { reportUnhandled } from '../tracker/handlers.js';
import type { RetryableFailure } from './api-failure.js';
import { BudgetedCaller, emptyTally, type CallTally } from './internal/budgeted-caller.js';
import {
  checkClient,
  checkedClock,
  checkedRandom,
  checkFunction,
  checkSignal,
  invalidOptions,
  readInteger,
  readNumber,
} from './internal/options.js';
import {
  emptyFindings,
  getJobs,
  reconcileFleet,
  type CycleContext,
  type CycleFindings,
} from './internal/reconcile-cycle.js';
import { startIdleTimer } from './internal/idle-timer.js';
import { RequestBudget } from './internal/request-budget.js';
import { QuietJobs } from './internal/quiet-jobs.js';
import { realSleep, type Sleep } from './sleep.js';

/**
 * What one reconciliation pass (or one watchdog pass) did.
 *
 * @example
 * ```ts
 * const report = await reconciler.runOnce();
 * metrics.gauge('reconcile.calls', report.calls.total);
 * ```
 */
export interface ReconcileReport {
  /** `cycle` for {@link FleetReconciler.runOnce}, `watchdog` for {@link FleetReconciler.checkStale}. */
  readonly kind: 'cycle' | 'watchdog';
  /** Unsettled jobs the pass set out to check. */
  readonly checked: number;
  /** HTTP requests by operation, the SDK's own retries included (what the service counts). */
  readonly calls: { readonly ListJobs: number; readonly GetJob: number; readonly total: number };
  /** Answers that were 429 `TooManyRequestsException`. */
  readonly throttled: number;
  /** Calls tried again after a retryable failure (throttled, 5xx, network). */
  readonly retries: number;
  /** Jobs whose state changed. */
  readonly updated: readonly string[];
  /** Jobs that reached a final status in this pass. */
  readonly settled: readonly string[];
  /** Jobs `GetJob` says do not exist (the fleet keeps them; delete them if you agree). */
  readonly notFound: readonly string[];
  /** Jobs that could not be checked because the calls kept failing; the next pass tries again. */
  readonly unresolved: readonly string[];
  /** Whether the pass was cut short by the abort signal or `stop()`. */
  readonly aborted: boolean;
  /** When the pass started and ended, by the reconciler's clock. */
  readonly startedAt: number;
  readonly finishedAt: number;
}

/**
 * A typed observer of a reconciler. The library never logs.
 *
 * @example
 * ```ts
 * const observer: FleetReconcilerObserver = {
 *   onReport: (report) => logger.info(report.calls, `${report.kind} done`),
 *   onError: (error) => logger.error(error),
 * };
 * ```
 */
export interface FleetReconcilerObserver {
  /** After each pass the loop of `start()` ran (and after `runOnce`/`checkStale`). */
  readonly onReport?: (report: ReconcileReport) => void;
  /** After a call that failed in a way worth retrying, with the delay before it is tried again. */
  readonly onRetry?: (failure: RetryableFailure, delayMs: number) => void;
  /**
   * A pass of the `start()` loop failed in a way retrying cannot fix (no
   * access, a bad request); the loop goes on. Without this hook the error is
   * rethrown asynchronously so that it is never silently lost.
   */
  readonly onError?: (error: unknown) => void;
}

/**
 * Options of {@link createFleetReconciler}.
 *
 * @example
 * ```ts
 * const options: FleetReconcilerOptions = {
 *   client, fleet, intervalMs: 120_000, maxRequestsPerSecond: 1,
 * };
 * ```
 */
export interface FleetReconcilerOptions {
  /** Your MediaConvert client (`ListJobs` and `GetJob` only); never destroyed here. */
  readonly client: MediaConvertClient;
  /** The fleet to keep honest; only its unsettled jobs are checked. */
  readonly fleet: JobFleet;
  /**
   * How often the `start()` loop runs a full pass, in ms.
   * @defaultValue 60000
   */
  readonly intervalMs?: number;
  /**
   * The request rate every call shares (listings, GetJobs, the watchdog);
   * MediaConvert throttles `ListJobs` early. `Infinity` turns the budget off.
   * @defaultValue 2
   */
  readonly maxRequestsPerSecond?: number;
  /**
   * How many calls may go at once after a quiet spell.
   * @defaultValue 2
   */
  readonly burst?: number;
  /**
   * A `PROGRESSING` job that received nothing new for this many of its
   * `StatusUpdateInterval`s (60 s when unknown) gets a `GetJob` from the
   * watchdog between passes. `SUBMITTED` jobs are quiet by nature (the
   * service sends no event while a job waits) and are left to the passes.
   * @defaultValue 3
   */
  readonly staleAfterIntervals?: number;
  /**
   * How often the `start()` loop looks for quiet jobs, in ms; `0` turns the
   * watchdog off.
   * @defaultValue 15000
   */
  readonly watchdogEveryMs?: number;
  /**
   * How many times a failed call is tried again before its jobs are left
   * for the next pass (on top of the SDK's own retries, see `maxAttempts` of
   * the client).
   * @defaultValue 3
   */
  readonly maxRetries?: number;
  /**
   * The fewest unsettled jobs of one queue for which listing is used; fewer
   * get one `GetJob` each, which is then cheaper than five listings.
   * @defaultValue 7
   */
  readonly minJobsToList?: number;
  /**
   * The most pages read from one (queue, status) listing in a pass.
   * @defaultValue 100
   */
  readonly maxPagesPerListing?: number;
  /**
   * Stops the `start()` loop and cuts any pass short.
   * @defaultValue none
   */
  readonly abortSignal?: AbortSignal;
  /** Receives reports, retries and errors. @defaultValue none */
  readonly observer?: FleetReconcilerObserver;
  /**
   * The clock of the request budget, the loop and the watchdog, epoch ms. A
   * reading that is no finite number fails the pass with `INVALID_OPTIONS`.
   * @defaultValue Date.now
   */
  readonly clock?: () => number;
  /**
   * How to wait; it must move `clock` forward (inject both in tests).
   * @defaultValue a `setTimeout` cleared on abort; between the passes of the
   *   `start()` loop it does not keep the process alive
   */
  readonly sleep?: Sleep;
  /**
   * The source of jitter, a number from 0 to 1. A draw outside that range
   * fails the pass with `INVALID_OPTIONS`.
   * @defaultValue Math.random
   */
  readonly random?: () => number;
}

/**
 * A reconciler: `runOnce()` for one pass, or `start()`/`stop()` for a loop.
 * Passes never overlap; calls wait for each other in one request budget.
 *
 * @example
 * ```ts
 * const reconciler: FleetReconciler = createFleetReconciler({ client, fleet });
 * const { calls, settled } = await reconciler.runOnce();
 * ```
 */
export interface FleetReconciler {
  /** Runs one full pass over the fleet's unsettled jobs. */
  runOnce(): Promise<ReconcileReport>;
  /** Runs the watchdog once: `GetJob` for each `PROGRESSING` job quiet for too long. */
  checkStale(): Promise<ReconcileReport>;
  /**
   * Starts the loop: a pass now and every `intervalMs`, the watchdog in
   * between. Like an unreferenced interval, the loop does not keep the
   * process alive while it waits between passes (with the default `sleep`):
   * a server or a queue consumer keeps it running.
   */
  start(): void;
  /** Stops the loop, cancels the call in flight, and resolves once nothing is left running. */
  stop(): Promise<void>;
  /** Whether the loop is running. */
  readonly running: boolean;
}

/**
 * Creates a reconciler that keeps a fleet's unsettled jobs in line with the
 * API for a few calls a pass: per submission queue (where `ListJobs` lists
 * a job even after a queue hop) it lists `SUBMITTED`, `PROGRESSING`,
 * `COMPLETE`, `ERROR` and `CANCELED` jobs newest first, 20 a page, stopping
 * as soon as every job sought was found or the pages are older than the
 * oldest of them; the jobs still missing get one `GetJob` each. Following
 * 1,000 unfinished jobs costs about 55 calls a pass instead of 1,000.
 *
 * Every call shares one token bucket (`maxRequestsPerSecond`, `burst`); a
 * 429 empties it and pauses every call with a growing backoff. A watchdog
 * sends `GetJob` for `PROGRESSING` jobs that heard nothing for a few status
 * update intervals, between passes.
 *
 * @throws JobTrackerError `INVALID_OPTIONS` for wrong options. `runOnce()`
 *   and `checkStale()` reject with `ACCESS_DENIED` or `API_REQUEST_FAILED`
 *   when a call fails in a way retrying cannot fix.
 * @example
 * ```ts
 * import { createJobFleet } from 'mediaconvert-job-tracker';
 * import { createFleetReconciler } from 'mediaconvert-job-tracker/aws';
 *
 * const fleet = createJobFleet();
 * fleet.on('complete', ({ jobId, outputs }) => publish(jobId, outputs));
 * const reconciler = createFleetReconciler({ client, fleet, intervalMs: 60_000 });
 * reconciler.start();
 * // ... feed the fleet CreateJob responses and EventBridge events ...
 * await reconciler.stop();
 * ```
 */
export function createFleetReconciler(options: FleetReconcilerOptions): FleetReconciler {
  if (typeof options !== 'object' || options === null) {
    throw invalidOptions('options', 'options must be an object with a client and a fleet.');
  }
  checkClient(options.client, 'options.client');
  const fleet = options.fleet;
  if (typeof fleet !== 'object' || fleet === null || typeof fleet.unsettled !== 'function') {
    throw invalidOptions('options.fleet', 'options.fleet must be a fleet from createJobFleet().');
  }
  const intervalMs = readNumber(options.intervalMs, 'options.intervalMs', 60_000, {
    min: 0,
    exclusiveMin: true,
  });
  const rate = readNumber(options.maxRequestsPerSecond, 'options.maxRequestsPerSecond', 2, {
    min: 0,
    exclusiveMin: true,
    allowInfinity: true,
  });
  const burst = readNumber(options.burst, 'options.burst', 2, { min: 1 });
  const staleAfter = readNumber(options.staleAfterIntervals, 'options.staleAfterIntervals', 3, {
    min: 0,
    exclusiveMin: true,
  });
  const watchdogEveryMs = readNumber(options.watchdogEveryMs, 'options.watchdogEveryMs', 15_000, {
    min: 0,
  });
  const maxRetries = readInteger(options.maxRetries, 'options.maxRetries', 3, 0);
  const minJobsToList = readInteger(options.minJobsToList, 'options.minJobsToList', 7, 1);
  const maxPagesPerListing = readInteger(
    options.maxPagesPerListing,
    'options.maxPagesPerListing',
    100,
    1,
  );
  checkSignal(options.abortSignal, 'options.abortSignal');
  checkFunction(options.clock, 'options.clock');
  checkFunction(options.sleep, 'options.sleep');
  checkFunction(options.random, 'options.random');

  const clock = checkedClock(options.clock ?? Date.now, 'options.clock');
  const sleep = options.sleep ?? realSleep;
  const random = checkedRandom(options.random ?? Math.random, 'options.random');
  /** The wait between passes of the loop: the default one holds the process open for nobody. */
  const idle: Sleep =
    options.sleep === undefined || options.sleep === realSleep
      ? (ms, signal) => startIdleTimer(ms, signal, false).done
      : sleep;
  const observer = options.observer;
  const budget = new RequestBudget(rate, burst, clock, sleep);
  const caller = new BudgetedCaller({
    budget,
    maxRetries,
    baseBackoffMs: 1_000,
    maxBackoffMs: 30_000,
    random,
    sleep,
    onRetry: observer?.onRetry,
  });
  const watchdog = new QuietJobs(fleet, staleAfter);
  const outer = options.abortSignal;
  /** The running loop's controller, aborted by `stop()` and by `abortSignal`; `null` when stopped. */
  let loopController: AbortController | null = null;
  let loopDone: Promise<void> = Promise.resolve();
  let queue: Promise<unknown> = Promise.resolve();

  /** Runs passes one at a time. */
  const exclusive = <T>(run: () => Promise<T>): Promise<T> => {
    const next = queue.then(run, run);
    queue = next.catch(() => undefined);
    return next;
  };

  /** A signal for one pass, aborted by `abortSignal` or by `stop()`, its listeners removed after. */
  const withPassSignal = async <T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    const pass = new AbortController();
    const abort = (): void => pass.abort();
    const sources = [outer, loopController?.signal].filter((s): s is AbortSignal => s !== undefined);
    for (const source of sources) {
      if (source.aborted) pass.abort();
      else source.addEventListener('abort', abort, { once: true });
    }
    try {
      return await run(pass.signal);
    } finally {
      for (const source of sources) source.removeEventListener('abort', abort);
    }
  };

  const toReport = (
    kind: ReconcileReport['kind'],
    findings: CycleFindings,
    tally: CallTally,
    startedAt: number,
  ): ReconcileReport => ({
    kind,
    checked: findings.checked,
    calls: {
      ListJobs: tally.requests.ListJobs,
      GetJob: tally.requests.GetJob,
      total: tally.requests.ListJobs + tally.requests.GetJob,
    },
    throttled: tally.throttled,
    retries: tally.retries,
    updated: findings.updated,
    settled: findings.settled,
    notFound: findings.notFound,
    unresolved: findings.unresolved,
    aborted: findings.aborted,
    startedAt,
    finishedAt: clock(),
  });

  const context = (tally: CallTally, signal: AbortSignal): CycleContext => ({
    client: options.client,
    fleet,
    caller,
    signal,
    tally,
    minJobsToList,
    maxPagesPerListing,
  });

  const runPass = async (signal: AbortSignal): Promise<ReconcileReport> => {
    const startedAt = clock();
    const tally = emptyTally();
    const findings = await reconcileFleet(context(tally, signal));
    const now = clock();
    watchdog.remember(findings, now);
    const report = toReport('cycle', findings, tally, startedAt);
    observer?.onReport?.(report);
    return report;
  };

  const runWatchdog = async (signal: AbortSignal): Promise<ReconcileReport> => {
    const startedAt = clock();
    const ids = watchdog.staleIds(startedAt);
    const tally = emptyTally();
    const findings = emptyFindings(ids.length);
    await getJobs(context(tally, signal), ids, findings);
    const now = clock();
    watchdog.remember(findings, now);
    watchdog.rearm(ids, now);
    const report = toReport('watchdog', findings, tally, startedAt);
    observer?.onReport?.(report);
    return report;
  };

  const pass = (run: (signal: AbortSignal) => Promise<ReconcileReport>) => () =>
    exclusive(() => withPassSignal(run));

  const reportError = (error: unknown): void => {
    if (observer?.onError !== undefined) observer.onError(error);
    else reportUnhandled(error);
  };

  const loop = async (signal: AbortSignal): Promise<void> => {
    let nextPass = clock();
    while (!signal.aborted) {
      try {
        if (clock() >= nextPass) {
          await pass(runPass)();
          nextPass = clock() + intervalMs;
        } else if (watchdogEveryMs > 0) {
          await pass(runWatchdog)();
        }
      } catch (error) {
        if (!signal.aborted) reportError(error);
      }
      if (signal.aborted) return;
      const untilPass = nextPass - clock();
      const wait = watchdogEveryMs > 0 ? Math.min(untilPass, watchdogEveryMs) : untilPass;
      await idle(Math.max(1, wait), signal).catch(() => undefined);
    }
  };

  return {
    runOnce: pass(runPass),
    checkStale: pass(runWatchdog),
    start: () => {
      if (loopController !== null || outer?.aborted === true) return;
      const controller = new AbortController();
      loopController = controller;
      const onOuterAbort = (): void => controller.abort();
      outer?.addEventListener('abort', onOuterAbort, { once: true });
      loopDone = loop(controller.signal)
        .catch(reportError)
        .finally(() => {
          outer?.removeEventListener('abort', onOuterAbort);
          if (loopController === controller) loopController = null;
        });
    },
    stop: async () => {
      loopController?.abort();
      await loopDone;
      await queue;
    },
    get running() {
      return loopController !== null;
    },
  };
}

/**
 * Calls through a shared {@link RequestBudget}: each call waits for a token,
 * is counted (with the SDK's own retries), and is tried again after a
 * retryable failure with a backoff that 429s share with every other call.
 */
import {
  ApiFailureKind,
  classifyApiError,
  type RetryableFailure,
} from '../api-failure.js';
import type { Sleep } from '../sleep.js';
import { isRetryable, retryableFailure } from './api-errors.js';
import type { RequestBudget } from './request-budget.js';

/**
 * The operations the reconciler calls.
 *
 * @example
 * ```ts
 * const operation: ReconcileOperation = 'ListJobs';
 * ```
 */
export type ReconcileOperation = 'ListJobs' | 'GetJob';

/**
 * Counts of one reconciler's calls.
 *
 * @example
 * ```ts
 * const tally: CallTally = emptyTally();
 * await caller.call('GetJob', tally, signal, send);
 * tally.requests.GetJob; // 1, or more if the SDK retried
 * ```
 */
export interface CallTally {
  /** HTTP requests by operation, the SDK's own retries included. */
  readonly requests: { ListJobs: number; GetJob: number };
  /** Answers that were 429. */
  throttled: number;
  /** Calls tried again here after a retryable failure. */
  retries: number;
}

/**
 * A new, empty {@link CallTally}.
 *
 * @example
 * ```ts
 * const tally = emptyTally();
 * ```
 */
export function emptyTally(): CallTally {
  return { requests: { ListJobs: 0, GetJob: 0 }, throttled: 0, retries: 0 };
}

/**
 * The outcome of one budgeted call.
 *
 * @example
 * ```ts
 * const outcome: CallOutcome<GetJobCommandOutput> = await caller.call('GetJob', tally, signal, send);
 * if (outcome.ok) fleet.ingest(outcome.value);
 * ```
 */
export type CallOutcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: 'aborted' }
  | { readonly ok: false; readonly reason: 'exhausted'; readonly failure: RetryableFailure }
  | { readonly ok: false; readonly reason: 'fatal'; readonly error: unknown };

/**
 * Settings of a {@link BudgetedCaller}.
 *
 * @example
 * ```ts
 * const settings: CallerSettings = { budget, maxRetries: 3, baseBackoffMs: 1_000,
 *   maxBackoffMs: 30_000, random: Math.random, sleep: realSleep, onRetry: undefined };
 * ```
 */
export interface CallerSettings {
  readonly budget: RequestBudget;
  /** Tries after the first, for a retryable failure. */
  readonly maxRetries: number;
  /** The first backoff after a failure, in ms; it doubles per failure in a row. */
  readonly baseBackoffMs: number;
  readonly maxBackoffMs: number;
  readonly random: () => number;
  readonly sleep: Sleep;
  readonly onRetry: ((failure: RetryableFailure, delayMs: number) => void) | undefined;
}

function attemptsOf(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 1;
  const metadata = (value as { $metadata?: unknown }).$metadata;
  if (typeof metadata !== 'object' || metadata === null) return 1;
  const attempts = (metadata as { attempts?: unknown }).attempts;
  return typeof attempts === 'number' && attempts >= 1 ? attempts : 1;
}

/**
 * Makes budgeted, counted, retried calls.
 *
 * @example
 * ```ts
 * const caller = new BudgetedCaller(settings);
 * const page = await caller.call('ListJobs', tally, signal, (abortSignal) =>
 *   client.send(new ListJobsCommand(input), { abortSignal }));
 * ```
 */
export class BudgetedCaller {
  /** Failures in a row across every call; a success resets it. */
  private streak = 0;

  constructor(private readonly settings: CallerSettings) {}

  async call<T>(
    operation: ReconcileOperation,
    tally: CallTally,
    signal: AbortSignal,
    send: (abortSignal: AbortSignal) => Promise<T>,
  ): Promise<CallOutcome<T>> {
    for (let attempt = 0; ; attempt++) {
      if (!(await this.settings.budget.take(signal))) return { ok: false, reason: 'aborted' };
      let value: T;
      try {
        value = await send(signal);
      } catch (error) {
        tally.requests[operation] += attemptsOf(error);
        if (signal.aborted) return { ok: false, reason: 'aborted' };
        const kind = classifyApiError(error);
        if (!isRetryable(kind)) return { ok: false, reason: 'fatal', error };
        if (kind === ApiFailureKind.THROTTLED) tally.throttled += 1;
        const failure: RetryableFailure = retryableFailure(kind, error);
        this.streak += 1;
        if (attempt >= this.settings.maxRetries) return { ok: false, reason: 'exhausted', failure };
        const ceiling = Math.min(
          this.settings.maxBackoffMs,
          this.settings.baseBackoffMs * 2 ** Math.min(30, this.streak - 1),
        );
        const delay = Math.round(ceiling / 2 + (ceiling / 2) * this.settings.random());
        tally.retries += 1;
        this.settings.onRetry?.(failure, delay);
        // Throttling is about the account's rate, so every call waits; other failures delay this one.
        if (kind === ApiFailureKind.THROTTLED) this.settings.budget.penalise(delay);
        else await this.settings.sleep(delay, signal).catch(() => undefined);
        continue;
      }
      tally.requests[operation] += attemptsOf(value);
      this.streak = 0;
      return { ok: true, value };
    }
  }
}

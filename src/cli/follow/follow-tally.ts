/**
 * Counts of what became of every input while following a job, by source
 * (events, polls), kind and reason, for the live line of `watch` and `demo`.
 */
import type { JobFollowObserver, RetryableFailure } from '../../aws/index.js';
import type { IngestKind, IngestOutcome } from '../../index.js';

/**
 * Counts of one source: how many inputs of each kind, and why.
 *
 * @example
 * ```ts
 * const events: SourceTally = tally.snapshot().events;
 * events.reasons.duplicate?.['DUPLICATE_EVENT']; // 3
 * ```
 */
export interface SourceTally {
  readonly total: number;
  readonly kinds: { readonly [kind in IngestKind]: number };
  /** For each kind but `applied`, how many inputs of that kind gave each reason. */
  readonly reasons: { readonly [kind in IngestKind]?: { readonly [reason: string]: number } };
}

/**
 * Everything counted while following.
 *
 * @example
 * ```ts
 * const { events, polls, retries } = tally.snapshot();
 * ```
 */
export interface FollowTally {
  readonly events: SourceTally;
  readonly polls: SourceTally;
  /** Failed polls tried again, by kind (`THROTTLED`, `SERVER`, `NETWORK`). */
  readonly retries: { readonly [kind: string]: number };
  /** Event payloads that could not be read at all. */
  readonly unreadable: number;
}

interface MutableSource {
  total: number;
  kinds: Record<IngestKind, number>;
  reasons: Partial<Record<IngestKind, Record<string, number>>>;
}

function emptySource(): MutableSource {
  const kinds = { applied: 0, duplicate: 0, stale: 0, ignored: 0, rejected: 0 };
  return { total: 0, kinds, reasons: {} };
}

function count(source: MutableSource, outcome: IngestOutcome): void {
  source.total += 1;
  source.kinds[outcome.kind] += 1;
  if (outcome.kind === 'applied') return;
  const reasons = (source.reasons[outcome.kind] ??= {});
  const reason = outcome.reason ?? 'UNKNOWN';
  reasons[reason] = (reasons[reason] ?? 0) + 1;
}

function copy(source: MutableSource): SourceTally {
  const reasons: Partial<Record<IngestKind, Record<string, number>>> = {};
  for (const [kind, map] of Object.entries(source.reasons)) reasons[kind as IngestKind] = { ...map };
  return { total: source.total, kinds: { ...source.kinds }, reasons };
}

/**
 * A tally and the observer that fills it; `onChange` runs after each count.
 *
 * @example
 * ```ts
 * const tally = createFollowTally(() => view.refresh());
 * for await (const state of watchJob({ client, observer: tally.observer }, { Id })) view.show(state);
 * ```
 */
export function createFollowTally(onChange: () => void = () => undefined): {
  readonly observer: JobFollowObserver;
  snapshot(): FollowTally;
} {
  const events = emptySource();
  const polls = emptySource();
  const retries: Record<string, number> = {};
  let unreadable = 0;
  const observer: JobFollowObserver = {
    onIngest: (result, source) => {
      const target = source === 'event' ? events : polls;
      for (const item of result.items) count(target, item);
      onChange();
    },
    onRetry: (failure) => {
      retries[failure.kind] = (retries[failure.kind] ?? 0) + 1;
      onChange();
    },
    onEventError: () => {
      unreadable += 1;
      onChange();
    },
  };
  return {
    observer,
    snapshot: () => ({ events: copy(events), polls: copy(polls), retries: { ...retries }, unreadable }),
  };
}

function reasonsText(reasons: { readonly [reason: string]: number } | undefined): string {
  const entries = Object.entries(reasons ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return entries.length === 0 ? '' : ` (${entries.map(([reason, n]) => `${reason} ${n}`).join(', ')})`;
}

/**
 * What became of the events, and why:
 * `events 14: 9 applied, 3 duplicate (DUPLICATE_EVENT 3), 2 stale (REGRESSION 2)`.
 *
 * @example
 * ```ts
 * eventsText(tally.snapshot().events);
 * ```
 */
export function eventsText(source: SourceTally): string {
  const parts = [`${source.kinds.applied} applied`];
  for (const kind of ['duplicate', 'stale', 'ignored', 'rejected'] as const) {
    const n = source.kinds[kind];
    if (n > 0) parts.push(`${n} ${kind}${reasonsText(source.reasons[kind])}`);
  }
  return `events ${source.total}: ${parts.join(', ')}`;
}

/**
 * What became of the events, without reasons: `events 14: 9 applied, 3 duplicate, 2 stale`.
 *
 * @example
 * ```ts
 * eventsBrief(tally.snapshot().events);
 * ```
 */
export function eventsBrief(source: SourceTally): string {
  const parts = [`${source.kinds.applied} applied`];
  for (const kind of ['duplicate', 'stale', 'ignored', 'rejected'] as const) {
    if (source.kinds[kind] > 0) parts.push(`${source.kinds[kind]} ${kind}`);
  }
  return `events ${source.total}: ${parts.join(', ')}`;
}

/**
 * What the polls did:
 * `polls 12: 5 applied, 6 unchanged, 1 behind the events (REGRESSION 1); retried 3 (THROTTLED 3)`.
 *
 * @example
 * ```ts
 * pollsText(tally.snapshot());
 * ```
 */
export function pollsText(tally: FollowTally): string {
  const { polls } = tally;
  const stale = { ...(polls.reasons.stale ?? {}) };
  const unchanged = stale['NOTHING_NEW'] ?? 0;
  delete stale['NOTHING_NEW'];
  const parts = [`${polls.kinds.applied} applied`, `${unchanged} unchanged`];
  const behind = polls.kinds.stale - unchanged;
  if (behind > 0) parts.push(`${behind} behind the events${reasonsText(stale)}`);
  const retried = Object.values(tally.retries).reduce((sum, n) => sum + n, 0);
  const retries = retried === 0 ? '' : `; retried ${retried}${reasonsText(tally.retries)}`;
  return `polls ${polls.total}: ${parts.join(', ')}${retries}`;
}

/**
 * Seconds for people: `4`, `3.7`, `30`.
 *
 * @example
 * ```ts
 * secondsText(3_700); // '3.7'
 * ```
 */
export function secondsText(ms: number): string {
  const seconds = ms / 1000;
  return seconds >= 10 ? String(Math.round(seconds)) : String(Math.round(seconds * 10) / 10);
}

/**
 * One line about a failed GetJob and when it is tried again:
 * `GetJob failed: ECONNREFUSED, retrying in 4 s`.
 *
 * @example
 * ```ts
 * observer.onRetry = (failure, delayMs) => view.log(retryText(failure, delayMs));
 * ```
 */
export function retryText(failure: RetryableFailure, delayMs: number): string {
  const when = `retrying in ${secondsText(delayMs)} s`;
  if (failure.kind !== 'INVALID_RESPONSE') return `GetJob failed: ${failure.reason}, ${when}`;
  const error = failure.error;
  const detail = error instanceof Error ? `: ${error.message.split('\n')[0] ?? ''}` : '';
  return `GetJob answer could not be read (${failure.reason}${detail}), ${when}`;
}

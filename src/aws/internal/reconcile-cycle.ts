/**
 * One reconciliation pass over a fleet's unsettled jobs: batched ListJobs
 * per submission queue and status, newest first and only as far back as the
 * oldest job sought, then one GetJob for each job the listings missed.
 */
import { GetJobCommand, ListJobsCommand, type Job } from '@aws-sdk/client-mediaconvert';
import type { MediaConvertClient } from '@aws-sdk/client-mediaconvert';
import type { JobFleet } from '../../fleet/create-job-fleet.js';
import type { JobState } from '../../model/job-state.js';
import { isFinalStatus, type JobStatus } from '../../model/status.js';
import { ApiFailureKind, classifyApiError } from '../api-failure.js';
import { fatalApiError } from './api-errors.js';
import type { BudgetedCaller, CallTally } from './budgeted-caller.js';

/**
 * The statuses listed, in lifecycle order, so a job that moves on meanwhile is still seen once.
 *
 * @example
 * ```ts
 * for (const Status of LIST_ORDER) await listPages({ Queue, Status });
 * ```
 */
export const LIST_ORDER: readonly JobStatus[] = [
  'SUBMITTED',
  'PROGRESSING',
  'COMPLETE',
  'ERROR',
  'CANCELED',
];

/**
 * The most jobs a ListJobs page holds.
 *
 * @example
 * ```ts
 * new ListJobsCommand({ Queue, Status, Order: 'DESCENDING', MaxResults: PAGE_SIZE });
 * ```
 */
export const PAGE_SIZE = 20;

/**
 * What a pass found, by job id.
 *
 * @example
 * ```ts
 * const findings: CycleFindings = await reconcileFleet(ctx);
 * findings.settled; // ['1704067200000-k6yh0f', ...]
 * ```
 */
export interface CycleFindings {
  readonly checked: number;
  readonly updated: string[];
  readonly settled: string[];
  readonly notFound: string[];
  readonly unresolved: string[];
  /** Every job an answer described, with its `StatusUpdateInterval` (or `undefined`). */
  readonly seen: Map<string, string | undefined>;
  aborted: boolean;
}

/**
 * What a pass works with.
 *
 * @example
 * ```ts
 * const ctx: CycleContext = {
 *   client, fleet, caller, signal, tally, minJobsToList: 7, maxPagesPerListing: 100,
 * };
 * ```
 */
export interface CycleContext {
  readonly client: MediaConvertClient;
  readonly fleet: JobFleet;
  readonly caller: BudgetedCaller;
  readonly signal: AbortSignal;
  readonly tally: CallTally;
  readonly minJobsToList: number;
  readonly maxPagesPerListing: number;
}

interface Sought {
  readonly id: string;
  /** The submission queue (name or ARN), or `null` when unknown. */
  readonly queue: string | null;
  /** When the job was submitted, epoch ms, or `null` when unknown. */
  readonly submittedAt: number | null;
}

/** MediaConvert job ids start with the creation time in epoch ms: `1671477617078-2886ye`. */
const ID_TIME = /^(\d{13})-/;

function submittedAtOf(state: JobState): number | null {
  if (state.timing.submittedAt !== null) return state.timing.submittedAt;
  const match = state.jobId === null ? null : ID_TIME.exec(state.jobId);
  if (match !== null) return Number(match[1]);
  // A start time is later than the submission: listing may stop too early, and GetJob covers it.
  return state.timing.startedAt;
}

/** The queue the job was submitted to, which is where ListJobs lists it even after hops. */
function submissionQueueOf(state: JobState): string | null {
  if (state.queue.submitted !== null) return state.queue.submitted;
  const first = state.queue.hops[0];
  if (first !== undefined) return first.from;
  return state.queue.current;
}

function queueKey(queue: string | null): string {
  if (queue === null) return '';
  const at = queue.lastIndexOf('/');
  return at === -1 ? queue : queue.slice(at + 1);
}

function createdAtOf(job: Job | undefined): number | null {
  const at = job?.CreatedAt ?? job?.Timing?.SubmitTime;
  return at instanceof Date ? at.getTime() : null;
}

/**
 * A new, empty {@link CycleFindings}.
 *
 * @example
 * ```ts
 * const findings = emptyFindings(staleIds.length);
 * ```
 */
export function emptyFindings(checked: number): CycleFindings {
  return {
    checked,
    updated: [],
    settled: [],
    notFound: [],
    unresolved: [],
    seen: new Map(),
    aborted: false,
  };
}

/**
 * Applies one API job to the fleet if it is sought; returns whether it was
 * taken (a job the adapter cannot read stays sought, for GetJob to retry).
 */
function apply(ctx: CycleContext, job: Job, findings: CycleFindings): boolean {
  const id = job.Id;
  if (id === undefined) return false;
  const before = ctx.fleet.get(id);
  let changed: boolean;
  try {
    changed = ctx.fleet.ingest({ Job: job }).changed;
  } catch {
    return false;
  }
  findings.seen.set(id, job.StatusUpdateInterval);
  const after = ctx.fleet.get(id);
  if (changed) findings.updated.push(id);
  const settledNow = after !== undefined && isFinalStatus(after.status);
  if (settledNow && (before === undefined || !isFinalStatus(before.status))) findings.settled.push(id);
  return true;
}

async function listQueue(
  ctx: CycleContext,
  queue: string | null,
  members: readonly Sought[],
  remaining: Set<string>,
  findings: CycleFindings,
): Promise<void> {
  const times = members.map((m) => m.submittedAt);
  const oldest = times.some((t) => t === null) ? null : Math.min(...(times as number[]));
  // The API's times have whole seconds: compare at that resolution.
  const cutoff = oldest === null ? null : Math.floor(oldest / 1000) * 1000;
  const left = (): boolean => members.some((m) => remaining.has(m.id));

  for (const status of LIST_ORDER) {
    if (!left()) return;
    let token: string | undefined;
    for (let page = 0; page < ctx.maxPagesPerListing; page++) {
      const input = {
        ...(queue === null ? {} : { Queue: queue }),
        Status: status,
        Order: 'DESCENDING' as const,
        MaxResults: PAGE_SIZE,
        ...(token === undefined ? {} : { NextToken: token }),
      };
      const outcome = await ctx.caller.call('ListJobs', ctx.tally, ctx.signal, (abortSignal) =>
        ctx.client.send(new ListJobsCommand(input), { abortSignal }),
      );
      if (!outcome.ok) {
        if (outcome.reason === 'aborted') {
          findings.aborted = true;
          return;
        }
        const missingQueue =
          outcome.reason === 'fatal' && classifyApiError(outcome.error) === ApiFailureKind.NOT_FOUND;
        if (outcome.reason === 'fatal' && !missingQueue) {
          throw fatalApiError(outcome.error, 'ListJobs', null);
        }
        // Retries exhausted, or no such queue: what this listing would have found falls back to GetJob.
        break;
      }
      const jobs = outcome.value.Jobs ?? [];
      for (const job of jobs) {
        if (job.Id !== undefined && remaining.has(job.Id) && apply(ctx, job, findings)) {
          remaining.delete(job.Id);
        }
      }
      token = outcome.value.NextToken;
      if (token === undefined || token === '' || !left()) break;
      const last = createdAtOf(jobs[jobs.length - 1]);
      if (cutoff !== null && last !== null && last < cutoff) break;
    }
  }
}

/**
 * Calls GetJob for each id (skipping jobs that settled meanwhile), applying
 * the answers; a job the API does not know goes to `notFound`, one whose
 * calls kept failing to `unresolved`.
 *
 * @example
 * ```ts
 * await getJobs(ctx, ['1704067200000-k6yh0f'], findings);
 * ```
 */
export async function getJobs(
  ctx: CycleContext,
  ids: Iterable<string>,
  findings: CycleFindings,
): Promise<void> {
  for (const id of ids) {
    const known = ctx.fleet.get(id);
    if (known === undefined || isFinalStatus(known.status)) continue;
    const outcome = await ctx.caller.call('GetJob', ctx.tally, ctx.signal, (abortSignal) =>
      ctx.client.send(new GetJobCommand({ Id: id }), { abortSignal }),
    );
    if (!outcome.ok) {
      if (outcome.reason === 'aborted') {
        findings.aborted = true;
        return;
      }
      if (outcome.reason === 'exhausted') {
        findings.unresolved.push(id);
        continue;
      }
      if (classifyApiError(outcome.error) === ApiFailureKind.NOT_FOUND) {
        findings.notFound.push(id);
        continue;
      }
      throw fatalApiError(outcome.error, 'GetJob', id);
    }
    const job = outcome.value.Job;
    if (job === undefined || !apply(ctx, job, findings)) findings.unresolved.push(id);
  }
}

/**
 * One full pass over the fleet's unsettled jobs.
 *
 * @example
 * ```ts
 * const findings = await reconcileFleet(ctx);
 * ```
 */
export async function reconcileFleet(ctx: CycleContext): Promise<CycleFindings> {
  const sought: Sought[] = [];
  for (const state of ctx.fleet.unsettled()) {
    if (state.jobId === null) continue;
    sought.push({ id: state.jobId, queue: submissionQueueOf(state), submittedAt: submittedAtOf(state) });
  }
  const findings = emptyFindings(sought.length);
  const remaining = new Set(sought.map((s) => s.id));
  const groups = new Map<string, { queue: string | null; members: Sought[] }>();
  for (const s of sought) {
    const key = queueKey(s.queue);
    const group = groups.get(key) ?? { queue: s.queue, members: [] };
    group.members.push(s);
    groups.set(key, group);
  }
  for (const { queue, members } of groups.values()) {
    // A few jobs cost fewer calls one by one than five listings.
    if (members.length < ctx.minJobsToList) continue;
    await listQueue(ctx, queue, members, remaining, findings);
    if (findings.aborted) return findings;
  }
  await getJobs(ctx, remaining, findings);
  return findings;
}

/**
 * Short descriptions of generated values, which fast-check prints for a
 * counterexample instead of the full JSON of every event.
 *
 * @internal
 */
import * as fc from 'fast-check';
import type { JobLifecycle, LifecycleFact } from '../lifecycle.js';

function short(key: string): string {
  return key.startsWith('api-') ? key : key.slice(0, 8);
}

/** One line about a fact, e.g. `+60600ms 9b1c2d3e STATUS_UPDATE TRANSCODING 45% retry 0`. */
export function describeFact(fact: LifecycleFact, origin: number): string {
  const at = `+${fact.at - origin}ms`;
  if (fact.kind === 'api') {
    const job = fact.response.Job;
    const parts = [at, fact.key, 'GetJob', job.Status];
    if (job.CurrentPhase !== undefined) parts.push(job.CurrentPhase);
    if (job.JobPercentComplete !== undefined) parts.push(`${job.JobPercentComplete}%`);
    parts.push(`retry ${job.RetryCount}`);
    return parts.join(' ');
  }
  const { detail } = fact.event;
  const parts = [at, short(fact.key), detail.status];
  const progress = detail['jobProgress'];
  if (typeof progress === 'object' && progress !== null && !Array.isArray(progress)) {
    const p = progress as { readonly [key: string]: unknown };
    parts.push(String(p['currentPhase']));
    parts.push(typeof p['jobPercentComplete'] === 'number' ? `${p['jobPercentComplete']}%` : '?%');
    parts.push(`retry ${String(p['retryCount'])}`);
  }
  if (detail.status === 'QUEUE_HOP') {
    parts.push(`to ${detail.queue.slice(detail.queue.lastIndexOf('/') + 1)}`);
  }
  if (detail.status === 'NEW_WARNING') parts.push(String(detail['warningCode']));
  if (detail.status === 'ERROR') parts.push(String(detail['errorCode']));
  return parts.join(' ');
}

/** A multi-line description of a history. */
export function describeLifecycle(lifecycle: JobLifecycle): string {
  const lines = lifecycle.facts.map((fact) => `  ${describeFact(fact, lifecycle.submittedAt)}`);
  return [
    `JobLifecycle ${lifecycle.jobId} (${lifecycle.outcome}, ${lifecycle.attempts} attempt(s), ` +
      `submitted ${lifecycle.submittedAt})`,
    ...lines,
  ].join('\n');
}

/**
 * Gives `value` a description fast-check prints in its reports. The
 * description is a non-enumerable property, so it takes no part in
 * equality, JSON or cloning.
 */
export function withDescription<T extends object>(value: T, describe: () => string): T {
  Object.defineProperty(value, fc.toStringMethod, { value: describe, enumerable: false });
  return value;
}

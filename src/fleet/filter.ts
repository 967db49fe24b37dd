import type { JobInput } from '../model/input.js';
import type { JobState } from '../model/job-state.js';

/**
 * Which jobs a fleet follows. Every condition given must hold; inputs of
 * other jobs are ignored with reason `FILTERED`, so one environment never
 * acts on another's jobs.
 *
 * @example
 * ```ts
 * const filter: JobFleetFilter = {
 *   userMetadata: { env: 'prod', tenant: ['acme', 'globex'] },
 *   queues: ['Default', 'arn:aws:mediaconvert:us-west-2:111122223333:queues/Priority'],
 * };
 * ```
 */
export interface JobFleetFilter {
  /** Metadata keys the job must carry, each with one allowed value or a list of them. */
  readonly userMetadata?: { readonly [key: string]: string | readonly string[] };
  /**
   * Queues (names or ARNs) the job must be in: its current queue, the queue
   * an event names, or the queue it was submitted to.
   */
  readonly queues?: readonly string[];
  /** Any further test of your own. */
  readonly predicate?: (input: JobInput, known: JobState | undefined) => boolean;
}

function queueName(queue: string): string {
  const at = queue.lastIndexOf('/');
  return at === -1 ? queue : queue.slice(at + 1);
}

/** @internal Compiles a filter into a test that returns why an input is refused, or `null`. */
export function compileFilter(
  filter: JobFleetFilter | undefined,
): ((input: JobInput, known: JobState | undefined) => string | null) | null {
  if (filter === undefined) return null;
  const metadata = Object.entries(filter.userMetadata ?? {}).map(
    ([key, allowed]) => [key, typeof allowed === 'string' ? [allowed] : allowed] as const,
  );
  const queues = filter.queues === undefined ? null : new Set(filter.queues.map(queueName));
  const predicate = filter.predicate;
  return (input, known) => {
    if (metadata.length > 0) {
      const seen = input.userMetadata ?? known?.userMetadata ?? {};
      for (const [key, allowed] of metadata) {
        const value = Object.prototype.hasOwnProperty.call(seen, key) ? seen[key] : undefined;
        if (value === undefined || !allowed.includes(value)) {
          return `userMetadata.${key} is ${value === undefined ? 'absent' : `"${value}"`}, not one of the followed values.`;
        }
      }
    }
    if (queues !== null) {
      const candidates = [
        input.queue,
        input.type === 'API_SNAPSHOT' ? input.submittedQueue : null,
        known?.queue.current ?? null,
        known?.queue.submitted ?? null,
      ];
      if (!candidates.some((q) => q !== null && queues.has(queueName(q)))) {
        return `The job's queue is not one of the followed queues.`;
      }
    }
    if (predicate !== undefined && !predicate(input, known)) return 'The filter predicate refused it.';
    return null;
  };
}

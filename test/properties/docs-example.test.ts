// The example of docs/testing-with-arbitraries.md, kept runnable: the same
// code, importing from the source instead of the package names.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createJobTracker, parseInputs, type JobSnapshot } from '../../src/index.js';
import { deliveryArbitrary, jobLifecycleArbitrary } from '../../src/testing/index.js';
import { runs, timeout } from './runs.js';

/** The code under test: one invocation per SQS record, state kept in a table between them. */
function createHandler(table: Map<string, JobSnapshot>, published: string[]) {
  return (record: unknown): void => {
    for (const item of parseInputs(record)) {
      if (item.kind !== 'input') continue;
      const { jobId } = item.input;
      const saved = table.get(jobId);
      const tracker = createJobTracker(saved === undefined ? { jobId } : { snapshot: saved });
      tracker.on('complete', () => published.push(jobId));
      tracker.ingest(item.input);
      table.set(jobId, tracker.snapshot());
    }
  };
}

const completedJobs = jobLifecycleArbitrary({ outcomes: ['COMPLETE'] }).chain((lifecycle) =>
  deliveryArbitrary(lifecycle, { keepSettlement: true, wrappers: ['SQS', 'SNS_IN_SQS'] }),
);

const anyJob = jobLifecycleArbitrary().chain((lifecycle) => deliveryArbitrary(lifecycle));

describe('the handler', () => {
  it(
    'publishes each completed job exactly once, whatever the delivery',
    () => {
      fc.assert(
        fc.property(completedJobs, (delivery) => {
          const table = new Map<string, JobSnapshot>();
          const published: string[] = [];
          const handle = createHandler(table, published);

          for (const { payload } of delivery.payloads) handle(payload);

          expect(published).toEqual([delivery.lifecycle.jobId]);
          expect(table.get(delivery.lifecycle.jobId)?.state.status).toBe('COMPLETE');
        }),
        { numRuns: runs(100) },
      );
    },
    timeout(30_000),
  );

  it(
    'ends where the same facts, delivered once and in order, would leave it',
    () => {
      fc.assert(
        fc.property(anyJob, (delivery) => {
          const table = new Map<string, JobSnapshot>();
          const handle = createHandler(table, []);
          const reference = createJobTracker();

          for (const { payload } of delivery.payloads) handle(payload);
          for (const fact of delivery.delivered) {
            reference.ingest(fact.kind === 'event' ? fact.event : fact.response);
          }

          const stored = table.get(delivery.lifecycle.jobId)?.state;
          expect(stored?.status ?? 'SUBMITTED').toBe(reference.state.status);
        }),
        { numRuns: runs(100) },
      );
    },
    timeout(30_000),
  );
});

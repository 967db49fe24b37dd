import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createHandler,
  MemorySnapshotStore,
  type JobReactions,
  type SqsEvent,
  type StoredSnapshot,
} from '../../examples/lambda-handler.js';
import type { JobSnapshot } from '../../src/index.js';

const bodies = readFileSync(new URL('../../examples/two-jobs.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '');

function batch(lines: readonly string[], first = 0): SqsEvent {
  return {
    Records: lines.map((body, i) => ({
      messageId: `m-${first + i}`,
      receiptHandle: `r-${first + i}`,
      body,
      eventSource: 'aws:sqs',
    })),
  };
}

const quiet = (): void => undefined;

function recorder(): { calls: string[]; reactions: JobReactions } {
  const calls: string[] = [];
  return {
    calls,
    reactions: {
      completed: async (jobId, assetId, outputs) => {
        calls.push(`completed ${jobId} ${assetId ?? '-'} ${outputs.length}`);
      },
      failed: async (jobId, assetId, error) => {
        calls.push(`failed ${jobId} ${assetId ?? '-'} ${error?.code ?? '-'}`);
      },
      canceled: async (jobId) => {
        calls.push(`canceled ${jobId}`);
      },
    },
  };
}

/** A store whose first write of each job loses a race with another writer. */
class RacingStore extends MemorySnapshotStore {
  readonly #raced = new Set<string>();

  override async save(
    jobId: string,
    snapshot: JobSnapshot,
    expected: number | undefined,
  ): Promise<boolean> {
    if (!this.#raced.has(jobId)) {
      this.#raced.add(jobId);
      const other = await this.load(jobId);
      await super.save(jobId, other?.snapshot ?? snapshot, expected);
      return false;
    }
    return super.save(jobId, snapshot, expected);
  }
}

describe('examples/lambda-handler.ts', () => {
  it('reacts once per settled job, even when batches are delivered again', async () => {
    const store = new MemorySnapshotStore();
    const { calls, reactions } = recorder();
    const handler = createHandler(store, reactions, quiet);
    const half = Math.ceil(bodies.length / 2);

    const responses = [
      await handler(batch(bodies.slice(0, half))),
      await handler(batch(bodies.slice(half), half)),
      await handler(batch(bodies.slice(half), half)),
    ];

    expect(responses.every((r) => r.batchItemFailures.length === 0)).toBe(true);
    expect(calls).toEqual([
      'completed 1733238000123-a1b2c3 asset-b2c3 2',
      'failed 1733238011456-d4e5f6 asset-e5f6 3450',
    ]);
    expect(store.jobIds()).toEqual(['1733238000123-a1b2c3', '1733238011456-d4e5f6']);
  });

  it('retries a write that lost a race, from the newer snapshot', async () => {
    const store = new RacingStore();
    const { calls, reactions } = recorder();
    const handler = createHandler(store, reactions, quiet);

    const response = await handler(batch(bodies));

    expect(response.batchItemFailures).toEqual([]);
    const stored: StoredSnapshot | undefined = await store.load('1733238000123-a1b2c3');
    expect(stored?.snapshot.state.status).toBe('COMPLETE');
    expect(calls.filter((c) => c.startsWith('completed'))).not.toHaveLength(0);
  });

  it('drops unreadable records and reports failed jobs for redelivery', async () => {
    const failing: JobReactions = {
      ...recorder().reactions,
      failed: async () => {
        throw new Error('the notification service is down');
      },
    };
    const handler = createHandler(new MemorySnapshotStore(), failing, quiet);
    const event = batch(['{"detail":', ...bodies]);

    const response = await handler(event);

    const failed = response.batchItemFailures.map((f) => f.itemIdentifier);
    expect(failed).not.toContain('m-0');
    expect(failed).toEqual(['m-4', 'm-7', 'm-10']);
  });
});

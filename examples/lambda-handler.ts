/**
 * A Lambda function that follows MediaConvert jobs.
 *
 * Wiring: an EventBridge rule matching `source: aws.mediaconvert` sends job
 * events to an SQS queue; this function consumes the queue in batches, with
 * `ReportBatchItemFailures` turned on. Each job's state lives between
 * invocations in a snapshot store (a DynamoDB table in production; an
 * in-memory store here), written with optimistic concurrency so that two
 * invocations handling the same job never lose each other's events.
 *
 * Run it locally on the sample stream: `npx tsx examples/lambda-handler.ts`.
 * In your project, import from 'mediaconvert-job-tracker' instead of '../src/index.js'.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  createJobTracker,
  JobSnapshotError,
  parseInputs,
  type JobErrorState,
  type JobInput,
  type JobSnapshot,
  type JobState,
  type JobTracker,
  type OutputGroup,
} from '../src/index.js';

// --- The few Lambda types used (from @types/aws-lambda in a real project) ---

/** One SQS message as Lambda delivers it. */
export interface SqsRecord {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly body: string;
  readonly eventSource: 'aws:sqs';
}

/** The event of an SQS-triggered Lambda function. */
export interface SqsEvent {
  readonly Records: readonly SqsRecord[];
}

/** The partial batch response: the messages SQS should deliver again. */
export interface SqsBatchResponse {
  readonly batchItemFailures: readonly { readonly itemIdentifier: string }[];
}

// --- Where job states live between invocations ------------------------------

/** A stored snapshot and the version it was written with. */
export interface StoredSnapshot {
  readonly snapshot: JobSnapshot;
  readonly version: number;
}

/**
 * Keeps one snapshot per job. `save` must be conditional: it stores the
 * snapshot only if the stored version is still `expected` (`undefined`: no
 * snapshot yet) and returns `false` otherwise. With DynamoDB this is a
 * `PutItem` with `ConditionExpression: "version = :expected"` (or
 * `attribute_not_exists(jobId)`), writing `version + 1`.
 */
export interface SnapshotStore {
  load(jobId: string): Promise<StoredSnapshot | undefined>;
  save(jobId: string, snapshot: JobSnapshot, expected: number | undefined): Promise<boolean>;
}

/** A {@link SnapshotStore} in memory, for local runs and tests. */
export class MemorySnapshotStore implements SnapshotStore {
  readonly #items = new Map<string, { json: string; version: number }>();

  async load(jobId: string): Promise<StoredSnapshot | undefined> {
    const item = this.#items.get(jobId);
    if (item === undefined) return undefined;
    // A real store returns parsed JSON too: the snapshot is plain data.
    return { snapshot: JSON.parse(item.json) as JobSnapshot, version: item.version };
  }

  async save(jobId: string, snapshot: JobSnapshot, expected: number | undefined): Promise<boolean> {
    const current = this.#items.get(jobId)?.version;
    if (current !== expected) return false;
    this.#items.set(jobId, { json: JSON.stringify(snapshot), version: (current ?? 0) + 1 });
    return true;
  }

  /** The ids of the jobs stored. */
  jobIds(): string[] {
    return [...this.#items.keys()];
  }
}

// --- What the application does when a job settles ---------------------------

/**
 * The application's reactions. They may run more than once for one job
 * (a conflicting write is retried; SQS redelivers a failed batch), so they
 * must be idempotent: key them by job id and status.
 */
export interface JobReactions {
  completed(jobId: string, assetId: string | null, outputs: readonly OutputGroup[]): Promise<void>;
  failed(jobId: string, assetId: string | null, error: JobErrorState | null): Promise<void>;
  canceled(jobId: string, assetId: string | null): Promise<void>;
}

const MAX_WRITE_ATTEMPTS = 5;

/**
 * Writes one structured log line (Lambda sends it to CloudWatch Logs);
 * `fields` never repeat `level` or `message`.
 */
export type Log = (level: 'info' | 'warn' | 'error', message: string, fields?: object) => void;

const logJson: Log = (level, message, fields = {}) => {
  console.log(JSON.stringify({ level, message, ...fields }));
};

/**
 * Applies a job's new inputs to its stored snapshot, runs the reactions the
 * inputs trigger, then stores the new snapshot. A write that loses a race
 * with another invocation is retried from the newer snapshot; since every
 * input is idempotent and order does not matter, nothing is lost or doubled.
 */
async function applyToJob(
  log: Log,
  store: SnapshotStore,
  reactions: JobReactions,
  jobId: string,
  inputs: readonly JobInput[],
): Promise<void> {
  for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
    const stored = await store.load(jobId);
    let tracker: JobTracker;
    try {
      const snapshot = stored === undefined ? {} : { snapshot: stored.snapshot };
      tracker = createJobTracker({ jobId, ...snapshot });
    } catch (error) {
      if (!(error instanceof JobSnapshotError)) throw error;
      // A damaged snapshot or one from a newer release: start again from the events.
      const fields = { jobId, code: error.code, path: error.path };
      log('warn', 'discarding an unreadable snapshot', fields);
      tracker = createJobTracker({ jobId });
    }

    const reactionsToRun: (() => Promise<void>)[] = [];
    const assetOf = (state: JobState): string | null => state.userMetadata.assetId ?? null;
    tracker.on('complete', ({ outputs, state }) => {
      reactionsToRun.push(() => reactions.completed(jobId, assetOf(state), outputs));
    });
    tracker.on('error', ({ error, state }) => {
      reactionsToRun.push(() => reactions.failed(jobId, assetOf(state), error));
    });
    tracker.on('canceled', ({ state }) => {
      reactionsToRun.push(() => reactions.canceled(jobId, assetOf(state)));
    });
    tracker.on('anomaly', ({ anomaly }) => {
      const fields = { jobId, code: anomaly.code, detail: anomaly.message };
      log('info', 'input not applied as given', fields);
    });

    let changed = false;
    for (const input of inputs) changed = tracker.ingest(input).changed || changed;
    if (!changed && stored !== undefined) return; // duplicates only: nothing to store

    // Reactions first, then the write: if a reaction fails, the messages are
    // delivered again and the reaction retried (at least once, never lost).
    for (const react of reactionsToRun) await react();
    if (await store.save(jobId, tracker.snapshot(), stored?.version)) return;
    log('info', 'snapshot changed while applying; retrying', { jobId, attempt });
  }
  throw new Error(`Job ${jobId}: the stored snapshot kept changing; giving up for this delivery.`);
}

/**
 * Creates the Lambda handler.
 *
 * Records that can never be read (invalid JSON, a broken event) are logged
 * and dropped: delivering them again would not help. Records of jobs whose
 * update failed (the store or a reaction threw) are reported as batch item
 * failures, so SQS delivers them again.
 */
export function createHandler(
  store: SnapshotStore,
  reactions: JobReactions,
  log: Log = logJson,
): (event: SqsEvent) => Promise<SqsBatchResponse> {
  return async (event) => {
    const byJob = new Map<string, { inputs: JobInput[]; messageIds: Set<string> }>();
    for (const item of parseInputs(event)) {
      if (item.kind === 'invalid') {
        const { code, path, message } = item.error;
        const fields = { messageId: item.messageId, code, path, detail: message };
        log('error', 'dropping an unreadable record', fields);
        continue;
      }
      if (item.kind === 'skipped') continue; // other detail-types, SNS confirmations, ...
      const group = byJob.get(item.input.jobId) ?? { inputs: [], messageIds: new Set<string>() };
      group.inputs.push(item.input);
      if (item.messageId !== null) group.messageIds.add(item.messageId);
      byJob.set(item.input.jobId, group);
    }

    const failed = new Set<string>();
    for (const [jobId, { inputs, messageIds }] of byJob) {
      try {
        await applyToJob(log, store, reactions, jobId, inputs);
      } catch (error) {
        log('error', 'job update failed; its messages will be delivered again', {
          jobId,
          error: error instanceof Error ? error.message : String(error),
        });
        for (const id of messageIds) failed.add(id);
      }
    }
    return { batchItemFailures: [...failed].map((itemIdentifier) => ({ itemIdentifier })) };
  };
}

/** The production wiring: replace the store and reactions with your own. */
export const handler = createHandler(new MemorySnapshotStore(), {
  completed: async (jobId, assetId, outputs) => {
    const locations = outputs.map(
      (group) =>
        group.hlsManifest ?? group.dashManifest ?? group.outputs[0]?.paths[0] ?? group.type,
    );
    logJson('info', 'job complete', { jobId, assetId, outputs: locations });
  },
  failed: async (jobId, assetId, error) => {
    logJson('warn', 'job failed', { jobId, assetId, code: error?.code, detail: error?.message });
  },
  canceled: async (jobId, assetId) => {
    logJson('info', 'job canceled', { jobId, assetId });
  },
});

// --- A local run: the sample stream in two SQS batches, the second one twice -

async function main(): Promise<void> {
  const stream = fileURLToPath(new URL('./two-jobs.jsonl', import.meta.url));
  const bodies = readFileSync(stream, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
  const batch = (from: number, to: number): SqsEvent => ({
    Records: bodies.slice(from, to).map((body, i) => ({
      messageId: `message-${from + i + 1}`,
      receiptHandle: `receipt-${from + i + 1}`,
      body,
      eventSource: 'aws:sqs',
    })),
  });
  const half = Math.ceil(bodies.length / 2);
  for (const event of [batch(0, half), batch(half, bodies.length), batch(half, bodies.length)]) {
    const response = await handler(event);
    const failures = response.batchItemFailures.length;
    logJson('info', 'batch done', { records: event.Records.length, failures });
  }
}

const entry = process.argv[1];
if (entry !== undefined && fileURLToPath(import.meta.url) === entry) await main();

/**
 * What it costs to keep 1,000 unfinished jobs honest: one reconciler pass
 * against one GetJob per job, both counted by the emulator.
 *
 * Run alone with `node --import tsx bench/reconcile.ts`; `bench/run.ts`
 * imports {@link measureReconcile}.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  CreateJobCommand,
  GetJobCommand,
  MediaConvertClient,
  type CreateJobCommandInput,
} from '@aws-sdk/client-mediaconvert';
import { createFleetReconciler } from '../src/aws/index.js';
import { createJobFleet } from '../src/index.js';
import { startMediaConvertEmulator } from '../src/testing/index.js';

/**
 * What {@link measureReconcile} found.
 *
 * @example
 * ```ts
 * const { reconcileCalls, naiveCalls }: ReconcileMeasurement = await measureReconcile();
 * ```
 */
export interface ReconcileMeasurement {
  /** Unfinished jobs followed. */
  readonly jobs: number;
  /** API calls of one reconciler pass (ListJobs pages plus fallback GetJobs). */
  readonly reconcileCalls: number;
  /** API calls of the naive pass: one GetJob per job. */
  readonly naiveCalls: number;
}

const REQUEST: CreateJobCommandInput = {
  Role: 'arn:aws:iam::111122223333:role/MediaConvertRole',
  Settings: {
    Inputs: [{ FileInput: 's3://DOC-EXAMPLE-BUCKET/in/feature.mov' }],
    OutputGroups: [
      {
        OutputGroupSettings: {
          Type: 'HLS_GROUP_SETTINGS',
          HlsGroupSettings: { Destination: 's3://DOC-EXAMPLE-BUCKET/hls/' },
        },
        Outputs: [{ NameModifier: '_720p', ContainerSettings: { Container: 'M3U8' } }],
      },
    ],
  },
};

/**
 * Submits `jobs` long jobs to an emulator through the SDK (a tenth to a
 * second queue), feeds a fleet their CreateJob responses, lets two minutes
 * pass (most start, none finish), then counts the calls of one reconciler
 * pass and of one GetJob per job. The reconciler runs on a virtual clock,
 * so its request budget costs no wall time.
 *
 * @example
 * ```ts
 * const { reconcileCalls, naiveCalls } = await measureReconcile();
 * console.log(`${reconcileCalls} calls instead of ${naiveCalls}`);
 * ```
 */
export async function measureReconcile(jobs = 1_000): Promise<ReconcileMeasurement> {
  const emulator = await startMediaConvertEmulator({
    clock: 'manual',
    seed: 2024,
    startTime: Date.UTC(2024, 0, 1),
    mix: { errorRate: 0, retryRate: 0, warningRate: 0 },
    plan: () => ({ transcodingMs: 6 * 3_600_000 }),
  });
  const client = new MediaConvertClient({
    endpoint: emulator.endpoint,
    region: 'us-west-2',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
  try {
    const fleet = createJobFleet();
    const ids: string[] = [];
    let next = 0;
    const lanes = Array.from({ length: 16 }, async () => {
      while (next < jobs) {
        const i = next++;
        const input = i % 10 === 0 ? { ...REQUEST, Queue: 'Priority' } : REQUEST;
        const created = await client.send(new CreateJobCommand(input));
        fleet.ingest(created);
        ids.push(created.Job?.Id ?? '');
      }
    });
    await Promise.all(lanes);
    emulator.advance(2 * 60_000);

    let virtualNow = emulator.now();
    const reconciler = createFleetReconciler({
      client,
      fleet,
      clock: () => virtualNow,
      sleep: async (ms) => {
        virtualNow += ms;
      },
    });
    emulator.resetStats();
    await reconciler.runOnce();
    const reconcileCalls = emulator.stats.total;

    emulator.resetStats();
    for (const Id of ids) fleet.ingest(await client.send(new GetJobCommand({ Id })));
    const naiveCalls = emulator.stats.total;
    return { jobs, reconcileCalls, naiveCalls };
  } finally {
    client.destroy();
    await emulator.close();
  }
}

/** Whether this file is the script node was started with (not imported by bench/run.ts). */
function invokedDirectly(): boolean {
  const script = process.argv[1];
  try {
    return script !== undefined && realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}
if (invokedDirectly()) {
  const result = await measureReconcile();
  process.stdout.write(
    `${result.jobs} unfinished jobs, one pass: reconciler ${result.reconcileCalls} calls, ` +
      `one GetJob per job ${result.naiveCalls} calls\n`,
  );
}

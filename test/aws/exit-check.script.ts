/**
 * Run as a child process by lifecycle.test.ts: uses the waiter, watchJob and
 * the reconciler with real timers against an emulator on a real clock, closes
 * everything, and must then exit on its own (nothing may keep it alive).
 */
import { CreateJobCommand, MediaConvertClient } from '@aws-sdk/client-mediaconvert';
import { createFleetReconciler, waitForJobComplete, watchJob } from '../../src/aws/index.js';
import { createJobFleet } from '../../src/index.js';
import { startMediaConvertEmulator } from '../../src/testing/index.js';

const emulator = await startMediaConvertEmulator({
  clock: 'real',
  speed: 600,
  deliveryFaults: { duplicateRate: 0.5, reorderRate: 0.5, delayMs: 3_600_000 },
  plan: (request) =>
    request.userMetadata['hold'] === 'yes'
      ? { queueWaitMs: 3_600_000 }
      : { queueWaitMs: 1_000, transcodingMs: 30_000 },
});
const client = new MediaConvertClient({
  endpoint: emulator.endpoint,
  region: 'us-west-2',
  credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
});
const fleet = createJobFleet();
const quick = await client.send(new CreateJobCommand({ Role: 'r', Settings: {} }));
const held = await client.send(new CreateJobCommand({ Role: 'r', Settings: {}, UserMetadata: { hold: 'yes' } }));
fleet.ingest(quick);
fleet.ingest(held);
const events = (listener: (payload: unknown) => void): (() => void) => emulator.subscribe(listener);

const done = await waitForJobComplete(
  { client, maxWaitTime: 60, minDelay: 0.1, maxDelay: 0.1, events },
  { Id: quick.Job?.Id ?? '' },
);
const timedOut = await waitForJobComplete(
  { client, maxWaitTime: 0.3, minDelay: 0.1, maxDelay: 5, events },
  { Id: held.Job?.Id ?? '' },
);
for await (const state of watchJob({ client, minDelay: 5, maxDelay: 60, events }, { Id: held.Job?.Id ?? '' })) {
  if (state.status === 'SUBMITTED') break;
}
const controller = new AbortController();
const aborted = waitForJobComplete(
  { client, maxWaitTime: 3_600, minDelay: 30, maxDelay: 60, events, abortSignal: controller.signal },
  { Id: held.Job?.Id ?? '' },
);
setTimeout(() => controller.abort(), 50);
const reconciler = createFleetReconciler({ client, fleet, intervalMs: 600_000, watchdogEveryMs: 300_000 });
reconciler.start();
await new Promise((resolve) => setTimeout(resolve, 100));
await reconciler.stop();
client.destroy();
await emulator.close();
process.stdout.write(`${done.state} ${timedOut.state} ${(await aborted).state} closed\n`);

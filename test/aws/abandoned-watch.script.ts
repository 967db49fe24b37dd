/**
 * Run as a child process by lifecycle.test.ts. Reads one state of a
 * `watchJob` iterator with the default timer, never reads again, closes the
 * emulator and must then exit on its own: an abandoned iterator neither
 * polls nor holds the process open. Then it watches a job on a closed port
 * until `maxWaitTime`, which only the library's own timer keeps going: the
 * process must not exit before that ends. Last it starts a reconciler and
 * leaves it running: its loop, waiting between passes, holds nothing open.
 */
import { CreateJobCommand, MediaConvertClient } from '@aws-sdk/client-mediaconvert';
import { createFleetReconciler, watchJob } from '../../src/aws/index.js';
import { createJobFleet, JobTrackerError } from '../../src/index.js';
import { startMediaConvertEmulator } from '../../src/testing/index.js';

const emulator = await startMediaConvertEmulator({ clock: 'real', speed: 1 });
const client = new MediaConvertClient({
  endpoint: emulator.endpoint,
  region: 'us-west-2',
  credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  maxAttempts: 1,
});
const { Job } = await client.send(new CreateJobCommand({ Role: 'r', Settings: {} }));
const Id = Job?.Id ?? '';
emulator.resetStats();

const it = watchJob({ client, minDelay: 0.1, maxDelay: 0.1 }, { Id })[Symbol.asyncIterator]();
const first = await it.next();
// Long enough for several polls, had the iterator gone on polling by itself.
await new Promise((resolve) => setTimeout(resolve, 400));
const calls = emulator.stats.GetJob;
await emulator.close();

let ending = 'no error';
try {
  for await (const state of watchJob({ client, minDelay: 0.1, maxDelay: 0.1, maxWaitTime: 0.5 }, { Id })) {
    ending = `unexpected state ${state.status}`;
  }
} catch (error) {
  ending = error instanceof JobTrackerError ? error.code : String(error);
}
const reconciler = createFleetReconciler({ client, fleet: createJobFleet(), intervalMs: 60_000 });
reconciler.start();
process.stdout.write(`${first.value?.status ?? 'none'} ${calls} closed ${ending}\n`);

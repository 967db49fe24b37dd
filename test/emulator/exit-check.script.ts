/**
 * Run as a child process by clock.test.ts: starts an emulator on a real-time
 * clock with long jobs, pending deliveries and a slow answer, closes it, and
 * must then exit on its own (nothing may keep the process alive).
 */
import { CreateJobCommand, MediaConvertClient } from '@aws-sdk/client-mediaconvert';
import { startMediaConvertEmulator } from '../../src/testing/index.js';

const emulator = await startMediaConvertEmulator({
  clock: 'real',
  speed: 1,
  deliveryFaults: { delayMs: 3_600_000, reorderRate: 0.5 },
  plan: () => ({ queueWaitMs: 1_000, transcodingMs: 3_600_000 }),
});
const client = new MediaConvertClient({
  endpoint: emulator.endpoint,
  region: emulator.region,
  credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
});
emulator.subscribe(() => undefined);
await client.send(
  new CreateJobCommand({ Role: 'arn:aws:iam::111122223333:role/MC', Settings: { OutputGroups: [] } }),
);
emulator.createJobs(50, { Role: 'arn:aws:iam::111122223333:role/MC', Settings: {} });
emulator.setFaults({ latencyMs: 60_000 });
const slow = client.send(new CreateJobCommand({ Role: 'r', Settings: {} })).catch(() => 'closed');
await new Promise((resolve) => setTimeout(resolve, 50));
await emulator.close();
await slow;
client.destroy();
process.stdout.write('closed\n');

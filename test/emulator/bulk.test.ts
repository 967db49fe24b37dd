import { CreateJobCommand, GetJobCommand, paginateListJobs } from '@aws-sdk/client-mediaconvert';
import { describe, expect, it } from 'vitest';
import { startMediaConvertEmulator } from '../../src/testing/index.js';
import { clientFor, jobRequest, ROLE, START } from './helpers.js';

describe('many jobs', () => {
  it('takes 1,000 CreateJob calls through the SDK well under 10 s', async () => {
    const emulator = await startMediaConvertEmulator({ clock: 'manual', startTime: START });
    const client = clientFor(emulator);
    const started = performance.now();

    for (let batch = 0; batch < 50; batch++) {
      await Promise.all(Array.from({ length: 20 }, () => client.send(new CreateJobCommand(jobRequest()))));
    }
    const elapsed = performance.now() - started;

    expect(elapsed).toBeLessThan(10_000);
    expect(emulator.jobIds()).toHaveLength(1_000);
    expect(new Set(emulator.jobIds()).size).toBe(1_000);
    expect(emulator.stats).toMatchObject({ CreateJob: 1_000, total: 1_000 });
    client.destroy();
    await emulator.close();
  });

  it('seeds 1,000 jobs with createJobs() and shows what listing them costs against a GetJob loop', async () => {
    const emulator = await startMediaConvertEmulator({ clock: 'manual', startTime: START, seed: 2 });
    const client = clientFor(emulator);
    const ids = emulator.createJobs(1_000, { Role: ROLE, Settings: { OutputGroups: [] } });
    emulator.advance(120_000);

    emulator.resetStats();
    let listed = 0;
    for await (const page of paginateListJobs({ client }, {})) listed += page.Jobs?.length ?? 0;
    const listingCost = emulator.stats.total;
    emulator.resetStats();
    for (const id of ids.slice(0, 100)) await client.send(new GetJobCommand({ Id: id }));
    const getCost = emulator.stats.GetJob;

    expect(listed).toBe(1_000);
    expect(listingCost).toBe(50);
    expect(emulator.stats.ListJobs).toBe(0);
    expect(getCost).toBe(100);
    client.destroy();
    await emulator.close();
  });
});

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CreateJobCommand, GetJobCommand } from '@aws-sdk/client-mediaconvert';
import { describe, expect, it } from 'vitest';
import { startMediaConvertEmulator, type JobStateChangeEvent } from '../../src/testing/index.js';
import { clientFor, jobRequest, ROLE, START } from './helpers.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('the emulator clock', () => {
  it('stands still in manual mode until advanced', async () => {
    const emulator = await startMediaConvertEmulator({ clock: 'manual', startTime: START });
    const client = clientFor(emulator);
    const { Job: job } = await client.send(new CreateJobCommand(jobRequest()));

    await sleep(50);
    const still = await client.send(new GetJobCommand({ Id: job?.Id }));
    emulator.advance(3_600_000);
    const later = await client.send(new GetJobCommand({ Id: job?.Id }));

    expect(still.Job?.Status).toBe('SUBMITTED');
    expect(emulator.now()).toBe(START + 3_600_000);
    expect(later.Job?.Status).not.toBe('SUBMITTED');
    client.destroy();
    await emulator.close();
  });

  it('runs jobs on its own in real mode, faster with speed', async () => {
    const emulator = await startMediaConvertEmulator({
      clock: 'real',
      speed: 200,
      plan: () => ({
        queueWaitMs: 2_000,
        probingMs: 2_000,
        transcodingMs: 10_000,
        uploadingMs: 2_000,
        retries: 0,
        outcome: { status: 'COMPLETE' },
      }),
    });
    const client = clientFor(emulator);
    const events: JobStateChangeEvent[] = [];
    emulator.subscribe((event) => events.push(event));
    const before = emulator.now();
    const { Job: job } = await client.send(new CreateJobCommand(jobRequest()));

    let status = job?.Status;
    for (let i = 0; i < 100 && status !== 'COMPLETE'; i++) {
      await sleep(20);
      status = (await client.send(new GetJobCommand({ Id: job?.Id }))).Job?.Status;
    }

    expect(status).toBe('COMPLETE');
    expect(events.map((e) => e.detail.status)).toEqual(['PROGRESSING', 'INPUT_INFORMATION', 'COMPLETE']);
    expect(emulator.now() - before).toBeGreaterThanOrEqual(16_000);
    client.destroy();
    await emulator.close();
  });

  it('jumps ahead with advance() in real mode too', async () => {
    const emulator = await startMediaConvertEmulator({ clock: 'real', startTime: START });
    emulator.createJobs(3, { Role: ROLE, Settings: {}, UserMetadata: { 'emulator:outcome': 'COMPLETE' } });

    const advanced = emulator.advanceUntilSettled();

    expect(advanced).toBeGreaterThan(0);
    expect(emulator.now()).toBeGreaterThanOrEqual(START + advanced);
    await emulator.close();
  });

  it('closes idempotently, after which calls fail', async () => {
    const emulator = await startMediaConvertEmulator({ clock: 'manual' });
    const client = clientFor(emulator, { maxAttempts: 1 });
    await client.send(new CreateJobCommand(jobRequest()));

    await emulator.close();
    await emulator.close();
    const call = client.send(new CreateJobCommand(jobRequest()));

    await expect(call).rejects.toMatchObject({ code: expect.stringMatching(/ECONNREFUSED|ECONNRESET/) });
    client.destroy();
  });

  it('refuses nonsensical options', async () => {
    const start = (options: object) => startMediaConvertEmulator(options);

    await expect(start({ speed: 0 })).rejects.toMatchObject({ code: 'INVALID_OPTIONS', path: 'options.speed' });
    await expect(start({ clock: 'fast' })).rejects.toMatchObject({ code: 'INVALID_OPTIONS', path: 'options.clock' });
    await expect(start({ deliveryFaults: { lossRate: 2 } })).rejects.toMatchObject({
      path: 'options.deliveryFaults.lossRate',
    });
  });

  it('lets the process exit once closed, with jobs, deliveries and slow answers pending', () => {
    const script = fileURLToPath(new URL('./exit-check.script.ts', import.meta.url));

    const child = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 15_000 });

    expect(child.error).toBeUndefined();
    expect(child.stdout).toContain('closed');
    expect(child.status).toBe(0);
  });
});

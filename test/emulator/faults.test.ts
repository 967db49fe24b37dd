import {
  GetJobCommand,
  InternalServerErrorException,
  ListJobsCommand,
  TooManyRequestsException,
} from '@aws-sdk/client-mediaconvert';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMediaConvertEmulator, type MediaConvertEmulator } from '../../src/testing/index.js';
import { clientFor, ROLE, START } from './helpers.js';

describe('API faults and call counts', () => {
  let emulator: MediaConvertEmulator;
  let jobId = '';

  beforeAll(async () => {
    emulator = await startMediaConvertEmulator({ clock: 'manual', seed: 13, startTime: START });
    [jobId = ''] = emulator.createJobs(1, { Role: ROLE, Settings: {} });
  });

  afterAll(async () => {
    await emulator.close();
  });

  beforeEach(() => {
    emulator.setFaults({});
    emulator.resetStats();
  });

  it('surfaces 429 as TooManyRequestsException and counts the faulted call', async () => {
    const client = clientFor(emulator, { maxAttempts: 1 });
    emulator.setFaults({ throttleRate: 1 });

    const call = client.send(new GetJobCommand({ Id: jobId }));

    await expect(call).rejects.toBeInstanceOf(TooManyRequestsException);
    await expect(call).rejects.toMatchObject({ $metadata: { httpStatusCode: 429 } });
    expect(emulator.stats).toMatchObject({ GetJob: 1, total: 1, faulted: 1 });
    client.destroy();
  });

  it('lets the SDK retry 500s and succeed once the fault is off', async () => {
    const client = clientFor(emulator, { maxAttempts: 2 });
    emulator.setFaults({ serverErrorRate: 1 });

    const failing = client.send(new GetJobCommand({ Id: jobId }));
    await expect(failing).rejects.toBeInstanceOf(InternalServerErrorException);
    emulator.setFaults({ script: ['SERVER_ERROR'] });
    const recovered = await client.send(new GetJobCommand({ Id: jobId }));

    expect(recovered.Job?.Id).toBe(jobId);
    expect(recovered.$metadata.attempts).toBe(2);
    expect(emulator.stats).toMatchObject({ GetJob: 4, faulted: 3 });
    client.destroy();
  });

  it('lets the SDK retry dropped connections and succeed once the fault is off', async () => {
    const client = clientFor(emulator, { maxAttempts: 3 });
    emulator.setFaults({ dropRate: 1 });

    const failing = client.send(new GetJobCommand({ Id: jobId }));
    await expect(failing).rejects.toMatchObject({ code: expect.stringMatching(/ECONNRESET|EPIPE/) });
    emulator.setFaults({ script: ['DROP', 'DROP'] });
    const recovered = await client.send(new GetJobCommand({ Id: jobId }));

    expect(recovered.Job?.Id).toBe(jobId);
    expect(recovered.$metadata.attempts).toBe(3);
    expect(emulator.stats).toMatchObject({ GetJob: 6, faulted: 5 });
    client.destroy();
  });

  it('answers slowly with latencyMs and only for the chosen operations', async () => {
    const client = clientFor(emulator);
    emulator.setFaults({ latencyMs: 150, throttleRate: 1, operations: ['ListJobs'] });

    const started = performance.now();
    const got = await client.send(new GetJobCommand({ Id: jobId }));
    const fast = performance.now() - started;
    emulator.setFaults({ latencyMs: [150, 200], operations: ['ListJobs'] });
    const listStarted = performance.now();
    await client.send(new ListJobsCommand({}));
    const slow = performance.now() - listStarted;

    expect(got.Job?.Id).toBe(jobId);
    expect(fast).toBeLessThan(150);
    expect(slow).toBeGreaterThanOrEqual(145);
    client.destroy();
  });

  it('draws the same faults for the same seed', async () => {
    const outcomes = async (seed: number): Promise<string[]> => {
      const other = await startMediaConvertEmulator({ clock: 'manual', seed, faults: { throttleRate: 0.5 } });
      const [id = ''] = other.createJobs(1, { Role: ROLE, Settings: {} });
      const client = clientFor(other, { maxAttempts: 1 });
      const seen: string[] = [];
      for (let i = 0; i < 12; i++) {
        seen.push(await client.send(new GetJobCommand({ Id: id })).then(() => 'ok', (e: Error) => e.name));
      }
      client.destroy();
      await other.close();
      return seen;
    };

    const a = await outcomes(3);
    const b = await outcomes(3);

    expect(a).toEqual(b);
    expect(a).toContain('ok');
    expect(a).toContain('TooManyRequestsException');
  });

  it('answers unknown routes with a 404 NotFoundException and counts them apart', async () => {
    const response = await fetch(`${emulator.endpoint}/2017-08-29/queues`);
    const body = (await response.json()) as { message: string };

    expect(response.status).toBe(404);
    expect(response.headers.get('x-amzn-errortype')).toMatch(/^NotFoundException:/);
    expect(body.message).toMatch(/GET \/2017-08-29\/queues/);
    expect(emulator.stats).toMatchObject({ unknown: 1, total: 0 });
  });

  it('refuses fault rates outside 0 to 1', () => {
    const set = (): void => emulator.setFaults({ throttleRate: 1.5 });

    expect(set).toThrow(/throttleRate/);
  });
});

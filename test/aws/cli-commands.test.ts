import { spawnSync } from 'node:child_process';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { MediaConvertClient } from '@aws-sdk/client-mediaconvert';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemo } from '../../src/cli/commands/demo.js';
import { runWatch } from '../../src/cli/commands/watch.js';
import type { CliIo } from '../../src/cli/io.js';
import { OUTCOME_KEY, type MediaConvertEmulator } from '../../src/testing/index.js';
import { clientFor, emulatorSleep, startEmulator, submit } from './helpers.js';

function captureIo(): { io: CliIo; out: () => string; err: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdin: Readable.from([]),
    stdout: { write: (chunk: string) => out.push(chunk) },
    stderr: { write: (chunk: string) => err.push(chunk) },
    env: { NO_COLOR: '1' },
    cwd: process.cwd(),
  };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

describe('the watch command', () => {
  let emulator: MediaConvertEmulator;
  let client: MediaConvertClient;

  beforeAll(async () => {
    emulator = await startEmulator({ seed: 9, mix: { errorRate: 0, retryRate: 0, warningRate: 0 } });
    client = clientFor(emulator, { maxAttempts: 1 });
  });

  afterAll(async () => {
    client.destroy();
    await emulator.close();
  });

  const watch = async (jobId: string, interval?: number): Promise<{ code: unknown; out: string; err: string }> => {
    const { io, out, err } = captureIo();
    const code = await runWatch(jobId, interval === undefined ? {} : { interval }, io, {
      client,
      clock: () => emulator.now(),
      sleep: emulatorSleep(emulator),
    });
    return { code, out: out(), err: err() };
  };

  it('prints one plain line per change and the outputs, and exits 0 for a COMPLETE job', async () => {
    const Id = await submit(client);

    const { code, out, err } = await watch(Id, 30);

    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out).toMatch(/^\[\s+[\d.]+s\] PROGRESSING +TRANSCODING +\d+% \| polls \d+$/m);
    expect(out).not.toMatch(/TRANSCODING +0%/);
    expect(out).toContain(`Job ${Id} is COMPLETE.`);
    expect(out).toContain('  HLS_GROUP -> s3://DOC-EXAMPLE-BUCKET/hls/ (file names not listed by the API)');
    expect(out).toMatch(/^polls \d+: /m);
  });

  it('exits 1 with the error code and message for an ERROR job', async () => {
    const Id = await submit(client, { UserMetadata: { [OUTCOME_KEY]: 'ERROR:1040' } });

    const { code, out } = await watch(Id);

    expect(code).toBe(1);
    expect(out).toMatch(new RegExp(`Job ${Id} ended in ERROR: 1040: .+`));
  });

  it('exits 2 for an unknown job and for a bad interval', async () => {
    const missing = await watch('1704067200000-nosuch');
    const badInterval = await watch('1704067200000-nosuch', -3);

    expect(missing.code).toBe(2);
    expect(missing.err).toContain('job 1704067200000-nosuch was not found');
    expect(badInterval.code).toBe(2);
    expect(badInterval.err).toContain('--interval');
  });
});

describe('the demo command', () => {
  it('follows the job through its phases to its outputs, under faults, saying what it ignored', async () => {
    const { io, out } = captureIo();

    const code = await runDemo({ seed: 1, speed: 150 }, io);

    expect(code).toBe(0);
    expect(out()).toMatch(/PROGRESSING +TRANSCODING +\d+%/);
    expect(out()).toMatch(/PROGRESSING +UPLOADING +\d+%/);
    expect(out()).toContain('is COMPLETE.');
    expect(out()).toMatch(/^ {2}FILE_GROUP s3:\/\/.+\.mp4$/m);
    expect(out()).toMatch(/^events \d+: \d+ applied, \d+ duplicate \(DUPLICATE_EVENT \d+\)/m);
    expect(out()).toContain('ignored (OTHER_JOB');
    expect(out()).toMatch(/The service sent \d+ events for the job: \d+ lost/);
  });

  it('shows PROBING when no event is lost, and refuses a bad speed', async () => {
    const clean = captureIo();
    const bad = captureIo();

    const code = await runDemo({ seed: 2, speed: 300, faults: false }, clean.io);
    const refused = await runDemo({ speed: 0 }, bad.io);

    expect(code).toBe(0);
    expect(clean.out()).toMatch(/PROGRESSING +PROBING +\?%/);
    expect(clean.out()).toContain('Faults: no faults.');
    expect(refused).toBe(2);
  });

  it('runs from the command line and exits by itself', () => {
    const main = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

    const child = spawnSync(process.execPath, ['--import', 'tsx', main, 'demo', '--speed', '300', '--seed', '4'], {
      encoding: 'utf8',
      timeout: 30_000,
    });

    expect(child.error).toBeUndefined();
    expect(child.status).toBe(0);
    expect(child.stdout).toContain('is COMPLETE.');
  });
});

import { spawn, spawnSync } from 'node:child_process';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { MediaConvertClient } from '@aws-sdk/client-mediaconvert';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCommand, runDemo } from '../../src/cli/commands/demo.js';
import { runWatch, watchCommand } from '../../src/cli/commands/watch.js';
import { ExitCode } from '../../src/cli/exit-code.js';
import type { CliIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/program.js';
import { OUTCOME_KEY, type MediaConvertEmulator } from '../../src/testing/index.js';
import { clientFor, emulatorSleep, startEmulator, submit, virtualTime } from './helpers.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

/** The endpoint of an emulator started and closed at once: a port nothing listens on. */
async function closedEndpoint(): Promise<{ readonly emulator: MediaConvertEmulator; readonly url: string }> {
  const emulator = await startEmulator();
  await emulator.close();
  return { emulator, url: emulator.endpoint };
}

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

    expect(code).toBe(ExitCode.JOB_FAILED);
    expect(code).toBe(1);
    expect(out).toMatch(new RegExp(`Job ${Id} ended in ERROR: 1040: .+`));
  });

  it('says each failed GetJob and when it tries again, while the calls keep failing', async () => {
    const { emulator: closed } = await closedEndpoint();
    const unreachable = clientFor(closed, { maxAttempts: 1 });
    const { io, out } = captureIo();
    const controller = new AbortController();
    const time = virtualTime();
    let sleeps = 0;
    const sleep = async (ms: number, signal: AbortSignal): Promise<void> => {
      await time.sleep(ms, signal);
      if (++sleeps === 4) controller.abort();
    };

    const code = await runWatch('1704067200000-abcdef', { interval: 10 }, io, {
      client: unreachable,
      clock: time.clock,
      sleep,
      signal: controller.signal,
    });
    unreachable.destroy();

    expect(code).toBeNull();
    expect(out()).toMatch(/^GetJob failed: ECONNREFUSED, retrying in [\d.]+ s$/m);
    expect(out().match(/^GetJob failed: /gm)).toHaveLength(4);
    expect(out()).toContain('Stopped watching job 1704067200000-abcdef; it goes on');
  });

  it('shows the default of --interval in its help, and names the flag when it is wrong', async () => {
    const help = captureIo();
    const word = captureIo();
    const tiny = captureIo();

    const helpCode = await runCli(['watch', '--help'], help.io, [watchCommand]);
    const wordCode = await runCli(['watch', '1704067200000-abcdef', '--interval', 'ten'], word.io, [watchCommand]);
    const tinyCode = await runWatch('1704067200000-abcdef', { interval: 0.01 }, tiny.io);

    expect(helpCode).toBe(0);
    expect(help.out()).toMatch(/--interval <seconds> +the longest wait between two GetJob calls\s+\(default: 10\)/);
    expect(wordCode).toBe(2);
    expect(word.err()).toContain("option '--interval <seconds>' argument 'ten' is invalid");
    expect(tinyCode).toBe(2);
    expect(tiny.err()).toContain('--interval must be a number of seconds of at least 0.1, got 0.01.');
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
    expect(out()).toContain('and 2 other jobs whose events share the stream');
    expect(out()).toMatch(/^The \d+ ignored events \(OTHER_JOB\) are events of the 2 other jobs the emulator runs/m);
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
    expect(bad.err()).toBe('mediaconvert-job-tracker demo: --speed must be a number above 0, got 0.\n');
  });

  it('names the flag that is wrong', async () => {
    const seed = captureIo();
    const speed = captureIo();
    const fraction = captureIo();

    const seedCode = await runCli(['demo', '--seed', 'x'], seed.io, [demoCommand]);
    const speedCode = await runCli(['demo', '--speed', '0'], speed.io, [demoCommand]);
    const fractionCode = await runDemo({ seed: 1.5 }, fraction.io);

    expect(seedCode).toBe(2);
    expect(seed.err()).toContain("option '--seed <n>' argument 'x' is invalid. It must be a whole number.");
    expect(speedCode).toBe(2);
    expect(speed.err()).toContain("option '--speed <x>' argument '0' is invalid.");
    expect(fractionCode).toBe(2);
    expect(fraction.err()).toContain('--seed must be a whole number, got 1.5.');
  });

  it('runs from the command line and exits by itself', () => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'demo', '--speed', '300', '--seed', '4'], {
      encoding: 'utf8',
      timeout: 30_000,
    });

    expect(child.error).toBeUndefined();
    expect(child.status).toBe(0);
    expect(child.stdout).toContain('is COMPLETE.');
  });
});

describe('the watch command as a program', () => {
  it('prints failed calls without the SDK notice about Node.js versions, and stops on Ctrl-C', async () => {
    const { url } = await closedEndpoint();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NO_COLOR: '1',
      AWS_ACCESS_KEY_ID: 'x',
      AWS_SECRET_ACCESS_KEY: 'x',
    };
    delete env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'];
    const args = ['--import', 'tsx', MAIN, 'watch', '1704067200000-abcdef', '--endpoint', url, '--interval', '0.2'];
    const child = spawn(process.execPath, [...args, '--region', 'us-west-2'], { env });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });

    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => {
      child.on('exit', (code, signal) => resolve({ code, signal }));
    });
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString('utf8');
        if (/GetJob failed: ECONNREFUSED, retrying in [\d.]+ s/.test(stdout)) resolve();
      });
      setTimeout(resolve, 20_000).unref();
    });
    child.kill('SIGINT');
    const { signal } = await exited;

    expect(stdout).toMatch(/^GetJob failed: ECONNREFUSED, retrying in [\d.]+ s$/m);
    expect(stderr).not.toMatch(/node >=|NodeVersion|upgrade to node/i);
    expect(stderr).toBe('');
    expect(signal).toBe('SIGINT');
  });
});

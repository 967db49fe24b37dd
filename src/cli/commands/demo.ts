/**
 * `mediaconvert-job-tracker demo`: starts the emulator in-process, submits
 * a job through the real SDK and follows it with `watchJob`, fed by GetJob
 * and by the emulator's events with the faults of the real event channel,
 * showing what was deduplicated, reordered or lost and how it was repaired.
 */
import type { ContainerType, CreateJobCommandInput } from '@aws-sdk/client-mediaconvert';
import { InvalidArgumentError } from 'commander';
import { MIN_DELAY_FLOOR_SECONDS } from '../../aws/follow-options.js';
import { JobTrackerError, type JobState } from '../../index.js';
import type { DeliveryFaults } from '../../testing/emulator/delivery.js';
import {
  startMediaConvertEmulator,
  type MediaConvertEmulator,
} from '../../testing/emulator/emulator.js';
import { WARNINGS_KEY } from '../../testing/emulator/plan.js';
import type { CliCommand } from '../command.js';
import { ExitCode } from '../exit-code.js';
import { finalReport } from '../follow/final-report.js';
import {
  createFollowTally,
  eventsText,
  pollsText,
  type FollowTally,
} from '../follow/follow-tally.js';
import { createLiveView } from '../follow/live-view.js';
import { loadFollowModules } from '../follow/load-aws.js';
import type { CliIo } from '../io.js';
import { wrap } from '../render/describe.js';
import { createStyle, wantsColour } from '../render/style.js';

/**
 * Options of {@link runDemo}.
 *
 * @example
 * ```ts
 * const options: DemoOptions = { seed: 7, speed: 60, faults: true };
 * ```
 */
export interface DemoOptions {
  /**
   * The emulator's seed: the same seed plays the same faults.
   * @defaultValue 1
   */
  readonly seed?: number;
  /**
   * Emulator seconds per wall-clock second; the job takes about six emulator minutes.
   * @defaultValue 30
   */
  readonly speed?: number;
  /**
   * Whether to inject event channel faults (duplicates, reordering, loss) and GetJob 429s.
   * @defaultValue true
   */
  readonly faults?: boolean;
}

/** The event channel faults of the demo. */
const DELIVERY_FAULTS: DeliveryFaults = {
  duplicateRate: 0.35,
  duplicateDelayMs: 20_000,
  reorderRate: 0.3,
  reorderMaxHoldMs: 30_000,
  lossRate: 0.15,
};
/** The share of GetJob calls the demo answers with 429. */
const THROTTLE_RATE = 0.3;
/** The followed job: about six emulator minutes, with an upload long enough to be seen. */
const MAIN_PLAN = {
  queueWaitMs: 3_000,
  probingMs: 20_000,
  transcodingMs: 290_000,
  uploadingMs: 60_000,
  retries: 0,
};
/** The metadata key that marks the job the demo follows. */
const DEMO_KEY = 'demo:role';
/**
 * Jobs submitted besides the followed one, so that the event stream carries
 * other jobs' events too, as a real account's does.
 */
const OTHER_JOBS = 2;

function rendition(NameModifier: string, Width: number, Height: number, Container: ContainerType) {
  return { NameModifier, VideoDescription: { Width, Height }, ContainerSettings: { Container } };
}

const REQUEST: CreateJobCommandInput = {
  Role: 'arn:aws:iam::111122223333:role/MediaConvertRole',
  StatusUpdateInterval: 'SECONDS_10',
  UserMetadata: { [DEMO_KEY]: 'main', assetId: 'lecture-07', [WARNINGS_KEY]: '230004' },
  Settings: {
    Inputs: [{ FileInput: 's3://DOC-EXAMPLE-BUCKET/in/lecture-07.mov' }],
    OutputGroups: [
      {
        Name: 'Apple HLS',
        OutputGroupSettings: {
          Type: 'HLS_GROUP_SETTINGS',
          HlsGroupSettings: {
            Destination: 's3://DOC-EXAMPLE-BUCKET/hls/',
            SegmentLength: 6,
            MinSegmentLength: 0,
          },
        },
        Outputs: [rendition('_720p', 1280, 720, 'M3U8'), rendition('_1080p', 1920, 1080, 'M3U8')],
      },
      {
        Name: 'File Group',
        OutputGroupSettings: {
          Type: 'FILE_GROUP_SETTINGS',
          FileGroupSettings: { Destination: 's3://DOC-EXAMPLE-BUCKET/mp4/' },
        },
        Outputs: [rendition('_web', 1280, 720, 'MP4')],
      },
    ],
  },
};

const HELP_AFTER = `
The demo needs no AWS account: the emulator runs in this process on
127.0.0.1 with a sped-up clock, and the real AWS SDK talks to it. The job
takes about six emulator minutes (twelve seconds at the default speed).
Two more jobs run beside it, so the event stream also carries other jobs'
events, which the tracker counts as ignored (OTHER_JOB).

Examples:
  $ mediaconvert-job-tracker demo
  $ mediaconvert-job-tracker demo --seed 7 --speed 60
  $ mediaconvert-job-tracker demo --no-faults`;

function faultsLine(faults: boolean): string {
  if (!faults) return 'no faults';
  const pct = (rate: number | undefined): string => `${Math.round((rate ?? 0) * 100)}%`;
  const { duplicateRate, reorderRate, lossRate } = DELIVERY_FAULTS;
  return (
    `events duplicated ${pct(duplicateRate)}, reordered ${pct(reorderRate)}, ` +
    `lost ${pct(lossRate)}; GetJob throttled ${pct(THROTTLE_RATE)}`
  );
}

/** What the event channel did to the followed job's events. */
function channelLine(emulator: MediaConvertEmulator, jobId: string): string {
  const log = emulator.eventLog();
  const ours = (event: { readonly detail: { readonly jobId: string } }): boolean =>
    event.detail.jobId === jobId;
  const emitted = log.emitted.filter(ours).length;
  const delivered = log.delivered.filter((record) => ours(record.event));
  const duplicates = delivered.filter((record) => record.duplicate).length;
  const reordered = delivered.filter((record) => record.reordered).length;
  const lost = log.lost.filter(ours).length;
  return (
    `The service sent ${emitted} events for the job: ${lost} lost, ${duplicates} delivered twice, ` +
    `${reordered} delivered late and out of order. GetJob: ${emulator.stats.GetJob} calls, ` +
    `${emulator.stats.faulted} answered 429 and tried again after a backoff.`
  );
}

/** Why the ignored events were ignored, when they are the other jobs' events. */
function otherJobsLine(tally: FollowTally): string | null {
  const others = tally.events.reasons.ignored?.['OTHER_JOB'] ?? 0;
  if (others === 0) return null;
  return (
    `The ${others} ignored events (OTHER_JOB) are events of the ${OTHER_JOBS} other jobs the ` +
    'emulator runs: every job of an account shares one event stream, and the tracker keeps ' +
    'to its own.'
  );
}

/** What is wrong with the demo's options, naming the flag, or `null`. */
function optionsProblem(seed: unknown, speed: unknown): string | null {
  const got = (value: unknown): string =>
    typeof value === 'string' ? JSON.stringify(value) : String(value);
  if (typeof seed !== 'number' || !Number.isInteger(seed)) {
    return `--seed must be a whole number, got ${got(seed)}.`;
  }
  if (typeof speed !== 'number' || !(Number.isFinite(speed) && speed > 0)) {
    return `--speed must be a number above 0, got ${got(speed)}.`;
  }
  return null;
}

/**
 * Runs the demo and resolves to the exit code: 0 when the job completed as
 * shown, 2 for bad options, 3 for an unexpected failure; `null` when
 * `signal` stopped it first.
 *
 * @example
 * ```ts
 * const code = await runDemo({ seed: 7, speed: 120 }, processIo());
 * ```
 */
export async function runDemo(
  options: DemoOptions,
  io: CliIo,
  signal?: AbortSignal,
): Promise<ExitCode | null> {
  const seed = options.seed ?? 1;
  const speed = options.speed ?? 30;
  const faults = options.faults ?? true;
  const problem = optionsProblem(seed, speed);
  if (problem !== null) {
    io.stderr.write(`mediaconvert-job-tracker demo: ${problem}\n`);
    return ExitCode.USAGE;
  }
  const modules = await loadFollowModules(io);
  if (modules === null) return ExitCode.USAGE;
  const { aws, sdk } = modules;

  const emulator = await startMediaConvertEmulator({
    clock: 'real',
    speed,
    seed,
    mix: { errorRate: 0, retryRate: 0, warningRate: 0 },
    deliveryFaults: faults ? DELIVERY_FAULTS : {},
    plan: (request) =>
      request.userMetadata[DEMO_KEY] === 'main'
        ? MAIN_PLAN
        : { queueWaitMs: 1_000, transcodingMs: 120_000 },
  });
  const client = new sdk.MediaConvertClient({
    endpoint: emulator.endpoint,
    region: emulator.region,
    credentials: { accessKeyId: 'demo', secretAccessKey: 'demo' },
    // One attempt per call: the 429s reach watchJob, whose backoff stays within maxDelay.
    maxAttempts: 1,
  });
  const style = createStyle(wantsColour(io.stdout, io.env));
  try {
    const title = style.bold('mediaconvert-job-tracker demo');
    io.stdout.write(
      `${title}: an emulated MediaConvert at ${emulator.endpoint}, ${speed}x speed, seed ${seed}.\n` +
        `Faults: ${faultsLine(faults)}.\n`,
    );
    const { Job } = await client.send(new sdk.CreateJobCommand(REQUEST));
    const jobId = Job?.Id;
    if (jobId === undefined) throw new Error('CreateJob returned no job id.');
    emulator.createJobs(OTHER_JOBS, { ...REQUEST, UserMetadata: { assetId: 'other' } });
    io.stdout.write(
      `Submitted job ${jobId} through the AWS SDK (an HLS and a FILE output group), and ` +
        `${OTHER_JOBS} other jobs whose events share the stream; they are ignored (OTHER_JOB).\n`,
    );
    if (faults) emulator.setFaults({ throttleRate: THROTTLE_RATE, operations: ['GetJob'] });

    const started = performance.now();
    let view: ReturnType<typeof createLiveView> | null = null;
    const tally = createFollowTally(() => view?.refresh());
    view = createLiveView(io, {
      style,
      tally: tally.snapshot,
      elapsedMs: () => performance.now() - started,
      events: true,
    });
    let last: JobState | null = null;
    try {
      for await (const state of aws.watchJob(
        {
          client,
          events: (listener) => emulator.subscribe(listener),
          // Emulated seconds: 15 to 30 of them between polls, and never under the library's floor.
          minDelay: Math.max(MIN_DELAY_FLOOR_SECONDS, 15 / speed),
          maxDelay: Math.max(MIN_DELAY_FLOOR_SECONDS, 30 / speed),
          observer: tally.observer,
          ...(signal === undefined ? {} : { abortSignal: signal }),
        },
        { Id: jobId },
      )) {
        last = state;
        view.show(state);
      }
    } finally {
      view.stop();
    }
    if (last === null) return ExitCode.INTERNAL;
    const counts = tally.snapshot();
    io.stdout.write(`\n${finalReport(last, style)}`);
    if (!view.redraws) io.stdout.write(`${eventsText(counts.events)}\n${pollsText(counts)}\n`);
    const closing = [
      ...[otherJobsLine(counts)].filter((line): line is string => line !== null),
      channelLine(emulator, jobId),
      'Whatever the channel did, the state only moved forward: duplicates changed nothing, late ' +
        'events were kept as stale facts, and polling filled in what was lost.',
    ];
    for (const paragraph of closing) io.stdout.write(`${wrap(paragraph, 100).join('\n')}\n`);
    io.stdout.write(style.dim(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s.\n`));
    return last.status === 'COMPLETE' ? ExitCode.OK : ExitCode.INTERNAL;
  } catch (error) {
    if (error instanceof JobTrackerError && error.code === 'WAIT_ABORTED') return null;
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr.write(`mediaconvert-job-tracker demo: unexpected failure: ${detail}\n`);
    return ExitCode.INTERNAL;
  } finally {
    client.destroy();
    await emulator.close();
  }
}

function parseSeed(value: string): number {
  const seed = value.trim() === '' ? Number.NaN : Number(value);
  if (!Number.isInteger(seed)) throw new InvalidArgumentError('It must be a whole number.');
  return seed;
}

function parseSpeed(value: string): number {
  const speed = value.trim() === '' ? Number.NaN : Number(value);
  if (!(Number.isFinite(speed) && speed > 0)) {
    throw new InvalidArgumentError('It must be a number above 0 (emulator seconds per second).');
  }
  return speed;
}

/**
 * The `demo` command.
 *
 * @example
 * ```ts
 * await runCli(['demo', '--speed', '60'], io, [demoCommand]);
 * ```
 */
export const demoCommand: CliCommand = {
  name: 'demo',
  configure(command, context) {
    command
      .summary('follow an emulated job through faulty events and throttled polls, no AWS account needed')
      .description(
        'Start the MediaConvert emulator in this process, submit a job through the real AWS SDK, ' +
          'and follow it with watchJob fed by GetJob and by events with duplicates, reordering ' +
          'and loss, showing what was deduplicated, stale or ignored and why.',
      )
      .option('--seed <n>', 'the emulator seed (the same seed plays the same faults)', parseSeed, 1)
      .option('--speed <x>', 'emulator seconds per wall-clock second', parseSpeed, 30)
      .option('--no-faults', 'deliver every event once, in order, and never throttle')
      .addHelpText('after', HELP_AFTER)
      .action(async (flags: { seed?: number; speed?: number; faults: boolean }) => {
        const controller = new AbortController();
        const onSigint = (): void => controller.abort();
        process.once('SIGINT', onSigint);
        const code = await runDemo(
          {
            ...(flags.seed === undefined ? {} : { seed: flags.seed }),
            ...(flags.speed === undefined ? {} : { speed: flags.speed }),
            faults: flags.faults,
          },
          context.io,
          controller.signal,
        ).finally(() => process.off('SIGINT', onSigint));
        // Stopped by Ctrl-C: end the way an interrupted program does (exit status 130).
        if (code === null) process.kill(process.pid, 'SIGINT');
        else context.exit(code);
      });
  },
};

/**
 * `mediaconvert-job-tracker watch <jobId>`: follows a real job with the
 * default AWS credential chain and shows its status, phase and progress
 * until it ends, then its outputs or its error.
 */
import type { MediaConvertClient } from '@aws-sdk/client-mediaconvert';
import { InvalidArgumentError } from 'commander';
import type { JobFollowObserver, Sleep } from '../../aws/index.js';
import { MIN_DELAY_FLOOR_SECONDS } from '../../aws/follow-options.js';
import { JobTrackerError, type JobState } from '../../index.js';
import type { CliCommand } from '../command.js';
import { ExitCode } from '../exit-code.js';
import { outputDestinations } from '../follow/destinations.js';
import { finalReport } from '../follow/final-report.js';
import { createFollowTally, pollsText, retryText } from '../follow/follow-tally.js';
import { loadFollowModules, type SdkModule } from '../follow/load-aws.js';
import { createLiveView, type LiveView } from '../follow/live-view.js';
import type { CliIo } from '../io.js';
import { createStyle, wantsColour } from '../render/style.js';

/**
 * Options of {@link runWatch}, as the command line gives them.
 *
 * @example
 * ```ts
 * const options: WatchOptions = { region: 'us-west-2', interval: 30 };
 * ```
 */
export interface WatchOptions {
  /**
   * The AWS region of the job.
   * @defaultValue the SDK's: `AWS_REGION`, then the profile's region
   */
  readonly region?: string;
  /**
   * A MediaConvert endpoint URL other than the regional one (the emulator, a proxy).
   * @defaultValue the regional endpoint
   */
  readonly endpoint?: string;
  /**
   * The longest wait between two `GetJob` calls, in seconds; at least 0.1.
   * @defaultValue 10
   */
  readonly interval?: number;
}

/**
 * What tests inject instead of a real client and real time.
 *
 * @example
 * ```ts
 * const dependencies: WatchDependencies = {
 *   client, clock: () => emulator.now(), sleep: async (ms) => emulator.advance(ms),
 * };
 * ```
 */
export interface WatchDependencies {
  /** A client to use (and not destroy) instead of one made from the options. */
  readonly client?: MediaConvertClient;
  readonly clock?: () => number;
  readonly sleep?: Sleep;
  /** Stops watching (Ctrl-C). */
  readonly signal?: AbortSignal;
}

const DEFAULT_INTERVAL_SECONDS = 10;

const HELP_AFTER = `
Credentials come from the default AWS chain (environment, shared config and
credentials files, SSO, container or instance roles). The region comes from
--region, AWS_REGION or the profile.

Exit codes:
  0  the job is COMPLETE (its outputs are listed)
  1  the job ended ERROR or CANCELED (the error code and message are shown)
  2  usage error, unknown job, or no access (credentials, region, IAM policy)
  3  an unexpected failure

While GetJob fails (no network, throttling, an unreadable answer) each
failure is printed with the wait before the next try; watching goes on.
Ctrl-C stops watching; the job goes on.

Examples:
  $ mediaconvert-job-tracker watch 1671477617078-2886ye --region us-west-2
  $ mediaconvert-job-tracker watch 1671477617078-2886ye --interval 30`;

function explain(error: unknown, io: CliIo): ExitCode {
  if (error instanceof JobTrackerError) {
    io.stderr.write(`mediaconvert-job-tracker watch: ${error.message}\n`);
    if (/region is missing/i.test(error.message)) {
      io.stderr.write('  hint: pass --region, or set AWS_REGION or a region in your AWS profile.\n');
    }
    return error.code === 'INVALID_OPTIONS' ||
      error.code === 'JOB_NOT_FOUND' ||
      error.code === 'ACCESS_DENIED' ||
      error.code === 'API_REQUEST_FAILED'
      ? ExitCode.USAGE
      : ExitCode.INTERNAL;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr.write(`mediaconvert-job-tracker watch: unexpected failure: ${detail}\n`);
  return ExitCode.INTERNAL;
}

/**
 * Follows `jobId` until it ends and resolves to the exit code: 0 COMPLETE,
 * 1 ERROR or CANCELED, 2 usage or access error, 3 an unexpected failure;
 * `null` when `signal` stopped it first.
 *
 * @example
 * ```ts
 * const code = await runWatch('1671477617078-2886ye', { region: 'us-west-2' }, processIo());
 * ```
 */
export async function runWatch(
  jobId: string,
  options: WatchOptions,
  io: CliIo,
  dependencies: WatchDependencies = {},
): Promise<ExitCode | null> {
  const interval = options.interval ?? DEFAULT_INTERVAL_SECONDS;
  const problem = intervalProblem(interval);
  if (problem !== null) {
    io.stderr.write(`mediaconvert-job-tracker watch: --interval ${problem}\n`);
    return ExitCode.USAGE;
  }
  const modules = await loadFollowModules(io);
  if (modules === null) return ExitCode.USAGE;
  const { aws, sdk } = modules;
  const client =
    dependencies.client ??
    new sdk.MediaConvertClient({
      ...(options.region === undefined ? {} : { region: options.region }),
      ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    });

  const style = createStyle(wantsColour(io.stdout, io.env));
  const clock = dependencies.clock ?? Date.now;
  const started = clock();
  let view: LiveView | null = null;
  const tally = createFollowTally(() => view?.refresh());
  view = createLiveView(io, {
    style,
    tally: tally.snapshot,
    elapsedMs: () => clock() - started,
    events: false,
  });
  const live = view;
  // Say each failed call as it happens: a wrong endpoint or a network outage is otherwise silent.
  const observer: JobFollowObserver = {
    ...tally.observer,
    onRetry: (failure, delayMs) => {
      tally.observer.onRetry?.(failure, delayMs);
      live.log(retryText(failure, delayMs));
    },
  };
  view.log(`Watching job ${jobId} (a GetJob at most every ${interval} s; Ctrl-C stops watching).`);
  let last: JobState | null = null;
  let failure: { readonly error: unknown } | null = null;
  try {
    for await (const state of aws.watchJob(
      {
        client,
        minDelay: Math.min(2, interval),
        maxDelay: interval,
        observer,
        clock,
        ...(dependencies.sleep === undefined ? {} : { sleep: dependencies.sleep }),
        ...(dependencies.signal === undefined ? {} : { abortSignal: dependencies.signal }),
      },
      { Id: jobId },
    )) {
      last = state;
      view.show(state);
    }
  } catch (error) {
    failure = { error };
  }
  view.stop();
  try {
    if (failure !== null) return reportFailure(failure.error, jobId, last, io);
    if (last === null) return ExitCode.INTERNAL;
    const destinations = last.status === 'COMPLETE' ? await destinationsOf(client, sdk, jobId) : [];
    io.stdout.write(finalReport(last, style, destinations));
    if (!view.redraws) io.stdout.write(`${pollsText(tally.snapshot())}\n`);
    return last.status === 'COMPLETE' ? ExitCode.OK : ExitCode.JOB_FAILED;
  } finally {
    if (dependencies.client === undefined) client.destroy();
  }
}

/** The API lists no output file names: where each group writes, from the job's settings. */
async function destinationsOf(
  client: MediaConvertClient,
  sdk: SdkModule,
  jobId: string,
): Promise<(string | null)[]> {
  try {
    const { Job } = await client.send(new sdk.GetJobCommand({ Id: jobId }));
    return outputDestinations(Job);
  } catch {
    return [];
  }
}

/** Says why watching ended early; `null` when it was stopped on purpose. */
function reportFailure(
  error: unknown,
  jobId: string,
  last: JobState | null,
  io: CliIo,
): ExitCode | null {
  if (error instanceof JobTrackerError && error.code === 'WAIT_ABORTED') {
    const where = last === null ? '' : ` (${last.status})`;
    io.stdout.write(`Stopped watching job ${jobId}; it goes on${where}.\n`);
    return null;
  }
  return explain(error, io);
}

/** The flags commander parses for `watch`. */
interface WatchFlags {
  readonly region?: string;
  readonly endpoint?: string;
  readonly interval?: number;
}

/** What is wrong with an interval, as the end of a sentence naming the flag, or `null`. */
function intervalProblem(interval: unknown): string | null {
  const floor = MIN_DELAY_FLOOR_SECONDS;
  if (typeof interval === 'number' && Number.isFinite(interval) && interval >= floor) return null;
  const got = typeof interval === 'string' ? JSON.stringify(interval) : String(interval);
  return `must be a number of seconds of at least ${floor}, got ${got}.`;
}

function parseInterval(value: string): number {
  const interval = value.trim() === '' ? Number.NaN : Number(value);
  if (intervalProblem(interval) !== null) {
    const floor = MIN_DELAY_FLOOR_SECONDS;
    throw new InvalidArgumentError(`It must be a number of seconds of at least ${floor}.`);
  }
  return interval;
}

/**
 * The `watch` command.
 *
 * @example
 * ```ts
 * await runCli(['watch', '1671477617078-2886ye', '--region', 'us-west-2'], io, [watchCommand]);
 * ```
 */
export const watchCommand: CliCommand = {
  name: 'watch',
  configure(command, context) {
    command
      .summary('follow a MediaConvert job until it ends, with a progress bar')
      .description(
        'Follow one MediaConvert job through GetJob with the default AWS credential chain, ' +
          'showing its status, phase and progress until it ends, then its outputs or its error.',
      )
      .argument('<jobId>', 'the MediaConvert job id, e.g. 1671477617078-2886ye')
      .option('--region <region>', 'the AWS region of the job')
      .option('--endpoint <url>', 'a MediaConvert endpoint other than the regional one')
      .option(
        '--interval <seconds>',
        'the longest wait between two GetJob calls',
        parseInterval,
        DEFAULT_INTERVAL_SECONDS,
      )
      .addHelpText('after', HELP_AFTER)
      .action(async (jobId: string, flags: WatchFlags) => {
        const controller = new AbortController();
        const onSigint = (): void => controller.abort();
        process.once('SIGINT', onSigint);
        const code = await runWatch(
          jobId,
          {
            ...(flags.region === undefined ? {} : { region: flags.region }),
            ...(flags.endpoint === undefined ? {} : { endpoint: flags.endpoint }),
            ...(flags.interval === undefined ? {} : { interval: flags.interval }),
          },
          context.io,
          { signal: controller.signal },
        ).finally(() => process.off('SIGINT', onSigint));
        // Stopped by Ctrl-C: end the way an interrupted program does (exit status 130).
        if (code === null) process.kill(process.pid, 'SIGINT');
        else context.exit(code);
      });
  },
};

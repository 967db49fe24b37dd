/**
 * `mediaconvert-job-tracker replay <file|->`: reads recorded payloads,
 * feeds them to a fleet, and prints each job's timeline and a summary.
 */
import type { CliCommand } from '../command.js';
import { ExitCode } from '../exit-code.js';
import { readSource, type CliIo } from '../io.js';
import { renderCounts, renderSummary } from '../render/summary.js';
import { createStyle, wantsColour } from '../render/style.js';
import { renderTimelines } from '../render/timeline.js';
import { InputFormat, splitPayloads } from '../replay/payloads.js';
import { replayPayloads, type ReplayReport } from '../replay/replay-payloads.js';

/**
 * Options of {@link runReplay}.
 *
 * @example
 * ```ts
 * const options: ReplayOptions = { json: true };
 * ```
 */
export interface ReplayOptions {
  /**
   * Print the final states (and the counts and rejections) as JSON
   * instead of timelines and a table.
   * @defaultValue false
   */
  readonly json?: boolean;
}

const UNIT = {
  [InputFormat.JSON_LINES]: 'line',
  [InputFormat.JSON_ARRAY]: 'item',
  [InputFormat.JSON_DOCUMENT]: 'document',
  [InputFormat.EMPTY]: 'line',
} as const;

const HELP_AFTER = `
Exit codes:
  0  every line was understood (events of other kinds are skipped, not errors)
  1  at least one line or record was rejected; the others were still read
  2  usage error, or the input could not be read

Examples:
  $ mediaconvert-job-tracker replay events.jsonl
  $ mediaconvert-job-tracker replay --json events.json
  $ aws mediaconvert list-jobs --status ERROR | mediaconvert-job-tracker replay -`;

function reportRejections(report: ReplayReport, io: CliIo): void {
  for (const r of report.rejections) {
    const at = r.path === '' ? '(top level)' : r.path;
    io.stderr.write(`${r.where}: rejected [${r.code} ${at}] ${r.message}\n`);
    if (r.hint !== null) io.stderr.write(`${' '.repeat(r.where.length)}  hint: ${r.hint}\n`);
  }
}

/**
 * Runs `replay` on a file name (relative to `io.cwd`), or stdin when
 * `source` is `-`, and resolves to the exit code: 0 when every line was
 * understood, 1 when any line or record was rejected, 2 when the input
 * cannot be read.
 *
 * @example
 * ```ts
 * const code = await runReplay('examples/two-jobs.jsonl', { json: true }, io);
 * ```
 */
export async function runReplay(
  source: string,
  options: ReplayOptions,
  io: CliIo,
): Promise<ExitCode> {
  const read = await readSource(source, io);
  if (!read.ok) {
    io.stderr.write(`${read.message}\n`);
    return ExitCode.USAGE;
  }
  const { format, payloads } = splitPayloads(read.text);
  const report = replayPayloads(payloads);
  reportRejections(report, io);

  if (options.json === true) {
    const out = {
      source: read.name,
      format,
      counts: report.counts,
      rejected: report.rejections,
      jobs: report.jobs,
    };
    io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    const style = createStyle(wantsColour(io.stdout, io.env));
    const timelines = renderTimelines(report.entries, style);
    if (timelines !== '') io.stdout.write(`${timelines}\n`);
    io.stdout.write(renderSummary(report.jobs, style));
    io.stdout.write(`\n${renderCounts(report.counts, UNIT[format], style)}`);
  }
  return report.counts.rejected > 0 ? ExitCode.REJECTED : ExitCode.OK;
}

/**
 * The `replay` command.
 *
 * @example
 * ```ts
 * await runCli(['replay', '-'], io, [replayCommand]);
 * ```
 */
export const replayCommand: CliCommand = {
  name: 'replay',
  configure(command, context) {
    command
      .summary('print the timeline and final state of every job in recorded payloads')
      .description(
        'Read recorded MediaConvert payloads (JSON Lines, a JSON array or one JSON ' +
          'document: EventBridge events in any wrapper, SQS or SNS records, Lambda ' +
          'batches, API responses), feed them to a fleet, and print the timeline of ' +
          'every job and a summary table.',
      )
      .argument('<file>', 'the file to read, or - for stdin')
      .option('--json', 'print the final job states as JSON instead of timelines and a table')
      .addHelpText('after', HELP_AFTER)
      .action(async (file: string, options: { readonly json?: boolean }) => {
        context.exit(await runReplay(file, { json: options.json === true }, context.io));
      });
  },
};

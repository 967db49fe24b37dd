/**
 * Builds the commander program from a list of commands and runs it with
 * injectable streams, turning every outcome into an exit code.
 */
import { Command, CommanderError } from 'commander';
import type { CliCommand, CliContext } from './command.js';
import { ExitCode } from './exit-code.js';
import type { CliIo } from './io.js';

/**
 * The name of the executable, as `package.json` `bin` declares it.
 *
 * @example
 * ```ts
 * io.stderr.write(`${PROGRAM_NAME}: cannot read the file\n`);
 * ```
 */
export const PROGRAM_NAME = 'mediaconvert-job-tracker';

/**
 * Parses `argv` (the arguments after the program name), runs the command
 * it names, and resolves to the exit code. Usage errors resolve to
 * {@link ExitCode.USAGE}; they never exit the process.
 *
 * @example
 * ```ts
 * const code = await runCli(['replay', 'events.jsonl'], io, [replayCommand]);
 * ```
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  commands: readonly CliCommand[],
): Promise<ExitCode> {
  let exitCode: ExitCode = ExitCode.OK;
  const context: CliContext = {
    io,
    exit: (code) => {
      exitCode = code;
    },
  };
  const program = new Command(PROGRAM_NAME)
    .description('Follow AWS Elemental MediaConvert jobs from their events and API responses.')
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');
  for (const command of commands) command.configure(program.command(command.name), context);

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE;
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr.write(`${PROGRAM_NAME}: unexpected failure: ${detail}\n`);
    return ExitCode.INTERNAL;
  }
  return exitCode;
}

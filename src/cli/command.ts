/**
 * What every command of the command line provides, so `main.ts` can
 * register them all in one list.
 */
import type { Command } from 'commander';
import type { ExitCode } from './exit-code.js';
import type { CliIo } from './io.js';

/**
 * What a command receives besides its parsed arguments.
 *
 * @example
 * ```ts
 * command.action(async (file: string) => {
 *   context.exit(await runReplay(file, {}, context.io));
 * });
 * ```
 */
export interface CliContext {
  /** The streams and environment to use instead of `process`. */
  readonly io: CliIo;
  /** Records the exit code the command finished with. */
  exit(code: ExitCode): void;
}

/**
 * One command of the command line (`replay`, ...), in a file of its own
 * under `src/cli/commands/`.
 *
 * @example
 * ```ts
 * export const helloCommand: CliCommand = {
 *   name: 'hello',
 *   configure(command, context) {
 *     command.description('Say hello.').action(() => {
 *       context.io.stdout.write('hello\n');
 *       context.exit(ExitCode.OK);
 *     });
 *   },
 * };
 * ```
 */
export interface CliCommand {
  /** The word typed after the program name. */
  readonly name: string;
  /** Declares the command's description, arguments, options and action. */
  configure(command: Command, context: CliContext): void;
}

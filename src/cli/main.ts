#!/usr/bin/env node
/**
 * The `mediaconvert-job-tracker` command line. Every command lives in a
 * file of its own under `src/cli/commands/` and is registered here, once.
 *
 * @packageDocumentation
 */
import type { CliCommand } from './command.js';
import { demoCommand } from './commands/demo.js';
import { replayCommand } from './commands/replay.js';
import { watchCommand } from './commands/watch.js';
import { ExitCode } from './exit-code.js';
import { processIo } from './io.js';
import { runCli } from './program.js';

/** Every command, in the order `--help` lists them. */
const COMMANDS: readonly CliCommand[] = [replayCommand, watchCommand, demoCommand];

// A reader that closes the pipe early (`| head`) is no failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(ExitCode.OK);
  throw error;
});

void runCli(process.argv.slice(2), processIo(), COMMANDS).then((code) => {
  process.exitCode = code;
});

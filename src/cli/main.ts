#!/usr/bin/env node
/**
 * The `mediaconvert-job-tracker` command line. Every command lives in a
 * file of its own under `src/cli/commands/` and is registered here, once.
 *
 * @packageDocumentation
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliCommand } from './command.js';
import { demoCommand } from './commands/demo.js';
import { replayCommand } from './commands/replay.js';
import { watchCommand } from './commands/watch.js';
import { ExitCode } from './exit-code.js';
import { processIo } from './io.js';
import { runCli } from './program.js';

/** The `name` in the package's own `package.json`. */
const PACKAGE_NAME = 'mediaconvert-job-tracker';

/** Every command, in the order `--help` lists them. */
const COMMANDS: readonly CliCommand[] = [replayCommand, watchCommand, demoCommand];

/** Where this file is: `src/cli/` under tsx, `dist/` once built; `null` if unknown. */
function hereDirectory(): string | null {
  // A CommonJS build has no import.meta.url: fall back on the script node was asked to run.
  const url: unknown = (import.meta as { url?: unknown }).url;
  if (typeof url === 'string' && url.startsWith('file:')) return dirname(fileURLToPath(url));
  const script = process.argv[1];
  return script === undefined ? null : dirname(script);
}

/**
 * The version in the nearest `package.json` named like the package, found
 * by walking up from this file: the same from the sources and from `dist/`.
 */
function packageVersion(): string {
  for (let dir = hereDirectory(); dir !== null; ) {
    try {
      const text = readFileSync(join(dir, 'package.json'), 'utf8');
      const manifest = JSON.parse(text) as { name?: unknown; version?: unknown };
      if (manifest.name === PACKAGE_NAME && typeof manifest.version === 'string') {
        return manifest.version;
      }
    } catch {
      // No package.json here, or not one that can be read: look further up.
    }
    const parent = dirname(dir);
    dir = parent === dir ? null : parent;
  }
  return 'unknown';
}

// A reader that closes the pipe early (`| head`) is no failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(ExitCode.OK);
  throw error;
});

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${packageVersion()}\n`);
  process.exitCode = ExitCode.OK;
} else {
  void runCli(argv, processIo(), COMMANDS).then((code) => {
    process.exitCode = code;
  });
}

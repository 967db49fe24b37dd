import { Readable } from 'node:stream';
import type { CliIo } from '../../../src/cli/io.js';

/** A {@link CliIo} that keeps what is written, for running commands in process. */
export interface MemoryIo extends CliIo {
  /** Everything written to stdout so far. */
  out(): string;
  /** Everything written to stderr so far. */
  err(): string;
}

/** Options of {@link memoryIo}. */
export interface MemoryIoOptions {
  /** What stdin yields. @defaultValue '' */
  readonly stdin?: string;
  /** Whether stdout claims to be a terminal. @defaultValue false */
  readonly tty?: boolean;
  /** @defaultValue {} */
  readonly env?: { readonly [name: string]: string | undefined };
  /** @defaultValue process.cwd() */
  readonly cwd?: string;
}

/**
 * Streams in memory for the CLI.
 *
 * @example
 * ```ts
 * const io = memoryIo({ stdin: text });
 * await runReplay('-', {}, io);
 * expect(io.out()).toContain('COMPLETE');
 * ```
 */
export function memoryIo(options: MemoryIoOptions = {}): MemoryIo {
  const out: string[] = [];
  const err: string[] = [];
  return {
    stdin: Readable.from([Buffer.from(options.stdin ?? '', 'utf8')]),
    stdout: { write: (chunk: string) => out.push(chunk), isTTY: options.tty ?? false },
    stderr: { write: (chunk: string) => err.push(chunk), isTTY: false },
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

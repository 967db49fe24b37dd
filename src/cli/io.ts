/**
 * The streams and environment a command runs with, injectable so tests
 * run commands in process without touching the real terminal.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';

/**
 * Where a command writes: `process.stdout`, `process.stderr` or a test double.
 *
 * @example
 * ```ts
 * const output: CliOutput = { write: (chunk) => chunks.push(chunk), isTTY: false };
 * ```
 */
export interface CliOutput {
  write(chunk: string): unknown;
  /** Whether the output is a terminal; colours are used only then. */
  readonly isTTY?: boolean;
}

/**
 * The streams and environment of one run of the command line.
 *
 * @example
 * ```ts
 * const io: CliIo = {
 *   stdin: Readable.from([text]),
 *   stdout: { write: (s) => out.push(s) },
 *   stderr: { write: (s) => err.push(s) },
 *   env: {},
 *   cwd: process.cwd(),
 * };
 * ```
 */
export interface CliIo {
  readonly stdin: AsyncIterable<string | Uint8Array>;
  readonly stdout: CliOutput;
  readonly stderr: CliOutput;
  /** Environment variables (`NO_COLOR`, `FORCE_COLOR`, ...). */
  readonly env: { readonly [name: string]: string | undefined };
  /** The directory relative file names are read from. */
  readonly cwd: string;
}

/**
 * The real process's streams and environment.
 *
 * @example
 * ```ts
 * process.exitCode = await runCli(process.argv.slice(2), processIo(), commands);
 * ```
 */
export function processIo(): CliIo {
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
  };
}

/**
 * Text read from a file or stdin, or why it could not be read.
 *
 * @example
 * ```ts
 * const source: SourceText = await readSource('-', io);
 * if (source.ok) handle(source.text);
 * ```
 */
export type SourceText =
  | { readonly ok: true; readonly text: string; readonly name: string }
  | { readonly ok: false; readonly message: string };

async function readStream(stream: AsyncIterable<string | Uint8Array>): Promise<string> {
  const decoder = new TextDecoder('utf-8');
  let text = '';
  for await (const chunk of stream) {
    text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  }
  return text + decoder.decode();
}

/**
 * Reads a whole file, or stdin when `source` is `-`, as UTF-8 text.
 *
 * The whole input is held in memory before it is replayed: recordings of
 * a few hundred megabytes are fine, larger JSON Lines files would need a
 * line-by-line reader, which JSON arrays and documents cannot use anyway.
 *
 * @example
 * ```ts
 * const source = await readSource('events.jsonl', io);
 * if (!source.ok) io.stderr.write(`${source.message}\n`);
 * ```
 */
export async function readSource(source: string, io: CliIo): Promise<SourceText> {
  if (source === '-') {
    try {
      return { ok: true, text: await readStream(io.stdin), name: 'stdin' };
    } catch (error) {
      return { ok: false, message: `Cannot read stdin: ${reasonOf(error)}` };
    }
  }
  try {
    return { ok: true, text: await readFile(resolve(io.cwd, source), 'utf8'), name: source };
  } catch (error) {
    return { ok: false, message: `Cannot read ${source}: ${reasonOf(error)}` };
  }
}

function reasonOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT') return 'no such file.';
    if (code === 'EISDIR') return 'it is a directory.';
    if (code === 'EACCES') return 'permission denied.';
  }
  return error instanceof Error ? error.message : String(error);
}

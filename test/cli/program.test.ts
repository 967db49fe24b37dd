import { describe, expect, it } from 'vitest';
import { replayCommand } from '../../src/cli/commands/replay.js';
import { runCli } from '../../src/cli/program.js';
import { memoryIo } from './helpers/memory-io.js';
import { SAMPLE_STREAM } from './helpers/streams.js';

const COMMANDS = [replayCommand];

describe('runCli', () => {
  it('runs replay and returns its exit code', async () => {
    const io = memoryIo();

    const code = await runCli(['replay', SAMPLE_STREAM], io, COMMANDS);

    expect(code).toBe(0);
    expect(io.out()).toContain('Read 14 lines');
  });

  it('passes --json through', async () => {
    const io = memoryIo();

    const code = await runCli(['replay', '--json', SAMPLE_STREAM], io, COMMANDS);

    expect(code).toBe(0);
    expect(() => JSON.parse(io.out()) as unknown).not.toThrow();
  });

  it('exits 2 when the file argument is missing', async () => {
    const io = memoryIo();

    const code = await runCli(['replay'], io, COMMANDS);

    expect(code).toBe(2);
    expect(io.err()).toContain("missing required argument 'file'");
  });

  it('exits 2 for an unknown command or option', async () => {
    const command = memoryIo();
    const option = memoryIo();

    const commandCode = await runCli(['rewind', 'x'], command, COMMANDS);
    const optionCode = await runCli(['replay', '--yaml', SAMPLE_STREAM], option, COMMANDS);

    expect(commandCode).toBe(2);
    expect(command.err()).toContain("unknown command 'rewind'");
    expect(optionCode).toBe(2);
    expect(option.err()).toContain("unknown option '--yaml'");
  });

  it('prints help with exit 0 when asked, and exit 2 when nothing is asked', async () => {
    const asked = memoryIo();
    const empty = memoryIo();

    const askedCode = await runCli(['replay', '--help'], asked, COMMANDS);
    const emptyCode = await runCli([], empty, COMMANDS);

    expect(askedCode).toBe(0);
    expect(asked.out()).toContain('Usage: mediaconvert-job-tracker replay [options] <file>');
    expect(asked.out()).toContain('Exit codes:');
    expect(emptyCode).toBe(2);
    expect(empty.err()).toContain('replay');
  });
});

import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/streams.js';

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the mediaconvert-job-tracker executable', () => {
  it('replays the example stream', () => {
    const result = cli('replay', 'examples/two-jobs.jsonl');

    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^1733238000123-a1b2c3 +COMPLETE /m);
    expect(result.stdout).toMatch(/^1733238011456-d4e5f6 +ERROR .*3450/m);
  });

  it('exits 2 for a file that does not exist', () => {
    const result = cli('replay', 'examples/no-such-file.jsonl');

    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Cannot read examples/no-such-file.jsonl: no such file.');
  });
});

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/streams.js';

const HIDE_SDK = fileURLToPath(new URL('./helpers/hide-sdk.mjs', import.meta.url));

function run(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, args, {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('watch and demo without the AWS SDK installed', () => {
  it.each([
    ['watch', ['watch', '1704067200000-abcdef', '--region', 'us-west-2']],
    ['demo', ['demo']],
  ])('%s says once that the SDK is needed, and exits 2', (_name, args) => {
    const result = run(['--import', 'tsx', '--import', HIDE_SDK, 'src/cli/main.ts', ...args]);

    expect(result.status).toBe(2);
    expect(result.stderr).toBe('This command needs the AWS SDK: npm install @aws-sdk/client-mediaconvert\n');
  });

  it('still replays without it', () => {
    const args = ['src/cli/main.ts', 'replay', 'examples/two-jobs.jsonl'];

    const result = run(['--import', 'tsx', '--import', HIDE_SDK, ...args]);

    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});

describe('--version', () => {
  const manifest = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { version: string };

  it('prints the version of package.json from the sources', () => {
    const long = run(['--import', 'tsx', 'src/cli/main.ts', '--version']);
    const short = run(['--import', 'tsx', 'src/cli/main.ts', '-V']);

    expect(long).toEqual({ status: 0, stdout: `${manifest.version}\n`, stderr: '' });
    expect(short).toEqual(long);
  });

  it('prints the same from a build of the command line, which lives elsewhere', () => {
    const outDir = `${ROOT}node_modules/.cache/mediaconvert-job-tracker-cli-build/dist`;
    const tsup = `${ROOT}node_modules/.bin/tsup`;
    const build = run([
      tsup, '--no-config', '--entry.cli', 'src/cli/main.ts', '--format', 'esm',
      '--target', 'node20', '--out-dir', outDir, '--silent',
    ]);

    const built = run([`${outDir}/cli.js`, '--version']);

    expect(build.status).toBe(0);
    expect(built).toEqual({ status: 0, stdout: `${manifest.version}\n`, stderr: '' });
  });
});

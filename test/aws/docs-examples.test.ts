/**
 * Runs every block marked `<!-- runnable -->` in docs/waiting.md and
 * docs/following-many-jobs.md as a script, with the package's imports
 * pointed at the sources, and checks that it ends well and prints what the
 * page says it prints.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const scratch = `${root}node_modules/.cache/mediaconvert-job-tracker-docs/`;

/** The runnable blocks of a page, with the package's imports pointed at `src/`. */
function runnableBlocks(page: string): string[] {
  const text = readFileSync(`${root}docs/${page}`, 'utf8');
  const blocks = [...text.matchAll(/<!-- runnable -->\n```ts\n([\s\S]*?)\n```/g)].map((m) => m[1] ?? '');
  return blocks.map((code) =>
    code
      .replaceAll("'mediaconvert-job-tracker/aws'", `'${root}src/aws/index.ts'`)
      .replaceAll("'mediaconvert-job-tracker/testing'", `'${root}src/testing/index.ts'`)
      .replaceAll("'mediaconvert-job-tracker'", `'${root}src/index.ts'`),
  );
}

async function runBlock(name: string, code: string): Promise<string> {
  mkdirSync(scratch, { recursive: true });
  // `.mts`: a module whatever the package scope of node_modules says.
  const file = `${scratch}${name}.mts`;
  writeFileSync(file, code);
  const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', file], {
    cwd: root,
    timeout: 30_000,
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', NO_COLOR: '1' },
  });
  expect(stderr).toBe('');
  return stdout;
}

describe('the runnable examples of the docs', () => {
  it('docs/waiting.md: both waiters and watchJob run against the emulator as shown', async () => {
    const blocks = runnableBlocks('waiting.md');

    const [wait, watch] = await Promise.all(blocks.map((code, i) => runBlock(`waiting-${i}`, code)));

    expect(blocks).toHaveLength(2);
    expect(wait).toMatch(/^SUCCESS - Job \S+ is COMPLETE\. \(\d+ GetJob calls\)$/m);
    expect(wait).toMatch(/^failed: ERROR 1040 Decoder: /m);
    expect(watch).toMatch(/^SUBMITTED\nPROGRESSING PROBING \?%\n/);
    expect(watch).toMatch(/^PROGRESSING TRANSCODING \d+%\n(PROGRESSING UPLOADING \d+%\n)*COMPLETE\n/m);
    expect(watch).toMatch(/^\d+ inputs changed nothing/m);
  });

  it('docs/following-many-jobs.md: the reconciler example prints the numbers on the page', async () => {
    const blocks = runnableBlocks('following-many-jobs.md');
    const page = readFileSync(`${root}docs/following-many-jobs.md`, 'utf8');

    const [output] = await Promise.all(blocks.map((code, i) => runBlock(`many-${i}`, code)));

    expect(blocks).toHaveLength(1);
    expect(page).toContain(output?.trim() ?? 'no output');
  });
});

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The sample stream: two jobs, one COMPLETE and one ERROR, with a duplicate and a late update. */
export const SAMPLE_STREAM = fileURLToPath(
  new URL('../../fixtures/streams/two-jobs.jsonl', import.meta.url),
);

/** The lines of the sample stream, without blank ones. */
export function sampleLines(): string[] {
  return readFileSync(SAMPLE_STREAM, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
}

/**
 * The sample's COMPLETE event as the documented sample writes its warning
 * code: `000000`, a number with leading zeros, which is not valid JSON.
 */
export function completeWithZeroWarningCode(): string {
  const complete = sampleLines()[completeIndex()];
  if (complete === undefined) throw new Error('The sample stream has no COMPLETE event.');
  const broken = complete.replace('"code":230004', '"code":000000');
  if (broken === complete) throw new Error('The COMPLETE event has no warning code 230004.');
  return broken;
}

/** The index of the sample's first `COMPLETE` event among its lines. */
export function completeIndex(): number {
  return sampleLines().findIndex((line) => {
    const event = JSON.parse(line) as { detail?: { status?: unknown } };
    return event.detail?.status === 'COMPLETE';
  });
}

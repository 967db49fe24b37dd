/**
 * The lines `watch` and `demo` end with: the outputs of a finished job, or
 * why it did not finish.
 */
import type { JobState } from '../../index.js';
import { errorText, outputText, warningsText } from '../render/describe.js';
import type { Style } from '../render/style.js';

/**
 * The closing lines for a settled job, each ending in a newline. Groups
 * whose paths are unknown (the API lists none) show their `destinations`.
 *
 * @example
 * ```ts
 * io.stdout.write(finalReport(state, createStyle(false)));
 * // Job 1704067200000-k6yh0f is COMPLETE.
 * //   HLS_GROUP s3://DOC-EXAMPLE-BUCKET/hls/lecture-07.m3u8
 * ```
 */
export function finalReport(
  state: JobState,
  style: Style,
  destinations: readonly (string | null)[] = [],
): string {
  const id = state.jobId ?? '?';
  const lines: string[] = [];
  if (state.status === 'COMPLETE') {
    lines.push(`Job ${id} is ${style.green('COMPLETE')}.`);
    if (state.outputs.length === 0) lines.push('  (the service listed no outputs)');
    state.outputs.forEach((group, i) => {
      const text = outputText(group);
      const destination = destinations[i] ?? null;
      const unknown = text.endsWith('(paths unknown)');
      lines.push(
        unknown && destination !== null
          ? `  ${group.type} -> ${destination} (file names not listed by the API)`
          : `  ${text}`,
      );
    });
  } else if (state.status === 'ERROR') {
    const error = errorText(state.error) || 'no error code or message';
    lines.push(`Job ${id} ended in ${style.red('ERROR')}: ${error}`);
  } else if (state.status === 'CANCELED') {
    lines.push(`Job ${id} was ${style.yellow('CANCELED')}.`);
  } else {
    lines.push(`Job ${id} is still ${state.status}.`);
  }
  const warnings = warningsText(state);
  if (warnings.length > 0) lines.push(`  warnings: ${warnings.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

/**
 * The exit codes of the `mediaconvert-job-tracker` command line.
 *
 * @example
 * ```ts
 * if (code === ExitCode.REJECTED) console.error('some lines were not understood');
 * ```
 */
export const ExitCode = {
  /** Every input was understood (inputs skipped on purpose count as understood). */
  OK: 0,
  /** At least one line or record was rejected as invalid; the others were still read. */
  REJECTED: 1,
  /** `watch`: the job ended `ERROR` or `CANCELED` (the same number as `REJECTED`). */
  JOB_FAILED: 1,
  /** The command line was wrong, or the input could not be read at all. */
  USAGE: 2,
  /** Something failed that should not have: a defect, reported with its stack. */
  INTERNAL: 3,
} as const;

/**
 * One of the codes of {@link ExitCode}.
 *
 * @example
 * ```ts
 * const code: ExitCode = report.counts.rejected > 0 ? ExitCode.REJECTED : ExitCode.OK;
 * ```
 */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

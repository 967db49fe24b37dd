/**
 * Limits and context for the input adapters. Options that make no sense (a
 * `maxDepth` of 0, a negative `observedAt`) are refused with a
 * `JobTrackerError` of code `INVALID_OPTIONS` naming the option.
 *
 * Every limit guards against hostile or broken input: a string longer than
 * `maxInputBytes` is refused before `JSON.parse` sees it, a single string field
 * longer than `maxStringLength` is refused with its path, and nesting deeper
 * than `maxDepth` is refused as `TOO_DEEP`.
 *
 * @example
 * ```ts
 * // A whole Lambda SQS batch read from a file can exceed 256 KiB.
 * const items = parseInputs(fileText, { maxInputBytes: 6 * 1024 * 1024 });
 * ```
 */
export interface ParseOptions {
  /**
   * The longest JSON text (a string, a body, a message or bytes) accepted, in
   * UTF-8 bytes. Longer text is refused with `INPUT_TOO_LARGE` and never parsed.
   * Objects handed over as they are keep to the same bound: an array with
   * more elements, or an object with more keys, than JSON text of this size
   * could hold (half as many as its bytes) is refused with `INPUT_TOO_LARGE`
   * rather than walked.
   *
   * @defaultValue `262144` (256 KiB, EventBridge's own limit for one event)
   */
  readonly maxInputBytes?: number;
  /**
   * The longest single string field accepted (`errorMessage`, a metadata
   * value, a path), in UTF-16 code units.
   *
   * @defaultValue `65536` (64 KiB)
   */
  readonly maxStringLength?: number;
  /**
   * The deepest nesting of objects, arrays and JSON-in-string wrappers the
   * adapters walk. Fields the adapters neither read nor pass through are
   * never walked, so nesting there is not counted.
   *
   * @defaultValue `32`
   */
  readonly maxDepth?: number;
  /**
   * When the API response was received (epoch milliseconds or a `Date`): it
   * becomes the `timestamp` of every `API_SNAPSHOT`, rounded to a whole
   * millisecond like every time of an input. Without it the snapshot
   * is dated by the newest time the job itself proves (finish, start,
   * submission, creation, last queue transition). Events ignore it.
   *
   * @defaultValue `undefined` (date snapshots by the job's own times)
   */
  readonly observedAt?: number | Date;
}

/**
 * The default limits of {@link ParseOptions}.
 *
 * @example
 * ```ts
 * parseInputs(body, { maxInputBytes: DEFAULT_PARSE_LIMITS.maxInputBytes * 4 });
 * ```
 */
export const DEFAULT_PARSE_LIMITS = {
  maxInputBytes: 262_144,
  maxStringLength: 65_536,
  maxDepth: 32,
} as const;

import { ErrorCode, JobTrackerError } from '../../errors.js';
import { DEFAULT_PARSE_LIMITS, type ParseOptions } from '../options.js';
import { reasonOf } from './guard.js';

/** The deepest `maxDepth` accepted: the walkers recurse once per level. */
export const MAX_DEPTH_LIMIT = 1_000;

/** Which top-level shapes a parse accepts. */
export type ParseMode = 'any' | 'event' | 'api';

/** Options resolved and validated once per call. Internal. */
export interface ParseContext {
  readonly maxInputBytes: number;
  readonly maxStringLength: number;
  readonly maxDepth: number;
  /**
   * The most elements an array, or keys an object, handed over by the caller
   * may have: as many as JSON text of `maxInputBytes` could hold.
   */
  readonly maxItems: number;
  readonly observedAt: number | null;
  readonly mode: ParseMode;
}

function context(
  maxInputBytes: number,
  maxStringLength: number,
  maxDepth: number,
  observedAt: number | null,
  mode: ParseMode,
): ParseContext {
  const maxItems = Math.floor(maxInputBytes / 2);
  return { maxInputBytes, maxStringLength, maxDepth, maxItems, observedAt, mode };
}

function defaults(mode: ParseMode): ParseContext {
  const d = DEFAULT_PARSE_LIMITS;
  return Object.freeze(context(d.maxInputBytes, d.maxStringLength, d.maxDepth, null, mode));
}

const DEFAULT_CONTEXTS: { readonly [M in ParseMode]: ParseContext } = {
  any: defaults('any'),
  event: defaults('event'),
  api: defaults('api'),
};

/**
 * The context of the default options, for readers of values that come with
 * no options of their own (normalised inputs handed to a tracker). Internal.
 */
export const DEFAULT_PARSE_CONTEXT: ParseContext = DEFAULT_CONTEXTS.any;

function invalidOption(path: string, message: string, cause?: unknown): JobTrackerError {
  return new JobTrackerError(ErrorCode.INVALID_OPTIONS, message, { path, cause });
}

function limit(value: unknown, path: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw invalidOption(path, `Expected an integer from 1 to ${max} at ${path}.`);
  }
  return value;
}

/** Epoch milliseconds from a `Date` or a number; fractions are rounded. */
function observedAt(value: unknown, path: string): number | null {
  if (value === undefined) return null;
  let ms = value;
  if (typeof value === 'object' && value !== null) {
    try {
      ms = value instanceof Date ? value.getTime() : value;
    } catch (cause) {
      const reason = reasonOf(cause);
      throw invalidOption(path, `The value at ${path} could not be read: ${reason}`, cause);
    }
  }
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
    throw invalidOption(
      path,
      `Expected a valid Date or non-negative epoch milliseconds at ${path}.`,
    );
  }
  return Math.round(ms);
}

/** Reads `options[key]`, where a throwing getter or Proxy gives `INVALID_OPTIONS`. */
function option(options: object, key: keyof ParseOptions, path: string): unknown {
  try {
    return (options as { readonly [k: string]: unknown })[key];
  } catch (cause) {
    const at = `${path}.${key}`;
    throw invalidOption(at, `The option ${at} could not be read: ${reasonOf(cause)}`, cause);
  }
}

/**
 * Validates parse options and merges the defaults. Internal: the public
 * parsers call it, and trackers and fleets check their `parse` option with it.
 *
 * @param path - Where the options are, for errors (`options`, `options.parse`).
 * @throws JobTrackerError with code `INVALID_OPTIONS` and the option's path,
 *   e.g. `options.parse.maxDepth`. Bad options are the caller's mistake, not
 *   bad input, so they are never a {@link JobInputError}.
 */
export function resolveParseOptions(
  options: ParseOptions | undefined,
  mode: ParseMode,
  path = 'options',
): ParseContext {
  if (options === undefined) return DEFAULT_CONTEXTS[mode];
  const value: unknown = options;
  let isArray = false;
  try {
    isArray = Array.isArray(value);
  } catch (cause) {
    const reason = reasonOf(cause);
    throw invalidOption(path, `The options at ${path} could not be read: ${reason}`, cause);
  }
  if (typeof value !== 'object' || value === null || isArray) {
    throw invalidOption(path, `Expected an options object at ${path}.`);
  }
  const d = DEFAULT_PARSE_LIMITS;
  const big = Number.MAX_SAFE_INTEGER;
  const at = (key: keyof ParseOptions): string => `${path}.${key}`;
  return context(
    limit(option(value, 'maxInputBytes', path), at('maxInputBytes'), d.maxInputBytes, big),
    limit(option(value, 'maxStringLength', path), at('maxStringLength'), d.maxStringLength, big),
    limit(option(value, 'maxDepth', path), at('maxDepth'), d.maxDepth, MAX_DEPTH_LIMIT),
    observedAt(option(value, 'observedAt', path), at('observedAt')),
    mode,
  );
}

/**
 * Checks parse options without parsing anything, so a tracker or fleet can
 * refuse bad `parse` options when it is created rather than at its first
 * `ingest`.
 *
 * @param path - Where the options are, e.g. `options.parse`.
 * @throws JobTrackerError `INVALID_OPTIONS` with the option's path.
 * @example
 * ```ts
 * checkParseOptions(options.parse, 'options.parse');
 * ```
 */
export function checkParseOptions(options: unknown, path = 'options'): void {
  resolveParseOptions(options as ParseOptions | undefined, 'any', path);
}

import { ErrorCode, JobInputError } from '../../errors.js';
import { DEFAULT_PARSE_LIMITS, type ParseOptions } from '../options.js';

/** The deepest `maxDepth` accepted: the walkers recurse once per level. */
const MAX_DEPTH_LIMIT = 1_000;

/** Which top-level shapes a parse accepts. */
export type ParseMode = 'any' | 'event' | 'api';

/** Options resolved and validated once per call. Internal. */
export interface ParseContext {
  readonly maxInputBytes: number;
  readonly maxStringLength: number;
  readonly maxDepth: number;
  readonly observedAt: number | null;
  readonly mode: ParseMode;
}

function defaults(mode: ParseMode): ParseContext {
  return Object.freeze({ ...DEFAULT_PARSE_LIMITS, observedAt: null, mode });
}

const DEFAULT_CONTEXTS: { readonly [M in ParseMode]: ParseContext } = {
  any: defaults('any'),
  event: defaults('event'),
  api: defaults('api'),
};

function invalidOption(name: string, expected: string): JobInputError {
  const path = `options.${name}`;
  return new JobInputError(ErrorCode.INVALID_OPTIONS, `Expected ${expected} at ${path}.`, {
    path,
  });
}

function limit(value: unknown, name: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw invalidOption(name, `an integer from 1 to ${max}`);
  }
  return value;
}

function observedAt(value: unknown): number | null {
  if (value === undefined) return null;
  const ms = value instanceof Date ? value.getTime() : value;
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
    throw invalidOption('observedAt', 'a valid Date or non-negative epoch milliseconds');
  }
  return ms;
}

/**
 * Validates `options` and merges the defaults. Internal: the public parsers call it.
 *
 * @throws JobInputError with code `INVALID_OPTIONS` and the option's path.
 */
export function resolveParseOptions(
  options: ParseOptions | undefined,
  mode: ParseMode,
): ParseContext {
  if (options === undefined) return DEFAULT_CONTEXTS[mode];
  if (typeof options !== 'object' || options === null) {
    throw new JobInputError(ErrorCode.INVALID_OPTIONS, 'Expected an options object.', {
      path: 'options',
    });
  }
  const d = DEFAULT_PARSE_LIMITS;
  const big = Number.MAX_SAFE_INTEGER;
  return {
    maxInputBytes: limit(options.maxInputBytes, 'maxInputBytes', d.maxInputBytes, big),
    maxStringLength: limit(options.maxStringLength, 'maxStringLength', d.maxStringLength, big),
    maxDepth: limit(options.maxDepth, 'maxDepth', d.maxDepth, MAX_DEPTH_LIMIT),
    observedAt: observedAt(options.observedAt),
    mode,
  };
}

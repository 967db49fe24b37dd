/**
 * How many runs each property gets: a base count times the environment's
 * `PROPERTY_RUNS_MULTIPLIER` (default 1), so `npm run test:properties:thorough`
 * runs the same suite a hundred times harder.
 */
function multiplier(): number {
  const raw = process.env['PROPERTY_RUNS_MULTIPLIER'];
  if (raw === undefined || raw.trim() === '') return 1;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`PROPERTY_RUNS_MULTIPLIER must be a positive number, got "${raw}".`);
  }
  return value;
}

const MULTIPLIER = multiplier();

/** `base` runs times the multiplier, at least one. */
export function runs(base: number): number {
  return Math.max(1, Math.round(base * MULTIPLIER));
}

/** A timeout that grows with the multiplier, for `it(name, fn, timeout(ms))`. */
export function timeout(ms: number): number {
  return Math.round(ms * Math.max(1, MULTIPLIER));
}

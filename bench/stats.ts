/**
 * Small statistics and formatting helpers of the benchmark.
 */

/**
 * The median of a non-empty list of numbers.
 *
 * @example
 * ```ts
 * median([3, 1, 2]); // 2
 * ```
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median() needs at least one value.');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? 0) + upper) / 2;
}

/**
 * The spread of a list around its median, as `min-max`.
 *
 * @example
 * ```ts
 * range([3, 1, 2], (n) => n.toFixed(0)); // '1-3'
 * ```
 */
export function range(values: readonly number[], format: (n: number) => string): string {
  return `${format(Math.min(...values))}-${format(Math.max(...values))}`;
}

/**
 * Rounds to a number of decimals, for the JSON line.
 *
 * @example
 * ```ts
 * round(1.23456, 2); // 1.23
 * ```
 */
export function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

/**
 * A whole number with thousands separators.
 *
 * @example
 * ```ts
 * grouped(1234567); // '1,234,567'
 * ```
 */
export function grouped(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/**
 * Runs the garbage collector to a steady heap. Needs `node --expose-gc`.
 *
 * @throws Error when the collector is not exposed.
 * @example
 * ```ts
 * collectGarbage();
 * const before = process.memoryUsage().heapUsed;
 * ```
 */
export function collectGarbage(): void {
  const gc: unknown = (globalThis as { gc?: unknown }).gc;
  if (typeof gc !== 'function') {
    throw new Error('The garbage collector is not exposed: run node with --expose-gc.');
  }
  // Several passes: weak references and finalisers free more on later ones.
  for (let i = 0; i < 4; i++) (gc as () => void)();
}

/**
 * A small seeded random number generator, so every run of the benchmark
 * feeds the library exactly the same data.
 */

/** A source of numbers in [0, 1) and helpers built on it. */
export interface Random {
  /** The next number in [0, 1). */
  next(): number;
  /** A whole number from `min` to `max`, both included. */
  int(min: number, max: number): number;
  /** Whether an event of probability `p` happens. */
  chance(p: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(list: readonly T[]): T;
  /** A random version 4 UUID, as EventBridge event ids are. */
  uuid(): string;
}

const HEX = '0123456789abcdef';

/**
 * Creates a seeded generator (mulberry32).
 *
 * @example
 * ```ts
 * const random = createRandom(42);
 * random.int(1, 6); // the same value on every run
 * ```
 */
export function createRandom(seed: number): Random {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const hex = (n: number): string => {
    let out = '';
    for (let i = 0; i < n; i++) out += HEX[Math.floor(next() * 16)] ?? '0';
    return out;
  };
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: <T>(list: readonly T[]): T => {
      const item = list[Math.floor(next() * list.length)];
      if (item === undefined) throw new Error('pick() needs a non-empty list.');
      return item;
    },
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${HEX[8 + int(0, 3)] ?? '8'}${hex(3)}-${hex(12)}`,
  };
}

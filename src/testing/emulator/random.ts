/**
 * A small seeded pseudo-random source (sfc32 seeded through a string hash),
 * so that every plan, id and fault the emulator draws can be replayed from
 * one seed.
 */

/**
 * A seed: any number or string; equal seeds give equal sequences.
 *
 * @example
 * ```ts
 * startMediaConvertEmulator({ seed: 'checkout-test' });
 * ```
 */
export type Seed = number | string;

/**
 * A deterministic stream of random values.
 *
 * @example
 * ```ts
 * const random = createRandom(42);
 * random.int(1, 6); // the same die roll on every run
 * ```
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** A float in [min, max). */
  float(min: number, max: number): number;
  /** `true` with probability `p` (0 to 1). */
  chance(p: number): boolean;
  /** One element of a non-empty list. */
  pick<T extends readonly [unknown, ...unknown[]]>(items: T): T[number];
  /** A version 4 UUID built from this stream. */
  uuid(): string;
  /** `length` lowercase base-36 characters. */
  token(length: number): string;
  /** An independent stream derived from this stream's seed and `label`. */
  fork(label: string): Random;
}

/** Hashes a string into four 32-bit words (cyrb128). */
function hash128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}

const HEX = '0123456789abcdef';
const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * Creates a {@link Random} stream from a seed.
 *
 * @example
 * ```ts
 * const a = createRandom('demo').fork('delivery');
 * const b = createRandom('demo').fork('delivery');
 * a.next() === b.next(); // true
 * ```
 */
export function createRandom(seed: Seed): Random {
  const key = String(seed);
  let [a, b, c, d] = hash128(key);

  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // Discard the first outputs: sfc32 mixes poorly right after seeding.
  for (let i = 0; i < 12; i++) next();

  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));

  const random: Random = {
    next,
    int,
    float: (min, max) => min + next() * (max - min),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)] ?? items[0],
    uuid: () => {
      let out = '';
      for (let i = 0; i < 32; i++) {
        let digit = int(0, 15);
        if (i === 12) digit = 4;
        if (i === 16) digit = 8 + (digit % 4);
        out += HEX[digit];
        if (i === 7 || i === 11 || i === 15 || i === 19) out += '-';
      }
      return out;
    },
    token: (length) => {
      let out = '';
      for (let i = 0; i < length; i++) out += BASE36[int(0, 35)];
      return out;
    },
    fork: (label) => createRandom(`${key}/${label}`),
  };
  return random;
}

/**
 * Deterministic identifiers for generated histories: event ids, message ids,
 * request ids. They are drawn from a small seeded generator rather than from
 * fast-check, so that shrinking a history never makes two events share an id.
 *
 * @internal
 */

/** A seeded source of 32-bit words (mulberry32). */
export interface Words {
  next(): number;
}

/** FNV-1a over a string, for mixing text into a seed. */
function hashText(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** A word source seeded by a number and any texts (a job id, a purpose). */
export function createWords(seed: number, ...texts: readonly string[]): Words {
  let state = seed >>> 0;
  for (const text of texts) state = hashText(text, state);
  return {
    next() {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return (t ^ (t >>> 14)) >>> 0;
    },
  };
}

/** `n` lowercase hex digits. */
export function hex(words: Words, n: number): string {
  let out = '';
  while (out.length < n) out += words.next().toString(16).padStart(8, '0');
  return out.slice(0, n);
}

/** A version 4 UUID, e.g. `6a7e1b2c-1f0d-4e3a-9b1c-2d3e4f5a6b7c`. */
export function uuid(words: Words): string {
  const h = hex(words, 32);
  const variant = ((parseInt(h.charAt(16), 16) & 0x3) | 0x8).toString(16);
  const groups = [h.slice(0, 8), h.slice(8, 12), `4${h.slice(13, 16)}`, `${variant}${h.slice(17, 20)}`];
  return `${groups.join('-')}-${h.slice(20, 32)}`;
}

/** Text of `n` characters drawn from `alphabet`. */
export function text(words: Words, alphabet: string, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet.charAt(words.next() % alphabet.length);
  return out;
}

/**
 * Hands out UUIDs that are unique within one history, whatever the seed.
 */
export function uniqueUuids(words: Words): () => string {
  const seen = new Set<string>();
  return () => {
    let id = uuid(words);
    while (seen.has(id)) id = uuid(words);
    seen.add(id);
    return id;
  };
}

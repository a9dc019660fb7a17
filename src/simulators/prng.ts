/**
 * A small seeded PRNG (mulberry32) so seeds and fault decisions are the same on every run:
 * tests can pin exact ids, and an error rate of 0.3 fails the same requests each time.
 */

/** Deterministic random source. */
export interface Prng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** `length` characters drawn from `alphabet`. */
  chars(length: number, alphabet: string): string;
}

/** Letters and digits, the alphabet of IoTaaP tokens and random names. */
export const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Lower-case hex digits. */
export const HEX = '0123456789abcdef';

/** A PRNG from a numeric seed, or from a string hashed with FNV-1a (e.g. the simulator's name). */
export function createPrng(seed: number | string): Prng {
  let state = (typeof seed === 'string' ? fnv1a(seed) : seed) >>> 0;
  const next = (): number => {
    // mulberry32: 32-bit state, good enough spread for test data, not for secrets.
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: (items) => items[int(0, items.length - 1)],
    chars: (length, alphabet) => Array.from({ length }, () => alphabet[int(0, alphabet.length - 1)]).join(''),
  };
}

// Private:

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * The creature generator's randomness. Both functions are frozen: every creature ever hatched is
 * drawn from them, so changing a single constant here would redraw every creature (the snapshot
 * test in `generator.test.ts` fails if that happens). Written here rather than imported so no
 * dependency upgrade can change them.
 *
 * - `hash64`: FNV-1a over UTF-16 code units, twice with different offsets, each finished with
 *   MurmurHash3's fmix32 avalanche; two 32-bit words.
 * - `createRandom`: SFC32 (Chris Doty-Humphrey's Small Fast Counting generator, 32-bit variant),
 *   seeded with two 32-bit words and warmed up for 16 rounds. Passes PractRand far beyond what a
 *   creature needs and uses only 32-bit integer operations, so it gives the same numbers in every
 *   JavaScript engine.
 */

function fmix32(h: number): number {
  let x = h >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

function fnv1a(text: string, offset: number): number {
  let h = offset >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function hash64(text: string): [number, number] {
  return [fmix32(fnv1a(text, 0x811c9dc5)), fmix32(fnv1a(text, 0x2f9be7a1) ^ 0x9e3779b9)];
}

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** An integer in [min, max], both inclusive. */
  between(min: number, max: number): number;
  /** True with probability `p`. Always draws once, whatever `p` is. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by integer weights: `[[value, weight], ...]`. Always draws once. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
}

/** SFC32 (see above). A class so that making one per creature allocates no closures. */
class Sfc32 implements Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(words: readonly [number, number]) {
    this.a = words[0] >>> 0;
    this.b = words[1] >>> 0;
    this.c = (words[0] ^ 0x9e3779b9) >>> 0;
    this.d = 1;
    for (let i = 0; i < 16; i++) this.next();
  }

  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of entries) total += w;
    let roll = this.int(total);
    for (const [value, w] of entries) {
      if (roll < w) return value;
      roll -= w;
    }
    return entries[entries.length - 1]![0];
  }
}

export function createRandom(words: readonly [number, number]): Random {
  return new Sfc32(words);
}

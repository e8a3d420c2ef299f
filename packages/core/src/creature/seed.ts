import { z } from 'zod';
import { hash64 } from './random';

/**
 * A creature seed: a format tag and 64 bits, e.g. `c1-3f9a0b7c2d4e6f81`. The tag names the
 * generator version that draws it; a seed keeps its tag forever, so a later generator (c2) can
 * exist beside this one without redrawing anyone. Unknown tags are refused, never guessed at.
 */
export const SEED_FORMATS = ['c1'] as const;
export type SeedFormat = (typeof SEED_FORMATS)[number];

const C1 = /^c1-[0-9a-f]{16}$/;
const TAGGED = /^([a-z][a-z0-9]{0,7})-/;
export const SEED_EXAMPLE = 'c1-3f9a0b7c2d4e6f81';

export type SeedCheck =
  | { ok: true; seed: string; format: SeedFormat }
  | { ok: false; message: string };

/** Checks a seed and explains what is wrong with it. Case and surrounding spaces are forgiven. */
export function checkSeed(input: string): SeedCheck {
  const seed = input.trim().toLowerCase();
  if (seed === '') return { ok: false, message: 'A creature seed is required' };
  if (C1.test(seed)) return { ok: true, seed, format: 'c1' };
  const tag = TAGGED.exec(seed)?.[1];
  if (tag === 'c1') {
    return {
      ok: false,
      message: `A c1 seed is "c1-" and 16 hex digits (0-9, a-f), e.g. ${SEED_EXAMPLE}`,
    };
  }
  if (tag) {
    return {
      ok: false,
      message: `Unknown creature seed format "${tag}": this version knows ${SEED_FORMATS.join(', ')} (e.g. ${SEED_EXAMPLE})`,
    };
  }
  return {
    ok: false,
    message: `Unknown creature seed format: expected "c1-" and 16 hex digits, e.g. ${SEED_EXAMPLE}`,
  };
}

export const creatureSeedSchema = z
  .string({ error: 'A creature seed is required' })
  .max(64, `A creature seed looks like ${SEED_EXAMPLE}`)
  .transform((value, ctx) => {
    const check = checkSeed(value);
    if (!check.ok) {
      ctx.addIssue({ code: 'custom', message: check.message });
      return z.NEVER;
    }
    return check.seed;
  });

export function isCreatureSeed(value: string): boolean {
  return checkSeed(value).ok;
}

function hex8(word: number): string {
  return (word >>> 0).toString(16).padStart(8, '0');
}

/** A seed from 8 random bytes (the service draws them with `crypto.getRandomValues`). */
export function seedFromBytes(bytes: Uint8Array): string {
  if (bytes.length < 8) throw new RangeError('A creature seed needs 8 random bytes');
  let out = 'c1-';
  for (let i = 0; i < 8; i++) out += bytes[i]!.toString(16).padStart(2, '0');
  return out;
}

/** A seed derived from any text (tests, benchmarks, deriving eggs): the same text, the same seed. */
export function seedFromText(text: string): string {
  const [a, b] = hash64(text);
  return `c1-${hex8(a)}${hex8(b)}`;
}

/** The two 32-bit words of a valid c1 seed (the generator's starting state). */
export function seedWords(seed: string): [number, number] {
  return [Number.parseInt(seed.slice(3, 11), 16), Number.parseInt(seed.slice(11, 19), 16)];
}

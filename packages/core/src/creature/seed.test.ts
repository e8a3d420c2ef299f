import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSeed, creatureSeedSchema, seedFromBytes, seedFromText, seedWords } from './seed';

describe('creature seeds', () => {
  it('accept the c1 format, forgiving case and spaces', () => {
    expect(checkSeed(' C1-3F9A0B7C2D4E6F81 ')).toEqual({
      ok: true,
      seed: 'c1-3f9a0b7c2d4e6f81',
      format: 'c1',
    });
    expect(creatureSeedSchema.parse('c1-0000000000000000')).toBe('c1-0000000000000000');
  });

  it('refuse unknown formats and malformed seeds with a message that says what a seed looks like', () => {
    const message = (input: unknown) => {
      const r = creatureSeedSchema.safeParse(input);
      expect(r.success).toBe(false);
      return r.error?.issues[0]?.message;
    };
    expect(message('c2-3f9a0b7c2d4e6f81')).toBe(
      'Unknown creature seed format "c2": this version knows c1 (e.g. c1-3f9a0b7c2d4e6f81)',
    );
    expect(message('c1-3f9a')).toBe(
      'A c1 seed is "c1-" and 16 hex digits (0-9, a-f), e.g. c1-3f9a0b7c2d4e6f81',
    );
    expect(message('c1-3f9a0b7c2d4e6g81')).toMatch(/^A c1 seed is/);
    expect(message('3f9a0b7c2d4e6f81')).toBe(
      'Unknown creature seed format: expected "c1-" and 16 hex digits, e.g. c1-3f9a0b7c2d4e6f81',
    );
    expect(message('')).toBe('A creature seed is required');
    expect(message(42)).toBe('A creature seed is required');
    expect(message('c1-'.padEnd(10_000, 'a'))).toBe(
      'A creature seed looks like c1-3f9a0b7c2d4e6f81',
    );
  });

  it('refuse anything that is not exactly a seed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const ok = /^c1-[0-9a-f]{16}$/.test(s.trim().toLowerCase());
        expect(checkSeed(s).ok).toBe(ok);
      }),
    );
  });

  it('come from 8 random bytes or from any text, always valid and round-tripping', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 8, maxLength: 8 }), fc.string(), (bytes, text) => {
        const a = seedFromBytes(bytes);
        expect(checkSeed(a)).toMatchObject({ ok: true, seed: a });
        const [w1, w2] = seedWords(a);
        expect(
          seedFromBytes(
            new Uint8Array([
              w1 >>> 24,
              (w1 >>> 16) & 255,
              (w1 >>> 8) & 255,
              w1 & 255,
              w2 >>> 24,
              (w2 >>> 16) & 255,
              (w2 >>> 8) & 255,
              w2 & 255,
            ]),
          ),
        ).toBe(a);
        const b = seedFromText(text);
        expect(checkSeed(b).ok).toBe(true);
        expect(seedFromText(text)).toBe(b);
      }),
    );
    expect(() => seedFromBytes(new Uint8Array(4))).toThrow(RangeError);
  });

  it('derive from text the same way forever', () => {
    expect(seedFromText('')).toBe('c1-ab3e7c0bc7f44ceb');
    expect(seedFromText('hello')).toBe(seedFromText('hello'));
    expect(seedFromText('snapshot-0')).toBe('c1-2d8c93ec05033efb');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import { assertEggChoice, EGG_CHOICES, eggChoices } from './eggs';
import { drawGenome } from './generator';
import { checkSeed, seedFromBytes } from './seed';

const seedArb = fc.uint8Array({ minLength: 8, maxLength: 8 }).map(seedFromBytes);

describe('egg choices', () => {
  it('are three different valid seeds, the same every time, usually of three species', () => {
    let threeSpecies = 0;
    fc.assert(
      fc.property(seedArb, (parent) => {
        const eggs = eggChoices(parent);
        expect(eggs).toHaveLength(EGG_CHOICES);
        expect(new Set(eggs).size).toBe(EGG_CHOICES);
        for (const e of eggs) expect(checkSeed(e).ok).toBe(true);
        expect(eggChoices(parent.toUpperCase())).toEqual(eggs);
        if (new Set(eggs.map((e) => drawGenome(e).species)).size === 3) threeSpecies++;
      }),
      { numRuns: 100 },
    );
    expect(threeSpecies).toBeGreaterThanOrEqual(95);
  });

  it('accept a hatch only of an egg offered', () => {
    fc.assert(
      fc.property(seedArb, seedArb, (parent, other) => {
        const eggs = eggChoices(parent);
        for (const e of eggs) expect(assertEggChoice(parent, ` ${e.toUpperCase()} `)).toBe(e);
        if (!eggs.includes(other)) {
          expect(() => assertEggChoice(parent, other)).toThrowError(
            'That egg is not one of the three offered to you',
          );
        }
      }),
      { numRuns: 50 },
    );
  });

  it('refuse a malformed seed as bad input', () => {
    try {
      assertEggChoice('c1-0000000000000000', 'c9-1234');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('BAD_REQUEST');
      expect((e as DomainError).fieldErrors).toEqual({
        seed: [expect.stringContaining('Unknown creature seed format "c9"')],
      });
    }
    expect(() => eggChoices('nope')).toThrow(DomainError);
  });
});

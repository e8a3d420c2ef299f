import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyMultiplier,
  composeMultipliers,
  formatMultiplier,
  makeAward,
  XP_BASE_MAX,
  XP_MULTIPLIER_MAX,
  XP_SOURCES,
  xpAwardSchema,
} from './award';

const base = fc.integer({ min: 0, max: XP_BASE_MAX });
const multiplier = fc.integer({ min: 100, max: XP_MULTIPLIER_MAX });

describe('applyMultiplier', () => {
  it('is an integer between base and base × 10, and exact for whole multiples', () => {
    fc.assert(
      fc.property(base, multiplier, (b, m) => {
        const amount = applyMultiplier(b, m);
        expect(Number.isInteger(amount)).toBe(true);
        expect(amount).toBeGreaterThanOrEqual(b);
        expect(amount).toBeLessThanOrEqual(b * 10);
        if (m % 100 === 0) expect(amount).toBe((b * m) / 100);
      }),
    );
  });

  it('is monotone in base and in multiplier', () => {
    fc.assert(
      fc.property(base, base, multiplier, multiplier, (b1, b2, m1, m2) => {
        const [lb, hb] = b1 <= b2 ? [b1, b2] : [b2, b1];
        const [lm, hm] = m1 <= m2 ? [m1, m2] : [m2, m1];
        expect(applyMultiplier(lb, lm)).toBeLessThanOrEqual(applyMultiplier(hb, hm));
      }),
    );
  });

  it('rounds half up', () => {
    expect(applyMultiplier(25, 110)).toBe(28); // 27.5
    expect(applyMultiplier(24, 110)).toBe(26); // 26.4
    expect(applyMultiplier(10, 105)).toBe(11); // 10.5
  });

  it('never lowers XP, whatever it is given', () => {
    expect(applyMultiplier(40, 50)).toBe(40);
    expect(applyMultiplier(40, Number.NaN)).toBe(40);
    expect(applyMultiplier(-5, 200)).toBe(0);
    expect(applyMultiplier(40, 5_000)).toBe(400);
  });
});

describe('composeMultipliers', () => {
  it('multiplies: a 10% boost during double XP is ×2.20', () => {
    expect(composeMultipliers(110, 200)).toBe(220);
    expect(composeMultipliers()).toBe(100);
    expect(composeMultipliers(105)).toBe(105);
  });

  it('stays within ×1..×10 and never goes below any part', () => {
    fc.assert(
      fc.property(fc.array(multiplier, { maxLength: 5 }), (ms) => {
        const m = composeMultipliers(...ms);
        expect(m).toBeGreaterThanOrEqual(100);
        expect(m).toBeLessThanOrEqual(XP_MULTIPLIER_MAX);
        for (const part of ms) expect(m).toBeGreaterThanOrEqual(part);
      }),
    );
  });
});

describe('formatMultiplier', () => {
  it('shows two decimals, nothing for ×1', () => {
    expect(formatMultiplier(100)).toBe('');
    expect(formatMultiplier(105)).toBe('×1.05');
    expect(formatMultiplier(220)).toBe('×2.20');
  });
});

describe('makeAward', () => {
  it('always builds a valid row whose amount follows from base and multiplier', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...XP_SOURCES),
        fc.uuid(),
        fc.integer({ min: -10, max: XP_BASE_MAX + 10 }),
        fc.integer({ min: 0, max: 2_000 }),
        fc.string({ minLength: 1, maxLength: 400 }).filter((s) => s.trim().length > 0),
        (source, sourceId, b, m, reason) => {
          const award = makeAward({ source, sourceId, base: b, multiplier: m, reason });
          expect(xpAwardSchema.parse(award)).toEqual(award);
          expect(award.amount).toBe(applyMultiplier(award.base, award.multiplier));
        },
      ),
    );
  });
});

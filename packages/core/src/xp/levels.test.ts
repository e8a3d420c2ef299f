import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LEVEL_MAX, levelForXp, levelProgress, xpForLevel, xpToAdvance, xpToNext } from './levels';

const level = fc.integer({ min: 1, max: LEVEL_MAX - 1 });
const total = fc.integer({ min: 0, max: xpForLevel(LEVEL_MAX) + 1_000_000 });

describe('the level curve', () => {
  it('is strictly increasing, and each step costs more than the one before', () => {
    fc.assert(
      fc.property(level, (l) => {
        expect(xpForLevel(l + 1)).toBeGreaterThan(xpForLevel(l));
        if (l < LEVEL_MAX - 1) expect(xpToAdvance(l + 1)).toBeGreaterThan(xpToAdvance(l));
        expect(xpForLevel(l + 1) - xpForLevel(l)).toBe(xpToAdvance(l));
      }),
    );
    for (let l = 1; l < LEVEL_MAX; l++) expect(xpForLevel(l + 1)).toBeGreaterThan(xpForLevel(l));
  });

  it('is quick at first: two tasks hatch the egg, a week or so reaches level 6', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(xpForLevel)).toEqual([
      0, 40, 110, 200, 320, 480, 670, 900, 1180, 1500,
    ]);
    // Adult (level 12) in about three weeks of 100 XP a day; elder (25) in about four months.
    expect(xpForLevel(12)).toBe(2_290);
    expect(xpForLevel(25)).toBe(13_810);
    expect(xpToAdvance(20)).toBe(1_020);
    expect(xpToAdvance(50)).toBe(4_770);
  });

  it('finds the level of any total: level L holds totals from xpForLevel(L) up to the next', () => {
    fc.assert(
      fc.property(total, (xp) => {
        const l = levelForXp(xp);
        expect(xpForLevel(l)).toBeLessThanOrEqual(xp);
        if (l < LEVEL_MAX) expect(xp).toBeLessThan(xpForLevel(l + 1));
      }),
    );
  });

  it('never goes down as XP goes up', () => {
    fc.assert(
      fc.property(total, total, (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(levelForXp(lo)).toBeLessThanOrEqual(levelForXp(hi));
      }),
    );
  });

  it('reports progress through the level as a fraction in [0, 1)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: xpForLevel(LEVEL_MAX) - 1 }), (xp) => {
        const p = levelProgress(xp);
        expect(p.fraction).toBeGreaterThanOrEqual(0);
        expect(p.fraction).toBeLessThan(1);
        expect(p.xpIntoLevel + p.xpToNext).toBe(xpToAdvance(p.level));
        expect(p.levelStartXp + p.xpIntoLevel).toBe(xp);
        expect(xpToNext(xp)).toBe(p.xpToNext);
      }),
    );
  });

  it('handles the edges: nothing, the top level, nonsense', () => {
    expect(levelProgress(0)).toEqual({
      level: 1,
      totalXp: 0,
      levelStartXp: 0,
      nextLevelXp: 40,
      xpIntoLevel: 0,
      xpToNext: 40,
      fraction: 0,
    });
    expect(levelForXp(39)).toBe(1);
    expect(levelForXp(40)).toBe(2);
    expect(levelForXp(-100)).toBe(1);
    expect(levelForXp(Number.NaN)).toBe(1);
    expect(levelForXp(Number.POSITIVE_INFINITY)).toBe(LEVEL_MAX);
    const top = levelProgress(xpForLevel(LEVEL_MAX) + 5);
    expect(top).toMatchObject({ level: LEVEL_MAX, nextLevelXp: null, xpToNext: 0, fraction: 1 });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LEVEL_MAX, xpForLevel } from '../xp/levels';
import {
  ABILITIES,
  abilitiesAt,
  CREATURE_STAGES,
  celebrationsFor,
  nextAbility,
  nextStage,
  progressionChange,
  STAGE_LEVELS,
  stageForLevel,
  stageForXp,
  statsAt,
} from './progression';

const level = fc.integer({ min: 1, max: LEVEL_MAX });

describe('stages', () => {
  it('go egg, baby, teen, adult, elder at their levels, and never back', () => {
    expect([1, 2, 5, 6, 11, 12, 24, 25, 999].map(stageForLevel)).toEqual([
      'egg',
      'baby',
      'baby',
      'teen',
      'teen',
      'adult',
      'adult',
      'elder',
      'elder',
    ]);
    fc.assert(
      fc.property(level, level, (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(CREATURE_STAGES.indexOf(stageForLevel(lo))).toBeLessThanOrEqual(
          CREATURE_STAGES.indexOf(stageForLevel(hi)),
        );
      }),
    );
  });

  it('hatch with the first 40 XP', () => {
    expect(stageForXp(39)).toBe('egg');
    expect(stageForXp(40)).toBe('baby');
    expect(nextStage('egg')).toEqual({ stage: 'baby', level: 2 });
    expect(nextStage('elder')).toBeNull();
  });
});

describe('abilities and stats', () => {
  it('are unlocked in order of level, with unique ids', () => {
    const levels = ABILITIES.map((a) => a.level);
    expect([...levels].sort((a, b) => a - b)).toEqual(levels);
    expect(new Set(ABILITIES.map((a) => a.id)).size).toBe(ABILITIES.length);
  });

  it('only grow with level', () => {
    fc.assert(
      fc.property(level, level, (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const s1 = statsAt(lo);
        const s2 = statsAt(hi);
        expect(s2.xpBoostPercent).toBeGreaterThanOrEqual(s1.xpBoostPercent);
        expect(s2.streakFreezes).toBeGreaterThanOrEqual(s1.streakFreezes);
        expect(s2.foodPerTaskBonus).toBeGreaterThanOrEqual(s1.foodPerTaskBonus);
        expect(s2.playsPerHour).toBeGreaterThanOrEqual(s1.playsPerHour);
        expect(abilitiesAt(hi).length).toBeGreaterThanOrEqual(abilitiesAt(lo).length);
      }),
    );
  });

  it('add up per kind, with at most two streak freezes held', () => {
    expect(statsAt(1)).toEqual({
      xpBoostPercent: 0,
      streakFreezes: 0,
      foodPerTaskBonus: 0,
      playsPerHour: 3,
    });
    expect(statsAt(10)).toEqual({
      xpBoostPercent: 5,
      streakFreezes: 2,
      foodPerTaskBonus: 1,
      playsPerHour: 4,
    });
    expect(statsAt(LEVEL_MAX)).toEqual({
      xpBoostPercent: 20,
      streakFreezes: 2,
      foodPerTaskBonus: 2,
      playsPerHour: 4,
    });
    expect(nextAbility(1)?.id).toBe('snack_pouch');
    expect(nextAbility(LEVEL_MAX)).toBeNull();
  });
});

describe('progressionChange', () => {
  it('reports level-ups, evolutions and the abilities crossed, for any two totals', () => {
    const total = fc.integer({ min: 0, max: xpForLevel(60) });
    fc.assert(
      fc.property(total, total, (a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const c = progressionChange(from, to);
        expect(c.leveledUp).toBe(c.toLevel > c.fromLevel);
        expect(c.evolved).toBe(c.toStage !== c.fromStage);
        expect(c.unlocked.map((x) => x.id)).toEqual(
          ABILITIES.filter((x) => x.level > c.fromLevel && x.level <= c.toLevel).map((x) => x.id),
        );
      }),
    );
  });

  it('names the moment an egg hatches', () => {
    expect(progressionChange(30, 45)).toMatchObject({
      fromLevel: 1,
      toLevel: 2,
      fromStage: 'egg',
      toStage: 'baby',
      leveledUp: true,
      evolved: true,
      unlocked: [],
    });
    expect(
      progressionChange(xpForLevel(STAGE_LEVELS.teen) - 1, xpForLevel(STAGE_LEVELS.teen)),
    ).toMatchObject({
      toStage: 'teen',
      evolved: true,
    });
  });
});

describe('celebrationsFor', () => {
  it('celebrates a hatch and the level, and says what was unlocked', () => {
    expect(celebrationsFor(progressionChange(0, xpForLevel(3)), 'Pip')).toEqual([
      {
        kind: 'creature_evolved',
        title: 'Pip hatched!',
        body: 'Your egg hatched into Pip. Everything you finish helps them grow.',
      },
      {
        kind: 'level_up',
        title: 'Level 3',
        body: 'Pip reached level 3 and learned something new. Snack pouch: One extra food for every task you finish.',
      },
    ]);
    expect(celebrationsFor(progressionChange(xpForLevel(12), xpForLevel(12) + 5), 'Pip')).toEqual(
      [],
    );
    expect(
      celebrationsFor(progressionChange(xpForLevel(24), xpForLevel(25)), 'Pip')[0],
    ).toMatchObject({
      kind: 'creature_evolved',
      title: 'Pip grew into a wise elder',
    });
  });
});

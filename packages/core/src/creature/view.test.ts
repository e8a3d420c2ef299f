import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { xpForLevel } from '../xp/levels';
import { feedCreature, playWithCreature } from './care';
import { drawGenome } from './generator';
import { defaultBiography } from './identity';
import {
  creaturePreviewSchema,
  creatureViewSchema,
  feedCreatureInput,
  hatchCreatureInput,
  levelInfoSchema,
  previewCreatureInput,
  renameCreatureInput,
} from './schema';
import { seedFromBytes, seedFromText } from './seed';
import { describeCreature, levelInfo, newCreatureRecord, previewCreature } from './view';

const T0 = new Date('2026-02-01T09:00:00Z');
const HOUR = 3_600_000;

describe('describeCreature', () => {
  it('derives a valid view for any creature, XP and moment', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 8, maxLength: 8 }).map(seedFromBytes),
        fc.integer({ min: 0, max: xpForLevel(60) }),
        fc.integer({ min: -HOUR, max: 3 * 365 * 24 * HOUR }),
        (seed, totalXp, later) => {
          const record = newCreatureRecord({ seed, totalXp, now: T0 });
          const view = describeCreature(record, new Date(T0.getTime() + later));
          expect(creatureViewSchema.parse(view)).toEqual(view);
          expect(view.svg).toContain(`creature--${view.mood} creature--${view.stage}`);
          if (view.stage === 'egg') expect(view.canFeed).toBe(false);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('follows a day in the life: hatch, grow, get hungry, eat, play', () => {
    const seed = seedFromText('a day in the life');
    const g = drawGenome(seed);
    let record = newCreatureRecord({ seed, totalXp: 0, now: T0 });
    expect(record).toMatchObject({ name: g.name, biography: defaultBiography(g), food: 0 });
    let view = describeCreature(record, T0);
    expect(view).toMatchObject({
      stage: 'egg',
      mood: 'happy',
      canFeed: false,
      level: { level: 1, xpToNext: 40 },
    });

    record = { ...record, totalXp: 45, food: 3 };
    view = describeCreature(record, new Date(T0.getTime() + 15 * HOUR));
    expect(view).toMatchObject({
      stage: 'baby',
      mood: 'hungry',
      canFeed: true,
      level: { level: 2 },
    });

    const now = new Date(T0.getTime() + 15 * HOUR);
    const fed = feedCreature(record.care, { food: record.food, portions: 5, now });
    expect(fed.portionsEaten).toBe(3); // fullness 35: three portions to full
    record = { ...record, care: fed.care, food: fed.food };
    const played = playWithCreature(record.care, { now, level: 2 });
    record = { ...record, care: played.care };
    view = describeCreature(record, now);
    expect(view).toMatchObject({
      mood: 'happy',
      food: 0,
      canFeed: false,
      plays: { available: 2, max: 3 },
    });
    expect(view.plays.nextPlayAt).toEqual(new Date(now.getTime() + 20 * 60_000));
  });

  it('names the next stage and ability for the level screen', () => {
    const info = levelInfo(xpForLevel(5));
    expect(levelInfoSchema.parse(info)).toEqual(info);
    expect(info).toMatchObject({
      level: 5,
      stage: 'baby',
      nextStage: { stage: 'teen', level: 6 },
      stats: { xpBoostPercent: 5, streakFreezes: 1, foodPerTaskBonus: 1 },
      nextAbility: { id: 'playful', level: 8 },
    });
    expect(info.abilities.map((a) => a.id)).toEqual([
      'snack_pouch',
      'cosy_blanket',
      'bright_spark',
    ]);
  });
});

describe('previews and inputs', () => {
  it('previews any seed at any stage', () => {
    const p = previewCreature(seedFromText('preview'), { stage: 'teen', mood: 'sleepy' });
    expect(creaturePreviewSchema.parse(p)).toEqual(p);
    expect(p.svg).toContain('creature--sleepy creature--teen');
  });

  it('validates what the API will accept, with messages a person can act on', () => {
    expect(feedCreatureInput.parse({})).toEqual({ portions: 1 });
    expect(feedCreatureInput.parse({ portions: 3 })).toEqual({ portions: 3 });
    // Never coerced: "3" in a JSON body is a mistake to report, not a number to guess.
    expect(feedCreatureInput.safeParse({ portions: '3' }).success).toBe(false);
    expect(feedCreatureInput.safeParse({ portions: 9 }).error?.issues[0]?.message).toBe(
      'Feed at most 5 portions at a time',
    );
    expect(feedCreatureInput.safeParse({ portions: 0 }).error?.issues[0]?.message).toBe(
      'Feed at least 1 portion',
    );
    expect(
      renameCreatureInput.safeParse({ name: 'x'.repeat(10_240) }).error?.issues[0]?.message,
    ).toBe('A name can be at most 24 characters');
    expect(hatchCreatureInput.safeParse({ seed: 'c7-00' }).error?.issues[0]?.message).toMatch(
      /^Unknown creature seed format "c7"/,
    );
    expect(hatchCreatureInput.parse({ seed: 'C1-0000000000000000', name: ' Pip ' })).toEqual({
      seed: 'c1-0000000000000000',
      name: 'Pip',
    });
    expect(previewCreatureInput.parse({ seed: 'c1-0000000000000000' })).toEqual({
      seed: 'c1-0000000000000000',
      stage: 'adult',
      mood: 'idle',
    });
    expect(
      previewCreatureInput.safeParse({ seed: 'c1-0000000000000000', stage: 'dead' }).error
        ?.issues[0]?.message,
    ).toBe('Stage must be one of egg, baby, teen, adult, elder');
  });
});

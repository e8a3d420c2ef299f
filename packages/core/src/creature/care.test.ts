import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import {
  addFood,
  type CareState,
  CREATURE_MOODS,
  cheerUp,
  ENERGY_FLOOR,
  FEED_PORTIONS_MAX,
  FOOD_MAX,
  FULL_AT,
  FULLNESS_FLOOR,
  feedCreature,
  foodForFocus,
  foodForTask,
  HAPPINESS_FLOOR,
  markActive,
  moodFor,
  NEED_MAX,
  needsAt,
  newCareState,
  playsAvailable,
  playWithCreature,
  WELCOME_BACK_HAPPINESS,
} from './care';

const T0 = new Date('2026-01-01T12:00:00Z');
const HOUR = 3_600_000;
const YEAR = 365 * 24 * HOUR;
const at = (ms: number) => new Date(T0.getTime() + ms);

/** Any gap: backwards (clock skew) by up to a year, forwards by up to 200 years. */
const gap = fc.oneof(
  fc.integer({ min: -YEAR, max: 0 }),
  fc.integer({ min: 0, max: 48 * HOUR }),
  fc.integer({ min: 0, max: 200 * YEAR }),
);
const meter = fc.integer({ min: -50, max: 150 });

/** A stored state, including ones a bug or a hand edit could leave (out of range, in the future). */
const careArb: fc.Arbitrary<CareState> = fc.record({
  fullness: meter,
  fullnessAt: gap.map(at),
  happiness: meter,
  happinessAt: gap.map(at),
  lastActiveAt: gap.map(at),
  playTokens: fc.integer({ min: -2, max: 10 }),
  playTokensAt: gap.map(at),
});

function expectInBounds(needs: { fullness: number; happiness: number; energy: number }) {
  expect(needs.fullness).toBeGreaterThanOrEqual(FULLNESS_FLOOR);
  expect(needs.happiness).toBeGreaterThanOrEqual(HAPPINESS_FLOOR);
  expect(needs.energy).toBeGreaterThanOrEqual(ENERGY_FLOOR);
  for (const v of Object.values(needs)) {
    expect(Number.isInteger(v)).toBe(true);
    expect(v).toBeLessThanOrEqual(NEED_MAX);
  }
}

describe('needs over time', () => {
  it('stay within their floors and 100 whatever the gap, and the mood is never worse than sleepy', () => {
    fc.assert(
      fc.property(careArb, gap, (care, g) => {
        const needs = needsAt(care, at(g));
        expectInBounds(needs);
        expect(CREATURE_MOODS).toContain(moodFor(needs));
      }),
    );
  });

  it('never rise with time alone (decay is monotone in elapsed time)', () => {
    fc.assert(
      fc.property(careArb, gap, gap, (care, a, b) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const n1 = needsAt(care, at(early));
        const n2 = needsAt(care, at(late));
        expect(n2.fullness).toBeLessThanOrEqual(n1.fullness);
        expect(n2.happiness).toBeLessThanOrEqual(n1.happiness);
        expect(n2.energy).toBeLessThanOrEqual(n1.energy);
      }),
    );
  });

  it('leave a creature away for years sleepy, a little sad and hungry; nothing worse', () => {
    const care = newCareState(T0);
    const needs = needsAt(care, at(10 * YEAR));
    expect(needs).toEqual({
      fullness: FULLNESS_FLOOR,
      happiness: HAPPINESS_FLOOR,
      energy: ENERGY_FLOOR,
    });
    expect(moodFor(needs)).toBe('sleepy');
  });

  it('treat a clock that runs backwards as no time passing', () => {
    const care = newCareState(T0);
    expect(needsAt(care, at(-5 * HOUR))).toEqual(needsAt(care, T0));
    expect(needsAt(care, new Date(Number.NaN))).toEqual(needsAt(care, T0));
  });

  it('keep energy full through a night away, then let it drift to sleepy', () => {
    const care = newCareState(T0);
    expect(needsAt(care, at(16 * HOUR)).energy).toBe(100);
    expect(needsAt(care, at(20 * HOUR)).energy).toBe(76);
    expect(moodFor(needsAt(care, at(28 * HOUR)))).toBe('sleepy');
  });

  it('show hungry after most of a day without food', () => {
    const care = newCareState(T0);
    expect(moodFor(needsAt(care, at(2 * HOUR)))).toBe('happy');
    expect(needsAt(care, at(14 * HOUR)).fullness).toBe(38);
    expect(moodFor(needsAt(care, at(14 * HOUR)))).toBe('hungry');
  });
});

describe('coming back', () => {
  it('wakes the creature at once and lifts it to at least a welcome-back happiness', () => {
    fc.assert(
      fc.property(careArb, gap, (care, g) => {
        const now = at(g);
        const back = markActive(care, now);
        const needs = needsAt(back, now);
        expectInBounds(needs);
        if (now.getTime() >= care.lastActiveAt.getTime()) expect(needs.energy).toBe(NEED_MAX);
        expect(needs.happiness).toBeGreaterThanOrEqual(Math.min(WELCOME_BACK_HAPPINESS, NEED_MAX));
        expect(needs.fullness).toBe(needsAt(care, now).fullness);
      }),
    );
  });

  it('cheers a creature up when something is finished, within bounds', () => {
    fc.assert(
      fc.property(careArb, gap, fc.integer({ min: 0, max: 200 }), (care, g, points) => {
        const now = at(g);
        const cheered = cheerUp(care, now, points);
        expectInBounds(needsAt(cheered, now));
        expect(needsAt(cheered, now).happiness).toBeGreaterThanOrEqual(
          needsAt(care, now).happiness,
        );
      }),
    );
  });
});

describe('feeding', () => {
  it('never goes above 100, never eats food that is not there, and eats only what fits', () => {
    fc.assert(
      fc.property(
        careArb,
        gap,
        fc.integer({ min: -3, max: 120 }),
        fc.integer({ min: -2, max: 12 }),
        (care, g, food, portions) => {
          const now = at(g);
          const before = needsAt(care, now);
          try {
            const fed = feedCreature(care, { food, portions, now });
            expect(fed.portionsEaten).toBeGreaterThanOrEqual(1);
            expect(fed.portionsEaten).toBeLessThanOrEqual(FEED_PORTIONS_MAX);
            expect(fed.food).toBe(food - fed.portionsEaten);
            expect(fed.food).toBeGreaterThanOrEqual(0);
            expectInBounds(fed.needs);
            expect(fed.needs.fullness).toBeGreaterThan(before.fullness);
            // Not one portion more than needed to reach full.
            expect(before.fullness + (fed.portionsEaten - 1) * 25).toBeLessThan(NEED_MAX);
          } catch (e) {
            expect(e).toBeInstanceOf(DomainError);
            expect((e as DomainError).code).toBe('BAD_REQUEST');
            expect(food <= 0 || before.fullness >= FULL_AT).toBe(true);
          }
        },
      ),
    );
  });

  it('refuses without food, when full, and for an egg, saying what to do', () => {
    const care = newCareState(T0);
    expect(() => feedCreature(care, { food: 0, now: T0, name: 'Pip' })).toThrowError(
      'You have no food yet. Finishing a task or a focus session earns some for Pip.',
    );
    const full = feedCreature(care, { food: 5, portions: 5, now: T0, name: 'Pip' });
    expect(full).toMatchObject({ portionsEaten: 1, food: 4, needs: { fullness: 100 } });
    try {
      feedCreature(full.care, { food: 4, now: at(HOUR), name: 'Pip' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).message).toBe('Pip is full. Try again in about 3 hours.');
      expect((e as DomainError).retryAfterSeconds).toBe(160 * 60); // 97 now; below 90 in 160 minutes
    }
    expect(() => feedCreature(care, { food: 3, now: T0, name: 'Pip', isEgg: true })).toThrowError(
      'Pip is still an egg and does not eat yet. Finishing a task helps it hatch.',
    );
  });

  it('a hungry creature eats several portions and is happier for it', () => {
    const care = newCareState(T0);
    const later = at(20 * HOUR); // fullness 20
    const fed = feedCreature(care, { food: 10, portions: 5, now: later });
    expect(fed.portionsEaten).toBe(4);
    expect(fed.needs.fullness).toBe(100);
    expect(fed.needs.happiness).toBeGreaterThan(needsAt(care, later).happiness);
    expect(moodFor(fed.needs)).not.toBe('hungry');
  });
});

describe('playing', () => {
  it('allows at most the plays per hour in any hour, and each play stays within bounds', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 * 60_000 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 60 }),
        (steps, level) => {
          let care = newCareState(T0, level);
          let t = T0.getTime();
          const played: number[] = [];
          for (const step of steps) {
            t += step;
            try {
              const r = playWithCreature(care, { now: new Date(t), level });
              care = r.care;
              played.push(t);
              expectInBounds(r.needs);
              expect(r.playsLeft).toBeGreaterThanOrEqual(0);
            } catch (e) {
              expect((e as DomainError).code).toBe('BAD_REQUEST');
              expect((e as DomainError).retryAfterSeconds).toBeGreaterThan(0);
            }
          }
          const max = playsAvailable(newCareState(T0, level), T0, level).max;
          // Token bucket: in any window of one hour, at most the bucket plus what refills in it.
          for (const start of played) {
            const inHour = played.filter((p) => p >= start && p < start + HOUR).length;
            expect(inHour).toBeLessThanOrEqual(2 * max);
          }
        },
      ),
    );
  });

  it('gives three plays, then asks for a short rest, then one comes back', () => {
    let care = newCareState(T0);
    for (let i = 0; i < 3; i++) care = playWithCreature(care, { now: T0, name: 'Pip' }).care;
    expect(() => playWithCreature(care, { now: at(60_000), name: 'Pip' })).toThrowError(
      'Pip needs a little rest. You can play again in 19 minutes.',
    );
    expect(playsAvailable(care, at(20 * 60_000))).toMatchObject({ plays: 1, max: 3 });
    const again = playWithCreature(care, { now: at(20 * 60_000) });
    expect(again.playsLeft).toBe(0);
    expect(again.needs.happiness).toBe(100);
  });
});

describe('food', () => {
  it('is earned by tasks (more for hard ones and with the ability) and by focus', () => {
    expect(foodForTask({ complexity: 2 }, 1)).toBe(1);
    expect(foodForTask({ complexity: 5 }, 1)).toBe(2);
    expect(foodForTask({ complexity: null }, 3)).toBe(2);
    expect(foodForTask({ complexity: 4 }, 20)).toBe(4);
    expect([5, 10, 25, 49, 50, 300].map((m) => foodForFocus({ focusedMinutes: m }))).toEqual([
      0, 1, 1, 1, 2, 4,
    ]);
  });

  it('fills the pantry up to its size and reports what did not fit', () => {
    expect(addFood(97, 5)).toEqual({ food: FOOD_MAX, overflow: 3 });
    expect(addFood(-4, 2)).toEqual({ food: 2, overflow: 0 });
    fc.assert(
      fc.property(
        fc.integer({ min: -10, max: 200 }),
        fc.integer({ min: -10, max: 200 }),
        (have, earned) => {
          const { food } = addFood(have, earned);
          expect(food).toBeGreaterThanOrEqual(0);
          expect(food).toBeLessThanOrEqual(FOOD_MAX);
        },
      ),
    );
  });
});

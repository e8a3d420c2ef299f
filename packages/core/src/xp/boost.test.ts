import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bonusEventActive, type XpBonusEvent, xpBoostFor } from './boost';

const start = new Date('2026-06-06T00:00:00Z');
const end = new Date('2026-06-08T00:00:00Z');
const weekend: XpBonusEvent = {
  id: 'w',
  name: 'Double XP weekend',
  multiplier: 200,
  startsAt: start,
  endsAt: end,
};

describe('xpBoostFor', () => {
  it('is ×1 with nothing unlocked and no event', () => {
    expect(xpBoostFor({ level: 1, now: start })).toEqual({
      multiplier: 100,
      note: '',
      bonusEventId: null,
    });
  });

  it("adds the creature's XP boost from level 5", () => {
    expect(xpBoostFor({ level: 4, now: start }).multiplier).toBe(100);
    expect(xpBoostFor({ level: 5, now: start }).multiplier).toBe(105);
    expect(xpBoostFor({ level: 50, now: start }).multiplier).toBe(120);
  });

  it('applies a bonus event only inside its window (start inclusive, end exclusive)', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2026-06-01T00:00:00Z'),
          max: new Date('2026-06-12T00:00:00Z'),
          noInvalidDate: true,
        }),
        (now) => {
          const inside = now >= start && now < end;
          expect(bonusEventActive(weekend, now)).toBe(inside);
          const boost = xpBoostFor({ level: 1, now, bonusEvents: [weekend] });
          expect(boost.multiplier).toBe(inside ? 200 : 100);
          expect(boost.bonusEventId).toBe(inside ? 'w' : null);
        },
      ),
    );
    expect(xpBoostFor({ level: 1, now: end, bonusEvents: [weekend] }).multiplier).toBe(100);
  });

  it('takes the largest running event; overlapping events do not stack', () => {
    const triple = { ...weekend, id: 't', name: 'Triple hour', multiplier: 300 };
    const boost = xpBoostFor({ level: 5, now: start, bonusEvents: [weekend, triple, weekend] });
    expect(boost).toEqual({
      multiplier: 315,
      note: "×3.15: creature's XP boost +5%, Triple hour ×3.00",
      bonusEventId: 't',
    });
  });
});

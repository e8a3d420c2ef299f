import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import { DAY_MS, dayFromKey, dayKey, eachLocalHour, weekdayOf, zoneClock } from './zone';
import { instantArb, intlLocal, ZONES } from './zone-fixtures';

describe('zone clock', () => {
  it('refuses an unknown timezone', () => {
    expect(() => zoneClock('Mars/Olympus_Mons')).toThrow(DomainError);
  });

  it('puts every instant on the local day and hour Intl gives', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), instantArb, (zone, ms) => {
        const clock = zoneClock(zone);
        const local = ms + clock.offsetAt(ms);
        const oracle = intlLocal(zone, ms);
        expect(dayKey(clock.dayOf(ms))).toBe(oracle.date);
        expect(Math.floor((local % DAY_MS) / 3_600_000)).toBe(oracle.hour);
      }),
      { numRuns: 300 },
    );
  });

  it('cuts a span into pieces that each lie in one local hour and add up to the span', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        instantArb,
        fc.integer({ min: 0, max: 30 * 3_600_000 }),
        (zone, from, length) => {
          const clock = zoneClock(zone);
          let total = 0;
          let t = from;
          eachLocalHour(clock, from, from + length, (day, hour, ms) => {
            expect(ms).toBeGreaterThan(0);
            for (const probe of [t, t + ms - 1]) {
              expect(intlLocal(zone, probe)).toEqual({ date: dayKey(day), hour });
            }
            total += ms;
            t += ms;
          });
          expect(total).toBe(length);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('numbers days like the calendar', () => {
    expect(dayKey(0)).toBe('1970-01-01');
    expect(dayFromKey('2026-03-02')).toBe(Date.UTC(2026, 2, 2) / DAY_MS);
    expect(weekdayOf(dayFromKey('2026-03-02'))).toBe(1); // a Monday
    expect(weekdayOf(dayFromKey('2026-03-01'))).toBe(0);
    expect(weekdayOf(-1)).toBe(3); // 1969-12-31, a Wednesday
    fc.assert(
      fc.property(fc.integer({ min: -30_000, max: 60_000 }), (d) => {
        expect(dayFromKey(dayKey(d))).toBe(d);
      }),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isValidTimeZone,
  startOfZonedDay,
  zonedDayKey,
  zonedParts,
  zonedToInstant,
  zoneOffsetMs,
} from './zoned';

const ZONES = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'America/Sao_Paulo',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'America/St_Johns',
  'Asia/Kathmandu',
];

// 1971..2100, whole seconds: the range people schedule things in.
const instant = fc.integer({ min: 31_536_000, max: 4_102_444_800 }).map((s) => new Date(s * 1000));

describe('zoned time', () => {
  it('round-trips: the instant of an instant’s wall-clock parts is that instant', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...ZONES), (at, zone) => {
        const p = zonedParts(at, zone);
        const back = zonedToInstant(p, zone);
        // Autumn's repeated hour maps to its first occurrence, so compare wall clocks.
        expect(zonedParts(back, zone)).toEqual(p);
        expect(back.getTime()).toBeLessThanOrEqual(at.getTime());
      }),
      { numRuns: 500 },
    );
  });

  it('knows daylight-saving days in Berlin', () => {
    // 2026-03-29: 02:00 CET jumps to 03:00 CEST; 2026-10-25: 03:00 CEST falls back to 02:00 CET.
    expect(
      zonedToInstant({ year: 2026, month: 3, day: 29, hour: 1, minute: 30 }, 'Europe/Berlin'),
    ).toEqual(new Date('2026-03-29T00:30:00Z'));
    expect(
      zonedToInstant({ year: 2026, month: 3, day: 29, hour: 3, minute: 30 }, 'Europe/Berlin'),
    ).toEqual(new Date('2026-03-29T01:30:00Z'));
    // 02:30 does not exist that night: it lands after the gap.
    expect(
      zonedToInstant({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, 'Europe/Berlin'),
    ).toEqual(new Date('2026-03-29T01:30:00Z'));
    // 02:30 happens twice in October: the first one.
    expect(
      zonedToInstant({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, 'Europe/Berlin'),
    ).toEqual(new Date('2026-10-25T00:30:00Z'));
    expect(zoneOffsetMs(new Date('2026-07-01T12:00:00Z'), 'Europe/Berlin')).toBe(2 * 3_600_000);
    expect(zoneOffsetMs(new Date('2026-12-01T12:00:00Z'), 'Europe/Berlin')).toBe(3_600_000);
  });

  it('finds the start of a local day, 23 and 25 hours long around the changes', () => {
    const spring = startOfZonedDay(new Date('2026-03-29T12:00:00Z'), 'Europe/Berlin');
    const next = startOfZonedDay(new Date('2026-03-30T12:00:00Z'), 'Europe/Berlin');
    expect(spring).toEqual(new Date('2026-03-28T23:00:00Z'));
    expect(next.getTime() - spring.getTime()).toBe(23 * 3_600_000);
    const autumn = startOfZonedDay(new Date('2026-10-25T12:00:00Z'), 'Europe/Berlin');
    const after = startOfZonedDay(new Date('2026-10-26T12:00:00Z'), 'Europe/Berlin');
    expect(after.getTime() - autumn.getTime()).toBe(25 * 3_600_000);
    expect(zonedDayKey(new Date('2026-12-31T23:30:00Z'), 'Europe/Berlin')).toBe('2027-01-01');
    expect(zonedDayKey(new Date('2026-12-31T23:30:00Z'), 'America/New_York')).toBe('2026-12-31');
  });

  it('tells real zones from made-up ones', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});

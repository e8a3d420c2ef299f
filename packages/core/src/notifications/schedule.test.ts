import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zonedParts } from '../time/zoned';
import { NOTIFICATION_KIND_INFO, NOTIFICATION_KINDS } from './kinds';
import {
  channelMode,
  type DigestSettings,
  nextDigestAt,
  planDelivery,
  type QuietHours,
  quietHoursEnd,
} from './schedule';

const nightly: QuietHours = { enabled: true, start: '22:00', end: '07:00' };
const daily: DigestSettings = { cadence: 'daily', hour: 8 };
const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham'];

describe('quiet hours', () => {
  it('hold overnight and end at 07:00 local, across the spring change in Berlin', () => {
    // Saturday 2026-03-28 23:30 CET; the clocks jump at 02:00; quiet ends 07:00 CEST = 05:00Z.
    const now = new Date('2026-03-28T22:30:00Z');
    expect(quietHoursEnd(nightly, 'Europe/Berlin', now)).toEqual(new Date('2026-03-29T05:00:00Z'));
    // And across the autumn change: 07:00 CET = 06:00Z.
    const autumn = new Date('2026-10-24T21:30:00Z'); // 23:30 CEST
    expect(quietHoursEnd(nightly, 'Europe/Berlin', autumn)).toEqual(
      new Date('2026-10-25T06:00:00Z'),
    );
    // After midnight, still quiet, ending the same morning.
    expect(quietHoursEnd(nightly, 'Europe/Berlin', new Date('2026-06-01T01:00:00Z'))).toEqual(
      new Date('2026-06-01T05:00:00Z'),
    );
    // Daytime: not quiet.
    expect(quietHoursEnd(nightly, 'Europe/Berlin', new Date('2026-06-01T12:00:00Z'))).toBeNull();
    expect(
      quietHoursEnd({ ...nightly, enabled: false }, 'UTC', new Date('2026-06-01T23:00:00Z')),
    ).toBeNull();
  });

  it('a window inside one day (13:00-14:00) works too; equal ends mean none', () => {
    const nap: QuietHours = { enabled: true, start: '13:00', end: '14:00' };
    expect(quietHoursEnd(nap, 'UTC', new Date('2026-06-01T13:15:00Z'))).toEqual(
      new Date('2026-06-01T14:00:00Z'),
    );
    expect(quietHoursEnd(nap, 'UTC', new Date('2026-06-01T14:00:00Z'))).toBeNull();
    expect(
      quietHoursEnd({ enabled: true, start: '09:00', end: '09:00' }, 'UTC', new Date()),
    ).toBeNull();
  });

  it('the end is always later than now, within a day, and outside the window', () => {
    const time = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(
        fc.integer({ min: 1_700_000_000, max: 2_000_000_000 }).map((s) => new Date(s * 1000)),
        fc.constantFrom(...ZONES),
        time,
        time,
        (now, zone, start, end) => {
          const quiet = { enabled: true, start, end };
          const ends = quietHoursEnd(quiet, zone, now);
          if (!ends) return;
          expect(ends.getTime()).toBeGreaterThan(now.getTime());
          expect(ends.getTime() - now.getTime()).toBeLessThanOrEqual(25 * 3_600_000);
          // A minute after the end, we are out of quiet hours (unless a gap swallowed the end).
          const p = zonedParts(ends, zone);
          const [eh, em] = end.split(':').map(Number);
          if (p.hour === eh && p.minute === em) {
            expect(quietHoursEnd(quiet, zone, new Date(ends.getTime() + 1000))).toBeNull();
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('digests', () => {
  it('go out at the next daily hour, or the next local top of the hour', () => {
    const now = new Date('2026-06-01T09:30:00Z'); // 11:30 in Berlin
    expect(nextDigestAt(daily, 'Europe/Berlin', now)).toEqual(new Date('2026-06-02T06:00:00Z'));
    expect(nextDigestAt({ cadence: 'hourly', hour: 0 }, 'Europe/Berlin', now)).toEqual(
      new Date('2026-06-01T10:00:00Z'),
    );
    // Kolkata is +05:30: its hours start at :30 UTC.
    expect(nextDigestAt({ cadence: 'hourly', hour: 0 }, 'Asia/Kolkata', now)).toEqual(
      new Date('2026-06-01T10:30:00Z'),
    );
  });

  it('always land after now and within a day', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1_700_000_000, max: 2_000_000_000 }).map((s) => new Date(s * 1000)),
        fc.constantFrom(...ZONES),
        fc.constantFrom<DigestSettings['cadence']>('hourly', 'daily'),
        fc.integer({ min: 0, max: 23 }),
        (now, zone, cadence, hour) => {
          const at = nextDigestAt({ cadence, hour }, zone, now);
          expect(at.getTime()).toBeGreaterThan(now.getTime());
          expect(at.getTime() - now.getTime()).toBeLessThanOrEqual(
            cadence === 'hourly' ? 2 * 3_600_000 : 25 * 3_600_000,
          );
          expect(zonedParts(at, zone).minute).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('planning a delivery', () => {
  const base = { quiet: nightly, digest: daily, timeZone: 'Europe/Berlin' };
  const night = new Date('2026-06-01T21:30:00Z'); // 23:30 in Berlin
  const day = new Date('2026-06-01T10:00:00Z');

  it('follows the preference: off skips, instant goes now, digest waits for the digest', () => {
    expect(planDelivery({ ...base, mode: 'off', priority: 'high', now: day })).toEqual({
      status: 'skip',
    });
    expect(planDelivery({ ...base, mode: 'instant', priority: 'normal', now: day })).toEqual({
      status: 'pending',
      at: day,
    });
    expect(planDelivery({ ...base, mode: 'digest', priority: 'low', now: day })).toEqual({
      status: 'digest',
      at: new Date('2026-06-02T06:00:00Z'),
    });
  });

  it('holds through quiet hours, except urgent kinds', () => {
    expect(planDelivery({ ...base, mode: 'instant', priority: 'high', now: night })).toEqual({
      status: 'held',
      at: new Date('2026-06-02T05:00:00Z'),
    });
    expect(planDelivery({ ...base, mode: 'instant', priority: 'urgent', now: night })).toEqual({
      status: 'pending',
      at: night,
    });
    // A digest due inside quiet hours waits for their end.
    const lateDigest = { ...base, digest: { cadence: 'daily' as const, hour: 23 } };
    expect(planDelivery({ ...lateDigest, mode: 'digest', priority: 'low', now: day })).toEqual({
      status: 'digest',
      at: new Date('2026-06-02T05:00:00Z'),
    });
  });

  it('falls back to each kind’s default when the person chose nothing', () => {
    for (const kind of NOTIFICATION_KINDS) {
      expect(channelMode({}, kind, 'email')).toBe(NOTIFICATION_KIND_INFO[kind].defaults.email);
      expect(channelMode({}, kind, 'webhook')).toBe('off');
    }
    expect(channelMode({ monitor_triggered: { email: 'off' } }, 'monitor_triggered', 'email')).toBe(
      'off',
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import { DST_CHANGES, intlLocal, ZONES } from '../time/zone-fixtures';
import { type FocusAnalyticsRow, focusAnalytics } from './analytics';
import { FOCUS_KINDS } from './kinds';

const MIN = 60_000;

function row(start: string, minutes: number, extra: Partial<FocusAnalyticsRow> = {}) {
  const startedAt = new Date(start);
  return {
    startedAt,
    endedAt: new Date(startedAt.getTime() + minutes * MIN),
    minutes,
    kind: 'pomodoro',
    completed: true,
    energyBefore: null,
    energyAfter: null,
    ...extra,
  } satisfies FocusAnalyticsRow;
}

const hoursOf = (a: ReturnType<typeof focusAnalytics>) =>
  Object.fromEntries(a.bestHours.filter((h) => h.minutes > 0).map((h) => [h.hour, h.minutes]));

describe('focus analytics across DST', () => {
  const berlin = { timeZone: 'Europe/Berlin', now: new Date('2026-10-31T12:00:00Z') };

  it('spring forward: 00:30 to 03:30 local is two hours, and hour 2 never happens', () => {
    // 2026-03-29 00:30 CET = 23:30Z; 03:30 CEST = 01:30Z.
    const a = focusAnalytics([row('2026-03-28T23:30:00Z', 120)], { ...berlin, from: '2026-03-28' });
    expect(hoursOf(a)).toEqual({ 0: 30, 1: 60, 3: 30 });
    expect(a.days.find((d) => d.date === '2026-03-29')).toEqual({
      date: '2026-03-29',
      minutes: 120,
      sessions: 1,
    });
    expect(a.days.find((d) => d.date === '2026-03-28')?.minutes).toBe(0);
  });

  it('fall back: the repeated hour 2 counts twice', () => {
    // 2026-10-25 00:30 CEST = 22:30Z the day before; 03:30 CET = 02:30Z: four real hours.
    const a = focusAnalytics([row('2026-10-24T22:30:00Z', 240)], berlin);
    expect(hoursOf(a)).toEqual({ 0: 30, 1: 60, 2: 120, 3: 30 });
    expect(a.days).toEqual([{ date: '2026-10-25', minutes: 240, sessions: 1 }, ...a.days.slice(1)]);
    expect(a.totals.focusedMinutes).toBe(240);
  });

  it('splits a session over midnight between the two days it touched', () => {
    const a = focusAnalytics([row('2026-03-02T22:30:00Z', 60)], {
      timeZone: 'Europe/Berlin',
      now: new Date('2026-03-04T12:00:00Z'),
    });
    // 23:30-00:30 local.
    expect(a.days).toEqual([
      { date: '2026-03-02', minutes: 30, sessions: 1 },
      { date: '2026-03-03', minutes: 30, sessions: 0 },
      { date: '2026-03-04', minutes: 0, sessions: 0 },
    ]);
    expect(hoursOf(a)).toEqual({ 0: 30, 23: 30 });
  });

  it('spreads worked minutes evenly over the wall time when there were breaks', () => {
    const r = { ...row('2026-03-02T09:00:00Z', 60), endedAt: new Date('2026-03-02T11:00:00Z') };
    const a = focusAnalytics([r], { timeZone: 'UTC', now: new Date('2026-03-02T12:00:00Z') });
    expect(hoursOf(a)).toEqual({ 9: 30, 10: 30 });
  });

  it('puts a day on the person’s calendar, not UTC’s', () => {
    // 18:20Z is 00:05 the next day in Kathmandu (+05:45).
    const r = [row('2026-03-02T18:20:00Z', 20)];
    const now = new Date('2026-03-03T12:00:00Z');
    const utc = focusAnalytics(r, { timeZone: 'UTC', now });
    const kathmandu = focusAnalytics(r, { timeZone: 'Asia/Kathmandu', now });
    expect(utc.days[0]?.date).toBe('2026-03-02');
    expect(hoursOf(utc)).toEqual({ 18: 20 });
    expect(kathmandu.days[0]?.date).toBe('2026-03-03');
    expect(hoursOf(kathmandu)).toEqual({ 0: 20 });
  });
});

describe('focus analytics figures', () => {
  const now = new Date('2026-03-12T18:00:00Z');
  const rows: FocusAnalyticsRow[] = [
    row('2026-03-02T09:00:00Z', 25, { energyBefore: 2, energyAfter: 4 }),
    row('2026-03-02T10:00:00Z', 15, { completed: false, kind: 'flowtime' }),
    row('2026-03-03T09:00:00Z', 50, { kind: 'deep_work', energyBefore: 3, energyAfter: 3 }),
    row('2026-03-08T09:00:00Z', 25, { energyBefore: 4, energyAfter: 3 }),
    row('2026-03-10T09:00:00Z', 25),
    row('2026-03-11T09:00:00Z', 25, { completed: false }),
    { ...row('2026-03-12T17:40:00Z', 20), endedAt: null },
  ];
  const a = focusAnalytics(rows, { timeZone: 'UTC', now });

  it('counts sessions, completion, length and minutes', () => {
    expect(a.totals).toEqual({
      sessions: 7,
      ended: 6,
      completed: 4,
      completionRate: 0.6667,
      focusedMinutes: 185,
      averageMinutes: 27.5,
      medianMinutes: 25,
    });
    expect(a.from).toBe('2026-03-02');
    expect(a.to).toBe('2026-03-12');
    expect(a.days).toHaveLength(11);
    expect(a.days[0]).toEqual({ date: '2026-03-02', minutes: 40, sessions: 2 });
  });

  it('groups weeks from Monday, or the day asked', () => {
    expect(a.weeks).toEqual([
      { weekStart: '2026-03-02', minutes: 115, sessions: 4 },
      { weekStart: '2026-03-09', minutes: 70, sessions: 3 },
    ]);
    const sunday = focusAnalytics(rows, { timeZone: 'UTC', now, weekStartsOn: 0 });
    expect(sunday.weeks.map((w) => [w.weekStart, w.minutes])).toEqual([
      ['2026-03-01', 90],
      ['2026-03-08', 95],
    ]);
  });

  it('keeps the streak alive until the day is over', () => {
    expect(a.streak).toEqual({ current: 3, best: 3, bestEndedOn: '2026-03-12', today: true });
    const morning = focusAnalytics(rows.slice(0, 6), { timeZone: 'UTC', now });
    expect(morning.streak).toEqual({
      current: 2,
      best: 2,
      bestEndedOn: '2026-03-03',
      today: false,
    });
    const lapsed = focusAnalytics(rows.slice(0, 5), { timeZone: 'UTC', now });
    expect(lapsed.streak.current).toBe(0);
  });

  it('compares energy before and after', () => {
    expect(a.energy).toEqual({
      checkIns: 3,
      averageBefore: 3,
      averageAfter: 3.33,
      averageChange: 0.33,
      better: 1,
      same: 1,
      worse: 1,
    });
  });

  it('breaks the figures down by kind', () => {
    expect(a.byKind.map((k) => k.kind)).toEqual([...FOCUS_KINDS]);
    expect(a.byKind.find((k) => k.kind === 'flowtime')).toEqual({
      kind: 'flowtime',
      sessions: 1,
      minutes: 15,
      completionRate: 0,
    });
    expect(a.byKind.find((k) => k.kind === 'custom')?.completionRate).toBeNull();
  });

  it('limits the series and totals to the range, but not the streak', () => {
    const recent = focusAnalytics(rows, { timeZone: 'UTC', now, from: '2026-03-10' });
    expect(recent.days.map((d) => d.date)).toEqual(['2026-03-10', '2026-03-11', '2026-03-12']);
    expect(recent.totals.sessions).toBe(3);
    expect(recent.totals.focusedMinutes).toBe(70);
    expect(recent.streak.best).toBe(3);
  });

  it('answers an empty history with zeros and nulls', () => {
    const empty = focusAnalytics([], { timeZone: 'Europe/Berlin', now });
    expect(empty.days).toEqual([{ date: '2026-03-12', minutes: 0, sessions: 0 }]);
    expect(empty.totals.completionRate).toBeNull();
    expect(empty.totals.averageMinutes).toBeNull();
    expect(empty.streak).toEqual({ current: 0, best: 0, bestEndedOn: null, today: false });
    expect(empty.bestHours).toHaveLength(24);
  });

  it('refuses an unknown timezone and a bad date', () => {
    expect(() => focusAnalytics(rows, { timeZone: 'Nowhere/Land', now })).toThrow(DomainError);
    expect(() => focusAnalytics(rows, { timeZone: 'UTC', now, from: 'soon' })).toThrow(
      /from must be a date/,
    );
  });
});

describe('focus analytics properties', () => {
  /** Rows within a few days of one offset change, so sessions share and straddle its days. */
  const rowsArb = (max: number) =>
    fc
      .constantFrom(...DST_CHANGES)
      .chain((t) => fc.array(rowArb(t), { minLength: 1, maxLength: max }));
  const rowArb = (around: number) =>
    fc
      .record({
        start: fc
          .integer({ min: around - 3 * 86_400_000, max: around + 3 * 86_400_000 })
          .map((ms) => Math.floor(ms / MIN) * MIN),
        wall: fc.integer({ min: 1, max: 300 }),
        workShare: fc.double({ min: 0.1, max: 1, noNaN: true }),
        kind: fc.constantFrom(...FOCUS_KINDS),
        completed: fc.boolean(),
      })
      .map(({ start, wall, workShare, kind, completed }): FocusAnalyticsRow => {
        const minutes = Math.max(1, Math.round(wall * workShare));
        return {
          startedAt: new Date(start),
          endedAt: new Date(start + wall * MIN),
          minutes,
          kind,
          completed,
          energyBefore: null,
          energyAfter: null,
        };
      });

  it('matches a minute-by-minute reading of the local clock, in any zone, across DST', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), rowsArb(6), (zone, rows) => {
        const now = new Date(Math.max(...rows.map((r) => r.endedAt!.getTime())) + 3 * 86_400_000);
        const a = focusAnalytics(rows, { timeZone: zone, now });
        const days = new Map<string, number>();
        const hours = new Array<number>(24).fill(0);
        for (const r of rows) {
          const wall = (r.endedAt!.getTime() - r.startedAt.getTime()) / MIN;
          for (let m = 0; m < wall; m++) {
            const local = intlLocal(zone, r.startedAt.getTime() + m * MIN);
            days.set(local.date, (days.get(local.date) ?? 0) + r.minutes / wall);
            hours[local.hour]! += r.minutes / wall;
          }
        }
        // Figures are rounded to a tenth of a minute.
        const near = (x: number, y: number) => {
          expect(Math.abs(x - y)).toBeLessThanOrEqual(0.0501);
        };
        for (const d of a.days) near(d.minutes, days.get(d.date) ?? 0);
        for (const h of a.bestHours) near(h.minutes, hours[h.hour]!);
        // Nothing is lost or invented.
        near(
          a.totals.focusedMinutes,
          rows.reduce((n, r) => n + r.minutes, 0),
        );
        expect(new Set(a.days.map((d) => d.date)).size).toBe(a.days.length);
      }),
      { numRuns: 40 },
    );
  });

  it('keeps its figures consistent with each other', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        rowsArb(40),
        fc.integer({ min: 0, max: 6 }),
        (zone, rows, weekStartsOn) => {
          const now = new Date(Math.max(...rows.map((r) => r.endedAt!.getTime())) + 86_400_000);
          const a = focusAnalytics(rows, { timeZone: zone, now, weekStartsOn });
          const sum = (xs: number[]) => xs.reduce((n, x) => n + x, 0);
          // Each figure is rounded to a tenth, so a sum of n may drift by n × 0.05.
          const within = (parts: number[]) =>
            expect(Math.abs(sum(parts) - a.totals.focusedMinutes)).toBeLessThanOrEqual(
              (parts.length + 1) * 0.05 + 1e-9,
            );
          within(a.weeks.map((w) => w.minutes));
          within(a.bestHours.map((h) => h.minutes));
          expect(sum(a.days.map((d) => d.sessions))).toBe(rows.length);
          expect(a.streak.current).toBeLessThanOrEqual(a.streak.best);
          expect(a.streak.best).toBeLessThanOrEqual(a.days.filter((d) => d.minutes > 0).length);
          if (a.totals.completionRate !== null) {
            expect(a.totals.completionRate).toBeGreaterThanOrEqual(0);
            expect(a.totals.completionRate).toBeLessThanOrEqual(1);
          }
          for (const w of a.weeks) {
            const d = new Date(`${w.weekStart}T00:00:00Z`).getUTCDay();
            expect(d).toBe(weekStartsOn);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

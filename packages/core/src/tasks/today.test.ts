import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitsNow, planToday, snoozeUntil, type TodayTask } from './today';

const now = new Date('2026-03-10T08:00:00Z'); // 09:00 in Berlin, a Tuesday
const tz = 'Europe/Berlin';
let n = 0;
function task(extra: Partial<TodayTask> = {}): TodayTask {
  n += 1;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    status: 'todo',
    priority: 'medium',
    dueAt: null,
    estimateMinutes: null,
    energy: null,
    parentId: null,
    plannedOn: null,
    snoozedUntil: null,
    createdAt: new Date(now.getTime() - n * 60_000),
    ...extra,
  };
}

describe('planToday', () => {
  it('puts started, picked and due-today tasks on Today, earlier ones aside, snoozed ones away', () => {
    const started = task({ status: 'in_progress' });
    const picked = task({ plannedOn: '2026-03-10' });
    // 23:30 Berlin on the 10th is the 10th there, though it is 22:30 UTC.
    const dueLate = task({ dueAt: new Date('2026-03-10T22:30:00Z'), priority: 'high' });
    const dueYesterday = task({ dueAt: new Date('2026-03-09T12:00:00Z') });
    const pickedYesterday = task({ plannedOn: '2026-03-09' });
    const snoozed = task({
      plannedOn: '2026-03-10',
      snoozedUntil: new Date('2026-03-10T23:00:00Z'),
    });
    const step = task({ parentId: started.id, plannedOn: '2026-03-10' });
    const done = task({ status: 'done', plannedOn: '2026-03-10' });
    const someday = task();
    const plan = planToday(
      [someday, done, step, snoozed, pickedYesterday, dueYesterday, dueLate, picked, started],
      { now, timeZone: tz },
    );
    expect(plan.date).toBe('2026-03-10');
    expect(plan.today.map((t) => t.id)).toEqual([started.id, dueLate.id, picked.id]);
    expect(plan.next?.id).toBe(started.id);
    expect(plan.earlier.map((t) => t.id).sort()).toEqual(
      [dueYesterday.id, pickedYesterday.id].sort(),
    );
    expect(plan.fits).toBeNull();
    expect(plan.suggestion).toBeNull();
  });

  it('suggests a first pick when Today is empty', () => {
    const low = task({ priority: 'low' });
    const urgent = task({ priority: 'urgent' });
    const plan = planToday([low, urgent], { now, timeZone: tz });
    expect(plan.today).toEqual([]);
    expect(plan.next).toBeNull();
    expect(plan.suggestion?.id).toBe(urgent.id);
  });

  it('answers "what can I do now?" with the minutes and energy there are', () => {
    const quickLow = task({ estimateMinutes: 10, energy: 'low' });
    const long = task({ estimateMinutes: 90, energy: 'low', plannedOn: '2026-03-10' });
    const hard = task({ estimateMinutes: 10, energy: 'high' });
    const unknown = task();
    const plan = planToday([quickLow, long, hard, unknown], {
      now,
      timeZone: tz,
      minutes: 15,
      energy: 'low',
    });
    expect(plan.fits?.map((t) => t.id)).toEqual([quickLow.id]);
    expect(plan.next?.id).toBe(quickLow.id);
    const medium = planToday([quickLow, long, hard, unknown], {
      now,
      timeZone: tz,
      energy: 'medium',
    });
    // Today's own come first, then the rest, oldest first.
    expect(medium.fits?.map((t) => t.id)).toEqual([long.id, unknown.id, quickLow.id]);
  });

  it('never shows a task in two places, and everything fits when there is a day and energy to spare', () => {
    const arb = fc.record({
      status: fc.constantFrom('inbox', 'todo', 'in_progress', 'done', 'archived'),
      priority: fc.constantFrom('low', 'medium', 'high', 'urgent' as const),
      dueOffsetH: fc.option(fc.integer({ min: -72, max: 72 }), { nil: null }),
      planned: fc.option(fc.constantFrom('2026-03-08', '2026-03-09', '2026-03-10', '2026-03-11'), {
        nil: null,
      }),
      snoozeH: fc.option(fc.integer({ min: -48, max: 48 }), { nil: null }),
      estimate: fc.option(fc.integer({ min: 1, max: 600 }), { nil: null }),
      energy: fc.option(fc.constantFrom('low', 'medium', 'high' as const), { nil: null }),
    });
    fc.assert(
      fc.property(
        fc.array(arb, { maxLength: 30 }),
        fc.constantFrom('UTC', tz, 'Pacific/Auckland', 'America/Los_Angeles'),
        (specs, zone) => {
          const tasks = specs.map((s) =>
            task({
              status: s.status,
              priority: s.priority,
              dueAt:
                s.dueOffsetH === null ? null : new Date(now.getTime() + s.dueOffsetH * 3_600_000),
              plannedOn: s.planned,
              snoozedUntil:
                s.snoozeH === null ? null : new Date(now.getTime() + s.snoozeH * 3_600_000),
              estimateMinutes: s.estimate,
              energy: s.energy,
            }),
          );
          const plan = planToday(tasks, { now, timeZone: zone });
          const ids = [...plan.today, ...plan.earlier].map((t) => t.id);
          expect(new Set(ids).size).toBe(ids.length);
          for (const t of [...plan.today, ...plan.earlier]) {
            expect(t.status === 'done' || t.status === 'archived').toBe(false);
            expect(t.snoozedUntil !== null && t.snoozedUntil > now).toBe(false);
          }
          const all = planToday(tasks, { now, timeZone: zone, minutes: 1440, energy: 'high' });
          const open = tasks.filter(
            (t) =>
              t.status !== 'done' &&
              t.status !== 'archived' &&
              !(t.snoozedUntil && t.snoozedUntil > now),
          );
          expect(all.fits?.length).toBe(open.filter((t) => fitsNow(t, { minutes: 1440 })).length);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('snoozeUntil', () => {
  it('is the start of tomorrow in the person’s day by default, or of the day given', () => {
    expect(snoozeUntil({}, now, tz)).toEqual({
      day: '2026-03-11',
      at: new Date('2026-03-10T23:00:00Z'),
    });
    expect(snoozeUntil({ until: '2026-03-20' }, now, 'UTC').at).toEqual(
      new Date('2026-03-20T00:00:00Z'),
    );
  });

  it('refuses today or a day gone by', () => {
    expect(() => snoozeUntil({ until: '2026-03-10' }, now, tz)).toThrow('Pick a day after today');
    expect(() => snoozeUntil({ until: '2025-01-01' }, now, tz)).toThrow('Pick a day after today');
  });
});

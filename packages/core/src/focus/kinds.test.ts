import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultFocusSettings,
  FOCUS_KINDS,
  flowtimeBreakMs,
  focusSettingsSchema,
  MINUTE_MS,
  plannedFocusMinutes,
  TIMED_FOCUS_KINDS,
  TIMED_KIND_RULES,
} from './kinds';
import { energyCheckInSchema } from './moves';
import {
  energyCheckInInput,
  fixFocusLengthInput,
  focusAnalyticsInput,
  focusMoveRequest,
  planFocusBlockInput,
  startFocusInput,
} from './schema';

const firstMessage = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
  r.error?.issues[0]?.message;

describe('focus kinds', () => {
  it('has the documented defaults', () => {
    expect(defaultFocusSettings('pomodoro')).toEqual({
      kind: 'pomodoro',
      workMinutes: 25,
      shortBreakMinutes: 5,
      longBreakMinutes: 15,
      longBreakEvery: 4,
      blocks: null,
    });
    expect(defaultFocusSettings('deep_work')).toMatchObject({ workMinutes: 60, blocks: 1 });
    expect(defaultFocusSettings('short_burst')).toMatchObject({ workMinutes: 10, blocks: 1 });
    expect(defaultFocusSettings('flowtime')).toEqual({
      kind: 'flowtime',
      breakRule: { type: 'share', percent: 20, minMinutes: 1 },
      hyperfocusNudgeMinutes: 60,
    });
    for (const kind of FOCUS_KINDS) expect(defaultFocusSettings(kind).kind).toBe(kind);
  });

  it('refuses negative, absurd and fractional durations with a message naming the kind', () => {
    const bad = (input: object) => firstMessage(focusSettingsSchema.safeParse(input));
    expect(bad({ kind: 'pomodoro', workMinutes: -25 })).toBe(
      'Pomodoro work blocks are 5 to 90 minutes',
    );
    expect(bad({ kind: 'pomodoro', workMinutes: 1e9 })).toBe(
      'Pomodoro work blocks are 5 to 90 minutes',
    );
    expect(bad({ kind: 'pomodoro', workMinutes: 25.5 })).toBe(
      'Work must be a whole number of minutes',
    );
    expect(bad({ kind: 'deep_work', workMinutes: 30 })).toBe(
      'Deep work blocks are 50 to 90 minutes (use custom for other lengths)',
    );
    expect(bad({ kind: 'short_burst', workMinutes: 20 })).toMatch(/10 to 15 minutes/);
    expect(bad({ kind: 'custom', workMinutes: 0 })).toBe('Custom work blocks are 1 to 240 minutes');
    expect(bad({ kind: 'custom', shortBreakMinutes: -1 })).toMatch(/short breaks are 0 to 120/);
    expect(bad({ kind: 'pomodoro', longBreakEvery: 1 })).toMatch(/every 2 to 12 work blocks/);
    expect(bad({ kind: 'pomodoro', blocks: 0 })).toMatch(/plan 1 to 24 work blocks/);
    expect(bad({ kind: 'pomodoro', workMinutes: '25' })).toMatch(/number of minutes/);
    expect(bad({ kind: 'nap' })).toMatch(/pomodoro, deep_work, short_burst, flowtime, custom/);
    expect(bad({ kind: 'flowtime', hyperfocusNudgeMinutes: 5 })).toMatch(/15 to 240 minutes/);
  });

  it('accepts every value inside the bounds and refuses every integer outside', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TIMED_FOCUS_KINDS),
        fc.integer({ min: -10_000, max: 10_000 }),
        (kind, minutes) => {
          const { min, max } = TIMED_KIND_RULES[kind].workMinutes;
          const ok = focusSettingsSchema.safeParse({ kind, workMinutes: minutes }).success;
          expect(ok).toBe(minutes >= min && minutes <= max);
        },
      ),
    );
  });

  it('checks flowtime break steps', () => {
    const steps = (s: object[]) =>
      firstMessage(
        focusSettingsSchema.safeParse({ kind: 'flowtime', breakRule: { type: 'steps', steps: s } }),
      );
    expect(steps([{ fromMinutes: 10, breakMinutes: 5 }])).toMatch(/starts at 0 minutes/);
    expect(
      steps([
        { fromMinutes: 0, breakMinutes: 5 },
        { fromMinutes: 0, breakMinutes: 10 },
      ]),
    ).toMatch(/must go up/);
    expect(steps([])).toMatch(/at least one/);
    expect(steps([{ fromMinutes: 0, breakMinutes: -2 }])).toMatch(/0 to 120 minutes/);
    expect(
      focusSettingsSchema.safeParse({ kind: 'flowtime', breakRule: { type: 'nap' } }).success,
    ).toBe(false);
  });
});

describe('flowtime breaks', () => {
  const share = { type: 'share', percent: 20, minMinutes: 1 } as const;

  it('are 20% of the work, at least a minute, in whole seconds', () => {
    expect(flowtimeBreakMs(share, 50 * MINUTE_MS)).toBe(10 * MINUTE_MS);
    expect(flowtimeBreakMs(share, 2 * MINUTE_MS)).toBe(MINUTE_MS);
    expect(flowtimeBreakMs(share, 0)).toBe(MINUTE_MS);
    expect(flowtimeBreakMs(share, 7 * MINUTE_MS + 1234)).toBe(MINUTE_MS + 24_000 + 0);
  });

  it('grow with the work and never fall under the floor', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 0, max: 30 }),
        fc.nat(10 * 60 * MINUTE_MS),
        fc.nat(60 * MINUTE_MS),
        (percent, minMinutes, work, more) => {
          const rule = { type: 'share', percent, minMinutes } as const;
          const b = flowtimeBreakMs(rule, work);
          expect(b).toBeGreaterThanOrEqual(minMinutes * MINUTE_MS);
          expect(b % 1000).toBe(0);
          expect(flowtimeBreakMs(rule, work + more)).toBeGreaterThanOrEqual(b);
        },
      ),
    );
  });
});

describe('planned length', () => {
  it('covers the planned blocks and the breaks between them', () => {
    expect(plannedFocusMinutes(defaultFocusSettings('pomodoro'))).toBe(4 * 25 + 3 * 5);
    expect(plannedFocusMinutes(defaultFocusSettings('deep_work'))).toBe(60);
    expect(plannedFocusMinutes(focusSettingsSchema.parse({ kind: 'custom', blocks: 3 }))).toBe(
      3 * 30 + 2 * 5,
    );
    expect(plannedFocusMinutes(defaultFocusSettings('flowtime'))).toBe(60);
  });
});

describe('API inputs', () => {
  const id = '7b0a4c1e-3f5d-4c8b-9a2e-1d6f8e9c0b3a';

  it('starts a session with a kind, a task or none, and an energy check-in', () => {
    expect(startFocusInput.parse({ settings: { kind: 'pomodoro' } })).toMatchObject({
      settings: { kind: 'pomodoro', workMinutes: 25 },
    });
    expect(
      startFocusInput.parse({ settings: { kind: 'flowtime' }, taskId: id, energyBefore: 3 }),
    ).toMatchObject({ taskId: id, energyBefore: 3 });
    expect(
      firstMessage(startFocusInput.safeParse({ settings: { kind: 'pomodoro' }, taskId: 'x' })),
    ).toBe('Must be a task id (a UUID)');
  });

  it('takes energy from 1 to 5, whole', () => {
    for (const bad of [0, 6, 2.5, '3', null]) {
      expect(firstMessage(energyCheckInSchema.safeParse(bad))).toMatch(/1 \(drained\) to 5/);
    }
    expect(energyCheckInInput.parse({ id, moment: 'after', energy: 5 }).energy).toBe(5);
    expect(firstMessage(energyCheckInInput.safeParse({ id, moment: 'during', energy: 3 }))).toMatch(
      /"before" or "after"/,
    );
  });

  it('wraps a move with its session', () => {
    expect(focusMoveRequest.parse({ id, move: { type: 'extend', minutes: 5 } })).toEqual({
      id,
      move: { type: 'extend', minutes: 5 },
    });
    expect(focusMoveRequest.safeParse({ id, move: { type: 'abandon' } }).success).toBe(false);
  });

  it('bounds a fixed length and a planned block', () => {
    expect(firstMessage(fixFocusLengthInput.safeParse({ id, workedMinutes: -1 }))).toMatch(
      /0 to 1440/,
    );
    expect(fixFocusLengthInput.parse({ id, workedMinutes: 90 }).workedMinutes).toBe(90);
    const plan = {
      startsAt: '2026-03-02T09:00:00+01:00',
      settings: { kind: 'deep_work' },
      durationMinutes: 90,
    };
    expect(planFocusBlockInput.parse(plan).durationMinutes).toBe(90);
    expect(
      firstMessage(planFocusBlockInput.safeParse({ ...plan, durationMinutes: 100_000 })),
    ).toMatch(/5 to 720 minutes/);
    expect(firstMessage(planFocusBlockInput.safeParse({ ...plan, startsAt: 'tomorrow' }))).toMatch(
      /ISO 8601/,
    );
  });

  it('asks analytics for a local date and a week start', () => {
    expect(focusAnalyticsInput.parse({ from: '2026-01-01', weekStartsOn: 0 })).toEqual({
      from: '2026-01-01',
      weekStartsOn: 0,
    });
    expect(focusAnalyticsInput.safeParse({ from: '2026-13-01' }).success).toBe(false);
    expect(firstMessage(focusAnalyticsInput.safeParse({ weekStartsOn: 7 }))).toMatch(
      /0 \(Sunday\)/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { type FocusSettingsInput, focusSettingsSchema } from './kinds';
import type { FocusMove } from './moves';
import {
  AUTO_CLOSE_GRACE_MINUTES,
  autoCloseRule,
  boundaryStillHolds,
  focusBoundaries,
  upcomingBoundaries,
} from './schedule';
import { applyMove, type FocusSession, sessionState, startFocusSession } from './session';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const MIN = 60_000;
const at = (minutes: number) => new Date(T0 + minutes * MIN);
const GRACE = AUTO_CLOSE_GRACE_MINUTES;

function session(settings: FocusSettingsInput, ...moves: [FocusMove['type'], number][]) {
  let s = startFocusSession(focusSettingsSchema.parse(settings), at(0));
  for (const [type, minutes] of moves) s = applyMove(s, { type, at: at(minutes) } as FocusMove);
  return s;
}

const brief = (s: FocusSession, now: number) =>
  upcomingBoundaries(s, at(now)).map((b) => [b.type, (b.at.getTime() - T0) / MIN]);

describe('break reminders', () => {
  it('are due at the block end and at the break end', () => {
    const s = session({ kind: 'pomodoro' });
    expect(brief(s, 0)).toEqual([
      ['work_end', 25],
      ['break_end', 30],
    ]);
    expect(upcomingBoundaries(s, at(0))[0]).toMatchObject({
      key: 'work_end:1',
      next: 'short_break',
      breakMs: 5 * MIN,
      workedMs: 25 * MIN,
    });
  });

  it('vanish on a pause and come back later on resume; the old ones no longer hold', () => {
    const s = session({ kind: 'pomodoro' });
    const [workEnd] = upcomingBoundaries(s, at(0));
    const paused = applyMove(s, { type: 'pause', at: at(10) });
    expect(brief(paused, 10)).toEqual([]);
    expect(boundaryStillHolds(paused, workEnd!)).toBe(false);
    const resumed = applyMove(paused, { type: 'resume', at: at(18) });
    expect(brief(resumed, 18)).toEqual([
      ['work_end', 33],
      ['break_end', 38],
    ]);
    expect(boundaryStillHolds(resumed, workEnd!)).toBe(false);
    expect(boundaryStillHolds(resumed, upcomingBoundaries(resumed, at(18))[0]!)).toBe(true);
  });

  it('are gone after a stop, and past ones stay true history', () => {
    const s = session({ kind: 'pomodoro' }, ['skip_break', 27]);
    const stopped = applyMove(s, { type: 'stop', at: at(30) });
    expect(brief(stopped, 30)).toEqual([]);
    expect(focusBoundaries(stopped).map((b) => b.key)).toEqual(['work_end:1']);
  });

  it('move with an extension', () => {
    const s = session({ kind: 'pomodoro' });
    const longer = applyMove(s, { type: 'extend', at: at(24), minutes: 5 } as FocusMove);
    expect(brief(longer, 24)).toEqual([
      ['work_end', 30],
      ['break_end', 35],
    ]);
  });

  it('announce the long break after the fourth block', () => {
    const s = session(
      { kind: 'pomodoro' },
      ['skip_break', 30],
      ['skip_break', 60],
      ['skip_break', 90],
    );
    expect(upcomingBoundaries(s, at(90))[0]).toMatchObject({
      key: 'work_end:4',
      next: 'long_break',
      breakMs: 15 * MIN,
    });
  });

  it('say when a planned session finishes instead of offering a break', () => {
    const s = session({ kind: 'short_burst' });
    expect(upcomingBoundaries(s, at(0))).toMatchObject([
      { type: 'work_end', next: 'finished', breakMs: 0 },
    ]);
  });

  it('nudge flowtime hyperfocus every hour of unbroken work, until the auto-close', () => {
    const s = session({ kind: 'flowtime' });
    expect(brief(s, 0)).toEqual([
      ['hyperfocus', 60],
      ['hyperfocus', 120],
      ['hyperfocus', 180],
    ]);
    const broke = applyMove(s, { type: 'start_break', at: at(50) });
    expect(brief(broke, 50)).toEqual([['break_end', 60]]);
  });
});

describe('auto-close', () => {
  it('completes a finished plan at its end, at once', () => {
    const s = session({ kind: 'deep_work' });
    expect(autoCloseRule(s)).toEqual({
      dueAt: at(60),
      move: { type: 'complete', at: at(60), auto: true },
      reason: 'finished',
    });
  });

  it('abandons a paused session at the pause, the grace later', () => {
    const s = session({ kind: 'pomodoro' }, ['pause', 10]);
    const rule = autoCloseRule(s)!;
    expect(rule).toEqual({
      dueAt: at(10 + GRACE),
      move: { type: 'abandon', at: at(10) },
      reason: 'paused',
    });
    const closed = sessionState(applyMove(s, rule.move), at(10 + GRACE));
    expect(closed).toMatchObject({ outcome: 'abandoned', autoClosed: true, workedMs: 10 * MIN });
    expect(closed.endedAt).toEqual(at(10));
  });

  it('completes an open-ended pomodoro left after its break, at the end of the work', () => {
    const s = session({ kind: 'pomodoro' }, ['skip_break', 30]);
    expect(autoCloseRule(s)).toEqual({
      dueAt: at(60 + GRACE),
      move: { type: 'complete', at: at(55), auto: true },
      reason: 'break_over',
    });
    const st = sessionState(applyMove(s, autoCloseRule(s)!.move), at(60 + GRACE));
    expect(st).toMatchObject({ outcome: 'completed', workedMs: 50 * MIN, autoClosed: true });
  });

  it('abandons a planned session left halfway', () => {
    const s = session({ kind: 'pomodoro', blocks: 4 });
    expect(autoCloseRule(s)).toMatchObject({
      dueAt: at(30 + GRACE),
      move: { type: 'abandon', at: at(25) },
    });
  });

  it('counts a move while waiting as the person being there', () => {
    const s = applyMove(session({ kind: 'pomodoro' }), {
      type: 'interruption',
      at: at(100),
      note: 'phone',
    });
    expect(autoCloseRule(s)).toMatchObject({ dueAt: at(100 + GRACE), move: { at: at(100) } });
  });

  it('ends forgotten flowtime at its first nudge', () => {
    const s = session({ kind: 'flowtime' }, ['pause', 20], ['resume', 30]);
    expect(autoCloseRule(s)).toEqual({
      dueAt: at(70 + GRACE),
      move: { type: 'abandon', at: at(70) },
      reason: 'no_break',
    });
    const late = session({ kind: 'flowtime' }, ['pause', 80], ['resume', 90]);
    expect(autoCloseRule(late)).toMatchObject({ dueAt: at(90 + GRACE), move: { at: at(90) } });
  });

  it('leaves an ended session alone', () => {
    expect(autoCloseRule(session({ kind: 'pomodoro' }, ['stop', 3]))).toBeNull();
  });
});

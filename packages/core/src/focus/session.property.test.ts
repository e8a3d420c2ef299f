import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { DomainError } from '../errors';
import {
  FOCUS_KINDS,
  type FocusSettings,
  focusSettingsSchema,
  TIMED_FOCUS_KINDS,
  TIMED_KIND_RULES,
} from './kinds';
import type { FocusMove } from './moves';
import { autoCloseRule, boundaryStillHolds, focusBoundaries, upcomingBoundaries } from './schedule';
import {
  applyMove,
  type FocusSession,
  type FocusState,
  focusSessionSchema,
  MAX_BLOCK_MINUTES,
  sessionState,
  startFocusSession,
} from './session';

const MIN = 60_000;
const T0 = Date.parse('2026-03-28T22:00:00Z'); // a DST weekend in Europe, for the timezone property

const range = (r: { min: number; max: number }) => fc.integer({ min: r.min, max: r.max });

/** Any valid settings, biased to short blocks so the clock's own changes happen often. */
const settingsArb: fc.Arbitrary<FocusSettings> = fc.oneof(
  ...TIMED_FOCUS_KINDS.map((kind) => {
    const r = TIMED_KIND_RULES[kind];
    return fc
      .record({
        workMinutes: fc.oneof(fc.constant(r.workMinutes.min), range(r.workMinutes)),
        shortBreakMinutes: range(r.shortBreakMinutes),
        longBreakMinutes: range(r.longBreakMinutes),
        longBreakEvery: fc.option(range(r.longBreakEvery), { nil: null }),
        blocks: fc.option(range({ min: r.blocks.min, max: Math.min(r.blocks.max, 6) }), {
          nil: null,
        }),
      })
      .map((s) => focusSettingsSchema.parse({ kind, ...s }));
  }),
  fc
    .record({
      breakRule: fc.oneof(
        fc.record({
          type: fc.constant('share' as const),
          percent: fc.integer({ min: 1, max: 100 }),
          minMinutes: fc.integer({ min: 0, max: 30 }),
        }),
        fc.constant({ type: 'steps' as const }),
      ),
      hyperfocusNudgeMinutes: fc.integer({ min: 15, max: 240 }),
    })
    .map((s) => focusSettingsSchema.parse({ kind: 'flowtime', ...s })),
);

type Attempt = { type: FocusMove['type']; gap: number; minutes: number; note: string };
const attemptArb: fc.Arbitrary<Attempt> = fc.record({
  type: fc.constantFrom<FocusMove['type']>(
    'pause',
    'resume',
    'resume',
    'interruption',
    'extend',
    'start_break',
    'skip_break',
    'skip_break',
    'stop',
    'complete',
    'abandon',
    'start',
  ),
  // Often within a block, sometimes across several; exact milliseconds, so boundaries are hit.
  gap: fc.oneof(
    fc.integer({ min: 0, max: 10 * MIN }),
    fc.integer({ min: 0, max: 4 * 60 * MIN }),
    fc.constantFrom(0, MIN, 5 * MIN, 25 * MIN),
  ),
  minutes: fc.integer({ min: 1, max: 60 }),
  note: fc.string({ maxLength: 20 }),
});

function toMove(a: Attempt, at: Date): FocusMove {
  if (a.type === 'extend') return { type: 'extend', at, minutes: a.minutes };
  if (a.type === 'interruption') return { type: 'interruption', at, note: a.note };
  return { type: a.type, at } as FocusMove;
}

/** Build a session from attempts, keeping the accepted ones (the refused ones change nothing). */
function build(settings: FocusSettings, attempts: Attempt[]): FocusSession {
  let s = startFocusSession(settings, new Date(T0));
  let t = T0;
  for (const a of attempts) {
    t += a.gap;
    try {
      s = applyMove(s, toMove(a, new Date(t)));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
  }
  return s;
}

const sessionArb = fc
  .tuple(settingsArb, fc.array(attemptArb, { maxLength: 25 }))
  .map(([settings, attempts]) => build(settings, attempts));

const lastAt = (s: FocusSession) => s.moves.at(-1)!.at.getTime();
const laterArb = fc.integer({ min: 0, max: 10 * 60 * MIN });

/** The legality of a move, read only from the public state just before it. */
function legal(state: FocusState, move: FocusMove): boolean {
  const { phase, block } = state;
  const open = phase !== 'done' && phase !== 'finished';
  switch (move.type) {
    case 'start':
      return false;
    case 'pause':
      return phase === 'work' || phase === 'short_break' || phase === 'long_break';
    case 'resume':
      return phase === 'paused';
    case 'interruption':
    case 'stop':
      return open;
    case 'extend': {
      const planned = state.blocks.at(-1)?.plannedMs ?? null;
      return (
        open &&
        block !== null &&
        state.timeLeftMs !== null &&
        planned !== null &&
        planned + move.minutes * MIN <= MAX_BLOCK_MINUTES * MIN
      );
    }
    case 'start_break':
      return open && block === 'work';
    case 'skip_break':
      return open && (phase === 'break_over' || block === 'short_break' || block === 'long_break');
    case 'complete':
    case 'abandon':
      return phase !== 'done';
  }
}

describe('focus session properties', () => {
  it('applyMove accepts exactly the moves that are legal at their time, and in time order', () => {
    fc.assert(
      fc.property(settingsArb, fc.array(attemptArb, { maxLength: 30 }), (settings, attempts) => {
        let s = startFocusSession(settings, new Date(T0));
        let t = T0;
        for (const a of attempts) {
          let at: number;
          if (a.gap === 0 && a.minutes < 5) {
            at = t - a.minutes * MIN; // now and then, a move from the past
          } else {
            t += a.gap;
            at = t;
          }
          const move = toMove(a, new Date(at));
          const inOrder = at >= lastAt(s);
          const expected = inOrder && legal(sessionState(s, new Date(at)), move);
          let accepted = true;
          const before = s.moves.length;
          try {
            s = applyMove(s, move);
          } catch (error) {
            expect(error).toBeInstanceOf(DomainError);
            expect((error as DomainError).code).toBe('BAD_REQUEST');
            expect((error as DomainError).message.length).toBeGreaterThan(10);
            accepted = false;
          }
          expect(accepted).toBe(expected);
          expect(s.moves.length).toBe(before + (accepted ? 1 : 0));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('time left is never negative, and a running timed block ends after now', () => {
    fc.assert(
      fc.property(sessionArb, laterArb, (s, later) => {
        const now = lastAt(s) + later;
        const st = sessionState(s, new Date(now));
        if (st.timeLeftMs !== null) expect(st.timeLeftMs).toBeGreaterThanOrEqual(0);
        if (st.blockEndsAt) {
          expect(st.blockEndsAt.getTime()).toBeGreaterThan(now);
          expect(st.blockEndsAt.getTime() - now).toBe(st.timeLeftMs);
        }
        for (const b of st.blocks) {
          if (b.plannedMs !== null) expect(b.activeMs).toBeLessThanOrEqual(b.plannedMs);
        }
      }),
    );
  });

  it('time worked + time paused + break time is the time elapsed', () => {
    fc.assert(
      fc.property(sessionArb, laterArb, (s, later) => {
        const st = sessionState(s, new Date(lastAt(s) + later));
        expect(st.workedMs + st.pausedMs + st.breakMs).toBe(st.elapsedMs);
        const blockTotal = st.blocks.reduce((sum, b) => sum + b.activeMs + b.pausedMs, 0);
        expect(blockTotal).toBeLessThanOrEqual(st.elapsedMs);
        expect(st.blocks.filter((b) => b.type === 'work').reduce((n, b) => n + b.activeMs, 0)).toBe(
          st.workedMs,
        );
      }),
    );
  });

  it('time worked never goes down as the clock moves', () => {
    fc.assert(
      fc.property(sessionArb, laterArb, laterArb, (s, a, b) => {
        const [early, late] = a < b ? [a, b] : [b, a];
        const x = sessionState(s, new Date(lastAt(s) + early));
        const y = sessionState(s, new Date(lastAt(s) + late));
        expect(y.workedMs).toBeGreaterThanOrEqual(x.workedMs);
        expect(y.elapsedMs).toBeGreaterThanOrEqual(x.elapsedMs);
      }),
    );
  });

  it('a pause then a resume conserves work: the same state, later by the pause', () => {
    fc.assert(
      fc.property(
        sessionArb,
        fc.integer({ min: 0, max: 6 * 60 * MIN }),
        fc.integer({ min: 1, max: 3 * 60 * MIN }),
        laterArb,
        (s, offset, pause, later) => {
          const p = s.moves[0]!.at.getTime() + offset;
          const before = s.moves.filter((m) => m.at.getTime() <= p);
          const after = s.moves.filter((m) => m.at.getTime() > p);
          let paused: FocusSession;
          try {
            paused = applyMove(
              { settings: s.settings, moves: before },
              { type: 'pause', at: new Date(p) },
            );
          } catch {
            return; // not a moment that can be paused
          }
          paused = applyMove(paused, { type: 'resume', at: new Date(p + pause) });
          for (const m of after)
            paused = applyMove(paused, { ...m, at: new Date(m.at.getTime() + pause) });

          const now = Math.max(lastAt(s), p) + later;
          const x = sessionState(s, new Date(now));
          const y = sessionState(paused, new Date(now + pause));
          const shift = (d: Date | null) => (d === null ? null : d.getTime() + pause);
          expect(y.workedMs).toBe(x.workedMs);
          expect(y.breakMs).toBe(x.breakMs);
          expect(y.pausedMs).toBe(x.pausedMs + pause);
          expect([y.phase, y.block, y.cycle, y.outcome, y.timeLeftMs]).toEqual([
            x.phase,
            x.block,
            x.cycle,
            x.outcome,
            x.timeLeftMs,
          ]);
          expect(y.blockEndsAt?.getTime() ?? null).toBe(shift(x.blockEndsAt));
          expect(y.endedAt?.getTime() ?? null).toBe(shift(x.endedAt));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('the long break comes after every n-th work block (the fourth, for a pomodoro), never otherwise', () => {
    fc.assert(
      fc.property(sessionArb, laterArb, (s, later) => {
        const st = sessionState(s, new Date(lastAt(s) + later));
        const every = s.settings.kind === 'flowtime' ? null : s.settings.longBreakEvery;
        for (const b of st.blocks) {
          if (b.type === 'work') continue;
          const long = every !== null && b.cycle % every === 0;
          expect(b.type).toBe(long ? 'long_break' : 'short_break');
        }
      }),
    );
    // A default pomodoro, each break taken in full: short, short, short, long, short...
    let s = startFocusSession(focusSettingsSchema.parse({ kind: 'pomodoro' }), new Date(T0));
    let t = T0;
    for (let cycle = 1; cycle <= 8; cycle++) {
      t += 25 * MIN;
      const st = sessionState(s, new Date(t));
      expect(st.block).toBe(cycle % 4 === 0 ? 'long_break' : 'short_break');
      t = st.blockEndsAt!.getTime();
      s = applyMove(s, { type: 'skip_break', at: new Date(t) });
    }
  });

  it('the same moves give the same state in any timezone', () => {
    const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Pacific/Chatham', 'Asia/Kathmandu'];
    try {
      fc.assert(
        fc.property(
          sessionArb,
          laterArb,
          fc.array(fc.integer({ min: -14 * 60, max: 14 * 60 }), { minLength: 1, maxLength: 40 }),
          fc.constantFrom(...zones),
          (s, later, offsets, zone) => {
            const now = new Date(lastAt(s) + later);
            vi.stubEnv('TZ', 'UTC');
            const reference = sessionState(s, now);
            // The moves as another client would send them: ISO times with their own offsets.
            const json = {
              settings: s.settings,
              moves: s.moves.map((m, i) => ({
                ...m,
                at: withOffset(m.at, offsets[i % offsets.length]!),
              })),
            };
            vi.stubEnv('TZ', zone);
            expect(sessionState(focusSessionSchema.parse(json), now)).toEqual(reference);
          },
        ),
      );
      // The switch is real: the process's local time did move.
      vi.stubEnv('TZ', 'Asia/Kathmandu');
      expect(new Date(T0).getTimezoneOffset()).toBe(-345);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('every boundary is a real change of block, and the upcoming ones match the timer', () => {
    fc.assert(
      fc.property(sessionArb, laterArb, (s, later) => {
        const now = new Date(lastAt(s) + later);
        const st = sessionState(s, now);
        const all = focusBoundaries(s);
        for (let i = 1; i < all.length; i++) {
          expect(all[i]!.at.getTime()).toBeGreaterThanOrEqual(all[i - 1]!.at.getTime());
        }
        expect(new Set(all.map((b) => b.key)).size).toBe(all.length);
        for (const b of all.slice(0, 5)) expect(boundaryStillHolds(s, b)).toBe(true);
        const upcoming = upcomingBoundaries(s, now);
        if (st.phase === 'paused' || st.phase === 'done' || st.phase === 'finished') {
          expect(upcoming).toEqual([]);
        }
        if (st.blockEndsAt && st.block === 'work') {
          expect(upcoming[0]).toMatchObject({ type: 'work_end', at: st.blockEndsAt });
        }
        if (st.blockEndsAt && st.block !== 'work') {
          expect(upcoming[0]).toMatchObject({ type: 'break_end', at: st.blockEndsAt });
        }
        if (st.hyperfocusNudgeAt) {
          expect(upcoming.find((b) => b.type === 'hyperfocus')?.at).toEqual(st.hyperfocusNudgeAt);
        }
      }),
    );
  });

  it('the auto-close always applies cleanly, ends the session, and records no time past its end', () => {
    fc.assert(
      fc.property(sessionArb, (s) => {
        const rule = autoCloseRule(s);
        const open = sessionState(s, new Date(lastAt(s)));
        if (open.phase === 'done') {
          expect(rule).toBeNull();
          return;
        }
        expect(rule).not.toBeNull();
        const { dueAt, move } = rule!;
        expect(dueAt.getTime()).toBeGreaterThanOrEqual(move.at.getTime());
        expect(move.at.getTime()).toBeGreaterThanOrEqual(lastAt(s));
        const closed = applyMove(s, move);
        const st = sessionState(closed, dueAt);
        expect(st.phase).toBe('done');
        expect(st.autoClosed).toBe(true);
        expect(st.endedAt!.getTime()).toBeLessThanOrEqual(move.at.getTime());
        expect(st.outcome).toBe(move.type === 'abandon' ? 'abandoned' : 'completed');
        // Nothing is lost either: the work up to the recorded end is all there.
        expect(st.workedMs).toBe(sessionState(s, st.endedAt!).workedMs);
        expect(autoCloseRule(closed)).toBeNull();
        expect(upcomingBoundaries(closed, dueAt)).toEqual([]);
      }),
    );
  });
});

describe('kinds', () => {
  it('every kind has defaults that start a session', () => {
    for (const kind of FOCUS_KINDS) {
      const s = startFocusSession(focusSettingsSchema.parse({ kind }), new Date(T0));
      expect(sessionState(s, new Date(T0 + MIN)).phase).toBe('work');
    }
  });
});

function withOffset(d: Date, offsetMinutes: number): string {
  const local = new Date(d.getTime() + offsetMinutes * MIN).toISOString().slice(0, 23);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local}${sign}${hh}:${mm}`;
}

import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import { defaultFocusSettings, type FocusSettingsInput, focusSettingsSchema } from './kinds';
import { type FocusMove, focusMoveInput, moveFromInput } from './moves';
import {
  applyMove,
  type FocusSession,
  focusSessionSchema,
  lengthFixRefusal,
  sessionState,
  startFocusSession,
} from './session';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const MIN = 60_000;
const at = (minutes: number) => new Date(T0 + minutes * MIN);

function session(settings: FocusSettingsInput, ...moves: [FocusMove['type'], number, object?][]) {
  let s = startFocusSession(focusSettingsSchema.parse(settings), at(0));
  for (const [type, minutes, extra] of moves) {
    s = applyMove(s, { type, at: at(minutes), ...extra } as FocusMove);
  }
  return s;
}

const stateAt = (s: FocusSession, minutes: number) => sessionState(s, at(minutes));

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('BAD_REQUEST');
    return (error as DomainError).message;
  }
  throw new Error('expected a refusal');
}

describe('a pomodoro, by the clock', () => {
  const s = session({ kind: 'pomodoro' });

  it('counts down the first block to an absolute end', () => {
    const st = stateAt(s, 10);
    expect(st.phase).toBe('work');
    expect(st.cycle).toBe(1);
    expect(st.timeLeftMs).toBe(15 * MIN);
    expect(st.blockEndsAt).toEqual(at(25));
    expect(st.workedMs).toBe(10 * MIN);
    expect(st.next).toMatchObject({ type: 'work_end', at: at(25), next: 'short_break' });
    expect(st.breakAfterMs).toBe(5 * MIN);
    expect(st.allowedMoves).toEqual([
      'pause',
      'interruption',
      'extend',
      'start_break',
      'stop',
      'complete',
    ]);
  });

  it('starts the break by itself at the block end, then waits for the person', () => {
    const onBreak = stateAt(s, 27);
    expect(onBreak.phase).toBe('short_break');
    expect(onBreak.blockEndsAt).toEqual(at(30));
    expect(onBreak.workedMs).toBe(25 * MIN);
    expect(onBreak.breakMs).toBe(2 * MIN);
    const waiting = stateAt(s, 45);
    expect(waiting.phase).toBe('break_over');
    expect(waiting.countUpFrom).toEqual(at(30));
    expect(waiting.workedMs).toBe(25 * MIN);
    expect(waiting.breakMs).toBe(20 * MIN);
    expect(waiting.next).toBeNull();
    expect(waiting.allowedMoves).toEqual(['interruption', 'skip_break', 'stop', 'complete']);
  });

  it('gives the long break after the fourth block', () => {
    let p = s;
    for (let i = 1; i <= 4; i++) {
      const st = sessionState(p, p.moves.at(-1)!.at);
      const workEnd = st.blockEndsAt!.getTime();
      const breakState = sessionState(p, new Date(workEnd));
      expect(breakState.phase).toBe(i === 4 ? 'long_break' : 'short_break');
      expect(breakState.timeLeftMs).toBe((i === 4 ? 15 : 5) * MIN);
      p = applyMove(p, { type: 'skip_break', at: new Date(workEnd + MIN) });
    }
    expect(sessionState(p, p.moves.at(-1)!.at).cycle).toBe(5);
  });
});

describe('pause and resume', () => {
  it('freezes the block and moves its end by the pause', () => {
    const s = session({ kind: 'pomodoro' }, ['pause', 10]);
    const paused = stateAt(s, 40);
    expect(paused.phase).toBe('paused');
    expect(paused.block).toBe('work');
    expect(paused.timeLeftMs).toBe(15 * MIN);
    expect(paused.blockEndsAt).toBeNull();
    expect(paused.pausedMs).toBe(30 * MIN);
    expect(paused.next).toBeNull();
    const resumed = applyMove(s, { type: 'resume', at: at(40) });
    expect(stateAt(resumed, 41).blockEndsAt).toEqual(at(55));
    expect(stateAt(resumed, 41).workedMs).toBe(11 * MIN);
  });

  it('pauses a break too', () => {
    const s = session({ kind: 'pomodoro' }, ['pause', 27], ['resume', 37]);
    expect(stateAt(s, 37)).toMatchObject({ phase: 'short_break', timeLeftMs: 3 * MIN });
    expect(stateAt(s, 37).blockEndsAt).toEqual(at(40));
  });
});

describe('refusals', () => {
  const s = session({ kind: 'pomodoro' });

  it('refuses moves out of time order', () => {
    const later = applyMove(s, { type: 'pause', at: at(10) });
    expect(refusal(() => applyMove(later, { type: 'resume', at: at(5) }))).toMatch(/time order/);
  });

  it('names what is wrong with an impossible move', () => {
    expect(refusal(() => applyMove(s, { type: 'resume', at: at(1) }))).toBe(
      'The session is not paused',
    );
    expect(refusal(() => applyMove(s, { type: 'skip_break', at: at(1) }))).toMatch(
      /you are working/,
    );
    expect(refusal(() => applyMove(s, { type: 'start_break', at: at(26) }))).toMatch(
      /already on a break/,
    );
    expect(refusal(() => applyMove(s, { type: 'pause', at: at(31) }))).toMatch(/break is over/);
    expect(refusal(() => applyMove(s, { type: 'start', at: at(1) }))).toMatch(/already started/);
    const paused = applyMove(s, { type: 'pause', at: at(3) });
    expect(refusal(() => applyMove(paused, { type: 'pause', at: at(4) }))).toMatch(
      /already paused/,
    );
    const stopped = applyMove(s, { type: 'stop', at: at(3) });
    for (const type of ['pause', 'resume', 'complete', 'stop', 'abandon'] as const) {
      expect(refusal(() => applyMove(stopped, { type, at: at(4) }))).toMatch(
        /has ended \(stopped\)/,
      );
    }
  });

  it('refuses anything but a start on an empty session, and a move with no valid time', () => {
    const empty = { settings: defaultFocusSettings('pomodoro'), moves: [] };
    expect(refusal(() => applyMove(empty, { type: 'pause', at: at(0) }))).toMatch(
      /Start the session/,
    );
    expect(refusal(() => applyMove(s, { type: 'pause', at: new Date(Number.NaN) }))).toMatch(
      /valid time/,
    );
    expect(refusal(() => sessionState(empty, at(0)))).toMatch(/begins with a start/);
  });

  it('keeps a block under eight hours however often it is extended', () => {
    let c = session({ kind: 'custom', workMinutes: 240 });
    for (let i = 0; i < 4; i++) c = applyMove(c, { type: 'extend', at: at(i), minutes: 60 });
    expect(stateAt(c, 5).timeLeftMs).toBe((480 - 5) * MIN);
    expect(refusal(() => applyMove(c, { type: 'extend', at: at(6), minutes: 1 }))).toMatch(
      /480 minutes/,
    );
  });

  it('refuses a malformed move even when it skipped the API schema', () => {
    const bad = { type: 'extend', at: at(1), minutes: -5 } as FocusMove;
    expect(refusal(() => applyMove(s, bad))).toBe('Extend by 1 to 60 minutes');
    const long = { type: 'interruption', at: at(1), note: 'x'.repeat(501) } as FocusMove;
    expect(refusal(() => applyMove(s, long))).toMatch(/at most 500/);
  });

  it('does not extend flowtime, which counts up', () => {
    const f = session({ kind: 'flowtime' });
    expect(refusal(() => applyMove(f, { type: 'extend', at: at(1), minutes: 5 }))).toMatch(
      /counts up/,
    );
  });
});

describe('planned blocks and the end of a session', () => {
  it('finishes at the last planned block and completes there, whenever the click comes', () => {
    const s = session({ kind: 'deep_work', workMinutes: 50 });
    const finished = stateAt(s, 70);
    expect(finished).toMatchObject({ phase: 'finished', endedAt: at(50), workedMs: 50 * MIN });
    expect(finished.elapsedMs).toBe(50 * MIN);
    expect(finished.allowedMoves).toEqual(['complete']);
    const done = sessionState(applyMove(s, { type: 'complete', at: at(70) }), at(90));
    expect(done).toMatchObject({ phase: 'done', outcome: 'completed', endedAt: at(50) });
    expect(refusal(() => applyMove(s, { type: 'stop', at: at(70) }))).toMatch(
      /complete the session instead/,
    );
  });

  it('ends where the person stops, counting the pause up to then', () => {
    const s = session({ kind: 'pomodoro' }, ['pause', 10], ['stop', 20]);
    expect(stateAt(s, 99)).toMatchObject({
      phase: 'done',
      outcome: 'stopped',
      endedAt: at(20),
      workedMs: 10 * MIN,
      pausedMs: 10 * MIN,
      elapsedMs: 20 * MIN,
      allowedMoves: [],
    });
  });

  it('completes early when the task is done before the bell', () => {
    const s = session({ kind: 'short_burst' }, ['complete', 7]);
    expect(stateAt(s, 30)).toMatchObject({
      outcome: 'completed',
      workedMs: 7 * MIN,
      autoClosed: false,
    });
  });

  it('goes straight to "back to it?" after a zero-minute custom break', () => {
    const s = session({ kind: 'custom', workMinutes: 1, shortBreakMinutes: 0, blocks: null });
    expect(stateAt(s, 1)).toMatchObject({ phase: 'break_over', breakMs: 0, workedMs: MIN });
    expect(stateAt(s, 0).next).toMatchObject({ type: 'work_end', next: 'break_over', breakMs: 0 });
  });
});

describe('flowtime', () => {
  it('counts up and earns 20% of the work as its break, at least a minute', () => {
    const s = session({ kind: 'flowtime' });
    const st = stateAt(s, 40);
    expect(st).toMatchObject({
      phase: 'work',
      timeLeftMs: null,
      blockEndsAt: null,
      breakAfterMs: 8 * MIN,
    });
    expect(st.countUpFrom).toEqual(at(0));
    expect(stateAt(s, 2).breakAfterMs).toBe(MIN);
    const onBreak = applyMove(s, { type: 'start_break', at: at(40) });
    expect(stateAt(onBreak, 41)).toMatchObject({ phase: 'short_break', timeLeftMs: 7 * MIN });
    expect(stateAt(onBreak, 50).phase).toBe('break_over');
  });

  it('uses steps by length when asked', () => {
    const steps = { kind: 'flowtime', breakRule: { type: 'steps' } } as const;
    const breakAfter = (m: number) =>
      stateAt(applyMove(session(steps), { type: 'start_break', at: at(m) }), m).timeLeftMs;
    expect(breakAfter(10)).toBe(5 * MIN);
    expect(breakAfter(25)).toBe(10 * MIN);
    expect(breakAfter(49)).toBe(10 * MIN);
    expect(breakAfter(120)).toBe(15 * MIN);
  });

  it('nudges after an hour of unbroken work, not counting pauses, at most three times', () => {
    const s = session({ kind: 'flowtime' }, ['pause', 30], ['resume', 45]);
    expect(stateAt(s, 50).hyperfocusNudgeAt).toEqual(at(75));
    expect(stateAt(s, 80).hyperfocusNudgeAt).toEqual(at(135));
    expect(stateAt(s, 200).hyperfocusNudgeAt).toBeNull();
    const shorter = session({ kind: 'flowtime', hyperfocusNudgeMinutes: 20 });
    expect(stateAt(shorter, 1).hyperfocusNudgeAt).toEqual(at(20));
  });
});

describe('interruptions and history', () => {
  it('records interruptions with their block, and every block in order', () => {
    const s = session(
      { kind: 'pomodoro' },
      ['interruption', 5, { note: 'Slack ping' }],
      ['interruption', 27, { note: '' }],
      ['skip_break', 28],
    );
    const st = stateAt(s, 30);
    expect(st.interruptions).toEqual([
      { at: at(5), note: 'Slack ping', cycle: 1, during: 'work' },
      { at: at(27), note: '', cycle: 1, during: 'short_break' },
    ]);
    expect(st.blocks.map((b) => [b.type, b.cycle, b.endedBy])).toEqual([
      ['work', 1, 'time'],
      ['short_break', 1, 'move'],
      ['work', 2, null],
    ]);
  });
});

describe('client moves and stored sessions', () => {
  it('turns a client move into a stored move stamped with the server time', () => {
    const input = focusMoveInput.parse({ type: 'interruption', note: '  doorbell ' });
    expect(moveFromInput(input, at(3))).toEqual({
      type: 'interruption',
      at: at(3),
      note: 'doorbell',
    });
    const done = focusMoveInput.parse({ type: 'complete', energyAfter: 4 });
    expect(moveFromInput(done, at(3))).toEqual({ type: 'complete', at: at(3) });
  });

  it('refuses moves a client may not send, with the list of those it may', () => {
    for (const type of ['start', 'abandon', 'nap']) {
      const r = focusMoveInput.safeParse({ type });
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.message).toMatch(/pause, resume/);
    }
    expect(
      focusMoveInput.safeParse({ type: 'extend', minutes: -5 }).error?.issues[0]?.message,
    ).toBe('Extend by 1 to 60 minutes');
  });

  it('reads a stored session back from JSON to the same state', () => {
    const s = session(
      { kind: 'pomodoro' },
      ['pause', 3],
      ['resume', 9],
      ['extend', 10, { minutes: 5 }],
    );
    const back = focusSessionSchema.parse(JSON.parse(JSON.stringify(s)));
    expect(sessionState(back, at(20))).toEqual(stateAt(s, 20));
  });

  it('lets only an ended session have its length fixed', () => {
    const s = session({ kind: 'pomodoro' });
    expect(lengthFixRefusal(stateAt(s, 1))).toMatch(/finish this one first/);
    expect(lengthFixRefusal(stateAt(applyMove(s, { type: 'stop', at: at(2) }), 3))).toBeNull();
  });

  it('reads a "now" before the last move as the last move (clocks differ by milliseconds)', () => {
    const s = session({ kind: 'pomodoro' }, ['pause', 10]);
    expect(sessionState(s, new Date(at(10).getTime() - 5))).toEqual(stateAt(s, 10));
  });
});

import { DomainError } from '../errors';
import {
  type FocusBreakType,
  type FocusSettings,
  flowtimeBreakMs,
  MINUTE_MS,
  timedBreakAfter,
} from './kinds';
import type { FocusMove, FocusMoveType, FocusOutcome } from './moves';

/**
 * The session engine: a fold over the moves in which the clock also moves things (a block ends,
 * its break begins, the break runs out). Internal to the focus domain; `session.ts` and
 * `schedule.ts` are its public faces. All arithmetic is on integer epoch milliseconds, so the
 * result cannot depend on a timezone, and sums are exact.
 */

export type FocusBlockType = 'work' | FocusBreakType;
/**
 * `break_over`: the break ran out and the session waits for the person ("back to it?"); work
 * never restarts by itself, so someone who walked away is not credited with phantom blocks.
 * `finished`: every planned block is done; the session ended at the last block's end.
 */
export type EngineBlock = FocusBlockType | 'break_over' | 'finished';

export type FocusInterruption = {
  at: Date;
  note: string;
  /** The work block it interrupted (or the last one, during a break). */
  cycle: number;
  during: FocusBlockType | 'break_over';
};

export type FocusBlockRecord = {
  type: FocusBlockType;
  cycle: number;
  startedAt: Date;
  /** null while the block is still running (or paused). */
  endedAt: Date | null;
  /** The planned length with extensions; null when counting up (flowtime work). */
  plannedMs: number | null;
  /** Time the block ran, pauses excluded. */
  activeMs: number;
  pausedMs: number;
  /** `time` when the clock ended it, `move` when the person did. */
  endedBy: 'time' | 'move' | null;
};

/** An automatic change: what the worker tells the person about, at the moment it happens. */
export type FocusBoundary =
  | {
      type: 'work_end';
      at: Date;
      cycle: number;
      key: string;
      /** What follows: a break, straight to "back to it?" (a zero break), or the plan's end. */
      next: FocusBreakType | 'break_over' | 'finished';
      breakMs: number;
      workedMs: number;
    }
  | { type: 'break_end'; at: Date; cycle: number; key: string; breakType: FocusBreakType }
  | {
      type: 'hyperfocus';
      at: Date;
      cycle: number;
      key: string;
      /** 1, 2, 3: which nudge of this block. */
      nudge: number;
      /** Unbroken work in the block so far. */
      workedMs: number;
    };

/** Nudges repeat every `hyperfocusNudgeMinutes` of unbroken work, but more than three nag. */
export const MAX_HYPERFOCUS_NUDGES = 3;
/** Extensions stop here: a longer block is a different session. */
export const MAX_BLOCK_MINUTES = 480;

export interface Engine {
  readonly settings: FocusSettings;
  readonly startedAt: number;
  cursor: number;
  lastMoveAt: number;
  cycle: number;
  block: EngineBlock;
  blockStart: number;
  /** Planned active length of the current block; null counts up (flowtime work, break_over). */
  blockLength: number | null;
  blockActive: number;
  blockPaused: number;
  pausedAt: number | null;
  workedMs: number;
  pausedMs: number;
  breakMs: number;
  endedAt: number | null;
  outcome: FocusOutcome | null;
  autoClosed: boolean;
  lastWorkEnd: number | null;
  nudges: number;
  interruptions: FocusInterruption[];
  blocks: FocusBlockRecord[];
  boundaries: FocusBoundary[];
}

export const badRequest = (message: string) => new DomainError('BAD_REQUEST', message);

const workLengthMs = (s: FocusSettings): number | null =>
  s.kind === 'flowtime' ? null : s.workMinutes * MINUTE_MS;

export function createEngine(settings: FocusSettings, startedAt: number): Engine {
  return {
    settings,
    startedAt,
    cursor: startedAt,
    lastMoveAt: startedAt,
    cycle: 1,
    block: 'work',
    blockStart: startedAt,
    blockLength: workLengthMs(settings),
    blockActive: 0,
    blockPaused: 0,
    pausedAt: null,
    workedMs: 0,
    pausedMs: 0,
    breakMs: 0,
    endedAt: null,
    outcome: null,
    autoClosed: false,
    lastWorkEnd: null,
    nudges: 0,
    interruptions: [],
    blocks: [],
    boundaries: [],
  };
}

/** A copy to look ahead with: same clock and block, empty history. */
export function forkEngine(e: Engine): Engine {
  return { ...e, interruptions: [], blocks: [], boundaries: [] };
}

export const isBreak = (b: EngineBlock): b is FocusBreakType =>
  b === 'short_break' || b === 'long_break';
const isRealBlock = (b: EngineBlock): b is FocusBlockType => b === 'work' || isBreak(b);

export function currentBlockRecord(e: Engine): FocusBlockRecord | null {
  if (!isRealBlock(e.block)) return null;
  return {
    type: e.block,
    cycle: e.cycle,
    startedAt: new Date(e.blockStart),
    endedAt: null,
    plannedMs: e.blockLength,
    activeMs: e.blockActive,
    pausedMs: e.blockPaused,
    endedBy: null,
  };
}

function closeBlockRecord(e: Engine, endedBy: 'time' | 'move'): void {
  const record = currentBlockRecord(e);
  if (record) e.blocks.push({ ...record, endedAt: new Date(e.cursor), endedBy });
}

function enterBlock(e: Engine, block: EngineBlock, length: number | null): void {
  e.block = block;
  e.blockStart = e.cursor;
  e.blockLength = length;
  e.blockActive = 0;
  e.blockPaused = 0;
  e.nudges = 0;
}

/** The break the current work block has earned, or null when the plan ends with it. */
export function breakAfterCurrentWork(e: Engine): { type: FocusBreakType; ms: number } | null {
  const s = e.settings;
  if (s.kind === 'flowtime') {
    return { type: 'short_break', ms: flowtimeBreakMs(s.breakRule, e.blockActive) };
  }
  if (s.blocks !== null && e.cycle >= s.blocks) return null;
  return timedBreakAfter(s, e.cycle);
}

function endWork(e: Engine, endedBy: 'time' | 'move'): void {
  const at = e.cursor;
  const workedMs = e.blockActive;
  const earned = breakAfterCurrentWork(e);
  closeBlockRecord(e, endedBy);
  e.lastWorkEnd = at;
  // A zero-minute break (custom) goes straight to "back to it?".
  const next = earned === null ? 'finished' : earned.ms > 0 ? earned.type : 'break_over';
  if (endedBy === 'time') {
    e.boundaries.push({
      type: 'work_end',
      at: new Date(at),
      cycle: e.cycle,
      key: `work_end:${e.cycle}`,
      next,
      breakMs: earned?.ms ?? 0,
      workedMs,
    });
  }
  if (next === 'finished') {
    enterBlock(e, 'finished', null);
    e.endedAt = at;
  } else {
    enterBlock(e, next, next === 'break_over' ? null : (earned?.ms ?? 0));
  }
}

function endBreak(e: Engine, endedBy: 'time' | 'move'): void {
  const breakType = e.block as FocusBreakType;
  closeBlockRecord(e, endedBy);
  if (endedBy === 'time') {
    e.boundaries.push({
      type: 'break_end',
      at: new Date(e.cursor),
      cycle: e.cycle,
      key: `break_end:${e.cycle}`,
      breakType,
    });
  }
  enterBlock(e, 'break_over', null);
}

/** Let the clock run: `dt` of unpaused time in the current block. */
function run(e: Engine, dt: number): void {
  const from = e.cursor;
  const activeBefore = e.blockActive;
  e.cursor += dt;
  e.blockActive += dt;
  if (e.block !== 'work') {
    e.breakMs += dt;
    return;
  }
  e.workedMs += dt;
  const s = e.settings;
  if (s.kind !== 'flowtime') return;
  const every = s.hyperfocusNudgeMinutes * MINUTE_MS;
  while (e.nudges < MAX_HYPERFOCUS_NUDGES && (e.nudges + 1) * every <= e.blockActive) {
    e.nudges += 1;
    const workedMs = e.nudges * every;
    e.boundaries.push({
      type: 'hyperfocus',
      at: new Date(from + (workedMs - activeBefore)),
      cycle: e.cycle,
      key: `hyperfocus:${e.cycle}:${e.nudges}`,
      nudge: e.nudges,
      workedMs,
    });
  }
}

/** Move the clock to `to`, applying every automatic change on the way. */
export function advance(e: Engine, to: number): void {
  while (e.outcome === null && e.cursor < to) {
    if (e.pausedAt !== null) {
      const dt = to - e.cursor;
      e.pausedMs += dt;
      e.blockPaused += dt;
      e.cursor = to;
      return;
    }
    if (e.block === 'finished') {
      // The session ended at its last block; time after that is nobody's.
      e.cursor = to;
      return;
    }
    const remaining =
      e.blockLength === null ? Number.POSITIVE_INFINITY : e.blockLength - e.blockActive;
    run(e, Math.min(remaining, to - e.cursor));
    if (e.blockLength !== null && e.blockActive >= e.blockLength) {
      if (e.block === 'work') endWork(e, 'time');
      else endBreak(e, 'time');
    }
  }
}

/**
 * Why `move` cannot happen now, in words a person can act on; null when it can. One table for
 * applyMove, the replay of stored moves, and the buttons a client shows.
 */
export function moveRefusal(e: Engine, move: FocusMove): string | null {
  if (e.outcome !== null) return `This session has ended (${e.outcome}); start a new one`;
  const paused = e.pausedAt !== null;
  const b = e.block;
  const finished = 'Every planned block is done: complete the session';
  switch (move.type) {
    case 'start':
      return 'This session has already started';
    case 'pause':
      if (paused) return 'The session is already paused';
      if (b === 'break_over')
        return 'Nothing is running to pause: the break is over (skip_break starts the next block)';
      if (b === 'finished') return finished;
      return null;
    case 'resume':
      return paused ? null : 'The session is not paused';
    case 'interruption':
      return b === 'finished' ? finished : null;
    case 'extend': {
      if (b === 'finished') return finished;
      if (b === 'break_over')
        return 'The break is over: there is nothing to extend (skip_break starts the next block)';
      if (e.blockLength === null)
        return 'Flowtime counts up: there is no end to extend; take a break when you are ready';
      if (e.blockLength + move.minutes * MINUTE_MS > MAX_BLOCK_MINUTES * MINUTE_MS) {
        return `A block can be at most ${MAX_BLOCK_MINUTES} minutes long`;
      }
      return null;
    }
    case 'start_break':
      if (b === 'work') return null;
      if (b === 'finished') return finished;
      return b === 'break_over'
        ? 'The break is over: skip_break starts the next block'
        : 'You are already on a break';
    case 'skip_break':
      if (b === 'work') return 'There is no break to skip: you are working';
      return b === 'finished' ? finished : null;
    case 'stop':
      return b === 'finished'
        ? 'Every planned block is done: complete the session instead of stopping it'
        : null;
    case 'complete':
    case 'abandon':
      return null;
  }
}

function close(e: Engine, outcome: FocusOutcome, auto: boolean): void {
  if (e.block !== 'finished') {
    closeBlockRecord(e, 'move');
    e.endedAt = e.cursor;
  }
  e.pausedAt = null;
  e.outcome = outcome;
  e.autoClosed = auto;
}

/** Apply a move already found legal at `e.cursor`. */
function applyLegalMove(e: Engine, move: FocusMove): void {
  switch (move.type) {
    case 'start':
      return;
    case 'pause':
      e.pausedAt = e.cursor;
      return;
    case 'resume':
      e.pausedAt = null;
      return;
    case 'interruption':
      e.interruptions.push({
        at: new Date(e.cursor),
        note: move.note,
        cycle: e.cycle,
        during: e.block as FocusBlockType | 'break_over',
      });
      return;
    case 'extend':
      e.blockLength = (e.blockLength ?? 0) + move.minutes * MINUTE_MS;
      return;
    case 'start_break':
      e.pausedAt = null;
      endWork(e, 'move');
      return;
    case 'skip_break':
      e.pausedAt = null;
      if (isBreak(e.block)) closeBlockRecord(e, 'move');
      e.cycle += 1;
      enterBlock(e, 'work', workLengthMs(e.settings));
      return;
    case 'stop':
      close(e, 'stopped', false);
      return;
    case 'complete':
      close(e, 'completed', move.auto === true);
      return;
    case 'abandon':
      close(e, 'abandoned', true);
      return;
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Advance to the move's time, check it, apply it. Throws a BAD_REQUEST DomainError. */
export function step(e: Engine, move: FocusMove): void {
  const at = move.at.getTime();
  if (!Number.isFinite(at)) throw badRequest('A move needs a valid time');
  if (at < e.lastMoveAt) {
    throw badRequest(
      `Moves are kept in time order: this ${move.type} at ${iso(at)} comes before the last move at ${iso(e.lastMoveAt)}`,
    );
  }
  advance(e, at);
  const refusal = moveRefusal(e, move);
  if (refusal !== null) throw badRequest(refusal);
  applyLegalMove(e, move);
  e.lastMoveAt = at;
}

/** The engine after every stored move (the clock stopped at the last one). */
export function replay(settings: FocusSettings, moves: readonly FocusMove[]): Engine {
  const first = moves[0];
  if (first?.type !== 'start') throw badRequest('A focus session begins with a start move');
  const startedAt = first.at.getTime();
  if (!Number.isFinite(startedAt)) throw badRequest('A move needs a valid time');
  const e = createEngine(settings, startedAt);
  for (let i = 1; i < moves.length; i++) step(e, moves[i]!);
  return e;
}

/** Run the clock forward with no further moves until nothing more changes by itself. */
export function project(e: Engine): void {
  while (e.outcome === null && e.pausedAt === null) {
    if (e.block === 'finished' || e.block === 'break_over') return;
    if (e.blockLength !== null) {
      advance(e, e.cursor + Math.max(1, e.blockLength - e.blockActive));
      continue;
    }
    // Flowtime work: only its nudges lie ahead.
    if (e.settings.kind !== 'flowtime' || e.nudges >= MAX_HYPERFOCUS_NUDGES) return;
    const every = e.settings.hyperfocusNudgeMinutes * MINUTE_MS;
    advance(e, e.cursor + Math.max(1, (e.nudges + 1) * every - e.blockActive));
  }
}

/** Moves a client could send now (for buttons; applyMove remains the judge). */
export function allowedClientMoves(e: Engine): FocusMoveType[] {
  const at = new Date(e.cursor);
  const probes: FocusMove[] = [
    { type: 'pause', at },
    { type: 'resume', at },
    { type: 'interruption', at, note: '' },
    { type: 'extend', at, minutes: 1 },
    { type: 'start_break', at },
    { type: 'skip_break', at },
    { type: 'stop', at },
    { type: 'complete', at },
  ];
  return probes.filter((m) => moveRefusal(e, m) === null).map((m) => m.type);
}

/**
 * How long past its natural end a session may sit before the worker closes it. One fixed rule
 * rather than a setting, so the timer a person sees and the worker's schedule always agree.
 */
export const AUTO_CLOSE_GRACE_MINUTES = 120;

export const AUTO_CLOSE_REASONS = ['finished', 'paused', 'break_over', 'no_break'] as const;
export type AutoCloseReason = (typeof AUTO_CLOSE_REASONS)[number];

export type AutoCloseRule = {
  /** When the worker should close the session (if no move comes first). */
  dueAt: Date;
  /** The move to append then: its time is the recorded end, not the worker's clock. */
  move: Extract<FocusMove, { type: 'complete' | 'abandon' }>;
  reason: AutoCloseReason;
};

/**
 * When and how a session left alone is closed. Nothing is lost and nothing is invented: the
 * recorded end is the last moment the session was known to be going, never the moment the
 * worker noticed (no "focused for 12 hours" the next morning), and the person can fix the length.
 *
 * - Every planned block done (`finished`): completed at the last block's end, right away, so
 *   XP and the creature hear of it when it happens.
 * - Paused, or waiting after a break: closed the grace after the last sign of the person (the
 *   last move, or the break running out, whichever is later). Between blocks of an open-ended plan nothing was cut
 *   short, so it is completed at the end of the last work; otherwise it is abandoned.
 * - Flowtime work counts up with no end: "its end" is the first hyperfocus nudge (or a later
 *   move); abandoned there, the grace after it.
 *
 * Depends on the moves only: `e` may be at the last move or advanced to any later time.
 */
export function autoCloseOf(e: Engine): AutoCloseRule | null {
  if (e.outcome !== null) return null;
  const grace = AUTO_CLOSE_GRACE_MINUTES * MINUTE_MS;
  const settings = e.settings;
  const openEnded = settings.kind === 'flowtime' || settings.blocks === null;

  if (e.pausedAt !== null) {
    const at = new Date(e.lastMoveAt);
    return {
      dueAt: new Date(e.lastMoveAt + grace),
      move:
        openEnded && isBreak(e.block)
          ? { type: 'complete', at, auto: true }
          : { type: 'abandon', at },
      reason: 'paused',
    };
  }

  // Let timed blocks run out; work never restarts by itself, so this ends within two blocks.
  const ahead = forkEngine(e);
  while (ahead.block !== 'finished' && ahead.block !== 'break_over' && ahead.blockLength !== null) {
    advance(ahead, ahead.cursor + Math.max(1, ahead.blockLength - ahead.blockActive));
  }
  if (ahead.block === 'finished') {
    const at = new Date(ahead.endedAt ?? ahead.cursor);
    return { dueAt: at, move: { type: 'complete', at, auto: true }, reason: 'finished' };
  }
  if (ahead.block === 'break_over') {
    const at = new Date(Math.max(ahead.lastWorkEnd ?? e.lastMoveAt, e.lastMoveAt));
    return {
      dueAt: new Date(Math.max(ahead.blockStart, e.lastMoveAt) + grace),
      move: openEnded ? { type: 'complete', at, auto: true } : { type: 'abandon', at },
      reason: 'break_over',
    };
  }
  // Flowtime work, running since the last move: its N-th minute falls at (now − active) + N.
  const nudgeMs = settings.kind === 'flowtime' ? settings.hyperfocusNudgeMinutes * MINUTE_MS : 0;
  const end = Math.max(e.lastMoveAt, ahead.cursor - ahead.blockActive + nudgeMs);
  return {
    dueAt: new Date(end + grace),
    move: { type: 'abandon', at: new Date(end) },
    reason: 'no_break',
  };
}

/** The automatic changes still ahead of `e` if nothing more is done, up to the auto-close. */
export function boundariesAhead(e: Engine): FocusBoundary[] {
  const ahead = forkEngine(e);
  project(ahead);
  const close = autoCloseOf(e);
  const until = close ? close.dueAt.getTime() : Number.POSITIVE_INFINITY;
  return ahead.boundaries.filter((b) => b.at.getTime() <= until);
}

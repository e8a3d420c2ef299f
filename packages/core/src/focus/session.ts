import { z } from 'zod';
import {
  advance,
  allowedClientMoves,
  badRequest,
  boundariesAhead,
  breakAfterCurrentWork,
  currentBlockRecord,
  type EngineBlock,
  type FocusBlockRecord,
  type FocusBlockType,
  type FocusBoundary,
  type FocusInterruption,
  replay,
  step,
} from './engine';
import { type FocusKind, type FocusSettings, focusSettingsSchema } from './kinds';
import { type FocusMove, type FocusMoveType, type FocusOutcome, focusMoveSchema } from './moves';

export type {
  FocusBlockRecord,
  FocusBlockType,
  FocusBoundary,
  FocusInterruption,
} from './engine';
export { MAX_BLOCK_MINUTES, MAX_HYPERFOCUS_NUDGES } from './engine';

/**
 * A focus session: its settings and its moves, in time order, the first a `start`. This is all
 * that is stored; the timer, the totals and the schedule are functions of it and the clock.
 */
export type FocusSession = { settings: FocusSettings; moves: readonly FocusMove[] };

/** A stored session read back (JSON with ISO times, or rows): parsed, times as Dates. */
export const focusSessionSchema = z.object({
  settings: focusSettingsSchema,
  moves: z.array(focusMoveSchema).min(1, 'A session has at least its start'),
});

export const FOCUS_PHASES = [
  'work',
  'short_break',
  'long_break',
  'break_over',
  'paused',
  'finished',
  'done',
] as const;
export type FocusPhase = (typeof FOCUS_PHASES)[number];

export type FocusState = {
  kind: FocusKind;
  /**
   * `paused` hides which block is paused: see `block`. `break_over` waits for the person to come
   * back; `finished` means every planned block is done and only the closing is left; `done` is
   * closed (see `outcome`).
   */
  phase: FocusPhase;
  /** The block running or paused; null between blocks and once the session has ended. */
  block: FocusBlockType | null;
  /** Number of the current (or last) work block, from 1. */
  cycle: number;
  startedAt: Date;
  /** When the session ended: the closing move, or the end of the last planned block. */
  endedAt: Date | null;
  outcome: FocusOutcome | null;
  /** Closed by the worker rather than the person. */
  autoClosed: boolean;
  blockStartedAt: Date | null;
  /**
   * The absolute end of the running block. A client counts down to this instant rather than
   * ticking an interval, so its timer cannot drift, and every tab shows the same second.
   */
  blockEndsAt: Date | null;
  /** For a block that counts up while running (flowtime work, waiting after a break): now − this. */
  countUpFrom: Date | null;
  pausedAt: Date | null;
  /** Time left in the current timed block (frozen while paused); null when nothing counts down. */
  timeLeftMs: number | null;
  /** Unpaused time spent in the current block. */
  blockElapsedMs: number;
  /** For the current work block: the break it earns now (flowtime grows it as you work). */
  breakAfterMs: number | null;
  workedMs: number;
  pausedMs: number;
  /** Breaks, including waiting after a break has run out. */
  breakMs: number;
  /** From the start to the end (or now): always workedMs + pausedMs + breakMs. */
  elapsedMs: number;
  interruptions: FocusInterruption[];
  /** Every block so far, the current one last (with a null end). */
  blocks: FocusBlockRecord[];
  /** The next automatic change if nothing is done; null when none is coming. */
  next: FocusBoundary | null;
  /** Flowtime: when the next "no break for a while" nudge comes. */
  hyperfocusNudgeAt: Date | null;
  /** Moves a client may offer now. */
  allowedMoves: FocusMoveType[];
  lastMoveAt: Date;
};

/** A new session, started at `at`. */
export function startFocusSession(settings: FocusSettings, at: Date): FocusSession {
  return applyMove({ settings, moves: [] }, { type: 'start', at });
}

/**
 * The session with `move` appended, or a BAD_REQUEST DomainError saying why the move cannot
 * happen then (a pause while paused, a move before the last one, anything after the end...).
 * The move is judged at its own time, so the clock's automatic changes up to then count.
 */
export function applyMove(session: FocusSession, input: FocusMove): FocusSession {
  // The API parses moves already; checking again here keeps a negative extension or a bad note
  // out of stored history whoever the caller is.
  const parsed = focusMoveSchema.safeParse(input);
  if (!parsed.success) throw badRequest(parsed.error.issues[0]?.message ?? 'Not a valid move');
  const move = parsed.data;
  if (session.moves.length === 0) {
    if (move.type !== 'start') {
      throw badRequest('Start the session before anything else');
    }
    if (!Number.isFinite(move.at.getTime())) throw badRequest('A move needs a valid time');
    return { settings: session.settings, moves: [move] };
  }
  const e = replay(session.settings, session.moves);
  step(e, move);
  return { settings: session.settings, moves: [...session.moves, move] };
}

const phaseOf = (block: EngineBlock, paused: boolean, ended: boolean): FocusPhase =>
  ended ? 'done' : paused ? 'paused' : block;

/**
 * Where the session stands at `now`. A `now` before the last move is read as the last move's
 * time: processes' clocks differ by milliseconds, and a move must never seem undone by that.
 */
export function sessionState(session: FocusSession, now: Date): FocusState {
  const e = replay(session.settings, session.moves);
  const t = Math.max(now.getTime(), e.lastMoveAt);
  advance(e, t);

  const ended = e.outcome !== null;
  const paused = e.pausedAt !== null;
  const ahead = ended ? [] : boundariesAhead(e);
  const current = ended ? null : currentBlockRecord(e);
  const block = current?.type ?? null;
  const timed = block !== null && e.blockLength !== null;
  const running = !ended && !paused;
  const countsUp =
    running && e.blockLength === null && (block === 'work' || e.block === 'break_over');
  const earned = block === 'work' ? breakAfterCurrentWork(e) : null;

  return {
    kind: session.settings.kind,
    phase: phaseOf(e.block, paused, ended),
    block,
    cycle: e.cycle,
    startedAt: new Date(e.startedAt),
    endedAt: e.endedAt === null ? null : new Date(e.endedAt),
    outcome: e.outcome,
    autoClosed: e.autoClosed,
    blockStartedAt: current || (!ended && e.block === 'break_over') ? new Date(e.blockStart) : null,
    blockEndsAt:
      timed && running && e.blockLength !== null
        ? new Date(e.cursor + e.blockLength - e.blockActive)
        : null,
    countUpFrom: countsUp ? new Date(e.cursor - e.blockActive) : null,
    pausedAt: e.pausedAt === null ? null : new Date(e.pausedAt),
    timeLeftMs: timed && e.blockLength !== null ? e.blockLength - e.blockActive : null,
    blockElapsedMs: ended || e.block === 'finished' ? 0 : e.blockActive,
    breakAfterMs: earned?.ms ?? null,
    workedMs: e.workedMs,
    pausedMs: e.pausedMs,
    breakMs: e.breakMs,
    elapsedMs: (e.endedAt ?? e.cursor) - e.startedAt,
    interruptions: e.interruptions,
    blocks: current ? [...e.blocks, current] : e.blocks,
    next: ahead[0] ?? null,
    hyperfocusNudgeAt:
      ahead.find((b) => b.type === 'hyperfocus' && b.cycle === e.cycle)?.at ?? null,
    allowedMoves: allowedClientMoves(e),
    lastMoveAt: new Date(e.lastMoveAt),
  };
}

/**
 * Why a session's worked length cannot be fixed by hand: only an ended session's can, since a
 * running one's is still the clock's. Null when it can.
 */
export function lengthFixRefusal(state: FocusState): string | null {
  return state.phase === 'done'
    ? null
    : 'Only an ended session’s length can be fixed; finish this one first';
}

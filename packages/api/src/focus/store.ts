import {
  applyMove,
  autoCloseRule,
  DomainError,
  type FocusMove,
  type FocusSession,
  type FocusState,
  notFound,
  sessionState,
  upcomingBoundaries,
} from '@proxy/core';
import type { DbOrTx } from '@proxy/db';
import {
  type FocusSessionRow,
  focusMoves,
  focusSessions,
  tasks,
  taskTimeEntries,
} from '@proxy/db/schema';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { AppDeps } from '../context';
import { emit } from '../events/emit';
import { focusAutoClose, focusBoundary } from '../jobs/definitions';

/**
 * Storage of one session: its row and moves read back as core's `FocusSession`, and the one way a
 * move is written (`appendMove`), which also writes what follows from it in the same
 * transaction: the totals at the close, the task's time entry, the domain events, and the jobs
 * for the boundaries ahead.
 */

export type Deps = Pick<AppDeps, 'now' | 'jobs'>;

export interface LoadedSession {
  row: FocusSessionRow;
  session: FocusSession;
  taskTitle: string | null;
}

type MoveRow = typeof focusMoves.$inferSelect;

export function moveOfRow(
  r: Pick<MoveRow, 'type' | 'at' | 'note' | 'minutes' | 'auto'>,
): FocusMove {
  switch (r.type) {
    case 'interruption':
      return { type: 'interruption', at: r.at, note: r.note ?? '' };
    case 'extend':
      return { type: 'extend', at: r.at, minutes: r.minutes ?? 1 };
    case 'complete':
      return { type: 'complete', at: r.at, auto: r.auto };
    default:
      return { type: r.type, at: r.at } as FocusMove;
  }
}

/**
 * The session with its moves; `lock` takes its row for the transaction (FOR UPDATE), so two
 * moves from two tabs are judged one after the other, each against the other's result.
 * `userId` null is the worker's access (any owner). Not found and not yours look the same.
 */
export async function loadSession(
  tx: DbOrTx,
  userId: string | null,
  id: string,
  options: { lock?: boolean } = {},
): Promise<LoadedSession> {
  const where = userId
    ? and(eq(focusSessions.id, id), eq(focusSessions.userId, userId))
    : eq(focusSessions.id, id);
  const base = tx.select().from(focusSessions).where(where);
  const [row] = options.lock ? await base.for('update') : await base;
  if (!row) throw notFound('Focus session');
  const moves = await tx
    .select()
    .from(focusMoves)
    .where(eq(focusMoves.sessionId, id))
    .orderBy(asc(focusMoves.seq));
  let taskTitle: string | null = null;
  if (row.taskId) {
    const [task] = await tx
      .select({ title: tasks.title })
      .from(tasks)
      .where(eq(tasks.id, row.taskId));
    taskTitle = task?.title ?? null;
  }
  return { row, session: { settings: row.settings, moves: moves.map(moveOfRow) }, taskTitle };
}

const ref = (loaded: LoadedSession) => ({
  sessionId: loaded.row.id,
  kind: loaded.row.kind,
  taskId: loaded.row.taskId,
  taskTitle: loaded.taskTitle,
});

/** Work blocks that count as done: ended by the clock, by taking the break, or by completing. */
export function finishedWorkBlocks(state: FocusState): number {
  const work = state.blocks.filter((b) => b.type === 'work' && b.endedAt !== null);
  return work.filter((b, i) => {
    const last = i === work.length - 1;
    if (!last || b.endedBy === 'time') return true;
    // The last one was ended by a move: the break (it was finished) or the close.
    return state.outcome === null || state.outcome === 'completed';
  }).length;
}

export const wholeMinutes = (ms: number) => Math.round(ms / 60_000);

/** Writes the jobs for what lies ahead of `after`, and drops those `before` had that are gone. */
export async function scheduleSessionJobs(
  deps: Deps,
  tx: DbOrTx,
  sessionId: string,
  before: FocusSession | null,
  after: FocusSession,
  now: Date,
): Promise<void> {
  const sig = (b: { key: string; at: Date }) => `${b.key}@${b.at.getTime()}`;
  const old = before ? upcomingBoundaries(before, now) : [];
  const ahead = upcomingBoundaries(after, now);
  const aheadKeys = new Set(ahead.map((b) => b.key));
  const oldSigs = new Set(old.map(sig));
  for (const b of old) {
    if (!aheadKeys.has(b.key)) {
      await deps.jobs.cancelWaiting(focusBoundary, `${sessionId}:${b.key}`, tx);
    }
  }
  for (const b of ahead) {
    if (oldSigs.has(sig(b))) continue;
    await deps.jobs.send(
      focusBoundary,
      { sessionId, key: b.key, at: b.at.toISOString() },
      { tx, startAfter: b.at, singletonKey: `${sessionId}:${b.key}`, replaceQueued: true },
    );
  }
  const rule = autoCloseRule(after);
  if (rule) {
    await deps.jobs.send(
      focusAutoClose,
      { sessionId },
      { tx, startAfter: rule.dueAt, singletonKey: sessionId, replaceQueued: true },
    );
  } else {
    await deps.jobs.cancelWaiting(focusAutoClose, sessionId, tx);
  }
}

/**
 * Appends a move (judged by core at its own time; an impossible one is a 400 and changes
 * nothing), and everything that follows from it. Answers the session after it.
 */
export async function appendMove(
  deps: Deps,
  tx: DbOrTx,
  loaded: LoadedSession,
  move: FocusMove,
): Promise<LoadedSession> {
  const before = loaded.session;
  const after = applyMove(before, move);
  const now = deps.now();
  await tx.insert(focusMoves).values({
    sessionId: loaded.row.id,
    seq: before.moves.length,
    type: move.type,
    at: move.at,
    note: move.type === 'interruption' ? move.note : null,
    minutes: move.type === 'extend' ? move.minutes : null,
    auto: move.type === 'complete' ? (move.auto ?? null) : null,
  });
  const state = sessionState(after, move.at);
  const closed = state.outcome !== null;
  const [row] = await tx
    .update(focusSessions)
    .set({
      lastMoveAt: move.at,
      version: sql`${focusSessions.version} + 1`,
      updatedAt: now,
      ...(closed
        ? {
            outcome: state.outcome,
            endedAt: state.endedAt,
            autoClosed: state.autoClosed,
            workedMs: state.workedMs,
            pausedMs: state.pausedMs,
            breakMs: state.breakMs,
            workBlocks: finishedWorkBlocks(state),
            interruptions: state.interruptions.length,
          }
        : {}),
    })
    .where(eq(focusSessions.id, loaded.row.id))
    .returning();
  const next: LoadedSession = { ...loaded, row: row!, session: after };

  if (move.type === 'start_break' && state.block !== null && state.block !== 'work') {
    await emit(deps, tx, {
      type: 'focus.break_started',
      userId: loaded.row.userId,
      occurredAt: move.at,
      data: {
        ...ref(loaded),
        breakType: state.block,
        breakMinutes: wholeMinutes(state.timeLeftMs ?? 0),
      },
    });
  }
  if (closed) await recordClose(deps, tx, next, state);
  await scheduleSessionJobs(deps, tx, loaded.row.id, before, after, now);
  return next;
}

/** A session closed: its time on the task, and `focus.ended` for XP, achievements, webhooks. */
async function recordClose(deps: Deps, tx: DbOrTx, loaded: LoadedSession, state: FocusState) {
  const { row } = loaded;
  const minutes = Math.min(24 * 60, wholeMinutes(state.workedMs));
  if (row.taskId && minutes > 0) {
    await tx
      .insert(taskTimeEntries)
      .values({
        userId: row.userId,
        taskId: row.taskId,
        source: 'focus',
        startedAt: state.startedAt,
        endedAt: state.endedAt ?? state.lastMoveAt,
        minutes,
        focusSessionId: row.id,
      })
      .onConflictDoNothing();
  }
  await emit(deps, tx, {
    type: 'focus.ended',
    userId: row.userId,
    occurredAt: state.endedAt ?? state.lastMoveAt,
    data: {
      ...ref(loaded),
      startedAt: state.startedAt.toISOString(),
      endedAt: (state.endedAt ?? state.lastMoveAt).toISOString(),
      focusedMinutes: minutes,
      completed: state.outcome === 'completed',
      workBlocks: finishedWorkBlocks(state),
      interruptions: state.interruptions.length,
    },
  });
}

/**
 * Closes the session by its auto-close rule when that is due at `now`; answers whether it did.
 * The recorded end is the rule's (the last sign of the person), never `now`.
 */
export async function closeIfDue(
  deps: Deps,
  tx: DbOrTx,
  loaded: LoadedSession,
  now: Date,
): Promise<LoadedSession | null> {
  if (loaded.row.outcome !== null) return null;
  const rule = autoCloseRule(loaded.session);
  if (!rule || rule.dueAt.getTime() > now.getTime()) return null;
  return appendMove(deps, tx, loaded, rule.move);
}

export const conflictRunning = (id: string) =>
  new DomainError(
    'CONFLICT',
    `A focus session is already running (${id}): finish or stop it before starting another`,
    { fieldErrors: { runningSessionId: [id] } },
  );

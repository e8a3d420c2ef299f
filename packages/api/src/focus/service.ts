import {
  DomainError,
  energyCheckInInput,
  type FocusAnalyticsInput,
  type FocusAnalyticsRow,
  type FocusMoveRequest,
  type FocusSettings,
  fixFocusLengthInput,
  focusAnalytics,
  focusAnalyticsInput,
  focusMoveRequest,
  isValidTimeZone,
  lengthFixRefusal,
  moveFromInput,
  notFound,
  plannedFocusMinutes,
  type StartFocusInput,
  sessionState,
  startFocusInput,
  startFocusSession,
} from '@proxy/core';
import type { DbOrTx } from '@proxy/db';
import {
  focusEnergyCheckIns,
  focusMoves,
  focusPlannedBlocks,
  focusSessions,
  tasks,
  taskTimeEntries,
  users,
} from '@proxy/db/schema';
import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppDeps } from '../context';
import { isUniqueViolation } from '../db-errors';
import { emit } from '../events/emit';
import {
  appendMove,
  closeIfDue,
  conflictRunning,
  type LoadedSession,
  loadSession,
  scheduleSessionJobs,
} from './store';
import type { FocusSessionView, listFocusSessionsInput } from './views';

type Deps = Pick<AppDeps, 'now' | 'jobs' | 'db'>;

const ONE_OPEN_INDEX = 'focus_sessions_one_open_per_user';

async function checkIns(db: DbOrTx, sessionId: string) {
  const rows = await db
    .select({ moment: focusEnergyCheckIns.moment, energy: focusEnergyCheckIns.energy })
    .from(focusEnergyCheckIns)
    .where(eq(focusEnergyCheckIns.sessionId, sessionId));
  return {
    before: rows.find((r) => r.moment === 'before')?.energy ?? null,
    after: rows.find((r) => r.moment === 'after')?.energy ?? null,
  };
}

const minutes1 = (ms: number) => Math.round(ms / 6_000) / 10;

async function view(db: DbOrTx, loaded: LoadedSession, now: Date): Promise<FocusSessionView> {
  const { row, session } = loaded;
  const state = sessionState(session, now);
  const energy = await checkIns(db, row.id);
  return {
    id: row.id,
    kind: row.kind,
    settings: row.settings,
    taskId: row.taskId,
    taskTitle: loaded.taskTitle,
    energyBefore: energy.before,
    energyAfter: energy.after,
    fixedMinutes: row.fixedMinutes,
    focusedMinutes: row.fixedMinutes ?? minutes1(state.workedMs),
    version: row.version,
    serverNow: now,
    state,
    moves: session.moves.map((m) => ({
      type: m.type,
      at: m.at,
      note: m.type === 'interruption' ? m.note : null,
      minutes: m.type === 'extend' ? m.minutes : null,
      auto: m.type === 'complete' ? (m.auto ?? null) : null,
    })),
  };
}

async function ownTaskTitle(db: DbOrTx, userId: string, taskId: string): Promise<string> {
  const [task] = await db
    .select({ title: tasks.title })
    .from(tasks)
    .where(and(eq(tasks.id, taskId), eq(tasks.userId, userId)));
  if (!task) {
    throw new DomainError('NOT_FOUND', 'Task not found', {
      fieldErrors: { taskId: ['No such task'] },
    });
  }
  return task.title;
}

/** What a plan promises, for `focus.started`: null when it runs until the person stops. */
function promisedMinutes(settings: FocusSettings): number | null {
  if (settings.kind === 'flowtime' || settings.blocks === null) return null;
  return plannedFocusMinutes(settings);
}

/**
 * Starts a session. One open session per person (the database's partial unique index decides
 * between two concurrent starts): a second start is a 409 naming the running one, unless the
 * running one is past its auto-close, which is closed first (a late worker never blocks a start).
 */
export async function startFocus(
  deps: Deps,
  userId: string,
  raw: StartFocusInput,
): Promise<FocusSessionView> {
  const input = startFocusInput.parse(raw);
  const now = deps.now();
  try {
    return await deps.db.transaction(async (tx) => {
      const [open] = await tx
        .select({ id: focusSessions.id })
        .from(focusSessions)
        .where(and(eq(focusSessions.userId, userId), isNull(focusSessions.outcome)));
      if (open) {
        const loaded = await loadSession(tx, userId, open.id, { lock: true });
        if (!(await closeIfDue(deps, tx, loaded, now))) throw conflictRunning(open.id);
      }
      const taskTitle = input.taskId ? await ownTaskTitle(tx, userId, input.taskId) : null;
      if (input.plannedBlockId) {
        const [block] = await tx
          .select({ sessionId: focusPlannedBlocks.sessionId })
          .from(focusPlannedBlocks)
          .where(
            and(
              eq(focusPlannedBlocks.id, input.plannedBlockId),
              eq(focusPlannedBlocks.userId, userId),
            ),
          )
          .for('update');
        if (!block) {
          throw new DomainError('NOT_FOUND', 'Planned block not found', {
            fieldErrors: { plannedBlockId: ['No such planned block'] },
          });
        }
        if (block.sessionId) {
          throw new DomainError('CONFLICT', 'This planned block was started already');
        }
      }
      const session = startFocusSession(input.settings, now);
      const [row] = await tx
        .insert(focusSessions)
        .values({
          userId,
          taskId: input.taskId ?? null,
          kind: input.settings.kind,
          settings: input.settings,
          startedAt: now,
          lastMoveAt: now,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      await tx.insert(focusMoves).values({ sessionId: row!.id, seq: 0, type: 'start', at: now });
      if (input.energyBefore != null) {
        await tx.insert(focusEnergyCheckIns).values({
          sessionId: row!.id,
          userId,
          moment: 'before',
          energy: input.energyBefore,
          at: now,
        });
      }
      if (input.plannedBlockId) {
        await tx
          .update(focusPlannedBlocks)
          .set({ sessionId: row!.id })
          .where(eq(focusPlannedBlocks.id, input.plannedBlockId));
      }
      await scheduleSessionJobs(deps, tx, row!.id, null, session, now);
      await emit(deps, tx, {
        type: 'focus.started',
        userId,
        occurredAt: now,
        data: {
          sessionId: row!.id,
          kind: row!.kind,
          taskId: row!.taskId,
          taskTitle,
          startedAt: now.toISOString(),
          plannedMinutes: promisedMinutes(input.settings),
        },
      });
      return view(tx, { row: row!, session, taskTitle }, now);
    });
  } catch (error) {
    if (isUniqueViolation(error, ONE_OPEN_INDEX)) {
      const [open] = await deps.db
        .select({ id: focusSessions.id })
        .from(focusSessions)
        .where(and(eq(focusSessions.userId, userId), isNull(focusSessions.outcome)));
      throw conflictRunning(open?.id ?? 'unknown');
    }
    throw error;
  }
}

/** A person's move, stamped with the server's clock. Finishing may carry the energy after. */
export async function moveFocus(
  deps: Deps,
  userId: string,
  raw: FocusMoveRequest,
): Promise<FocusSessionView> {
  const { id, move: input } = focusMoveRequest.parse(raw);
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const loaded = await loadSession(tx, userId, id, { lock: true });
    const after = await appendMove(deps, tx, loaded, moveFromInput(input, now));
    if ((input.type === 'stop' || input.type === 'complete') && input.energyAfter != null) {
      await saveCheckIn(tx, userId, id, 'after', input.energyAfter, now);
    }
    return view(tx, after, now);
  });
}

async function saveCheckIn(
  tx: DbOrTx,
  userId: string,
  sessionId: string,
  moment: 'before' | 'after',
  energy: number,
  at: Date,
) {
  await tx
    .insert(focusEnergyCheckIns)
    .values({ sessionId, userId, moment, energy, at })
    .onConflictDoUpdate({
      target: [focusEnergyCheckIns.sessionId, focusEnergyCheckIns.moment],
      set: { energy, at },
    });
}

/** Energy before or after (a later check-in replaces the earlier one). */
export async function checkInFocus(
  deps: Deps,
  userId: string,
  raw: z.input<typeof energyCheckInInput>,
): Promise<FocusSessionView> {
  const input = energyCheckInInput.parse(raw);
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const loaded = await loadSession(tx, userId, input.id);
    await saveCheckIn(tx, userId, input.id, input.moment, input.energy, now);
    return view(tx, loaded, now);
  });
}

/**
 * Fixes an ended session's worked length ("I really stopped at 40 minutes"): analytics and the
 * task's time entry use it from then on.
 */
export async function fixFocusLength(
  deps: Deps,
  userId: string,
  raw: z.input<typeof fixFocusLengthInput>,
): Promise<FocusSessionView> {
  const input = fixFocusLengthInput.parse(raw);
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const loaded = await loadSession(tx, userId, input.id, { lock: true });
    const refusal = lengthFixRefusal(sessionState(loaded.session, now));
    if (refusal) throw new DomainError('BAD_REQUEST', refusal);
    const [row] = await tx
      .update(focusSessions)
      .set({
        fixedMinutes: input.workedMinutes,
        version: sql`${focusSessions.version} + 1`,
        updatedAt: now,
      })
      .where(eq(focusSessions.id, input.id))
      .returning();
    if (row!.taskId) {
      if (input.workedMinutes === 0) {
        await tx.delete(taskTimeEntries).where(eq(taskTimeEntries.focusSessionId, row!.id));
      } else {
        await tx
          .insert(taskTimeEntries)
          .values({
            userId,
            taskId: row!.taskId,
            source: 'focus',
            startedAt: row!.startedAt,
            endedAt: row!.endedAt ?? row!.lastMoveAt,
            minutes: input.workedMinutes,
            focusSessionId: row!.id,
          })
          .onConflictDoUpdate({
            target: taskTimeEntries.focusSessionId,
            set: { minutes: input.workedMinutes },
          });
      }
    }
    return view(tx, { ...loaded, row: row! }, now);
  });
}

export async function getFocusSession(
  deps: Deps,
  userId: string,
  id: string,
): Promise<FocusSessionView> {
  const now = deps.now();
  return view(deps.db, await loadSession(deps.db, userId, id), now);
}

/**
 * The open session, or null. One past its auto-close is closed here first, so the morning after
 * shows a closed session with its real length even if the worker was down.
 */
export async function currentFocus(deps: Deps, userId: string): Promise<FocusSessionView | null> {
  const now = deps.now();
  const [open] = await deps.db
    .select({ id: focusSessions.id })
    .from(focusSessions)
    .where(and(eq(focusSessions.userId, userId), isNull(focusSessions.outcome)));
  if (!open) return null;
  return deps.db.transaction(async (tx) => {
    const loaded = await loadSession(tx, userId, open.id, { lock: true });
    const closed = await closeIfDue(deps, tx, loaded, now);
    return closed ? null : view(tx, loaded, now);
  });
}

const encodeCursor = (startedAt: Date, id: string) =>
  Buffer.from(`${startedAt.toISOString()}|${id}`).toString('base64url');
function decodeCursor(cursor: string): { startedAt: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const startedAt = new Date(iso ?? '');
  if (!id || !Number.isFinite(startedAt.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw new DomainError('BAD_REQUEST', 'This cursor is not one we gave out', {
      fieldErrors: { cursor: ['Use the nextCursor of the previous page'] },
    });
  }
  return { startedAt, id };
}

const beforeEnergy = sql<
  number | null
>`(select energy from focus_energy_check_ins c where c.session_id = ${focusSessions.id} and c.moment = 'before')`;
const afterEnergy = sql<
  number | null
>`(select energy from focus_energy_check_ins c where c.session_id = ${focusSessions.id} and c.moment = 'after')`;

/** History, newest first. */
export async function listFocusSessions(
  deps: Deps,
  userId: string,
  input: z.output<typeof listFocusSessionsInput>,
) {
  const now = deps.now();
  const where = [eq(focusSessions.userId, userId)];
  if (input.cursor) {
    const c = decodeCursor(input.cursor);
    where.push(
      or(
        lt(focusSessions.startedAt, c.startedAt),
        and(eq(focusSessions.startedAt, c.startedAt), lt(focusSessions.id, c.id)),
      )!,
    );
  }
  const rows = await deps.db
    .select({
      id: focusSessions.id,
      userId: focusSessions.userId,
      kind: focusSessions.kind,
      taskId: focusSessions.taskId,
      taskTitle: tasks.title,
      startedAt: focusSessions.startedAt,
      endedAt: focusSessions.endedAt,
      outcome: focusSessions.outcome,
      autoClosed: focusSessions.autoClosed,
      workedMs: focusSessions.workedMs,
      fixedMinutes: focusSessions.fixedMinutes,
      workBlocks: focusSessions.workBlocks,
      interruptions: focusSessions.interruptions,
      energyBefore: beforeEnergy,
      energyAfter: afterEnergy,
    })
    .from(focusSessions)
    .leftJoin(tasks, eq(tasks.id, focusSessions.taskId))
    .where(and(...where))
    .orderBy(desc(focusSessions.startedAt), desc(focusSessions.id))
    .limit(input.limit + 1);
  const hasMore = rows.length > input.limit;
  const page = hasMore ? rows.slice(0, input.limit) : rows;
  const items = [];
  for (const r of page) {
    let workedMs = r.workedMs;
    if (r.outcome === null) {
      workedMs = sessionState((await loadSession(deps.db, userId, r.id)).session, now).workedMs;
    }
    items.push({
      id: r.id,
      kind: r.kind,
      taskId: r.taskId,
      taskTitle: r.taskTitle,
      startedAt: r.startedAt,
      endedAt: r.endedAt,
      outcome: r.outcome,
      autoClosed: r.autoClosed,
      focusedMinutes: r.fixedMinutes ?? minutes1(workedMs),
      fixedMinutes: r.fixedMinutes,
      workBlocks: r.workBlocks,
      interruptions: r.interruptions,
      energyBefore: r.energyBefore === null ? null : Number(r.energyBefore),
      energyAfter: r.energyAfter === null ? null : Number(r.energyAfter),
    });
  }
  const last = page.at(-1);
  return { items, nextCursor: hasMore && last ? encodeCursor(last.startedAt, last.id) : null };
}

/** The rows analytics read: one per session, the open one with its work so far. */
export async function loadAnalyticsRows(
  deps: Deps,
  userId: string,
  now: Date,
): Promise<FocusAnalyticsRow[]> {
  // One pass over the person's check-ins, joined once (not two lookups per session).
  const energy = deps.db
    .select({
      sessionId: focusEnergyCheckIns.sessionId,
      before: sql<
        number | null
      >`max(${focusEnergyCheckIns.energy}) filter (where ${focusEnergyCheckIns.moment} = 'before')`.as(
        'before',
      ),
      after: sql<
        number | null
      >`max(${focusEnergyCheckIns.energy}) filter (where ${focusEnergyCheckIns.moment} = 'after')`.as(
        'after',
      ),
    })
    .from(focusEnergyCheckIns)
    .where(eq(focusEnergyCheckIns.userId, userId))
    .groupBy(focusEnergyCheckIns.sessionId)
    .as('energy');
  const rows = await deps.db
    .select({
      id: focusSessions.id,
      kind: focusSessions.kind,
      startedAt: focusSessions.startedAt,
      endedAt: focusSessions.endedAt,
      outcome: focusSessions.outcome,
      workedMs: focusSessions.workedMs,
      fixedMinutes: focusSessions.fixedMinutes,
      energyBefore: energy.before,
      energyAfter: energy.after,
    })
    .from(focusSessions)
    .leftJoin(energy, eq(energy.sessionId, focusSessions.id))
    .where(eq(focusSessions.userId, userId));
  const out: FocusAnalyticsRow[] = [];
  for (const r of rows) {
    let workedMs = r.workedMs;
    if (r.outcome === null) {
      workedMs = sessionState((await loadSession(deps.db, userId, r.id)).session, now).workedMs;
    }
    out.push({
      startedAt: r.startedAt,
      endedAt: r.endedAt,
      minutes: r.fixedMinutes ?? workedMs / 60_000,
      kind: r.kind,
      completed: r.outcome === 'completed',
      energyBefore: r.energyBefore === null ? null : Number(r.energyBefore),
      energyAfter: r.energyAfter === null ? null : Number(r.energyAfter),
    });
  }
  return out;
}

export async function userTimeZone(db: DbOrTx, userId: string): Promise<string> {
  const [user] = await db
    .select({ timezone: users.timezone })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) throw notFound('User');
  return isValidTimeZone(user.timezone) ? user.timezone : 'UTC';
}

/** Minutes per day and week in the person's timezone, completion, streaks, best hours, energy. */
export async function focusAnalyticsFor(deps: Deps, userId: string, raw: FocusAnalyticsInput = {}) {
  const input = focusAnalyticsInput.parse(raw);
  const now = deps.now();
  const [timeZone, rows] = await Promise.all([
    userTimeZone(deps.db, userId),
    loadAnalyticsRows(deps, userId, now),
  ]);
  return focusAnalytics(rows, {
    timeZone,
    now,
    ...(input.from ? { from: input.from } : {}),
    ...(input.weekStartsOn !== undefined ? { weekStartsOn: input.weekStartsOn } : {}),
  });
}

import {
  type AddTimeEntryInput,
  addTimeEntryInput,
  DomainError,
  MINUTE_MS,
  notFound,
  timerMinutes,
} from '@proxy/core';
import type { DbOrTx } from '@proxy/db';
import { type TaskTimeEntryRow, tasks, taskTimeEntries } from '@proxy/db/schema';
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { AppDeps } from '../context';
import { isUniqueViolation } from '../db-errors';

/**
 * Time tracked on tasks: a timer started and stopped on a task (one running per person: starting
 * another stops the first, since switching tasks is what people do), manual entries, and the
 * entries focus sessions write when they close.
 */

type Deps = Pick<AppDeps, 'db' | 'now'>;

const entryView = (r: TaskTimeEntryRow) => ({
  id: r.id,
  taskId: r.taskId,
  source: r.source,
  startedAt: r.startedAt,
  endedAt: r.endedAt,
  minutes: r.minutes,
  note: r.note,
  focusSessionId: r.focusSessionId,
});

async function assertOwnTask(db: DbOrTx, userId: string, taskId: string) {
  const [task] = await db
    .select({ id: tasks.id })
    .from(tasks)
    .where(and(eq(tasks.id, taskId), eq(tasks.userId, userId)));
  if (!task) {
    throw new DomainError('NOT_FOUND', 'Task not found', {
      fieldErrors: { taskId: ['No such task'] },
    });
  }
}

async function stopRunning(tx: DbOrTx, userId: string, now: Date) {
  const [running] = await tx
    .select()
    .from(taskTimeEntries)
    .where(and(eq(taskTimeEntries.userId, userId), isNull(taskTimeEntries.endedAt)))
    .for('update');
  if (!running) return null;
  const [row] = await tx
    .update(taskTimeEntries)
    .set({ endedAt: now, minutes: timerMinutes(running.startedAt, now) })
    .where(eq(taskTimeEntries.id, running.id))
    .returning();
  return row!;
}

export async function startTaskTimer(deps: Deps, userId: string, taskId: string) {
  await assertOwnTask(deps.db, userId, taskId);
  const now = deps.now();
  try {
    return await deps.db.transaction(async (tx) => {
      const stopped = await stopRunning(tx, userId, now);
      const [row] = await tx
        .insert(taskTimeEntries)
        .values({ userId, taskId, source: 'timer', startedAt: now, createdAt: now })
        .returning();
      return { running: entryView(row!), stopped: stopped ? entryView(stopped) : null };
    });
  } catch (error) {
    if (isUniqueViolation(error, 'task_time_entries_one_timer_per_user')) {
      throw new DomainError('CONFLICT', 'Another timer was started at the same moment; try again');
    }
    throw error;
  }
}

export async function stopTaskTimer(deps: Deps, userId: string) {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const stopped = await stopRunning(tx, userId, now);
    if (!stopped) throw new DomainError('BAD_REQUEST', 'No timer is running');
    return entryView(stopped);
  });
}

export async function addTimeEntry(deps: Deps, userId: string, raw: AddTimeEntryInput) {
  const input = addTimeEntryInput.parse(raw);
  await assertOwnTask(deps.db, userId, input.taskId);
  const now = deps.now();
  const endedAt = input.endedAt ? new Date(input.endedAt) : now;
  if (endedAt.getTime() > now.getTime() + MINUTE_MS) {
    throw new DomainError('BAD_REQUEST', 'A time entry cannot end in the future', {
      fieldErrors: { endedAt: ['Give a time that has passed'] },
    });
  }
  const [row] = await deps.db
    .insert(taskTimeEntries)
    .values({
      userId,
      taskId: input.taskId,
      source: 'manual',
      startedAt: new Date(endedAt.getTime() - input.minutes * MINUTE_MS),
      endedAt,
      minutes: input.minutes,
      note: input.note,
      createdAt: now,
    })
    .returning();
  return entryView(row!);
}

/** A task's entries (newest first), its total and the running timer, if on this task. */
export async function taskTime(deps: Deps, userId: string, taskId: string) {
  await assertOwnTask(deps.db, userId, taskId);
  const now = deps.now();
  const rows = await deps.db
    .select()
    .from(taskTimeEntries)
    .where(and(eq(taskTimeEntries.taskId, taskId), eq(taskTimeEntries.userId, userId)))
    .orderBy(desc(taskTimeEntries.startedAt));
  const running = rows.find((r) => r.endedAt === null) ?? null;
  const totalMinutes = rows.reduce(
    (sum, r) => sum + (r.endedAt === null ? timerMinutes(r.startedAt, now) : r.minutes),
    0,
  );
  return {
    taskId,
    totalMinutes,
    running: running ? entryView(running) : null,
    entries: rows.map(entryView),
  };
}

export async function deleteTimeEntry(deps: Deps, userId: string, id: string) {
  const [row] = await deps.db
    .delete(taskTimeEntries)
    .where(and(eq(taskTimeEntries.id, id), eq(taskTimeEntries.userId, userId)))
    .returning({ id: taskTimeEntries.id });
  if (!row) throw notFound('Time entry');
  return { id: row.id };
}

/** Tracked minutes per task, for calibration (finished entries only). */
export async function trackedMinutesByTask(db: DbOrTx, userId: string, taskIds: readonly string[]) {
  const out = new Map<string, number>();
  if (taskIds.length === 0) return out;
  const rows = await db
    .select({
      taskId: taskTimeEntries.taskId,
      minutes: sql<number>`sum(${taskTimeEntries.minutes})::int`,
    })
    .from(taskTimeEntries)
    .where(and(eq(taskTimeEntries.userId, userId), inArray(taskTimeEntries.taskId, [...taskIds])))
    .groupBy(taskTimeEntries.taskId);
  for (const r of rows) out.set(r.taskId, Number(r.minutes));
  return out;
}

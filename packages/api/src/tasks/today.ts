import {
  notFound,
  planToday,
  snoozeInput,
  snoozeUntil,
  type Task,
  type TodayPlan,
  todayInput,
  zonedDayKey,
} from '@proxy/core';
import { tasks, users } from '@proxy/db/schema';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { AppDeps } from '../context';
import { emitTaskChanges } from './events';
import { getTask, taskColumns } from './service';

type Deps = Pick<AppDeps, 'db' | 'now' | 'jobs'>;

async function timeZoneOf(deps: Pick<AppDeps, 'db'>, userId: string): Promise<string> {
  const [row] = await deps.db
    .select({ timezone: users.timezone })
    .from(users)
    .where(eq(users.id, userId));
  return row?.timezone ?? 'UTC';
}

/** Open top-level tasks: the only ones Today reads (one indexed query). */
async function openTasks(deps: Pick<AppDeps, 'db'>, userId: string): Promise<Task[]> {
  return deps.db
    .select(taskColumns)
    .from(tasks)
    .where(
      and(
        eq(tasks.userId, userId),
        isNull(tasks.parentId),
        isNull(tasks.deletedAt),
        inArray(tasks.status, ['inbox', 'todo', 'in_progress']),
      ),
    );
}

/** Today, in the person's own day, optionally narrowed to what fits the minutes and energy now. */
export async function todayFor(
  deps: Pick<AppDeps, 'db' | 'now'>,
  userId: string,
  raw: unknown,
): Promise<TodayPlan<Task> & { timeZone: string; nextStep: Task | null }> {
  const input = todayInput.parse(raw ?? {});
  const [timeZone, open] = await Promise.all([timeZoneOf(deps, userId), openTasks(deps, userId)]);
  const plan = planToday(open, { now: deps.now(), timeZone, ...input });
  const lead = plan.next ?? plan.suggestion;
  return { ...plan, timeZone, nextStep: lead ? await firstOpenStep(deps, userId, lead.id) : null };
}

/** A big task's next thing is its first open step, not the whole of it. */
async function firstOpenStep(deps: Pick<AppDeps, 'db'>, userId: string, parentId: string) {
  const [step] = await deps.db
    .select(taskColumns)
    .from(tasks)
    .where(
      and(
        eq(tasks.userId, userId),
        eq(tasks.parentId, parentId),
        isNull(tasks.deletedAt),
        inArray(tasks.status, ['inbox', 'todo', 'in_progress']),
      ),
    )
    .orderBy(asc(tasks.position), asc(tasks.createdAt), asc(tasks.id))
    .limit(1);
  return step ?? null;
}

async function setDay(
  deps: Deps,
  userId: string,
  id: string,
  set: { plannedOn: string | null; snoozedUntil: Date | null },
): Promise<Task> {
  const current = await getTask(deps, userId, id);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(tasks)
      .set({ ...set, updatedAt: deps.now() })
      .where(and(eq(tasks.id, id), eq(tasks.userId, userId)))
      .returning(taskColumns);
    if (!row) throw notFound('Task');
    await emitTaskChanges(deps, tx, current, row);
    return row;
  });
}

/** Picks a task for today (and wakes it if it was snoozed). */
export async function planForToday(deps: Deps, userId: string, id: string): Promise<Task> {
  const today = zonedDayKey(deps.now(), await timeZoneOf(deps, userId));
  return setDay(deps, userId, id, { plannedOn: today, snoozedUntil: null });
}

/** Takes it off Today without snoozing (it goes back to the lists). */
export async function unplanToday(deps: Deps, userId: string, id: string): Promise<Task> {
  return setDay(deps, userId, id, { plannedOn: null, snoozedUntil: null });
}

/** "Not today": out of Today until the start of the chosen day (tomorrow by default). */
export async function snoozeTask(deps: Deps, userId: string, raw: unknown): Promise<Task> {
  const input = snoozeInput.parse(raw);
  const { at } = snoozeUntil(input, deps.now(), await timeZoneOf(deps, userId));
  return setDay(deps, userId, input.id, { plannedOn: null, snoozedUntil: at });
}

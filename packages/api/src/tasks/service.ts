import {
  type CreateTaskInput,
  createTaskInput,
  DomainError,
  decodeTaskCursor,
  encodeTaskCursor,
  type ListTasksQuery,
  nextCompletedAt,
  notFound,
  parseQuickAdd,
  type QuickAddInput,
  quickAddInput,
  type Task,
  TITLE_MAX,
  trashPurgeAt,
  type UpdateTaskInput,
  updateTaskInput,
} from '@proxy/core';
import type { DbOrTx } from '@proxy/db';
import { tasks, users } from '@proxy/db/schema';
import {
  and,
  arrayContains,
  desc,
  eq,
  gte,
  ilike,
  isNull,
  lt,
  lte,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { AppDeps } from '../context';
import { emitTaskChanges, emitTaskCreated, emitTaskDeleted } from './events';

type Deps = Pick<AppDeps, 'now' | 'jobs'> & { db: DbOrTx };
/** Reading needs only the database. */
type ReadDeps = { db: DbOrTx };

export const taskColumns = {
  id: tasks.id,
  userId: tasks.userId,
  title: tasks.title,
  notes: tasks.notes,
  status: tasks.status,
  priority: tasks.priority,
  dueAt: tasks.dueAt,
  estimateMinutes: tasks.estimateMinutes,
  energy: tasks.energy,
  tags: tasks.tags,
  parentId: tasks.parentId,
  position: tasks.position,
  isMetaTask: tasks.isMetaTask,
  delegationMode: tasks.delegationMode,
  requiredCapabilities: tasks.requiredCapabilities,
  complexity: tasks.complexity,
  completedAt: tasks.completedAt,
  plannedOn: tasks.plannedOn,
  snoozedUntil: tasks.snoozedUntil,
  createdAt: tasks.createdAt,
  updatedAt: tasks.updatedAt,
};

/** Not in the trash: every list, search and lookup of tasks says this. */
export const notTrashed = isNull(tasks.deletedAt);

const toDate = (iso: string | null | undefined) =>
  iso === undefined ? undefined : iso === null ? null : new Date(iso);

/** The parent must be one of the caller's own tasks; anything else reads as not found. */
async function assertOwnParent(deps: ReadDeps, userId: string, parentId: string, childId?: string) {
  // Walk up from the proposed parent: refuse a cycle (a task under its own descendant).
  let current: string | null = parentId;
  for (let depth = 0; current; depth++) {
    if (current === childId) {
      throw new DomainError('BAD_REQUEST', 'A task cannot be placed under its own step', {
        fieldErrors: { parentId: ['Pick a task that is not one of its own steps'] },
      });
    }
    if (depth > 64) throw new DomainError('BAD_REQUEST', 'The task tree is too deep');
    const [row]: { parentId: string | null }[] = await deps.db
      .select({ parentId: tasks.parentId })
      .from(tasks)
      .where(and(eq(tasks.id, current), eq(tasks.userId, userId), notTrashed));
    if (!row) {
      throw new DomainError('NOT_FOUND', 'Parent task not found', {
        fieldErrors: { parentId: ['No such task'] },
      });
    }
    current = row.parentId;
  }
}

export async function createTask(deps: Deps, userId: string, raw: CreateTaskInput): Promise<Task> {
  const input = createTaskInput.parse(raw);
  if (input.parentId) await assertOwnParent(deps, userId, input.parentId);
  const now = deps.now();
  const status = input.status ?? 'inbox';
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(tasks)
      .values({
        ...input,
        userId,
        status,
        dueAt: toDate(input.dueAt),
        completedAt: status === 'done' ? now : null,
        createdAt: now,
        updatedAt: now,
      })
      .returning(taskColumns);
    await emitTaskCreated(deps, tx, row!);
    return row!;
  });
}

/**
 * Quick add: the text is read in the person's own timezone ("tomorrow 5pm" is their 5pm), then
 * created as any task is, so an agent typing what a person would gets the same task.
 */
export async function quickAddTask(deps: Deps, userId: string, raw: QuickAddInput): Promise<Task> {
  const input = quickAddInput.parse(raw);
  const [owner] = await deps.db
    .select({ timezone: users.timezone })
    .from(users)
    .where(eq(users.id, userId));
  const parsed = parseQuickAdd(input.text, {
    timeZone: owner?.timezone ?? 'UTC',
    now: deps.now(),
    ignoreDates: input.ignoreDates,
  });
  if (!parsed.title) {
    throw new DomainError('BAD_REQUEST', 'Say what the task is, not only when or how', {
      fieldErrors: { text: ['Add a few words for the task itself'] },
    });
  }
  if (parsed.title.length > TITLE_MAX) {
    throw new DomainError('BAD_REQUEST', `A title can be at most ${TITLE_MAX} characters`, {
      fieldErrors: {
        text: [`A title can be at most ${TITLE_MAX} characters; put the rest in notes`],
      },
    });
  }
  return createTask(deps, userId, {
    title: parsed.title,
    status: input.status,
    tags: parsed.tags,
    priority: parsed.priority,
    estimateMinutes: parsed.estimateMinutes,
    dueAt: parsed.due?.at.toISOString(),
  });
}

export async function getTask(deps: ReadDeps, userId: string, id: string): Promise<Task> {
  const [row] = await deps.db
    .select(taskColumns)
    .from(tasks)
    .where(and(eq(tasks.id, id), eq(tasks.userId, userId), notTrashed));
  if (!row) throw notFound('Task');
  return row;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Takes the parsed query (the router validates; `limit` has its default by then). */
export async function listTasks(deps: ReadDeps, userId: string, input: ListTasksQuery) {
  const where: SQL[] = [eq(tasks.userId, userId), notTrashed];
  if (input.status) where.push(eq(tasks.status, input.status));
  if (input.tag) where.push(arrayContains(tasks.tags, [input.tag]));
  if (input.dueBefore) where.push(lte(tasks.dueAt, new Date(input.dueBefore)));
  if (input.dueAfter) where.push(gte(tasks.dueAt, new Date(input.dueAfter)));
  if (input.parentId) where.push(eq(tasks.parentId, input.parentId));
  if (input.topLevel) where.push(isNull(tasks.parentId));
  if (input.isMetaTask !== undefined) where.push(eq(tasks.isMetaTask, input.isMetaTask));
  if (input.q) {
    const pattern = `%${escapeLike(input.q)}%`;
    where.push(or(ilike(tasks.title, pattern), ilike(tasks.notes, pattern))!);
  }
  if (input.cursor) {
    const cursor = decodeTaskCursor(input.cursor);
    // Keyset: strictly after the last row seen, in (created_at desc, id desc) order.
    where.push(
      or(
        lt(tasks.createdAt, cursor.createdAt),
        and(eq(tasks.createdAt, cursor.createdAt), lt(tasks.id, cursor.id)),
      )!,
    );
  }
  // Each row's step progress in the same query: a lateral count over the parent index, run only
  // for the rows of this page.
  const step = alias(tasks, 'step');
  const progress = deps.db
    .select({
      done: sql<number>`(count(*) filter (where ${step.status} = 'done'))::int`.as('steps_done'),
      total: sql<number>`(count(*) filter (where ${step.status} <> 'archived'))::int`.as(
        'steps_total',
      ),
    })
    .from(step)
    .where(and(eq(step.parentId, tasks.id), isNull(step.deletedAt)))
    .as('step_progress');
  const rows = await deps.db
    .select({ ...taskColumns, stepsDone: progress.done, stepsTotal: progress.total })
    .from(tasks)
    .leftJoinLateral(progress, sql`true`)
    .where(and(...where))
    .orderBy(desc(tasks.createdAt), desc(tasks.id))
    .limit(input.limit + 1)
    .then((found) =>
      found.map(({ stepsDone, stepsTotal, ...task }) => ({
        ...task,
        steps: { done: stepsDone ?? 0, total: stepsTotal ?? 0 },
      })),
    );
  const hasMore = rows.length > input.limit;
  const items = hasMore ? rows.slice(0, input.limit) : rows;
  const last = items.at(-1);
  return {
    items,
    nextCursor: hasMore && last ? encodeTaskCursor(last) : null,
  };
}

export async function updateTask(deps: Deps, userId: string, raw: UpdateTaskInput): Promise<Task> {
  const { id, ...patch } = updateTaskInput.parse(raw);
  const current = await getTask(deps, userId, id);
  if (patch.parentId) await assertOwnParent(deps, userId, patch.parentId, id);
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(tasks)
      .set({
        ...patch,
        dueAt: toDate(patch.dueAt),
        completedAt: patch.status ? nextCompletedAt(current, patch.status, now) : undefined,
        updatedAt: now,
      })
      .where(and(eq(tasks.id, id), eq(tasks.userId, userId), notTrashed))
      .returning(taskColumns);
    if (!row) throw notFound('Task');
    await emitTaskChanges(deps, tx, current, row);
    return row;
  });
}

/**
 * Deleting moves the task and its steps to the trash (restorable for 30 days, then purged);
 * `permanent` deletes it and its steps for good, whether it was in the trash or not.
 */
export async function deleteTask(
  deps: Deps,
  userId: string,
  id: string,
  options: { permanent?: boolean } = {},
) {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    if (options.permanent) {
      const [row] = await tx
        .delete(tasks)
        .where(and(eq(tasks.id, id), eq(tasks.userId, userId)))
        .returning({ ...taskColumns, deletedAt: tasks.deletedAt });
      if (!row) throw notFound('Task');
      // One that was in the trash already told it left the lists.
      if (!row.deletedAt) await emitTaskDeleted(deps, tx, row, { permanent: true });
      return { id: row.id, trashed: false, purgeAt: null };
    }
    const [row] = await tx
      .select(taskColumns)
      .from(tasks)
      .where(and(eq(tasks.id, id), eq(tasks.userId, userId), notTrashed))
      .for('update');
    if (!row) throw notFound('Task');
    // The task and every step under it that is not in the trash already share one instant.
    await tx.execute(sql`
      with recursive tree as (
        select id from tasks where id = ${id} and user_id = ${userId}
        union all
        select t.id from tasks t join tree on t.parent_id = tree.id
        where t.user_id = ${userId} and t.deleted_at is null
      )
      update tasks set deleted_at = ${now.toISOString()}::timestamptz
      where id in (select id from tree)`);
    await emitTaskDeleted(deps, tx, row, { permanent: false });
    return { id: row.id, trashed: true, purgeAt: trashPurgeAt(now) };
  });
}

/** Counts per status for the inbox header; one grouped query. */
/** Top-level tasks by status, as the lists show them: a task's steps count as part of it. */
export async function countTasksByStatus(deps: ReadDeps, userId: string) {
  const rows = await deps.db
    .select({ status: tasks.status, count: sql<number>`count(*)::int` })
    .from(tasks)
    .where(and(eq(tasks.userId, userId), isNull(tasks.parentId), notTrashed))
    .groupBy(tasks.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.count])) as Partial<
    Record<Task['status'], number>
  >;
}

import {
  notFound,
  TRASH_RETENTION_DAYS,
  type Trash,
  type TrashedTask,
  trashPurgeAt,
  trashPurgeCutoff,
} from '@proxy/core';
import type { DbOrTx } from '@proxy/db';
import { tasks, templates } from '@proxy/db/schema';
import { and, desc, eq, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { AppDeps } from '../context';
import { emitTaskRestored } from '../tasks/events';
import { taskColumns } from '../tasks/service';
import { load } from '../templates/service';

type Deps = Pick<AppDeps, 'now' | 'jobs'> & { db: DbOrTx };
type ReadDeps = { db: DbOrTx };

const trashedColumns = { ...taskColumns, deletedAt: tasks.deletedAt };

/**
 * What is in the person's trash, newest first. A task trashed with its parent is one of the
 * parent's steps (`stepCount`), not an item of its own; a step trashed on its own is one.
 */
export async function listTrash(deps: ReadDeps, userId: string): Promise<Trash> {
  const rows = await deps.db
    .select(trashedColumns)
    .from(tasks)
    .where(and(eq(tasks.userId, userId), isNotNull(tasks.deletedAt)))
    .orderBy(desc(tasks.deletedAt), desc(tasks.createdAt), desc(tasks.id));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const wentWithParent = (r: (typeof rows)[number]) => {
    const parent = r.parentId ? byId.get(r.parentId) : undefined;
    return parent?.deletedAt?.getTime() === r.deletedAt?.getTime();
  };
  const steps = new Map<string, number>();
  for (const r of rows) {
    // Count each step once, at the item it went to the trash with.
    let at = r;
    while (wentWithParent(at)) at = byId.get(at.parentId!)!;
    if (at !== r) steps.set(at.id, (steps.get(at.id) ?? 0) + 1);
  }
  const items: TrashedTask[] = rows
    .filter((r) => !wentWithParent(r))
    .map((r) => ({
      ...r,
      deletedAt: r.deletedAt!,
      purgeAt: trashPurgeAt(r.deletedAt!),
      stepCount: steps.get(r.id) ?? 0,
    }));
  const trashedTemplates = await deps.db
    .select({ id: templates.id, deletedAt: templates.deletedAt })
    .from(templates)
    .where(and(eq(templates.userId, userId), isNotNull(templates.deletedAt)));
  const loaded = await load(
    deps.db,
    and(
      eq(templates.userId, userId),
      inArray(
        templates.id,
        trashedTemplates.map((t) => t.id),
      ),
    ),
  );
  const stamp = new Map(trashedTemplates.map((t) => [t.id, t.deletedAt!]));
  return {
    tasks: items,
    templates: trashedTemplates.length
      ? loaded
          .map((t) => ({
            ...t,
            deletedAt: stamp.get(t.id)!,
            purgeAt: trashPurgeAt(stamp.get(t.id)!),
          }))
          .sort((a, b) => b.deletedAt.getTime() - a.deletedAt.getTime())
      : [],
    retentionDays: TRASH_RETENTION_DAYS,
  };
}

/**
 * Brings a task back with the steps that went to the trash with it (a step trashed on its own
 * earlier stays there). A step whose parent is in the trash brings its parents back too, so it
 * is never back under a task nobody can see.
 */
export async function restoreTask(deps: Deps, userId: string, id: string) {
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .select(trashedColumns)
      .from(tasks)
      .where(and(eq(tasks.id, id), eq(tasks.userId, userId), isNotNull(tasks.deletedAt)))
      .for('update');
    if (!row) throw notFound('Task in the trash');
    const stamp = row.deletedAt!.toISOString();
    await tx.execute(sql`
      with recursive tree as (
        select id from tasks where id = ${id} and user_id = ${userId}
        union all
        select t.id from tasks t join tree on t.parent_id = tree.id
        where t.user_id = ${userId} and t.deleted_at = ${stamp}::timestamptz
      ), ancestors as (
        select parent_id as id from tasks where id = ${id} and user_id = ${userId}
        union all
        select t.parent_id from tasks t join ancestors a on t.id = a.id
        where t.user_id = ${userId} and t.deleted_at is not null
      )
      update tasks set deleted_at = null
      where user_id = ${userId} and deleted_at is not null
        and (id in (select id from tree) or id in (select id from ancestors where id is not null))`);
    const { deletedAt: _gone, ...task } = row;
    await emitTaskRestored(deps, tx, task);
    return task;
  });
}

/** Deletes a task in the trash for good, with its steps. */
export async function purgeTask(deps: ReadDeps, userId: string, id: string) {
  const gone = await deps.db
    .delete(tasks)
    .where(and(eq(tasks.id, id), eq(tasks.userId, userId), isNotNull(tasks.deletedAt)))
    .returning({ id: tasks.id });
  if (gone.length === 0) throw notFound('Task in the trash');
  return { id };
}

export async function restoreTemplate(deps: Deps, userId: string, id: string) {
  const [row] = await deps.db
    .update(templates)
    .set({ deletedAt: null, updatedAt: deps.now() })
    .where(and(eq(templates.id, id), eq(templates.userId, userId), isNotNull(templates.deletedAt)))
    .returning({ id: templates.id });
  if (!row) throw notFound('Template in the trash');
  const [t] = await load(deps.db, eq(templates.id, id));
  return t!;
}

export async function purgeTemplate(deps: ReadDeps, userId: string, id: string) {
  const gone = await deps.db
    .delete(templates)
    .where(and(eq(templates.id, id), eq(templates.userId, userId), isNotNull(templates.deletedAt)))
    .returning({ id: templates.id });
  if (gone.length === 0) throw notFound('Template in the trash');
  return { id };
}

/** Empties the person's trash for good. */
export async function emptyTrash(deps: ReadDeps, userId: string) {
  return deps.db.transaction(async (tx) => {
    const t = await tx
      .delete(tasks)
      .where(and(eq(tasks.userId, userId), isNotNull(tasks.deletedAt)))
      .returning({ id: tasks.id });
    const tp = await tx
      .delete(templates)
      .where(and(eq(templates.userId, userId), isNotNull(templates.deletedAt)))
      .returning({ id: templates.id });
    return { tasks: t.length, templates: tp.length };
  });
}

/** Everyone's trash older than the retention, purged for good (the `trash.purge` job). */
export async function purgeExpiredTrash(deps: ReadDeps, now: Date) {
  const cutoff = trashPurgeCutoff(now);
  return deps.db.transaction(async (tx) => {
    const t = await tx
      .delete(tasks)
      .where(and(isNotNull(tasks.deletedAt), lt(tasks.deletedAt, cutoff)))
      .returning({ id: tasks.id });
    const tp = await tx
      .delete(templates)
      .where(and(isNotNull(templates.deletedAt), lt(templates.deletedAt, cutoff)))
      .returning({ id: templates.id });
    return { tasks: t.length, templates: tp.length };
  });
}

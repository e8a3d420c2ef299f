import {
  type AddStepInput,
  addStepInput,
  DomainError,
  insertStep,
  type MoveStepInput,
  moveStepInput,
  notFound,
  reorderSteps,
  STEPS_MAX,
  type Task,
} from '@proxy/core';
import type { DbOrTx } from '@proxy/db';
import { tasks } from '@proxy/db/schema';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { AppDeps } from '../context';
import { emitTaskChanges, emitTaskCreated } from './events';
import { notTrashed, taskColumns } from './service';

type Deps = Pick<AppDeps, 'now' | 'jobs'> & { db: DbOrTx };

/** A task's steps in the order the person sees them: position, then oldest first. */
export async function listSteps(deps: { db: DbOrTx }, userId: string, parentId: string) {
  return deps.db
    .select(taskColumns)
    .from(tasks)
    .where(and(eq(tasks.userId, userId), eq(tasks.parentId, parentId), notTrashed))
    .orderBy(asc(tasks.position), asc(tasks.createdAt), asc(tasks.id));
}

/** Writes 0..n-1 as the positions of `orderedIds`, in one statement. */
export async function writeStepPositions(tx: DbOrTx, userId: string, orderedIds: string[]) {
  if (orderedIds.length === 0) return;
  const values = sql.join(
    orderedIds.map((id, position) => sql`(${id}::uuid, ${position}::integer)`),
    sql`, `,
  );
  await tx.execute(sql`
    update tasks set position = v.position
    from (values ${values}) as v(id, position)
    where tasks.id = v.id and tasks.user_id = ${userId} and tasks.position <> v.position`);
}

/** The parent, locked so concurrent adds and moves under it line up instead of interleaving. */
async function lockParent(tx: DbOrTx, userId: string, parentId: string) {
  const [parent] = await tx
    .select(taskColumns)
    .from(tasks)
    .where(and(eq(tasks.id, parentId), eq(tasks.userId, userId), notTrashed))
    .for('update');
  if (!parent) throw notFound('Task');
  return parent;
}

/**
 * Adds a step to a task, last or at `position`; the steps after it move down one. Steps are one
 * level deep: a step cannot have steps of its own.
 */
export async function addStep(deps: Deps, userId: string, raw: AddStepInput): Promise<Task> {
  const input = addStepInput.parse(raw);
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const parent = await lockParent(tx, userId, input.id);
    if (parent.parentId) {
      throw new DomainError('BAD_REQUEST', 'A step cannot have steps of its own', {
        fieldErrors: { id: ['Add the step to the task this step belongs to'] },
      });
    }
    const siblings = await listSteps({ db: tx }, userId, parent.id);
    if (siblings.length >= STEPS_MAX) {
      throw new DomainError('BAD_REQUEST', `A task can have at most ${STEPS_MAX} steps`);
    }
    const last = siblings.at(-1);
    const [row] = await tx
      .insert(tasks)
      .values({
        userId,
        parentId: parent.id,
        title: input.title,
        estimateMinutes: input.estimateMinutes ?? null,
        status: 'todo',
        priority: parent.priority,
        tags: parent.tags,
        position: last ? Math.max(last.position + 1, siblings.length) : 0,
        createdAt: now,
        updatedAt: now,
      })
      .returning(taskColumns);
    let step = row!;
    if (input.position !== undefined && input.position < siblings.length) {
      const order = insertStep(
        siblings.map((s) => s.id),
        step.id,
        input.position,
      );
      await writeStepPositions(tx, userId, order);
      step = { ...step, position: order.indexOf(step.id) };
    }
    await emitTaskCreated(deps, tx, step);
    return step;
  });
}

/**
 * Moves a step to `position` among its siblings (clamped to the list) and renumbers them all
 * 0..n-1 in one transaction. Answers the steps in their new order.
 */
export async function moveStep(deps: Deps, userId: string, raw: MoveStepInput): Promise<Task[]> {
  const input = moveStepInput.parse(raw);
  return deps.db.transaction(async (tx) => {
    const [current] = await tx
      .select(taskColumns)
      .from(tasks)
      .where(and(eq(tasks.id, input.id), eq(tasks.userId, userId), notTrashed));
    if (!current) throw notFound('Step');
    if (!current.parentId) {
      throw new DomainError('BAD_REQUEST', 'Only a step can move among steps', {
        fieldErrors: { id: ['This task is not a step of another task'] },
      });
    }
    await lockParent(tx, userId, current.parentId);
    const siblings = await listSteps({ db: tx }, userId, current.parentId);
    const order = reorderSteps(
      siblings.map((s) => s.id),
      current.id,
      input.position,
    );
    await writeStepPositions(tx, userId, order);
    const now = deps.now();
    const [moved] = await tx
      .update(tasks)
      .set({ updatedAt: now })
      .where(eq(tasks.id, current.id))
      .returning(taskColumns);
    // Only the step that was moved tells; its siblings' shift follows from it.
    await emitTaskChanges(deps, tx, current, moved!);
    return listSteps({ db: tx }, userId, current.parentId);
  });
}

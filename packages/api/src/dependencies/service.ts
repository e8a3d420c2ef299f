import { DomainError, notFound, wouldCreateCycle } from '@proxy/core';
import type { DbOrTx } from '@proxy/db';
import { taskDependencies, tasks } from '@proxy/db/schema';
import { and, eq, inArray } from 'drizzle-orm';
import type { AppDeps } from '../context';

type Deps = Pick<AppDeps, 'now'> & { db: DbOrTx };

/** `id` cannot start before `dependsOnId` is done. Both must be the caller's; no cycles. */
export async function addDependency(
  deps: Deps,
  userId: string,
  input: { id: string; dependsOnId: string },
) {
  const own = await deps.db
    .select({ id: tasks.id })
    .from(tasks)
    .where(and(eq(tasks.userId, userId), inArray(tasks.id, [input.id, input.dependsOnId])));
  if (own.length !== new Set([input.id, input.dependsOnId]).size) throw notFound('Task');
  const edges = await deps.db
    .select({ taskId: taskDependencies.taskId, dependsOnId: taskDependencies.dependsOnId })
    .from(taskDependencies)
    .where(eq(taskDependencies.userId, userId));
  if (wouldCreateCycle(edges, input.id, input.dependsOnId)) {
    throw new DomainError('BAD_REQUEST', 'That would make a task wait on itself', {
      fieldErrors: { dependsOnId: ['Pick a task that does not (indirectly) wait on this one'] },
    });
  }
  await deps.db
    .insert(taskDependencies)
    .values({ userId, taskId: input.id, dependsOnId: input.dependsOnId, createdAt: deps.now() })
    .onConflictDoNothing();
  return { taskId: input.id, dependsOnId: input.dependsOnId };
}

export async function removeDependency(
  deps: Deps,
  userId: string,
  input: { id: string; dependsOnId: string },
) {
  const rows = await deps.db
    .delete(taskDependencies)
    .where(
      and(
        eq(taskDependencies.userId, userId),
        eq(taskDependencies.taskId, input.id),
        eq(taskDependencies.dependsOnId, input.dependsOnId),
      ),
    )
    .returning({ taskId: taskDependencies.taskId });
  if (rows.length === 0) throw notFound('Dependency');
  return { taskId: input.id, dependsOnId: input.dependsOnId };
}

export async function listDependencies(deps: Deps, userId: string, id: string) {
  const [task] = await deps.db
    .select({ id: tasks.id })
    .from(tasks)
    .where(and(eq(tasks.id, id), eq(tasks.userId, userId)));
  if (!task) throw notFound('Task');
  const ref = { id: tasks.id, title: tasks.title, status: tasks.status };
  const dependsOn = await deps.db
    .select(ref)
    .from(taskDependencies)
    .innerJoin(tasks, eq(tasks.id, taskDependencies.dependsOnId))
    .where(and(eq(taskDependencies.userId, userId), eq(taskDependencies.taskId, id)));
  const blocks = await deps.db
    .select(ref)
    .from(taskDependencies)
    .innerJoin(tasks, eq(tasks.id, taskDependencies.taskId))
    .where(and(eq(taskDependencies.userId, userId), eq(taskDependencies.dependsOnId, id)));
  return { dependsOn, blocks };
}

import {
  DomainError,
  MINUTE_MS,
  notFound,
  type PlanFocusBlockInput,
  planFocusBlockInput,
  plannedFocusMinutes,
} from '@proxy/core';
import { focusPlannedBlocks, tasks } from '@proxy/db/schema';
import { and, asc, eq, gte, lte } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppDeps } from '../context';
import type { listPlannedBlocksInput } from './views';

type Deps = Pick<AppDeps, 'db' | 'now'>;
type BlockRow = typeof focusPlannedBlocks.$inferSelect;

const blockView = (r: BlockRow) => ({
  id: r.id,
  taskId: r.taskId,
  title: r.title,
  startsAt: r.startsAt,
  endsAt: new Date(r.startsAt.getTime() + r.durationMinutes * MINUTE_MS),
  durationMinutes: r.durationMinutes,
  settings: r.settings,
  sessionId: r.sessionId,
});

/** Plans a focus block for a time; its length is the settings' own unless given. */
export async function planFocusBlock(deps: Deps, userId: string, raw: PlanFocusBlockInput) {
  const input = planFocusBlockInput.parse(raw);
  if (input.taskId) {
    const [task] = await deps.db
      .select({ id: tasks.id })
      .from(tasks)
      .where(and(eq(tasks.id, input.taskId), eq(tasks.userId, userId)));
    if (!task) {
      throw new DomainError('NOT_FOUND', 'Task not found', {
        fieldErrors: { taskId: ['No such task'] },
      });
    }
  }
  const [row] = await deps.db
    .insert(focusPlannedBlocks)
    .values({
      userId,
      taskId: input.taskId ?? null,
      title: input.title || null,
      startsAt: new Date(input.startsAt),
      durationMinutes: input.durationMinutes ?? Math.max(5, plannedFocusMinutes(input.settings)),
      settings: input.settings,
      createdAt: deps.now(),
    })
    .returning();
  return blockView(row!);
}

/** Planned blocks starting in [from, to] (default: from now on), soonest first. */
export async function listPlannedBlocks(
  deps: Deps,
  userId: string,
  input: z.output<typeof listPlannedBlocksInput> = {},
) {
  const from = input.from ? new Date(input.from) : new Date(deps.now().getTime() - 12 * 3_600_000);
  const where = [eq(focusPlannedBlocks.userId, userId), gte(focusPlannedBlocks.startsAt, from)];
  if (input.to) where.push(lte(focusPlannedBlocks.startsAt, new Date(input.to)));
  const rows = await deps.db
    .select()
    .from(focusPlannedBlocks)
    .where(and(...where))
    .orderBy(asc(focusPlannedBlocks.startsAt))
    .limit(500);
  return rows.map(blockView);
}

export async function deletePlannedBlock(deps: Deps, userId: string, id: string) {
  const [row] = await deps.db
    .delete(focusPlannedBlocks)
    .where(and(eq(focusPlannedBlocks.id, id), eq(focusPlannedBlocks.userId, userId)))
    .returning({ id: focusPlannedBlocks.id });
  if (!row) throw notFound('Planned block');
  return { id: row.id };
}

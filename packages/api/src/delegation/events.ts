import type { AssignmentStatus } from '@proxy/core';
import type { DbOrTx } from '@proxy/db';
import { agents, tasks } from '@proxy/db/schema';
import { eq } from 'drizzle-orm';
import type { AppDeps } from '../context';
import { emit } from '../events/emit';

type Deps = Pick<AppDeps, 'jobs' | 'now'>;

const EVENT_FOR = {
  assigned: 'assignment.assigned',
  accepted: 'assignment.accepted',
  needs_review: 'assignment.needs_review',
  completed: 'assignment.completed',
  failed: 'assignment.failed',
  cancelled: 'assignment.cancelled',
} as const satisfies Partial<Record<AssignmentStatus, string>>;

export interface AssignmentFacts {
  id: string;
  userId: string;
  taskId: string;
  /** The agent row's id, when one holds it. */
  agentId: string | null;
  mode: 'DELEGATE' | 'DO_WITH_ME';
  status: AssignmentStatus;
}

/**
 * Tells that an assignment reached a status worth telling (queued and in-progress moves are
 * not), in the transaction of the move.
 */
export async function emitAssignmentMove(
  deps: Deps,
  tx: DbOrTx,
  assignment: AssignmentFacts,
  detail: string | null = null,
) {
  if (!(assignment.status in EVENT_FOR)) return;
  const type = EVENT_FOR[assignment.status as keyof typeof EVENT_FOR];
  const [task] = await tx
    .select({ title: tasks.title })
    .from(tasks)
    .where(eq(tasks.id, assignment.taskId));
  const [agent] = assignment.agentId
    ? await tx
        .select({ name: agents.agentId })
        .from(agents)
        .where(eq(agents.id, assignment.agentId))
    : [];
  await emit(deps, tx, {
    type,
    userId: assignment.userId,
    data: {
      assignmentId: assignment.id,
      taskId: assignment.taskId,
      taskTitle: task?.title ?? '',
      agentId: agent?.name ?? null,
      mode: assignment.mode,
      status: assignment.status,
      detail: detail?.slice(0, 2000) ?? null,
    },
  });
}

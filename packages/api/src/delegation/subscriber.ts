import { tasks } from '@proxy/db/schema';
import { and, eq } from 'drizzle-orm';
import type { EventSubscriber } from '../events/subscriber';
import { cancelLiveAssignmentsOfTask } from './service';

/**
 * A task in the trash, or set to DELETE through the tasks API (`PATCH /tasks/{id}`) stops its agent work, as
 * Scout's triage does in its own transaction: the tasks feature only says what changed.
 */
export const delegationSubscriber: EventSubscriber = {
  name: 'delegation',
  on: ['task.updated', 'task.deleted'],
  async handle(deps, tx, event) {
    // A task moved to the trash (or deleted) is let go: no agent keeps working on it.
    if (event.type === 'task.deleted') {
      await cancelLiveAssignmentsOfTask(deps, tx, event.userId, event.data.taskId);
      return;
    }
    if (event.type !== 'task.updated' || !event.data.changed.includes('delegationMode')) return;
    const [task] = await tx
      .select({ mode: tasks.delegationMode })
      .from(tasks)
      .where(and(eq(tasks.id, event.data.taskId), eq(tasks.userId, event.userId)));
    if (task?.mode !== 'DELETE') return;
    await cancelLiveAssignmentsOfTask(deps, tx, event.userId, event.data.taskId);
  },
};

import { tasks } from '@proxy/db/schema';
import { and, eq } from 'drizzle-orm';
import type { EventSubscriber } from '../events/subscriber';
import { cancelLiveAssignmentsOfTask } from './service';

/**
 * A task let go stops its agent work: moved to the trash or deleted (`task.deleted`), triaged to
 * DELETE by Scout or Mapper (`task.triaged`), or patched to DELETE through the tasks API
 * (`task.updated`). The cancellation reaches the agent as every cancellation does (the
 * assignment's `assignment.cancelled` event).
 */
export const delegationSubscriber: EventSubscriber = {
  name: 'delegation',
  on: ['task.updated', 'task.triaged', 'task.deleted'],
  async handle(deps, tx, event) {
    if (event.type === 'task.deleted') {
      await cancelLiveAssignmentsOfTask(deps, tx, event.userId, event.data.taskId);
      return;
    }
    if (event.type === 'task.triaged') {
      if (event.data.mode !== 'DELETE') return;
    } else if (event.type !== 'task.updated' || !event.data.changed.includes('delegationMode')) {
      return;
    }
    // Read the mode now: a later triage may have taken the task back since the event.
    const [task] = await tx
      .select({ mode: tasks.delegationMode })
      .from(tasks)
      .where(and(eq(tasks.id, event.data.taskId), eq(tasks.userId, event.userId)));
    if (task?.mode !== 'DELETE') return;
    await cancelLiveAssignmentsOfTask(deps, tx, event.userId, event.data.taskId);
  },
};

import type { TaskStatus } from './schema';

/**
 * When a task's status changes, completedAt follows it: set when it becomes done, cleared when
 * it is reopened, kept otherwise. Pure, so the service never decides this inline.
 */
export function nextCompletedAt(
  previous: { status: TaskStatus; completedAt: Date | null },
  nextStatus: TaskStatus,
  now: Date,
): Date | null {
  if (nextStatus === 'done') return previous.status === 'done' ? previous.completedAt : now;
  if (nextStatus === 'archived') return previous.completedAt;
  return null;
}

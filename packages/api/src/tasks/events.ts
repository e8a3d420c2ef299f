import type { DbOrTx } from '@proxy/db';
import type { TaskRow } from '@proxy/db/schema';
import type { AppDeps } from '../context';
import { emit } from '../events/emit';

type Deps = Pick<AppDeps, 'jobs' | 'now'>;
type TaskFacts = Pick<
  TaskRow,
  | 'id'
  | 'userId'
  | 'title'
  | 'parentId'
  | 'status'
  | 'priority'
  | 'dueAt'
  | 'estimateMinutes'
  | 'energy'
  | 'tags'
  | 'complexity'
  | 'completedAt'
>;

const ref = (t: TaskFacts) => ({ taskId: t.id, title: t.title, parentId: t.parentId });

/** The fields whose change is worth telling (timestamps are not). */
const WATCHED = [
  'title',
  'notes',
  'status',
  'priority',
  'dueAt',
  'estimateMinutes',
  'energy',
  'tags',
  'parentId',
  'position',
  'isMetaTask',
  'delegationMode',
  'requiredCapabilities',
  'complexity',
  'plannedOn',
  'snoozedUntil',
] as const;

const same = (a: unknown, b: unknown) =>
  a instanceof Date || b instanceof Date
    ? (a as Date | null)?.getTime() === (b as Date | null)?.getTime()
    : JSON.stringify(a) === JSON.stringify(b);

export async function emitTaskCreated(deps: Deps, tx: DbOrTx, task: TaskFacts) {
  await emit(deps, tx, {
    type: 'task.created',
    userId: task.userId,
    data: {
      ...ref(task),
      status: task.status,
      priority: task.priority,
      dueAt: task.dueAt?.toISOString() ?? null,
      estimateMinutes: task.estimateMinutes,
      energy: task.energy,
      tags: task.tags,
    },
  });
  if (task.status === 'done') await emitTaskCompleted(deps, tx, task, 'person');
}

export async function emitTaskCompleted(
  deps: Deps,
  tx: DbOrTx,
  task: TaskFacts,
  completedBy: 'person' | 'agent',
) {
  await emit(deps, tx, {
    type: 'task.completed',
    userId: task.userId,
    data: {
      ...ref(task),
      estimateMinutes: task.estimateMinutes,
      complexity: task.complexity,
      tags: task.tags,
      completedAt: (task.completedAt ?? deps.now()).toISOString(),
      completedBy,
    },
  });
}

/**
 * What an edit tells: `task.updated` with the fields that changed, and `task.completed` when it
 * moved to done (or `task.deleted` when it was archived).
 */
export async function emitTaskChanges(
  deps: Deps,
  tx: DbOrTx,
  before: Omit<TaskFacts, 'userId'> & Partial<Record<(typeof WATCHED)[number], unknown>>,
  after: TaskFacts & Partial<Record<(typeof WATCHED)[number], unknown>>,
) {
  const changed = WATCHED.filter((k) => k in after && !same(before[k], after[k]));
  if (changed.length === 0) return;
  await emit(deps, tx, {
    type: 'task.updated',
    userId: after.userId,
    data: { ...ref(after), changed: [...changed] },
  });
  if (after.status !== before.status) {
    if (after.status === 'done') await emitTaskCompleted(deps, tx, after, 'person');
    if (after.status === 'archived') await emitTaskDeleted(deps, tx, after);
  }
}

export async function emitTaskDeleted(
  deps: Deps,
  tx: DbOrTx,
  task: TaskFacts,
  options: { permanent?: boolean } = {},
) {
  await emit(deps, tx, {
    type: 'task.deleted',
    userId: task.userId,
    data: {
      ...ref(task),
      ...(options.permanent === undefined ? {} : { permanent: options.permanent }),
    },
  });
}

export async function emitTaskRestored(deps: Deps, tx: DbOrTx, task: TaskFacts) {
  await emit(deps, tx, { type: 'task.restored', userId: task.userId, data: ref(task) });
}

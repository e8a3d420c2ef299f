import {
  DELEGATION_MODES,
  type DelegationMode,
  LIST_LIMIT_MAX,
  type ListTasksInput,
  TASK_STATUSES,
  type Task,
  type TaskStatus,
  type UpdateTaskInput,
} from '@proxy/core';

export type GroupBy = 'mode' | 'status';

export interface Column {
  key: string;
  label: string;
  /** The patch that moves a task into this column. */
  patch: (id: string) => UpdateTaskInput;
}

const MODE_LABELS: Record<DelegationMode, string> = {
  DO: 'Do',
  DO_WITH_ME: 'Do with me',
  DELEGATE: 'Delegate',
  DELETE: 'Delete',
};

export function columnsFor(groupBy: GroupBy): Column[] {
  if (groupBy === 'mode') {
    return [
      { key: 'none', label: 'Not triaged', patch: (id) => ({ id, delegationMode: null }) },
      ...DELEGATION_MODES.map((m) => ({
        key: m,
        label: MODE_LABELS[m],
        patch: (id: string) => ({ id, delegationMode: m }),
      })),
    ];
  }
  return TASK_STATUSES.map((s: TaskStatus) => ({
    key: s,
    label: s.replace('_', ' '),
    patch: (id: string) => ({ id, status: s }),
  }));
}

export const columnKeyOf = (task: Task, groupBy: GroupBy) =>
  groupBy === 'mode' ? (task.delegationMode ?? 'none') : task.status;

/**
 * What the board asks for: the most a page may hold, paged through to the end. Lives outside the
 * client component so the server page gets the value itself, not a client reference (a server
 * component importing a value from a `'use client'` file gets a stub, and the prefetch failed).
 */
export const MAPPER_LIST_INPUT = { limit: LIST_LIMIT_MAX } satisfies ListTasksInput;

interface TaskPage {
  items: Task[];
  nextCursor: string | null;
}

/**
 * The loaded pages with one task moved by `patch`, so a moved card lands in its new column at
 * once (and keeps its focus there) before the server has answered.
 */
export function withTaskMoved<P extends TaskPage>(
  pages: readonly P[],
  patch: UpdateTaskInput,
): P[] {
  const { id, ...fields } = patch;
  return pages.map((page) => ({
    ...page,
    items: page.items.map((t) => (t.id === id ? ({ ...t, ...fields } as Task) : t)),
  }));
}

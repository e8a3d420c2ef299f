import {
  DELEGATION_MODES,
  type DelegationMode,
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

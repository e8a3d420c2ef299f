import type { DelegationMode, Energy, ListTasksInput, Task, TaskStatus } from '@proxy/core';

export type ModeFilter = DelegationMode | 'untriaged' | '';
export type SortKey = 'newest' | 'oldest' | 'priority' | 'due' | 'estimate';

export interface ScoutFilters {
  q: string;
  status: TaskStatus | '';
  tag: string;
  mode: ModeFilter;
  energy: Energy | '';
  meta: 'true' | 'false' | '';
  sort: SortKey;
}

export const NO_SCOUT_FILTERS: ScoutFilters = {
  q: '',
  status: '',
  tag: '',
  mode: '',
  energy: '',
  meta: '',
  sort: 'newest',
};

export const MODE_LABELS: Record<DelegationMode, string> = {
  DO: 'Do',
  DO_WITH_ME: 'Do with me',
  DELEGATE: 'Delegate',
  DELETE: 'Delete',
};

/** What the server filters (status, tag, text, meta); mode and energy filter the loaded page. */
export function scoutListInput(f: ScoutFilters): ListTasksInput {
  return {
    limit: 200,
    ...(f.status ? { status: f.status } : {}),
    ...(f.tag.trim() ? { tag: f.tag.trim().toLowerCase() } : {}),
    ...(f.q.trim() ? { q: f.q.trim() } : {}),
    ...(f.meta ? { isMetaTask: f.meta } : {}),
  };
}

const PRIORITY_RANK = { urgent: 0, high: 1, medium: 2, low: 3 } as const;

export function filterAndSort(tasks: readonly Task[], f: ScoutFilters): Task[] {
  const shown = tasks.filter((t) => {
    if (f.mode === 'untriaged' && t.delegationMode !== null) return false;
    if (f.mode && f.mode !== 'untriaged' && t.delegationMode !== f.mode) return false;
    if (f.energy && t.energy !== f.energy) return false;
    return true;
  });
  const byCreated = (a: Task, b: Task) => b.createdAt.getTime() - a.createdAt.getTime();
  const sorters: Record<SortKey, (a: Task, b: Task) => number> = {
    newest: byCreated,
    oldest: (a, b) => -byCreated(a, b),
    priority: (a, b) => PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] || byCreated(a, b),
    due: (a, b) =>
      (a.dueAt?.getTime() ?? Number.POSITIVE_INFINITY) -
        (b.dueAt?.getTime() ?? Number.POSITIVE_INFINITY) || byCreated(a, b),
    estimate: (a, b) =>
      (a.estimateMinutes ?? Number.POSITIVE_INFINITY) -
        (b.estimateMinutes ?? Number.POSITIVE_INFINITY) || byCreated(a, b),
  };
  return shown.sort(sorters[f.sort]);
}

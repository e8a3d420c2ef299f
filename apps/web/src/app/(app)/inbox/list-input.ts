import type { ListTasksInput, TaskStatus } from '@proxy/core';
import { endOfLocalDayIso } from '@/lib/dates';

export const PAGE_SIZE = 25;

export interface TaskFilters {
  status: TaskStatus | '';
  tag: string;
  q: string;
  /** A local calendar day (YYYY-MM-DD) or ''. */
  dueBefore: string;
}

export const NO_FILTERS: TaskFilters = { status: '', tag: '', q: '', dueBefore: '' };

/**
 * The `tasks.list` input for a set of filters. The server prefetch and the client must build
 * the same object for the same filters, or the prefetched page would not be found.
 */
export function listInput(filters: TaskFilters): ListTasksInput {
  // Steps show under their task, never as rows of their own.
  const input: ListTasksInput = { limit: PAGE_SIZE, topLevel: true };
  if (filters.status) input.status = filters.status;
  const tag = filters.tag.trim();
  if (tag) input.tag = tag;
  const q = filters.q.trim();
  if (q) input.q = q;
  const dueBefore = filters.dueBefore ? endOfLocalDayIso(filters.dueBefore) : undefined;
  if (dueBefore) input.dueBefore = dueBefore;
  return input;
}

export const isFiltered = (filters: TaskFilters) =>
  Boolean(filters.status || filters.tag.trim() || filters.q.trim() || filters.dueBefore);

export const STATUS_LABELS: Record<TaskStatus, string> = {
  inbox: 'Inbox',
  todo: 'To do',
  in_progress: 'In progress',
  done: 'Done',
  archived: 'Archived',
};

import type { Task } from '@proxy/core';
import { describe, expect, it } from 'vitest';
import { filterAndSort, NO_SCOUT_FILTERS, scoutListInput } from './scout-filters';

const task = (over: Partial<Task>): Task => ({
  id: crypto.randomUUID(),
  title: 't',
  notes: '',
  status: 'inbox',
  priority: 'medium',
  dueAt: null,
  estimateMinutes: null,
  energy: null,
  tags: [],
  parentId: null,
  position: 0,
  isMetaTask: false,
  delegationMode: null,
  requiredCapabilities: [],
  complexity: null,
  completedAt: null,
  plannedOn: null,
  snoozedUntil: null,
  createdAt: new Date('2026-11-01T00:00:00Z'),
  updatedAt: new Date('2026-11-01T00:00:00Z'),
  ...over,
});

describe('Scout filters', () => {
  it('sends server-side filters only when set', () => {
    expect(scoutListInput(NO_SCOUT_FILTERS)).toEqual({ limit: 200 });
    expect(
      scoutListInput({ ...NO_SCOUT_FILTERS, meta: 'true', tag: ' Roadmap ', q: 'be' }),
    ).toEqual({ limit: 200, isMetaTask: 'true', tag: 'roadmap', q: 'be' });
  });

  it('filters by mode (including untriaged) and energy, and sorts', () => {
    const a = task({ title: 'a', delegationMode: 'DO', energy: 'low', priority: 'low' });
    const b = task({ title: 'b', priority: 'urgent', estimateMinutes: 5 });
    const c = task({ title: 'c', delegationMode: 'DELEGATE', dueAt: new Date('2026-12-01') });
    const all = [a, b, c];
    const titles = (f: Partial<typeof NO_SCOUT_FILTERS>) =>
      filterAndSort(all, { ...NO_SCOUT_FILTERS, ...f }).map((t) => t.title);
    expect(titles({ mode: 'untriaged' })).toEqual(['b']);
    expect(titles({ mode: 'DELEGATE' })).toEqual(['c']);
    expect(titles({ energy: 'low' })).toEqual(['a']);
    expect(titles({ sort: 'priority' })[0]).toBe('b');
    expect(titles({ sort: 'due' })[0]).toBe('c');
    expect(titles({ sort: 'estimate' })[0]).toBe('b');
  });
});

'use client';

import type { ListTasksInput, Task } from '@proxy/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type KeyboardEvent, useMemo, useState } from 'react';
import { FormMessage } from '@/components/field';
import { useToast } from '@/components/toasts';
import { apiErrorInfo } from '@/lib/form-errors';
import { useTRPC } from '@/trpc/client';
import { type Column, columnKeyOf, columnsFor, type GroupBy } from './columns';

export const MAPPER_LIST_INPUT: ListTasksInput = { limit: 200 };

/**
 * Mapper: the board. Columns by delegation mode (or by status); drag a card to another column,
 * or focus it and press ← / → (the keyboard alternative), or pick a column from its menu.
 */
export function Mapper() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [groupBy, setGroupBy] = useState<GroupBy>('mode');
  const toast = useToast();
  const [dragOver, setDragOver] = useState<string | null>(null);
  const list = useQuery(trpc.tasks.list.queryOptions(MAPPER_LIST_INPUT));
  const columns = columnsFor(groupBy);
  const byColumn = useMemo(() => {
    const map = new Map<string, Task[]>(columns.map((c) => [c.key, []]));
    for (const t of list.data?.items ?? []) map.get(columnKeyOf(t, groupBy))?.push(t);
    return map;
  }, [list.data, groupBy, columns]);
  const move = useMutation(
    trpc.tasks.update.mutationOptions({
      onSettled: () => queryClient.invalidateQueries(trpc.tasks.pathFilter()),
    }),
  );

  const moveTo = (task: Task, column: Column) => {
    if (columnKeyOf(task, groupBy) === column.key) return;
    const from = columns.find((c) => c.key === columnKeyOf(task, groupBy));
    move.mutate(column.patch(task.id), {
      onSuccess: () =>
        toast.show({
          message: `Moved “${task.title}” to ${column.label}`,
          undo: from
            ? {
                run: () => move.mutateAsync(from.patch(task.id)),
                done: `“${task.title}” is back in ${from.label}`,
              }
            : undefined,
        }),
    });
  };
  const onCardKey = (e: KeyboardEvent<HTMLElement>, task: Task) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    e.preventDefault();
    const at = columns.findIndex((c) => c.key === columnKeyOf(task, groupBy));
    const next = columns[at + (e.key === 'ArrowRight' ? 1 : -1)];
    if (next) moveTo(task, next);
  };

  return (
    <>
      <div className="page-header">
        <h1>Mapper</h1>
        <fieldset className="segmented">
          <legend className="visually-hidden">Columns</legend>
          <label>
            <input
              type="radio"
              name="group-by"
              checked={groupBy === 'mode'}
              onChange={() => setGroupBy('mode')}
            />
            By mode
          </label>
          <label>
            <input
              type="radio"
              name="group-by"
              checked={groupBy === 'status'}
              onChange={() => setGroupBy('status')}
            />
            By status
          </label>
        </fieldset>
      </div>
      <p className="muted">Drag a card, or focus it and use ← and →.</p>
      {move.error ? (
        <FormMessage kind="error">{apiErrorInfo(move.error).message}</FormMessage>
      ) : null}
      {list.error ? (
        <FormMessage kind="error">{apiErrorInfo(list.error).message}</FormMessage>
      ) : (
        <div className="board" aria-busy={list.isFetching}>
          {columns.map((column) => (
            <section
              key={column.key}
              className={`board-column${dragOver === column.key ? ' board-column-over' : ''}`}
              aria-label={column.label}
              data-testid={`column-${column.key}`}
              onDragOver={(e) => {
                e.preventDefault();
                setDragOver(column.key);
              }}
              onDragLeave={() => setDragOver((k) => (k === column.key ? null : k))}
              onDrop={(e) => {
                e.preventDefault();
                setDragOver(null);
                const id = e.dataTransfer.getData('text/plain');
                const task = list.data?.items.find((t) => t.id === id);
                if (task) moveTo(task, column);
              }}
            >
              <h2>
                {column.label}{' '}
                <span className="muted">{byColumn.get(column.key)?.length ?? 0}</span>
              </h2>
              <ul>
                {(byColumn.get(column.key) ?? []).map((task) => (
                  <li
                    key={task.id}
                    className="board-card"
                    draggable
                    data-testid="board-card"
                    onDragStart={(e) => {
                      e.dataTransfer.setData('text/plain', task.id);
                      e.dataTransfer.effectAllowed = 'move';
                    }}
                  >
                    <button
                      type="button"
                      className="board-card-handle task-title"
                      aria-label={`${task.title}, in ${column.label}. Left and right arrows move it.`}
                      onKeyDown={(e) => onCardKey(e, task)}
                    >
                      {task.title}
                    </button>
                    <select
                      aria-label={`Move ${task.title} to`}
                      value={column.key}
                      onChange={(e) => {
                        const target = columns.find((c) => c.key === e.target.value);
                        if (target) moveTo(task, target);
                      }}
                    >
                      {columns.map((c) => (
                        <option key={c.key} value={c.key}>
                          {c.label}
                        </option>
                      ))}
                    </select>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </>
  );
}

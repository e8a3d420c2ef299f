'use client';

import type { Task, UpdateTaskInput } from '@proxy/core';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { FormMessage } from '@/components/field';
import { useToast } from '@/components/toasts';
import { apiErrorInfo } from '@/lib/form-errors';
import { useTRPC, useTRPCClient } from '@/trpc/client';
import styles from './board.module.css';
import { BoardSkeleton } from './board-skeleton';
import {
  type Column,
  columnKeyOf,
  columnsFor,
  type GroupBy,
  MAPPER_LIST_INPUT,
  withTaskMoved,
} from './columns';

/**
 * Mapper: the board. Columns by delegation mode (or by status); drag a card to another column,
 * or focus it and press ← / → (the keyboard alternative), or pick a column from its menu (the
 * touch one).
 */
export function Mapper() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [groupBy, setGroupBy] = useState<GroupBy>('mode');
  const toast = useToast();
  const [dragOver, setDragOver] = useState<string | null>(null);
  // The card to focus once it is drawn in its new column (a moved card is a new element there).
  const focusAfterMove = useRef<string | null>(null);
  const listOptions = trpc.tasks.list.infiniteQueryOptions(MAPPER_LIST_INPUT, {
    getNextPageParam: (page) => page.nextCursor,
  });
  const list = useInfiniteQuery(listOptions);
  const { hasNextPage, isFetchingNextPage, isError, fetchNextPage } = list;
  // A board with cards missing would miscount its columns: page through to the end.
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !isError) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, isError, fetchNextPage]);
  const tasks = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);
  const columns = columnsFor(groupBy);
  const byColumn = useMemo(() => {
    const map = new Map<string, Task[]>(columns.map((c) => [c.key, []]));
    for (const t of tasks) map.get(columnKeyOf(t, groupBy))?.push(t);
    return map;
  }, [tasks, groupBy, columns]);
  const client = useTRPCClient();
  const [moveError, setMoveError] = useState<unknown>();
  // Moves go to the server one at a time, in the order they were made: two quick arrow presses
  // must not race, or the server could keep the first instead of the last.
  const saving = useRef<Promise<unknown>>(Promise.resolve());
  const unsaved = useRef(0);

  /** The card moves at once; the server's answer follows (a refusal puts the board back). */
  const save = (patch: UpdateTaskInput) => {
    void queryClient.cancelQueries({ queryKey: listOptions.queryKey });
    queryClient.setQueryData(listOptions.queryKey, (data) =>
      data ? { ...data, pages: withTaskMoved(data.pages, patch) } : data,
    );
    setMoveError(undefined);
    unsaved.current++;
    const sent = saving.current.then(() => client.tasks.update.mutate(patch));
    saving.current = sent.catch(() => undefined);
    return sent
      .catch((error: unknown) => {
        setMoveError(error);
        throw error;
      })
      .finally(() => {
        // Only once every move is in: an earlier answer must not draw over a later move.
        if (--unsaved.current === 0) void queryClient.invalidateQueries(trpc.tasks.pathFilter());
      });
  };

  /** Every way of moving a card (drag, arrow keys, its menu) ends here. */
  const moveTo = (task: Task, column: Column) => {
    if (columnKeyOf(task, groupBy) === column.key) return;
    const from = columns.find((c) => c.key === columnKeyOf(task, groupBy));
    save(column.patch(task.id)).then(
      () =>
        toast.show({
          message: `Moved “${task.title}” to ${column.label}`,
          undo: from
            ? {
                run: () => save(from.patch(task.id)),
                done: `“${task.title}” is back in ${from.label}`,
              }
            : undefined,
        }),
      () => undefined,
    );
  };
  const onCardKey = (e: KeyboardEvent<HTMLElement>, task: Task) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    e.preventDefault();
    const at = columns.findIndex((c) => c.key === columnKeyOf(task, groupBy));
    const next = columns[at + (e.key === 'ArrowRight' ? 1 : -1)];
    if (!next) return;
    focusAfterMove.current = task.id;
    moveTo(task, next);
  };
  const focusIfMoved = (task: Task) => (el: HTMLButtonElement | null) => {
    if (el && focusAfterMove.current === task.id) {
      focusAfterMove.current = null;
      el.focus();
    }
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
      <p className="muted">Drag a card, focus it and use ← and →, or use its “Move to…” menu.</p>
      {moveError ? <FormMessage kind="error">{apiErrorInfo(moveError).message}</FormMessage> : null}
      {list.error ? (
        <FormMessage kind="error">{apiErrorInfo(list.error).message}</FormMessage>
      ) : null}
      {list.isPending ? (
        <>
          <p className="loading" role="status">
            Loading the board…
          </p>
          <BoardSkeleton />
        </>
      ) : list.data ? (
        <>
          {hasNextPage ? (
            <p className="loading" role="status" data-testid="board-loading-more">
              Loading more tasks… {tasks.length} so far
            </p>
          ) : null}
          <div className={styles.board} data-testid="board" aria-busy={list.isFetching}>
            {columns.map((column) => {
              const cards = byColumn.get(column.key) ?? [];
              return (
                <section
                  key={column.key}
                  className={`${styles.column}${dragOver === column.key ? ` ${styles.columnOver}` : ''}`}
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
                    const task = tasks.find((t) => t.id === id);
                    if (task) moveTo(task, column);
                  }}
                >
                  <h2>
                    {column.label}{' '}
                    <span className="muted" data-testid="column-count">
                      {cards.length}
                      {hasNextPage ? '+' : ''}
                    </span>
                  </h2>
                  <ul>
                    {cards.map((task) => (
                      <li
                        key={task.id}
                        className={styles.card}
                        draggable
                        data-testid="board-card"
                        onDragStart={(e) => {
                          e.dataTransfer.setData('text/plain', task.id);
                          e.dataTransfer.effectAllowed = 'move';
                        }}
                      >
                        <button
                          ref={focusIfMoved(task)}
                          type="button"
                          className={`${styles.handle} task-title`}
                          aria-label={`${task.title}, in ${column.label}. Left and right arrows move it.`}
                          onKeyDown={(e) => onCardKey(e, task)}
                        >
                          {task.title}
                        </button>
                        <MoveMenu
                          title={task.title}
                          targets={columns.filter((c) => c.key !== column.key)}
                          onMove={(target) => {
                            focusAfterMove.current = task.id;
                            moveTo(task, target);
                          }}
                        />
                      </li>
                    ))}
                  </ul>
                </section>
              );
            })}
          </div>
        </>
      ) : null}
    </>
  );
}

/** "Move to…": the columns a card can go to, as buttons (for touch, and for anyone). */
function MoveMenu({
  title,
  targets,
  onMove,
}: {
  title: string;
  targets: Column[];
  onMove: (column: Column) => void;
}) {
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const closeOnEscape = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key !== 'Escape' || !open) return;
    e.stopPropagation();
    setOpen(false);
    toggle.current?.focus();
  };
  return (
    <div className={styles.moveMenu}>
      <button
        ref={toggle}
        type="button"
        className="button button-quiet button-small"
        aria-expanded={open}
        aria-label={`Move to… (${title})`}
        onKeyDown={closeOnEscape}
        onClick={() => setOpen((o) => !o)}
      >
        Move to…
      </button>
      {open ? (
        <ul className={styles.moveOptions} aria-label={`Columns for ${title}`}>
          {targets.map((c) => (
            <li key={c.key}>
              <button
                type="button"
                className="button button-quiet button-small"
                onKeyDown={closeOnEscape}
                onClick={() => {
                  setOpen(false);
                  onMove(c);
                }}
              >
                {c.label}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

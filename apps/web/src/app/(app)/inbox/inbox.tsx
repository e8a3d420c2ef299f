'use client';

import { type CreateTaskInput, TASK_STATUSES, type TaskStatus, TITLE_MAX } from '@proxy/core';
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutationState,
  useQuery,
} from '@tanstack/react-query';
import Link from 'next/link';
import { type FormEvent, useMemo, useState } from 'react';
import { Field, FormMessage } from '@/components/field';
import { LoadMore } from '@/components/load-more';
import { useToast } from '@/components/toasts';
import { apiErrorInfo, firstError } from '@/lib/form-errors';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import { useHydrated } from '@/lib/use-hydrated';
import { useTRPC } from '@/trpc/client';
import { isFiltered, listInput, NO_FILTERS, STATUS_LABELS, type TaskFilters } from './list-input';
import { previewParts, readQuickAdd } from './quick-add-preview';
import { TaskRow } from './task-row';
import { useCreateTask } from './use-task-mutations';

export function Inbox() {
  const trpc = useTRPC();
  const [filters, setFilters] = useState<TaskFilters>(NO_FILTERS);
  const toast = useToast();
  const setAnnouncement = (message: string) => toast.show({ message });
  // Typing in the text filters waits for a pause; the selects apply at once.
  const q = useDebouncedValue(filters.q, 250);
  const tag = useDebouncedValue(filters.tag, 250);
  const input = listInput({ ...filters, q, tag });

  const list = useInfiniteQuery(
    trpc.tasks.list.infiniteQueryOptions(input, {
      getNextPageParam: (page) => page.nextCursor,
      placeholderData: keepPreviousData,
    }),
  );
  const counts = useQuery(trpc.tasks.counts.queryOptions());
  const tasks = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);
  const listError = list.error ? apiErrorInfo(list.error) : undefined;
  const filtered = isFiltered(filters);
  const totalCount = Object.values(counts.data ?? {}).reduce((sum, n) => sum + (n ?? 0), 0);
  // One clock per render, so every row agrees on what "today" and "overdue" mean; none on the
  // server, whose timezone is not the viewer's.
  const hydrated = useHydrated();
  const now = hydrated ? new Date() : undefined;

  const setFilter = <K extends keyof TaskFilters>(key: K, value: TaskFilters[K]) =>
    setFilters((f) => ({ ...f, [key]: value }));

  return (
    <>
      {/* Says when the server-rendered list has come alive (keyboard tests wait for it). */}
      <div className="page-header" data-hydrated={hydrated ? 'true' : undefined}>
        <h1>Inbox</h1>
        {counts.data ? (
          <p className="muted" style={{ margin: 0 }}>
            {(counts.data.done ?? 0) > 0
              ? `${counts.data.done} done so far. Well done.`
              : 'One small thing at a time.'}
          </p>
        ) : null}
        <Link href="/trash" className="button button-quiet button-small">
          Trash
        </Link>
      </div>

      <QuickAdd onAnnounce={setAnnouncement} />

      <ul className="counts" aria-label="Tasks by status">
        <li>
          <button
            type="button"
            className="count-chip"
            aria-pressed={filters.status === ''}
            onClick={() => setFilter('status', '')}
          >
            All <strong>{counts.data ? totalCount : '…'}</strong>
          </button>
        </li>
        {TASK_STATUSES.map((status) => (
          <li key={status}>
            <button
              type="button"
              className="count-chip"
              aria-pressed={filters.status === status}
              onClick={() => setFilter('status', status)}
              data-testid={`count-${status}`}
            >
              {STATUS_LABELS[status]}{' '}
              <strong>{counts.data ? (counts.data[status] ?? 0) : '…'}</strong>
            </button>
          </li>
        ))}
      </ul>
      {counts.error ? (
        <FormMessage kind="error">
          Counts could not load: {apiErrorInfo(counts.error).message}
        </FormMessage>
      ) : null}

      <details className="filters" open={filtered || undefined}>
        <summary>Filters{filtered ? ' (active)' : ''}</summary>
        <form className="form-grid" onSubmit={(e) => e.preventDefault()}>
          <Field label="Status" error={firstError(listError?.fieldErrors ?? {}, 'status')}>
            {(props) => (
              <select
                {...props}
                value={filters.status}
                onChange={(e) => setFilter('status', e.target.value as TaskStatus | '')}
              >
                <option value="">All statuses</option>
                {TASK_STATUSES.map((status) => (
                  <option key={status} value={status}>
                    {STATUS_LABELS[status]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Tag" error={firstError(listError?.fieldErrors ?? {}, 'tag')}>
            {(props) => (
              <input
                {...props}
                type="text"
                value={filters.tag}
                placeholder="e.g. home"
                onChange={(e) => setFilter('tag', e.target.value)}
              />
            )}
          </Field>
          <Field label="Search" error={firstError(listError?.fieldErrors ?? {}, 'q')}>
            {(props) => (
              <input
                {...props}
                type="search"
                value={filters.q}
                placeholder="Words in title or notes"
                onChange={(e) => setFilter('q', e.target.value)}
              />
            )}
          </Field>
          <Field label="Due before" error={firstError(listError?.fieldErrors ?? {}, 'dueBefore')}>
            {(props) => (
              <input
                {...props}
                type="date"
                value={filters.dueBefore}
                onChange={(e) => setFilter('dueBefore', e.target.value)}
              />
            )}
          </Field>
          {filtered ? (
            <div className="form-actions" style={{ alignSelf: 'end' }}>
              <button
                type="button"
                className="button button-secondary"
                onClick={() => setFilters(NO_FILTERS)}
              >
                Clear filters
              </button>
            </div>
          ) : null}
        </form>
      </details>

      <section aria-label="Tasks" aria-busy={list.isFetching}>
        {list.isPending ? (
          <p className="loading" role="status">
            Loading your tasks…
          </p>
        ) : listError ? (
          <FormMessage kind="error">{listError.message}</FormMessage>
        ) : (
          <>
            <PendingTasks />
            {tasks.length > 0 ? (
              <ul className="task-list">
                {tasks.map((task) => (
                  <TaskRow key={task.id} task={task} now={now} onAnnounce={setAnnouncement} />
                ))}
              </ul>
            ) : filtered ? (
              <div className="empty-state">
                <p>No tasks match these filters.</p>
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={() => setFilters(NO_FILTERS)}
                >
                  Clear filters
                </button>
              </div>
            ) : (
              <EmptyInbox />
            )}
            <LoadMore pages={list} />
          </>
        )}
      </section>
    </>
  );
}

function EmptyInbox() {
  return (
    <div className="empty-state">
      <h2>Your inbox is clear</h2>
      <p className="muted">
        Nothing is waiting for you here. When something pops into your head, type it above and press
        Enter. Sorting it out can wait.
      </p>
    </div>
  );
}

/** Tasks on their way to the server, shown at once so a quick add never feels slow. */
function PendingTasks() {
  const trpc = useTRPC();
  const pending = useMutationState({
    filters: { mutationKey: trpc.tasks.create.mutationKey(), status: 'pending' },
    select: (mutation) => mutation.state.variables as CreateTaskInput | undefined,
  });
  if (pending.length === 0) return null;
  return (
    <ul className="task-list" aria-label="Adding" style={{ marginBottom: 'var(--space-3)' }}>
      {pending.map((task, index) => (
        <li key={index} className="task-row" data-pending="true">
          <div className="task-body">
            <div className="task-title">{task?.title}</div>
            <div className="task-meta">Adding…</div>
          </div>
        </li>
      ))}
    </ul>
  );
}

/** The inbox's quick add; the global `n` shortcut opens it in a dialog on other pages. */
export function QuickAdd({ onAnnounce }: { onAnnounce: (message: string) => void }) {
  const trpc = useTRPC();
  const create = useCreateTask();
  const profile = useQuery(trpc.profile.get.queryOptions());
  const [title, setTitle] = useState('');
  const [keepDates, setKeepDates] = useState(false);
  const [error, setError] = useState<string>();
  // The person's own timezone reads "tomorrow 5pm"; the browser's until the profile is in.
  const timeZone = profile.data?.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const parsed = useMemo(
    () => (title.trim() ? readQuickAdd(title, timeZone, keepDates) : undefined),
    [title, timeZone, keepDates],
  );
  const understood = parsed ? previewParts(parsed, timeZone) : [];

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = title.trim();
    if (!text) return;
    // Read again at the moment of saving, so "in 2 hours" counts from now, not from typing.
    const read = readQuickAdd(text, timeZone, keepDates);
    if (!read.title) {
      setError('Add a few words for the task itself, not only when or how.');
      return;
    }
    if (read.title.length > TITLE_MAX) {
      setError(`A title can be at most ${TITLE_MAX} characters; put the rest in notes.`);
      return;
    }
    setError(undefined);
    setTitle('');
    setKeepDates(false);
    create.mutate(
      {
        title: read.title,
        tags: read.tags,
        priority: read.priority,
        estimateMinutes: read.estimateMinutes,
        dueAt: read.due?.at.toISOString(),
      },
      {
        onSuccess: () => onAnnounce(`Added "${read.title}".`),
        onError: (e) => {
          const info = apiErrorInfo(e);
          setError(firstError(info.fieldErrors, 'title') ?? info.message);
          setTitle((current) => current || text);
        },
      },
    );
  }

  const describedBy = [understood.length ? 'quick-add-preview' : '', error ? 'quick-add-error' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <form className="quick-add" onSubmit={onSubmit}>
      <div className="field" style={{ flex: '1 1 auto' }}>
        <label htmlFor="quick-add" className="visually-hidden">
          Add a task
        </label>
        <input
          id="quick-add"
          type="text"
          data-quick-add
          name="title"
          autoComplete="off"
          placeholder="Add a task: “Call the vet tomorrow 5pm #pets !high ~15m”"
          value={title}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy || undefined}
          onChange={(e) => setTitle(e.target.value)}
        />
        {parsed && understood.length > 0 ? (
          <div className="quick-add-preview" id="quick-add-preview" data-testid="quick-add-preview">
            <span className="visually-hidden">Will add </span>
            <strong>{parsed.title || '(no title yet)'}</strong>
            {understood.map((part) => (
              <span key={part} className="quick-add-chip">
                {part}
              </span>
            ))}
            {parsed.due ? (
              <button type="button" className="link-button" onClick={() => setKeepDates(true)}>
                Keep “{parsed.due.text}” in the title
              </button>
            ) : null}
          </div>
        ) : null}
        {error ? (
          <p className="field-error" id="quick-add-error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      <button type="submit" className="button" style={{ alignSelf: 'flex-start' }}>
        Add
      </button>
    </form>
  );
}

'use client';

import {
  DELEGATION_MODES,
  type DelegationMode,
  ENERGY_LEVELS,
  type Energy,
  TASK_STATUSES,
  type Task,
  type TaskStatus,
} from '@proxy/core';
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Field, FormMessage } from '@/components/field';
import { LoadMore } from '@/components/load-more';
import { useToast } from '@/components/toasts';
import { apiErrorInfo } from '@/lib/form-errors';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import { useTRPC } from '@/trpc/client';
import {
  filterAndSort,
  MODE_LABELS,
  type ModeFilter,
  NO_SCOUT_FILTERS,
  type ScoutFilters,
  type SortKey,
  scoutListInput,
} from './scout-filters';

/** Scout: the triage inbox. Filter, search, sort, pick several, give them their 4D mode. */
export function Scout() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [filters, setFilters] = useState<ScoutFilters>(NO_SCOUT_FILTERS);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const q = useDebouncedValue(filters.q, 250);
  const tag = useDebouncedValue(filters.tag, 250);
  const list = useInfiniteQuery(
    trpc.tasks.list.infiniteQueryOptions(scoutListInput({ ...filters, q, tag }), {
      getNextPageParam: (page) => page.nextCursor,
      placeholderData: keepPreviousData,
    }),
  );
  const loaded = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const tasks = useMemo(() => filterAndSort(loaded, filters), [loaded, filters]);
  // A suggestion is asked for only where taking it would change something: an open task nobody
  // has triaged yet. Once the person chose a mode, a different suggestion would only argue.
  const ids = useMemo(() => loaded.filter(wantsSuggestion).map((t) => t.id), [loaded]);
  const suggestions = useQuery(
    trpc.delegation.suggest.queryOptions({ task_ids: ids }, { enabled: ids.length > 0 }),
  );
  const suggestionFor = useMemo(
    () => new Map((suggestions.data ?? []).map((s) => [s.task_id, s])),
    [suggestions.data],
  );
  const invalidate = () => queryClient.invalidateQueries(trpc.tasks.pathFilter());
  const toast = useToast();
  const restoreModes = useMutation(trpc.tasks.update.mutationOptions({ onSettled: invalidate }));
  const cancel = useMutation(
    trpc.delegation.assignments.cancel.mutationOptions({ onSettled: invalidate }),
  );
  const triage = useMutation(
    trpc.delegation.triage.mutationOptions({
      onSuccess: (res, input) => {
        // Undo puts every task back in the mode it had (work cancelled by DELETE stays cancelled).
        const before = loaded
          .filter((t) => input.task_ids.includes(t.id))
          .map((t) => ({ id: t.id, delegationMode: t.delegationMode }));
        toast.show({
          message: `${res.updated} task(s) set to ${MODE_LABELS[input.delegation_mode]}`,
          undo: {
            run: () => Promise.all(before.map((patch) => restoreModes.mutateAsync(patch))),
            done: `Triage undone: ${before.length} task(s) as they were.`,
          },
        });
        setSelected(new Set());
      },
      onSettled: invalidate,
    }),
  );
  const delegate = useMutation(
    trpc.delegation.delegate.mutationOptions({
      onSuccess: (res) =>
        toast.show({
          message: res.queued
            ? `Queued: ${res.reason}`
            : `Sent to ${res.assignment.agent_id}: ${res.reason}`,
          // Delegating twice is safe: undoing a repeat would cancel the work already under way.
          undo: res.created
            ? {
                run: () => cancel.mutateAsync({ id: res.assignment.id }),
                done: 'Cancelled: no agent will work on it.',
              }
            : undefined,
        }),
      onSettled: invalidate,
    }),
  );
  const setFilter = <K extends keyof ScoutFilters>(key: K, value: ScoutFilters[K]) =>
    setFilters((f) => ({ ...f, [key]: value }));
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const allShownSelected = tasks.length > 0 && tasks.every((t) => selected.has(t.id));
  const error = list.error ? apiErrorInfo(list.error).message : null;
  const busyError = triage.error ?? delegate.error;

  return (
    <>
      <div className="page-header">
        <h1>Scout</h1>
        <p className="muted" style={{ margin: 0 }}>
          Give each task its D: do it, do it with an agent, delegate it, or let it go.
        </p>
      </div>

      <form className="form-grid scout-filters" onSubmit={(e) => e.preventDefault()}>
        <Field label="Search">
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
        <Field label="Mode">
          {(props) => (
            <select
              {...props}
              value={filters.mode}
              onChange={(e) => setFilter('mode', e.target.value as ModeFilter)}
            >
              <option value="">Any mode</option>
              <option value="untriaged">Not triaged yet</option>
              {DELEGATION_MODES.map((m) => (
                <option key={m} value={m}>
                  {MODE_LABELS[m]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Status">
          {(props) => (
            <select
              {...props}
              value={filters.status}
              onChange={(e) => setFilter('status', e.target.value as TaskStatus | '')}
            >
              <option value="">Any status</option>
              {TASK_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s.replace('_', ' ')}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Tag">
          {(props) => (
            <input
              {...props}
              value={filters.tag}
              placeholder="e.g. roadmap"
              onChange={(e) => setFilter('tag', e.target.value)}
            />
          )}
        </Field>
        <Field label="Energy">
          {(props) => (
            <select
              {...props}
              value={filters.energy}
              onChange={(e) => setFilter('energy', e.target.value as Energy | '')}
            >
              <option value="">Any energy</option>
              {ENERGY_LEVELS.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Meta tasks">
          {(props) => (
            <select
              {...props}
              value={filters.meta}
              onChange={(e) => setFilter('meta', e.target.value as ScoutFilters['meta'])}
            >
              <option value="">All tasks</option>
              <option value="true">Only meta (building Proxy)</option>
              <option value="false">No meta tasks</option>
            </select>
          )}
        </Field>
        <Field label="Sort">
          {(props) => (
            <select
              {...props}
              value={filters.sort}
              onChange={(e) => setFilter('sort', e.target.value as SortKey)}
            >
              <option value="newest">Newest first</option>
              <option value="oldest">Oldest first</option>
              <option value="priority">Priority</option>
              <option value="due">Due date</option>
              <option value="estimate">Quickest first</option>
            </select>
          )}
        </Field>
      </form>

      <div className="bulk-bar" role="toolbar" aria-label="Triage selected tasks">
        <label className="checkbox-row">
          <input
            type="checkbox"
            checked={allShownSelected}
            onChange={() =>
              setSelected(allShownSelected ? new Set() : new Set(tasks.map((t) => t.id)))
            }
          />
          Select all shown
        </label>
        <span className="muted">{selected.size} selected</span>
        {DELEGATION_MODES.map((m) => (
          <button
            key={m}
            type="button"
            className="button button-secondary button-small"
            disabled={selected.size === 0 || triage.isPending}
            onClick={() => triage.mutate({ task_ids: [...selected], delegation_mode: m })}
          >
            {MODE_LABELS[m]}
          </button>
        ))}
      </div>

      {busyError ? <FormMessage kind="error">{apiErrorInfo(busyError).message}</FormMessage> : null}

      <section aria-label="Tasks to triage" aria-busy={list.isFetching}>
        {list.isPending ? (
          <p className="loading" role="status">
            Loading tasks…
          </p>
        ) : error ? (
          <FormMessage kind="error">{error}</FormMessage>
        ) : tasks.length === 0 ? (
          <div className="empty-state">
            <p>Nothing to triage here.</p>
          </div>
        ) : (
          <ul className="task-list">
            {tasks.map((task) => {
              const suggestion = wantsSuggestion(task) ? suggestionFor.get(task.id) : undefined;
              return (
                <li key={task.id} className="task-row" data-testid="scout-task">
                  <input
                    type="checkbox"
                    aria-label={`Select ${task.title}`}
                    checked={selected.has(task.id)}
                    onChange={() => toggle(task.id)}
                  />
                  <div className="task-body">
                    <span className="task-title">{task.title}</span>
                    <div className="task-meta">
                      <span className="badge">{task.status.replace('_', ' ')}</span>
                      <span className="badge badge-accent" data-testid="task-mode">
                        {task.delegationMode ? MODE_LABELS[task.delegationMode] : 'Not triaged'}
                      </span>
                      {task.energy ? <span className="badge">{task.energy} energy</span> : null}
                      {task.isMetaTask ? <span className="badge">meta</span> : null}
                      {task.tags.map((t) => (
                        <span key={t} className="badge">
                          #{t}
                        </span>
                      ))}
                    </div>
                    {suggestion ? (
                      <p className="muted suggestion" data-testid="suggestion">
                        Suggested: <strong>{MODE_LABELS[suggestion.mode]}</strong> —{' '}
                        {suggestion.reason}
                      </p>
                    ) : null}
                  </div>
                  <div className="task-actions">
                    {suggestion ? (
                      <button
                        type="button"
                        className="button button-quiet button-small"
                        onClick={() =>
                          triage.mutate({
                            task_ids: [task.id],
                            delegation_mode: suggestion.mode,
                          })
                        }
                      >
                        Accept suggestion
                      </button>
                    ) : null}
                    {(task.delegationMode === 'DELEGATE' || task.delegationMode === 'DO_WITH_ME') &&
                    isOpen(task) ? (
                      <SendToAgent
                        mode={task.delegationMode}
                        disabled={delegate.isPending}
                        onSend={(mode) =>
                          delegate.mutate({ task_id: task.id, delegation_mode: mode })
                        }
                      />
                    ) : null}
                  </div>
                </li>
              );
            })}
          </ul>
        )}
        <LoadMore pages={list}>
          <span className="muted">{loaded.length} loaded so far</span>
        </LoadMore>
      </section>
    </>
  );
}

/** Done and archived tasks are finished business: nothing to triage or send anywhere. */
const isOpen = (task: Task) => task.status !== 'done' && task.status !== 'archived';
const wantsSuggestion = (task: Task) => isOpen(task) && task.delegationMode === null;

function SendToAgent({
  mode,
  disabled,
  onSend,
}: {
  mode: Extract<DelegationMode, 'DELEGATE' | 'DO_WITH_ME'>;
  disabled: boolean;
  onSend: (mode: 'DELEGATE' | 'DO_WITH_ME') => void;
}) {
  return (
    <button
      type="button"
      className="button button-small"
      disabled={disabled}
      onClick={() => onSend(mode)}
    >
      Send to an agent
    </button>
  );
}

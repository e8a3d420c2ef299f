'use client';

import { FOCUS_KINDS, type FocusKind } from '@proxy/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Field, FormMessage } from '@/components/field';
import { LocalDateTime } from '@/components/local-time';
import { apiErrorInfo } from '@/lib/form-errors';
import { useTRPC } from '@/trpc/client';
import styles from './focus.module.css';
import type { StartInput } from './use-focus-session';

const KIND_NAMES: Record<FocusKind, string> = {
  pomodoro: 'Pomodoro',
  deep_work: 'Deep work',
  short_burst: 'Short burst',
  flowtime: 'Flowtime',
  custom: 'Custom',
};

/** Blocks planned for later (they feed the calendar): plan one, start one when its time comes. */
export function PlannedBlocks({
  onStart,
  pending,
}: {
  onStart: (input: StartInput) => void;
  pending: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const planned = useQuery(trpc.focus.planned.queryOptions({}));
  const refresh = () => queryClient.invalidateQueries(trpc.focus.planned.pathFilter());
  const plan = useMutation(trpc.focus.plan.mutationOptions({ onSuccess: refresh }));
  const unplan = useMutation(trpc.focus.unplan.mutationOptions({ onSuccess: refresh }));
  const [when, setWhen] = useState('');
  const [kind, setKind] = useState<FocusKind>('pomodoro');
  const [title, setTitle] = useState('');
  const upcoming = (planned.data ?? []).filter((b) => b.sessionId === null);

  return (
    <section aria-labelledby="planned-heading" className={styles.analytics}>
      <h2 id="planned-heading">Planned focus</h2>
      {upcoming.length > 0 ? (
        <ul className={styles.plannedList} aria-label="Planned blocks">
          {upcoming.map((b) => (
            <li key={b.id}>
              <span>
                <LocalDateTime date={b.startsAt} /> · {KIND_NAMES[b.settings.kind]} ·{' '}
                {b.durationMinutes} min{b.title ? ` · ${b.title}` : ''}
              </span>
              <span className={styles.actions}>
                <button
                  type="button"
                  className="button button-small"
                  disabled={pending}
                  onClick={() =>
                    onStart({ settings: b.settings, taskId: b.taskId, plannedBlockId: b.id })
                  }
                >
                  Start now
                </button>
                <button
                  type="button"
                  className="button button-quiet button-small"
                  onClick={() => unplan.mutate({ id: b.id })}
                >
                  Remove
                </button>
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className={styles.muted}>Nothing planned. A block in the calendar is easier to keep.</p>
      )}
      <form
        className={styles.planForm}
        aria-label="Plan a focus block"
        onSubmit={(e) => {
          e.preventDefault();
          const startsAt = new Date(when);
          if (!Number.isFinite(startsAt.getTime())) return;
          plan.mutate(
            { startsAt: startsAt.toISOString(), settings: { kind }, title: title || null },
            {
              onSuccess: () => {
                setWhen('');
                setTitle('');
              },
            },
          );
        }}
      >
        <Field label="When">
          {(props) => (
            <input
              {...props}
              type="datetime-local"
              required
              value={when}
              onChange={(e) => setWhen(e.target.value)}
            />
          )}
        </Field>
        <Field label="Kind of block">
          {(props) => (
            <select {...props} value={kind} onChange={(e) => setKind(e.target.value as FocusKind)}>
              {FOCUS_KINDS.map((k) => (
                <option key={k} value={k}>
                  {KIND_NAMES[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Title (optional)">
          {(props) => (
            <input
              {...props}
              type="text"
              maxLength={200}
              value={title}
              onChange={(e) => setTitle(e.target.value)}
            />
          )}
        </Field>
        <div className="form-actions">
          <button type="submit" className="button button-secondary" disabled={plan.isPending}>
            Plan it
          </button>
        </div>
        {plan.error ? (
          <FormMessage kind="error">{apiErrorInfo(plan.error).message}</FormMessage>
        ) : null}
      </form>
    </section>
  );
}

'use client';

import type { AppRouter } from '@proxy/api';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import Link from 'next/link';
import { type FormEvent, useId, useState } from 'react';
import { useToast } from '@/components/toasts';
import { apiErrorInfo } from '@/lib/form-errors';
import { useTRPC } from '@/trpc/client';
import { FirstRun } from './first-run';
import styles from './today.module.css';

type Today = inferRouterOutputs<AppRouter>['tasks']['today'];
type Task = Today['today'][number];
type Energy = 'low' | 'medium' | 'high';

const MINUTES = [5, 15, 30, 60] as const;

/** The person's day (already computed in their timezone on the server), as words. */
function longDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat('en-GB', {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, d, 12)));
}

/** `/today`: one next thing, today's short list, what is left from earlier, and "what now?". */
export function TodayPage({ welcome = false }: { welcome?: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [minutes, setMinutes] = useState<number | undefined>();
  const [energy, setEnergy] = useState<Energy | undefined>();
  const filter = { ...(minutes ? { minutes } : {}), ...(energy ? { energy } : {}) };
  const today = useQuery(
    trpc.tasks.today.queryOptions(filter, { placeholderData: (previous) => previous }),
  );
  const toast = useToast();
  const setAnnouncement = (message: string) => toast.show({ message });
  const [error, setError] = useState<string>();

  const refresh = () => {
    void queryClient.invalidateQueries(trpc.tasks.pathFilter());
  };
  const onError = (e: unknown) => setError(apiErrorInfo(e).message);
  const done = useMutation(trpc.tasks.update.mutationOptions({ onSuccess: refresh, onError }));
  const plan = useMutation(trpc.tasks.planToday.mutationOptions({ onSuccess: refresh, onError }));
  const unplan = useMutation(
    trpc.tasks.unplanToday.mutationOptions({ onSuccess: refresh, onError }),
  );
  const snooze = useMutation(trpc.tasks.snooze.mutationOptions({ onSuccess: refresh, onError }));

  const actions: Actions = {
    complete: (t) => {
      setError(undefined);
      done.mutate(
        { id: t.id, status: 'done' },
        {
          onSuccess: () =>
            toast.show({
              celebrate: true,
              message: `Done: “${t.title}”. Nicely done.`,
              undo: {
                run: () => done.mutateAsync({ id: t.id, status: t.status }),
                done: `“${t.title}” is back.`,
              },
            }),
        },
      );
    },
    plan: (t) => {
      setError(undefined);
      plan.mutate(
        { id: t.id },
        {
          onSuccess: () =>
            toast.show({
              message: `“${t.title}” is on Today.`,
              undo: {
                run: () => unplan.mutateAsync({ id: t.id }),
                done: `“${t.title}” is off Today again.`,
              },
            }),
        },
      );
    },
    unplan: (t) => {
      setError(undefined);
      unplan.mutate(
        { id: t.id },
        {
          onSuccess: () =>
            toast.show({
              message: `“${t.title}” is off Today.`,
              undo: {
                run: () => plan.mutateAsync({ id: t.id }),
                done: `“${t.title}” is back on Today.`,
              },
            }),
        },
      );
    },
    snooze: (t) => {
      setError(undefined);
      snooze.mutate(
        { id: t.id },
        {
          // Undo puts it back on Today (picking it wakes it from the snooze).
          onSuccess: () =>
            toast.show({
              message: `“${t.title}” is back tomorrow.`,
              undo: {
                run: () => plan.mutateAsync({ id: t.id }),
                done: `“${t.title}” is back on Today.`,
              },
            }),
        },
      );
    },
  };

  const data = today.data;
  return (
    <div className={styles.page}>
      <div className="page-header">
        <h1>Today</h1>
        {data ? <p className={styles.date}>{longDate(data.date)}</p> : null}
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {!data ? (
        <p className="loading" role="status">
          Loading…
        </p>
      ) : (
        <>
          <FirstRun
            welcome={welcome}
            empty={!data.next && !data.suggestion && data.today.length === 0}
          />
          <NextThing data={data} actions={actions} filtering={Boolean(minutes || energy)} />
          <WhatNow
            minutes={minutes}
            energy={energy}
            onMinutes={setMinutes}
            onEnergy={setEnergy}
            fits={data.fits}
            nextId={data.next?.id ?? null}
            actions={actions}
          />
          <AddToToday onAdded={(title) => setAnnouncement(`Added "${title}" to Today.`)} />
          <section className="card" aria-labelledby="today-list">
            <h2 id="today-list">On Today</h2>
            {data.today.length === 0 ? (
              <p className={styles.muted}>
                Nothing yet. Pick one or two things: a short list is a kind list.
              </p>
            ) : (
              <TaskList tasks={data.today} actions={actions} kind="today" />
            )}
          </section>
          {data.earlier.length > 0 ? (
            <section className="card" aria-labelledby="earlier-list">
              <h2 id="earlier-list">From earlier</h2>
              <p className={styles.muted}>
                These were meant for another day. Bring over what still matters; the rest can wait.
              </p>
              <TaskList tasks={data.earlier} actions={actions} kind="earlier" />
            </section>
          ) : null}
        </>
      )}
    </div>
  );
}

interface Actions {
  complete: (t: Task) => void;
  plan: (t: Task) => void;
  unplan: (t: Task) => void;
  snooze: (t: Task) => void;
}

function facts(t: Task): string {
  const parts: string[] = [];
  if (t.status === 'in_progress') parts.push('started');
  if (t.estimateMinutes) parts.push(`about ${t.estimateMinutes} min`);
  if (t.energy) parts.push(`${t.energy} energy`);
  if (t.priority === 'high' || t.priority === 'urgent') parts.push(`${t.priority} priority`);
  return parts.join(' · ');
}

function NextThing({
  data,
  actions,
  filtering,
}: {
  data: Today;
  actions: Actions;
  filtering: boolean;
}) {
  const next = data.next ?? data.suggestion;
  if (!next) {
    return (
      <section className={`card ${styles.next}`} aria-labelledby="next-heading">
        <h2 id="next-heading" className={styles.nextLabel}>
          Next thing
        </h2>
        <p className={styles.nextTitle}>
          {filtering ? 'Nothing fits right now, and that is fine.' : 'A clear day.'}
        </p>
        <p className={styles.muted}>
          {filtering
            ? 'Try more minutes or more energy, or take a break: it counts.'
            : 'Add something below, or pick from your inbox.'}
        </p>
      </section>
    );
  }
  const suggested = !data.next;
  const step = data.nextStep;
  return (
    <section
      className={`card ${styles.next}`}
      aria-labelledby="next-heading"
      data-testid="next-thing"
    >
      <h2 id="next-heading" className={styles.nextLabel}>
        {suggested ? 'Maybe start with' : 'Next thing'}
      </h2>
      <p className={styles.nextTitle}>{next.title}</p>
      {facts(next) ? <p className={styles.muted}>{facts(next)}</p> : null}
      {step ? (
        // A big task's next thing is its next small step.
        <div className={styles.nextStep} data-testid="next-step">
          <span className={styles.muted}>Next step:</span> <strong>{step.title}</strong>
          <button
            type="button"
            className="button button-secondary button-small"
            aria-label={`Step done: "${step.title}"`}
            onClick={() => actions.complete(step)}
          >
            Step done
          </button>
        </div>
      ) : null}
      <div className={styles.actions}>
        {suggested ? (
          <button type="button" className="button" onClick={() => actions.plan(next)}>
            Do it today
          </button>
        ) : (
          <>
            <Link className="button" href={`/focus?task=${next.id}`}>
              Focus on it
            </Link>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => actions.complete(next)}
            >
              Done
            </button>
            <button
              type="button"
              className="button button-quiet"
              onClick={() => actions.snooze(next)}
            >
              Not today
            </button>
          </>
        )}
      </div>
    </section>
  );
}

function WhatNow(props: {
  minutes: number | undefined;
  energy: Energy | undefined;
  onMinutes: (m: number | undefined) => void;
  onEnergy: (e: Energy | undefined) => void;
  fits: Task[] | null;
  nextId: string | null;
  actions: Actions;
}) {
  return (
    <section className="card" aria-labelledby="what-now">
      <h2 id="what-now">What can I do now?</h2>
      <fieldset className={styles.choices}>
        <legend>Time I have</legend>
        {MINUTES.map((m) => (
          <button
            key={m}
            type="button"
            className={`button button-small ${props.minutes === m ? '' : 'button-secondary'}`}
            aria-pressed={props.minutes === m}
            onClick={() => props.onMinutes(props.minutes === m ? undefined : m)}
          >
            {m === 60 ? '1 hour' : `${m} min`}
          </button>
        ))}
      </fieldset>
      <fieldset className={styles.choices}>
        <legend>Energy right now</legend>
        {(['low', 'medium', 'high'] as const).map((e) => (
          <button
            key={e}
            type="button"
            className={`button button-small ${props.energy === e ? '' : 'button-secondary'}`}
            aria-pressed={props.energy === e}
            onClick={() => props.onEnergy(props.energy === e ? undefined : e)}
          >
            {e === 'low' ? 'Low' : e === 'medium' ? 'Some' : 'Plenty'}
          </button>
        ))}
      </fieldset>
      {props.fits ? (
        props.fits.length === 0 ? (
          <p className={styles.muted}>Nothing open fits that. Resting fits everything.</p>
        ) : (
          <>
            <p className={styles.muted}>
              {props.fits.length} {props.fits.length === 1 ? 'thing fits' : 'things fit'}:
            </p>
            <TaskList
              tasks={props.fits.filter((t) => t.id !== props.nextId).slice(0, 7)}
              actions={props.actions}
              kind="fits"
              label="Tasks that fit now"
            />
          </>
        )
      ) : null}
    </section>
  );
}

function TaskList({
  tasks,
  actions,
  kind,
  label,
}: {
  tasks: Task[];
  actions: Actions;
  kind: 'today' | 'earlier' | 'fits';
  label?: string;
}) {
  return (
    <ul className={styles.list} aria-label={label}>
      {tasks.map((t) => (
        <li key={t.id} className={styles.item}>
          <input
            type="checkbox"
            className={styles.check}
            aria-label={`Complete "${t.title}"`}
            onChange={() => actions.complete(t)}
          />
          <span className={styles.itemText}>
            <span className={styles.itemTitle}>{t.title}</span>
            {facts(t) ? <span className={styles.muted}>{facts(t)}</span> : null}
          </span>
          <span className={styles.itemActions}>
            {kind === 'today' ? (
              <>
                <button
                  type="button"
                  className="button button-quiet button-small"
                  onClick={() => actions.snooze(t)}
                  aria-label={`Not today: "${t.title}"`}
                >
                  Not today
                </button>
                {t.plannedOn ? (
                  <button
                    type="button"
                    className="button button-quiet button-small"
                    onClick={() => actions.unplan(t)}
                    aria-label={`Take "${t.title}" off Today`}
                  >
                    Off Today
                  </button>
                ) : null}
              </>
            ) : (
              <>
                <button
                  type="button"
                  className="button button-secondary button-small"
                  onClick={() => actions.plan(t)}
                  aria-label={`Do "${t.title}" today`}
                >
                  Do today
                </button>
                {kind === 'earlier' ? (
                  <button
                    type="button"
                    className="button button-quiet button-small"
                    onClick={() => actions.snooze(t)}
                    aria-label={`Not today: "${t.title}"`}
                  >
                    Not today
                  </button>
                ) : null}
              </>
            )}
          </span>
        </li>
      ))}
    </ul>
  );
}

function AddToToday({ onAdded }: { onAdded: (title: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [text, setText] = useState('');
  const plan = useMutation(trpc.tasks.planToday.mutationOptions());
  const add = useMutation(trpc.tasks.quickAdd.mutationOptions());
  const [error, setError] = useState<string>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const value = text.trim();
    if (!value) return;
    setError(undefined);
    try {
      const task = await add.mutateAsync({ text: value });
      await plan.mutateAsync({ id: task.id });
      setText('');
      onAdded(task.title);
      void queryClient.invalidateQueries(trpc.tasks.pathFilter());
    } catch (err) {
      const info = apiErrorInfo(err);
      setError(info.fieldErrors.text?.[0] ?? info.message);
    }
  };
  return (
    <form className={styles.add} onSubmit={submit} aria-label="Add to Today">
      <label htmlFor={id}>Add to Today</label>
      <div className={styles.addRow}>
        <input
          id={id}
          type="text"
          data-quick-add
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="Call the dentist ~10m #health"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        <button type="submit" className="button" disabled={add.isPending || plan.isPending}>
          Add
        </button>
      </div>
      {error ? (
        <p className="form-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

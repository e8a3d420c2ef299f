'use client';

import type { AppRouter } from '@proxy/api';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import { useState } from 'react';
import { FormMessage } from '@/components/field';
import { LocalDateTime } from '@/components/local-time';
import { apiErrorInfo } from '@/lib/form-errors';
import { useTRPC } from '@/trpc/client';
import { EnergyPicker } from './energy-picker';
import styles from './focus.module.css';

type Analytics = inferRouterOutputs<AppRouter>['focus']['analytics'];
type HistoryItem = inferRouterOutputs<AppRouter>['focus']['list']['items'][number];

const percent = (n: number | null) => (n === null ? '–' : `${Math.round(n * 100)}%`);
const mins = (n: number) => `${Math.round(n)} min`;

/** Bars in SVG, with the same numbers as a table beneath for screen readers and for reading. */
function BarChart({
  title,
  bars,
}: {
  title: string;
  bars: { label: string; value: number; key: string }[];
}) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const w = 100 / Math.max(1, bars.length);
  return (
    <figure className={styles.chart}>
      <figcaption>{title}</figcaption>
      <svg
        viewBox="0 0 100 40"
        preserveAspectRatio="none"
        aria-hidden="true"
        className={styles.chartSvg}
      >
        {bars.map((b, i) => {
          const h = (b.value / max) * 38;
          return (
            <rect key={b.key} x={i * w + w * 0.1} y={40 - h} width={w * 0.8} height={h} rx="0.6" />
          );
        })}
      </svg>
      <div className={styles.chartAxis} aria-hidden="true">
        <span>{bars[0]?.label}</span>
        <span>{bars.at(-1)?.label}</span>
      </div>
      <details>
        <summary>As a table</summary>
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Minutes</th>
            </tr>
          </thead>
          <tbody>
            {bars.map((b) => (
              <tr key={b.key}>
                <td>{b.label}</td>
                <td>{Math.round(b.value * 10) / 10}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

function Totals({ a }: { a: Analytics }) {
  const today = a.days.at(-1);
  const week = a.weeks.at(-1);
  return (
    <dl className={styles.totals} data-testid="focus-totals">
      <div>
        <dt>Today</dt>
        <dd data-testid="minutes-today">{mins(today?.minutes ?? 0)}</dd>
      </div>
      <div>
        <dt>This week</dt>
        <dd>{mins(week?.minutes ?? 0)}</dd>
      </div>
      <div>
        <dt>Completion</dt>
        <dd>{percent(a.totals.completionRate)}</dd>
      </div>
      <div>
        <dt>Average length</dt>
        <dd>{a.totals.averageMinutes === null ? '–' : mins(a.totals.averageMinutes)}</dd>
      </div>
      <div>
        <dt>Streak</dt>
        <dd>
          {a.streak.current} day{a.streak.current === 1 ? '' : 's'}
          <span className={styles.muted}> (best {a.streak.best})</span>
        </dd>
      </div>
      <div>
        <dt>Energy before → after</dt>
        <dd>
          {a.energy.averageBefore === null
            ? '–'
            : `${a.energy.averageBefore} → ${a.energy.averageAfter}`}
          {a.energy.checkIns > 0 ? (
            <span className={styles.muted}>
              {' '}
              ({a.energy.better} better, {a.energy.same} same, {a.energy.worse} lower)
            </span>
          ) : null}
        </dd>
      </div>
    </dl>
  );
}

function FixLength({ item }: { item: HistoryItem }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState(String(Math.round(item.focusedMinutes)));
  const fix = useMutation(
    trpc.focus.fixLength.mutationOptions({
      onSuccess: () => {
        setOpen(false);
        void queryClient.invalidateQueries(trpc.focus.pathFilter());
      },
    }),
  );
  if (!open) {
    return (
      <button
        type="button"
        className="button button-quiet button-small"
        onClick={() => setOpen(true)}
      >
        Fix length
      </button>
    );
  }
  return (
    <form
      className={styles.inlineForm}
      onSubmit={(e) => {
        e.preventDefault();
        fix.mutate({ id: item.id, workedMinutes: Number(value) });
      }}
    >
      <label htmlFor={`fix-${item.id}`} className="visually-hidden">
        Minutes worked
      </label>
      <input
        id={`fix-${item.id}`}
        type="number"
        min={0}
        max={1440}
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      <button type="submit" className="button button-small" disabled={fix.isPending}>
        Save
      </button>
      {fix.error ? <FormMessage kind="error">{apiErrorInfo(fix.error).message}</FormMessage> : null}
    </form>
  );
}

/** The last ended session without an energy check-in after: ask once, gently. */
function EnergyAfterPrompt({ item }: { item: HistoryItem }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const checkIn = useMutation(
    trpc.focus.checkIn.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries(trpc.focus.pathFilter()),
    }),
  );
  return (
    <div className={`card ${styles.afterPrompt}`}>
      <p>
        {item.autoClosed ? 'Your last session closed by itself. ' : 'Session done. '}
        How is your energy now?
      </p>
      <EnergyPicker
        legend="Energy after"
        value={null}
        name={`after-${item.id}`}
        onChange={(energy) => {
          if (energy !== null) checkIn.mutate({ id: item.id, moment: 'after', energy });
        }}
      />
    </div>
  );
}

/** The last `n` local days, empty ones before the first session included (a chart needs the gaps). */
function lastDays(days: Analytics['days'], n: number): Analytics['days'] {
  const out = days.slice(-n);
  const first = out[0];
  if (!first) return out;
  const padded = [...out];
  for (let d = Date.parse(`${first.date}T00:00:00Z`); padded.length < n; ) {
    d -= 86_400_000;
    padded.unshift({ date: new Date(d).toISOString().slice(0, 10), minutes: 0, sessions: 0 });
  }
  return padded;
}

const OUTCOME_LABELS = {
  completed: 'completed',
  stopped: 'stopped',
  abandoned: 'closed by itself',
};

export function FocusHistoryAndAnalytics({ showAfterPrompt }: { showAfterPrompt: boolean }) {
  const trpc = useTRPC();
  const analytics = useQuery(trpc.focus.analytics.queryOptions({}, { refetchInterval: 60_000 }));
  const history = useQuery(trpc.focus.list.queryOptions({ limit: 10 }));
  const a = analytics.data;
  const items = history.data?.items ?? [];
  const last = items.find((i) => i.outcome !== null);
  // Ask about energy only for a session that ended lately, never for last week's.
  const askAfter =
    showAfterPrompt &&
    last !== undefined &&
    last.energyAfter === null &&
    last.endedAt !== null &&
    Date.now() - last.endedAt.getTime() < 6 * 3_600_000;
  const recentDays = lastDays(a?.days ?? [], 14);
  return (
    <>
      {askAfter && last ? <EnergyAfterPrompt item={last} /> : null}
      <section aria-labelledby="focus-analytics" className={styles.analytics}>
        <h2 id="focus-analytics">Your focus</h2>
        {a ? (
          <>
            <Totals a={a} />
            <div className={styles.charts}>
              <BarChart
                title="Minutes per day (last 14 days)"
                bars={recentDays.map((d) => ({
                  key: d.date,
                  label: d.date.slice(5),
                  value: d.minutes,
                }))}
              />
              <BarChart
                title="Minutes per week"
                bars={a.weeks.slice(-8).map((w) => ({
                  key: w.weekStart,
                  label: `wk ${w.weekStart.slice(5)}`,
                  value: w.minutes,
                }))}
              />
              <BarChart
                title={`Best hours (${a.timeZone})`}
                bars={a.bestHours.map((h) => ({
                  key: String(h.hour),
                  label: `${h.hour}:00`,
                  value: h.minutes,
                }))}
              />
            </div>
          </>
        ) : (
          <p className="loading" role="status">
            Loading your focus…
          </p>
        )}
      </section>
      <section aria-labelledby="focus-history" className={styles.analytics}>
        <h2 id="focus-history">Recent sessions</h2>
        {items.length === 0 ? (
          <p className={styles.muted}>
            No sessions yet. The first one is the hardest; five minutes counts.
          </p>
        ) : (
          <table className={styles.table} aria-label="Recent sessions">
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Task</th>
                <th scope="col">Minutes</th>
                <th scope="col">How it ended</th>
                <th scope="col">Energy</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={i.id}>
                  <td>
                    <LocalDateTime date={i.startedAt} />
                  </td>
                  <td>{i.taskTitle ?? '–'}</td>
                  <td>{Math.round(i.focusedMinutes)}</td>
                  <td>{i.outcome ? OUTCOME_LABELS[i.outcome] : 'running'}</td>
                  <td>
                    {i.energyBefore ?? '–'} → {i.energyAfter ?? '–'}
                  </td>
                  <td>{i.outcome ? <FixLength item={i} /> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

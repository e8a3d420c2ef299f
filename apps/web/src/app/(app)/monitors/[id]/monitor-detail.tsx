'use client';

import { describeThreshold } from '@proxy/core';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { FormMessage } from '@/components/field';
import { LoadMore } from '@/components/load-more';
import { LocalDateTime } from '@/components/local-time';
import { ConfirmDialog } from '@/components/modal';
import { TableScroll } from '@/components/table-scroll';
import { apiErrorInfo } from '@/lib/form-errors';
import {
  formatMicroUsd,
  formatValue,
  intervalLabel,
  plural,
  relativeTime,
  timeAgo,
} from '@/lib/monitor-format';
import { useNow } from '@/lib/use-now';
import { useTRPC } from '@/trpc/client';
import { DryRunOutcome } from '../dry-run-outcome';
import { FailureExplained } from '../failure-explained';
import { MonitorForm } from '../monitor-form';
import { StatusBadge } from '../status-badge';
import type { Evaluation, Monitor } from '../types';
import { HistoryChart } from './history-chart';

const PAGE = 20;

const OUTCOME_LABELS: Record<string, string> = {
  true: 'Matched',
  false: 'Not matched',
  error: 'Failed',
};

export function MonitorDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const monitor = useQuery(trpc.monitors.get.queryOptions({ id }, { refetchInterval: 30_000 }));
  const [editing, setEditing] = useState(false);

  if (monitor.isPending) {
    return (
      <p className="loading" role="status">
        Loading the monitor…
      </p>
    );
  }
  if (monitor.error) {
    const info = apiErrorInfo(monitor.error);
    return (
      <>
        <p className="muted">
          <Link href="/monitors">← Monitors</Link>
        </p>
        <FormMessage kind="error">
          {info.code === 'NOT_FOUND' ? 'This monitor does not exist any more.' : info.message}
        </FormMessage>
      </>
    );
  }
  const m = monitor.data;
  return (
    <>
      <div className="page-header">
        <div>
          <p className="muted" style={{ margin: 0 }}>
            <Link href="/monitors">← Monitors</Link>
          </p>
          <h1>{m.name}</h1>
          <p style={{ margin: 0 }}>
            <StatusBadge monitor={m} /> <span className="muted">When {m.conditionText}</span>
          </p>
          {m.status === 'error' ? (
            <div className="alert alert-warning" role="status" data-testid="needs-a-look">
              <p style={{ margin: 0 }}>
                <strong>Needs a look.</strong> Its last checks failed. Proxy keeps trying; fix what
                is said below with Edit if it asks you to, then Resume checks at once.
              </p>
              <FailureExplained reason={m.statusReason ?? ''} />
            </div>
          ) : m.statusReason ? (
            <p className="field-hint">{m.statusReason}</p>
          ) : null}
        </div>
      </div>
      {editing ? (
        <>
          <h2>Edit monitor</h2>
          <MonitorForm monitor={m} onDone={() => setEditing(false)} />
        </>
      ) : (
        <div className="stack">
          <Actions monitor={m} onEdit={() => setEditing(true)} />
          <Summary monitor={m} />
          <History id={id} threshold={thresholdOf(m)} />
          <EvaluationsLog id={id} />
        </div>
      )}
    </>
  );
}

function Actions({ monitor, onEdit }: { monitor: Monitor; onEdit: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.monitors.pathFilter()),
      queryClient.invalidateQueries(trpc.notifications.pathFilter()),
    ]);
  const pause = useMutation(
    trpc.monitors.pause.mutationOptions({
      onSuccess: async () => {
        setAnnouncement('Paused. It will not check until you resume it.');
        await refresh();
      },
    }),
  );
  const resume = useMutation(
    trpc.monitors.resume.mutationOptions({
      onSuccess: async () => {
        setAnnouncement('Resumed.');
        await refresh();
      },
    }),
  );
  const evaluate = useMutation(trpc.monitors.evaluateNow.mutationOptions({ onSuccess: refresh }));
  const dryRun = useMutation(trpc.monitors.dryRun.mutationOptions());
  const remove = useMutation(
    trpc.monitors.delete.mutationOptions({
      onSuccess: async () => {
        setConfirming(false);
        await queryClient.invalidateQueries(trpc.monitors.list.pathFilter());
        router.push('/monitors');
      },
    }),
  );
  const error = pause.error ?? resume.error ?? evaluate.error ?? dryRun.error;
  // A paused monitor and one that stopped after failing both start again with Resume.
  const paused = monitor.status !== 'active';
  const evaluation = evaluate.data;

  return (
    <section className="card" aria-label="Actions">
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      <div className="form-actions">
        <button
          type="button"
          className="button"
          disabled={evaluate.isPending}
          onClick={() => {
            dryRun.reset();
            evaluate.mutate({ id: monitor.id });
          }}
        >
          {evaluate.isPending ? 'Checking…' : 'Evaluate now'}
        </button>
        <button
          type="button"
          className="button button-secondary"
          disabled={dryRun.isPending}
          onClick={() => {
            evaluate.reset();
            dryRun.mutate({ id: monitor.id });
          }}
        >
          {dryRun.isPending ? 'Trying…' : 'Dry run'}
        </button>
        {paused ? (
          <button
            type="button"
            className="button button-secondary"
            disabled={resume.isPending}
            onClick={() => resume.mutate({ id: monitor.id })}
          >
            Resume
          </button>
        ) : (
          <button
            type="button"
            className="button button-secondary"
            disabled={pause.isPending}
            onClick={() => pause.mutate({ id: monitor.id })}
          >
            Pause
          </button>
        )}
        <button type="button" className="button button-secondary" onClick={onEdit}>
          Edit
        </button>
        <button type="button" className="button button-quiet" onClick={() => setConfirming(true)}>
          Delete
        </button>
      </div>
      {evaluation ? (
        <div
          className={`alert alert-${evaluation.outcome === 'error' ? 'error' : evaluation.triggered ? 'warning' : 'success'}`}
          role="status"
          data-testid="evaluate-result"
          style={{ marginTop: 'var(--space-4)' }}
        >
          {evaluation.outcome === 'error' ? (
            <FailureExplained reason={evaluation.reason} errorKind={evaluation.errorKind} />
          ) : (
            <p style={{ margin: 0 }}>
              Found <strong>{formatValue(evaluation.valueNumber ?? evaluation.value)}</strong> —{' '}
              {evaluation.triggered
                ? 'triggered: you have a new notification.'
                : evaluation.outcome === 'true'
                  ? 'it matches, but no new notification (already told you, or waiting).'
                  : 'no trigger; nothing to tell you yet.'}
            </p>
          )}
          {evaluation.reason && evaluation.outcome !== 'error' ? (
            <p className="muted" style={{ margin: 0 }}>
              {evaluation.reason}
            </p>
          ) : null}
        </div>
      ) : null}
      {dryRun.data ? (
        <div style={{ marginTop: 'var(--space-4)' }}>
          <DryRunOutcome result={dryRun.data} />
        </div>
      ) : null}
      {error ? (
        <div style={{ marginTop: 'var(--space-4)' }}>
          <FormMessage kind="error">{apiErrorInfo(error).message}</FormMessage>
        </div>
      ) : null}
      <ConfirmDialog
        open={confirming}
        title={`Delete "${monitor.name}"?`}
        confirmLabel="Delete monitor"
        pending={remove.isPending}
        error={remove.error ? apiErrorInfo(remove.error).message : undefined}
        onConfirm={() => remove.mutate({ id: monitor.id })}
        onCancel={() => {
          remove.reset();
          setConfirming(false);
        }}
      >
        <p>It stops checking and its history goes too. Notifications you already have stay.</p>
      </ConfirmDialog>
    </section>
  );
}

function Summary({ monitor: m }: { monitor: Monitor }) {
  const now = useNow();
  return (
    <section className="card" aria-labelledby="summary-heading">
      <h2 id="summary-heading">At a glance</h2>
      <dl className="monitor-facts">
        <dt>You asked</dt>
        <dd>{m.prompt}</dd>
        <dt>Last value</dt>
        <dd data-testid="last-value">{formatValue(m.lastValue)}</dd>
        <dt>Last checked</dt>
        <dd>
          {timeAgo(m.lastEvaluatedAt, now)}
          {m.lastEvaluatedAt ? (
            <span className="muted">
              {' '}
              (<LocalDateTime date={m.lastEvaluatedAt} />)
            </span>
          ) : null}
        </dd>
        <dt>Last triggered</dt>
        <dd>{timeAgo(m.lastTriggeredAt, now)}</dd>
        <dt>Next check</dt>
        <dd>{m.status === 'active' && m.nextRunAt ? relativeTime(m.nextRunAt, now) : '—'}</dd>
        <dt>Checks</dt>
        <dd>Every {intervalLabel(m.intervalMinutes)}</dd>
        <dt>Email</dt>
        <dd>{m.notifyEmail ? 'Yes, and in the app' : 'Only in the app'}</dd>
      </dl>
    </section>
  );
}

/** A threshold condition as a line on the chart: "below 50,000". */
function thresholdOf(m: Monitor): { value: number; label: string } | null {
  const c = m.plan.condition;
  return c.type === 'threshold' ? { value: c.value, label: describeThreshold(c) } : null;
}

function History({
  id,
  threshold,
}: {
  id: string;
  threshold: { value: number; label: string } | null;
}) {
  const trpc = useTRPC();
  const history = useQuery(trpc.monitors.history.queryOptions({ id, days: 30 }));
  return (
    <section className="card" aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      {history.isPending ? (
        <p className="loading" role="status">
          Loading the history…
        </p>
      ) : history.error ? (
        <FormMessage kind="error">{apiErrorInfo(history.error).message}</FormMessage>
      ) : history.data.points.length === 0 ? (
        <p className="muted">No checks yet. Try "Evaluate now" to run the first one.</p>
      ) : (
        <>
          <HistoryChart points={history.data.points} threshold={threshold} />
          <p className="muted" data-testid="history-totals">
            Last 30 days: {plural(history.data.totals.checks, 'check')},{' '}
            {plural(history.data.totals.triggered, 'notification')},{' '}
            {plural(history.data.totals.errors, 'failed check')} · AI spend{' '}
            {formatMicroUsd(history.data.totals.costMicroUsd)}
            {history.data.totals.inputTokens + history.data.totals.outputTokens > 0
              ? ` (${(history.data.totals.inputTokens + history.data.totals.outputTokens).toLocaleString()} tokens)`
              : ' (no model calls)'}
          </p>
        </>
      )}
    </section>
  );
}

function EvaluationsLog({ id }: { id: string }) {
  const trpc = useTRPC();
  const log = useInfiniteQuery(
    trpc.monitors.evaluations.infiniteQueryOptions(
      { id, limit: PAGE },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );
  const rows: Evaluation[] = log.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="card" aria-labelledby="log-heading">
      <h2 id="log-heading">Checks</h2>
      {log.isPending ? (
        <p className="loading" role="status">
          Loading the checks…
        </p>
      ) : log.error ? (
        <FormMessage kind="error">{apiErrorInfo(log.error).message}</FormMessage>
      ) : rows.length === 0 ? (
        <p className="muted">Nothing checked yet.</p>
      ) : (
        <>
          <TableScroll label="Evaluation log">
            <table className="data-table" aria-labelledby="log-heading">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">How</th>
                  <th scope="col">Outcome</th>
                  <th scope="col" className="num">
                    Value
                  </th>
                  <th scope="col">Triggered</th>
                  <th scope="col">Why</th>
                  <th scope="col">Model</th>
                  <th scope="col" className="num">
                    Tokens
                  </th>
                  <th scope="col" className="num">
                    Cost
                  </th>
                  <th scope="col" className="num">
                    Time
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((e) => (
                  <tr key={e.id} data-testid="evaluation-row" data-triggered={e.triggered}>
                    <td className="nowrap">
                      <LocalDateTime date={e.finishedAt} />
                    </td>
                    <td className="nowrap">{e.trigger === 'manual' ? 'By you' : 'Scheduled'}</td>
                    <td className="nowrap">
                      <span
                        className={`badge${e.outcome === 'error' ? ' badge-overdue' : e.outcome === 'true' ? ' badge-accent' : ''}`}
                      >
                        {OUTCOME_LABELS[e.outcome] ?? e.outcome}
                      </span>
                    </td>
                    <td className="num">{formatValue(e.valueNumber ?? e.value, 40)}</td>
                    <td>{e.triggered ? <strong>Yes</strong> : 'No'}</td>
                    <td className="wide">{e.reason || '—'}</td>
                    <td>
                      {e.provider ? (
                        <>
                          {e.provider}
                          <span className="muted"> · {e.model}</span>
                          {e.cached ? <span className="muted"> (cached)</span> : null}
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td className="num">
                      {e.inputTokens || e.outputTokens
                        ? (e.inputTokens + e.outputTokens).toLocaleString()
                        : '—'}
                    </td>
                    <td className="num">{formatMicroUsd(e.costMicroUsd)}</td>
                    <td className="num">{`${e.latencyMs} ms`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <LoadMore pages={log} />
        </>
      )}
    </section>
  );
}

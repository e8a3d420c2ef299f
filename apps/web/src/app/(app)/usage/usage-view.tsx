'use client';

import { type AiUsageSummary, setAiBudgetInput } from '@proxy/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Field, FormMessage } from '@/components/field';
import { LocalDateTime } from '@/components/local-time';
import { TableScroll } from '@/components/table-scroll';
import { apiErrorInfo, firstError, zodFieldErrors } from '@/lib/form-errors';
import { useTRPC } from '@/trpc/client';
import { barHeights, formatUsd, spentShare } from './money';
import styles from './usage.module.css';
import { DAY_CHOICES, DEFAULT_DAYS, RECENT_CALLS } from './usage-input';

const PURPOSE_LABELS: Record<string, string> = {
  splitting: 'Breaking tasks down',
  monitor: 'Monitors',
  creature: 'Creature',
  insight: 'Insights',
  other: 'Other',
};

const OUTCOME_LABELS: Record<string, string> = {
  success: 'OK',
  rate_limited: 'Rate limited',
  server_error: 'Provider error',
  timeout: 'Timed out',
  network_error: 'Unreachable',
  invalid_output: 'Unusable answer',
  client_error: 'Refused',
};

/** Spend per day, purpose and provider; the budget left; recent attempts; your own cap. */
export function UsageView() {
  const trpc = useTRPC();
  const [days, setDays] = useState<number>(DEFAULT_DAYS);
  const usage = useQuery(
    trpc.ai.usage.queryOptions({ days }, { placeholderData: keepPreviousData }),
  );
  const calls = useQuery(trpc.ai.calls.queryOptions({ limit: RECENT_CALLS }));

  return (
    <>
      <div className="page-header">
        <h1>AI usage</h1>
        <label className={styles.range}>
          <span>Show the last</span>
          <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {DAY_CHOICES.map((d) => (
              <option key={d} value={d}>
                {d} days
              </option>
            ))}
          </select>
        </label>
      </div>
      {usage.isPending ? (
        <p className="loading" role="status">
          Loading your AI usage…
        </p>
      ) : usage.error ? (
        <FormMessage kind="error">{apiErrorInfo(usage.error).message}</FormMessage>
      ) : (
        <div className="stack" aria-busy={usage.isFetching}>
          {!usage.data.aiConfigured ? (
            <FormMessage kind="warning">
              No AI provider is configured here, so steps are made on this server without AI, at no
              cost.
            </FormMessage>
          ) : null}
          <BudgetCard usage={usage.data} />
          <SpendPerDay usage={usage.data} />
          <Breakdown usage={usage.data} />
          <section className="card" aria-labelledby="calls-heading">
            <h2 id="calls-heading">Recent attempts</h2>
            {calls.error ? (
              <FormMessage kind="error">{apiErrorInfo(calls.error).message}</FormMessage>
            ) : !calls.data || calls.data.length === 0 ? (
              <p className="muted">No AI calls yet.</p>
            ) : (
              <TableScroll label="Recent attempts">
                <table className={styles.table}>
                  <thead>
                    <tr>
                      <th scope="col">When</th>
                      <th scope="col">For</th>
                      <th scope="col">Provider</th>
                      <th scope="col">Outcome</th>
                      <th scope="col" className={styles.num}>
                        Tokens
                      </th>
                      <th scope="col" className={styles.num}>
                        Cost
                      </th>
                      <th scope="col" className={styles.num}>
                        Time
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {calls.data.map((call) => (
                      <tr key={call.id}>
                        <td>
                          <LocalDateTime date={call.createdAt} />
                        </td>
                        <td>{PURPOSE_LABELS[call.purpose] ?? call.purpose}</td>
                        <td>
                          {call.provider}
                          <span className="muted"> · {call.model}</span>
                        </td>
                        <td title={call.error ?? undefined}>
                          <span
                            className={`badge${call.outcome === 'success' ? ' badge-success' : ''}`}
                          >
                            {OUTCOME_LABELS[call.outcome] ?? call.outcome}
                          </span>
                        </td>
                        <td className={styles.num}>
                          {(call.inputTokens + call.outputTokens).toLocaleString()}
                        </td>
                        <td className={styles.num}>{formatUsd(call.costUsd)}</td>
                        <td className={styles.num}>{call.latencyMs} ms</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            )}
          </section>
        </div>
      )}
    </>
  );
}

function BudgetCard({ usage }: { usage: AiUsageSummary }) {
  const { budget } = usage;
  const share = spentShare(budget.spentUsd, budget.monthlyUsd);
  return (
    <section className="card" aria-labelledby="budget-heading">
      <h2 id="budget-heading">This month's budget</h2>
      <p className={styles.budgetLine}>
        <strong>{formatUsd(budget.leftUsd)}</strong> left of {formatUsd(budget.monthlyUsd)}
        <span className="muted">
          {' '}
          · {formatUsd(budget.spentUsd)} spent · resets <LocalDateTime date={budget.resetsAt} />
        </span>
      </p>
      <meter
        className={styles.meter}
        min={0}
        max={1}
        low={0.7}
        high={0.9}
        optimum={0}
        value={share}
        aria-label={`${Math.round(share * 100)}% of the monthly budget spent`}
      />
      {budget.leftUsd <= 0 ? (
        <FormMessage kind="warning">
          The budget is spent: new steps are made without AI until it resets.
        </FormMessage>
      ) : null}
      {budget.serviceExhausted ? (
        <FormMessage kind="warning">
          This service's AI budget for the month is spent for everyone; steps are made without AI
          until it resets.
        </FormMessage>
      ) : null}
      <BudgetForm usage={usage} />
    </section>
  );
}

function BudgetForm({ usage }: { usage: AiUsageSummary }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [value, setValue] = useState(
    usage.budget.source === 'user' ? String(usage.budget.monthlyUsd) : '',
  );
  const [clientError, setClientError] = useState<string>();
  const save = useMutation(
    trpc.ai.setBudget.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.ai.usage.pathFilter()),
    }),
  );
  const serverError = save.error ? apiErrorInfo(save.error) : undefined;
  const error = clientError ?? firstError(serverError?.fieldErrors ?? {}, 'monthlyUsd');

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = { monthlyUsd: value.trim() === '' ? null : Number(value) };
    const parsed = setAiBudgetInput.safeParse(input);
    if (!parsed.success) {
      setClientError(firstError(zodFieldErrors(parsed.error), 'monthlyUsd') ?? 'Check the amount');
      return;
    }
    setClientError(undefined);
    save.mutate(parsed.data);
  }

  return (
    <form className={styles.budgetForm} onSubmit={onSubmit} noValidate>
      <Field
        label="Your own monthly cap (US dollars)"
        hint={`Leave empty for the default${usage.budget.source === 'default' ? ` (${formatUsd(usage.budget.monthlyUsd)})` : ''}. It can only be lower than the default.`}
        error={error}
      >
        {(props) => (
          <input
            {...props}
            type="number"
            min={0}
            step="0.01"
            inputMode="decimal"
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button button-secondary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save cap'}
        </button>
        {save.isSuccess ? <span role="status">Saved.</span> : null}
        {serverError && !error ? <span className="field-error">{serverError.message}</span> : null}
      </div>
    </form>
  );
}

function SpendPerDay({ usage }: { usage: AiUsageSummary }) {
  const heights = barHeights(usage.perDay.map((d) => d.costUsd));
  return (
    <section className="card" aria-labelledby="per-day-heading">
      <h2 id="per-day-heading">Spend per day</h2>
      <p className="muted">
        {formatUsd(usage.totals.costUsd)} over {usage.days} days · {usage.totals.calls} attempts
        {usage.totals.failures > 0 ? `, ${usage.totals.failures} failed` : ''} · days in{' '}
        {usage.timezone}
      </p>
      {usage.totals.calls === 0 ? (
        <p className="muted">Nothing spent in this period.</p>
      ) : (
        <div className={styles.chart} aria-hidden="true">
          {usage.perDay.map((d, i) => (
            <div
              key={d.day}
              className={styles.bar}
              style={{ height: `${Math.max(heights[i] ?? 0, d.calls > 0 ? 2 : 0)}%` }}
              title={`${d.day}: ${formatUsd(d.costUsd)}, ${d.calls} attempts`}
            />
          ))}
        </div>
      )}
      <details>
        <summary>As a table</summary>
        <TableScroll label="Spend per day">
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col" className={styles.num}>
                  Attempts
                </th>
                <th scope="col" className={styles.num}>
                  Cost
                </th>
              </tr>
            </thead>
            <tbody>
              {usage.perDay
                .filter((d) => d.calls > 0)
                .map((d) => (
                  <tr key={d.day}>
                    <td>{d.day}</td>
                    <td className={styles.num}>{d.calls}</td>
                    <td className={styles.num}>{formatUsd(d.costUsd)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </TableScroll>
      </details>
    </section>
  );
}

function Breakdown({ usage }: { usage: AiUsageSummary }) {
  return (
    <section className="card" aria-labelledby="breakdown-heading">
      <h2 id="breakdown-heading">Where it went</h2>
      <div className={styles.split}>
        <div>
          <h3>By purpose</h3>
          {usage.perPurpose.length === 0 ? (
            <p className="muted">Nothing yet.</p>
          ) : (
            <table className={styles.table}>
              <tbody>
                {usage.perPurpose.map((p) => (
                  <tr key={p.purpose}>
                    <th scope="row">{PURPOSE_LABELS[p.purpose] ?? p.purpose}</th>
                    <td className={styles.num}>{p.calls}</td>
                    <td className={styles.num}>{formatUsd(p.costUsd)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <div>
          <h3>By provider</h3>
          {usage.perProvider.length === 0 ? (
            <p className="muted">Nothing yet.</p>
          ) : (
            <table className={styles.table}>
              <tbody>
                {usage.perProvider.map((p) => (
                  <tr key={`${p.provider}/${p.model}`}>
                    <th scope="row">
                      {p.provider}
                      <span className="muted"> · {p.model}</span>
                    </th>
                    <td className={styles.num}>{p.calls}</td>
                    <td className={styles.num}>{formatUsd(p.costUsd)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </div>
      {usage.providers.length > 0 ? (
        <>
          <h3>Providers</h3>
          <ul className={styles.providers}>
            {usage.providers.map((p) => (
              <li key={p.name}>
                <strong>{p.name}</strong> <span className="muted">{p.model}</span>{' '}
                {p.state === 'ready' ? (
                  <span className="badge badge-success">Ready</span>
                ) : (
                  <span className="badge badge-overdue">
                    Resting until <LocalDateTime date={p.coolingUntil} />
                  </span>
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

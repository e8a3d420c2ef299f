'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { FormMessage } from '@/components/field';
import { apiErrorInfo } from '@/lib/form-errors';
import { formatValue, intervalLabel, relativeTime, timeAgo } from '@/lib/monitor-format';
import { useNow } from '@/lib/use-now';
import { useTRPC } from '@/trpc/client';
import { StatusBadge } from './status-badge';

/** Every monitor at a glance: what it watches for, how it is doing, and when it looks next. */
export function MonitorList() {
  const trpc = useTRPC();
  const monitors = useQuery(
    trpc.monitors.list.queryOptions(undefined, { refetchInterval: 30_000 }),
  );
  const now = useNow();

  return (
    <>
      <div className="page-header">
        <h1>Monitors</h1>
        <Link href="/monitors/new" className="button">
          New monitor
        </Link>
      </div>
      {monitors.isPending ? (
        <p className="loading" role="status">
          Loading your monitors…
        </p>
      ) : monitors.error ? (
        <FormMessage kind="error">{apiErrorInfo(monitors.error).message}</FormMessage>
      ) : monitors.data.items.length === 0 ? (
        <div className="empty-state">
          <h2>No monitors yet</h2>
          <p>
            A monitor keeps an eye on something for you, so you don't have to keep checking. It
            looks at a web page, a feed or an API every so often and tells you when something you
            care about happens.
          </p>
          <p className="muted">
            For example: <q>Tell me when BTC drops below $50k</q>
          </p>
          <p>
            <Link href="/monitors/new" className="button">
              Create your first monitor
            </Link>
          </p>
        </div>
      ) : (
        <ul className="task-list" aria-label="Monitors">
          {monitors.data.items.map((m) => (
            <li key={m.id} className="task-row monitor-row" data-testid="monitor-row">
              <div className="task-body">
                <div className="monitor-row-title">
                  <Link href={`/monitors/${m.id}`} className="task-title">
                    {m.name}
                  </Link>
                  <StatusBadge monitor={m} />
                </div>
                <p className="muted" style={{ margin: 0 }}>
                  When {m.conditionText}
                </p>
                {m.status !== 'active' && m.statusReason ? (
                  <p className="field-hint" style={{ margin: 0 }}>
                    {m.statusReason}
                  </p>
                ) : null}
                <div className="task-meta">
                  <span>Last value: {formatValue(m.lastValue, 40)}</span>
                  <span aria-hidden="true">·</span>
                  <span>Checked {timeAgo(m.lastEvaluatedAt, now)}</span>
                  <span aria-hidden="true">·</span>
                  <span>
                    Next{' '}
                    {m.status === 'active' && m.nextRunAt ? relativeTime(m.nextRunAt, now) : '—'}
                  </span>
                  <span aria-hidden="true">·</span>
                  <span>Every {intervalLabel(m.intervalMinutes)}</span>
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { FormMessage } from '@/components/field';
import { LocalDateTime } from '@/components/local-time';
import { TableScroll } from '@/components/table-scroll';
import { apiErrorInfo } from '@/lib/form-errors';
import { formatDuration } from '@/lib/monitor-format';
import { useTRPC } from '@/trpc/client';

const REFRESH_MS = 5_000;

function monitorIdOf(data: unknown): string | null {
  if (data && typeof data === 'object' && 'monitorId' in data) {
    const id = (data as { monitorId: unknown }).monitorId;
    return typeof id === 'string' ? id : null;
  }
  return null;
}

/** The background work behind monitors and mail: how much is waiting, how late, what failed. */
export function JobsView() {
  const trpc = useTRPC();
  const me = useQuery(trpc.profile.get.queryOptions());
  // Queue figures cover every account: only the installation's administrators read them.
  const isAdmin = me.data?.isAdmin === true;
  const overview = useQuery(
    trpc.jobs.overview.queryOptions(undefined, { refetchInterval: REFRESH_MS, enabled: isAdmin }),
  );
  const dead = useQuery(
    trpc.jobs.deadLetters.queryOptions({ limit: 50 }, { refetchInterval: REFRESH_MS }),
  );

  return (
    <>
      <div className="page-header">
        <h1>Jobs</h1>
        <p className="muted" style={{ margin: 0 }}>
          Refreshes every 5 seconds
          {overview.data ? (
            <>
              {' '}
              · as of <LocalDateTime date={overview.data.asOf} />
            </>
          ) : null}
        </p>
      </div>
      <div className="stack">
        <section className="card" aria-labelledby="queues-heading">
          <h2 id="queues-heading">Queues</h2>
          {me.isPending || (isAdmin && overview.isPending) ? (
            <p className="loading" role="status">
              Loading the queues…
            </p>
          ) : !isAdmin ? (
            <p className="muted" data-testid="queues-admin-only">
              Queue figures cover every account on this server, so only its administrators see them.
              Your own failed jobs are below.
            </p>
          ) : overview.error ? (
            <FormMessage kind="error">{apiErrorInfo(overview.error).message}</FormMessage>
          ) : !overview.data ? null : overview.data.queues.length === 0 ? (
            <p className="muted">No queues yet.</p>
          ) : (
            <TableScroll label="Queues">
              <table className="data-table" aria-labelledby="queues-heading">
                <thead>
                  <tr>
                    <th scope="col">Queue</th>
                    <th scope="col" className="num">
                      Queued
                    </th>
                    <th scope="col" className="num">
                      Due
                    </th>
                    <th scope="col" className="num">
                      Active
                    </th>
                    <th scope="col" className="num">
                      Retrying
                    </th>
                    <th scope="col" className="num">
                      Failed
                    </th>
                    <th scope="col" className="num">
                      Done
                    </th>
                    <th scope="col" className="num">
                      Dead letters
                    </th>
                    <th scope="col" className="num">
                      Lag
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {overview.data.queues.map((q) => (
                    <tr key={q.name} data-testid="queue-row">
                      <th scope="row">
                        <code>{q.name}</code>
                      </th>
                      <td className="num">{q.queued}</td>
                      <td className="num">{q.due}</td>
                      <td className="num">{q.active}</td>
                      <td className="num">{q.retry}</td>
                      <td className="num">{q.failed}</td>
                      <td className="num">{q.completed}</td>
                      <td className="num">{q.deadLetters}</td>
                      <td className="num">{q.lagMs === null ? '—' : formatDuration(q.lagMs)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </section>
        <section className="card" aria-labelledby="dead-heading">
          <h2 id="dead-heading">Dead letters</h2>
          <p className="muted">
            Jobs for your monitors that failed every retry and were set aside.
          </p>
          {dead.isPending ? (
            <p className="loading" role="status">
              Loading…
            </p>
          ) : dead.error ? (
            <FormMessage kind="error">{apiErrorInfo(dead.error).message}</FormMessage>
          ) : dead.data.items.length === 0 ? (
            <p>None. Everything went through.</p>
          ) : (
            <TableScroll label="Dead letters">
              <table className="data-table" aria-labelledby="dead-heading">
                <thead>
                  <tr>
                    <th scope="col">Queue</th>
                    <th scope="col">Created</th>
                    <th scope="col">Monitor</th>
                    <th scope="col">Error</th>
                  </tr>
                </thead>
                <tbody>
                  {dead.data.items.map((job) => {
                    const monitorId = monitorIdOf(job.data);
                    return (
                      <tr key={job.id} data-testid="dead-letter">
                        <td>
                          <code>{job.queue}</code>
                        </td>
                        <td>
                          <LocalDateTime date={job.createdOn} />
                        </td>
                        <td>
                          {monitorId ? (
                            <Link href={`/monitors/${monitorId}`}>Open monitor</Link>
                          ) : (
                            '—'
                          )}
                        </td>
                        <td>
                          {typeof job.error === 'string'
                            ? job.error
                            : JSON.stringify(job.error ?? null)}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </TableScroll>
          )}
        </section>
      </div>
    </>
  );
}

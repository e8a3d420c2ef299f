import { sql } from 'drizzle-orm';
import type { AppDeps } from '../context';
import { enqueueMonitorRun, scheduleMonitorRun } from '../monitors/schedule';
import { monitorEvaluate, monitorReconcile } from './definitions';
import { handleJob } from './handler';
import { QUEUE_SCHEMA } from './queue';
import { rowsOf } from './sql-rows';

/** A run this late with no job behind it counts as lost (the queue polls every second or so). */
export const MONITOR_RECONCILE_GRACE_MS = 2 * 60_000;
/** At most this many monitors are healed per pass; the next minute takes the rest. */
const BATCH = 1000;

/**
 * Heals broken chains: an active monitor's next run is normally queued in the transaction that
 * stored its previous one, but a job can still vanish (dead-lettered after its retries, deleted by
 * hand, a queue restored from an older backup) or a monitor can end up with no `next_run_at`.
 * Every active monitor whose run is overdue by more than the grace, or unset, and that has no
 * queued, retrying or active job gets one again: an overdue run keeps its slot (and so its
 * idempotency key), an unset one is scheduled on the monitor's phase. Returns how many it
 * re-queued. The stately queue refuses a duplicate anyway, so a race with a worker is harmless.
 */
export async function reconcileMonitors(
  deps: AppDeps,
  options: { graceMs?: number } = {},
): Promise<{ requeued: number }> {
  const now = deps.now();
  const cutoff = new Date(now.getTime() - (options.graceMs ?? MONITOR_RECONCILE_GRACE_MS));
  const lost = rowsOf<{ id: string; interval_minutes: number; next_run_at: string | Date | null }>(
    await deps.db.execute(sql`
      select m.id, m.interval_minutes, m.next_run_at
      from monitors m
      where m.status = 'active'
        and (m.next_run_at is null or m.next_run_at < ${cutoff.toISOString()}::timestamptz)
        and not exists (
          select 1 from ${sql.raw(QUEUE_SCHEMA)}.job j
          where j.name = ${monitorEvaluate.name}
            and j.singleton_key = m.id::text
            and j.state in ('created', 'retry', 'active'))
      order by m.next_run_at nulls first
      limit ${BATCH}`),
  );
  for (const m of lost) {
    if (m.next_run_at === null) {
      await scheduleMonitorRun(
        deps,
        deps.db,
        { id: m.id, intervalMinutes: m.interval_minutes },
        now,
      );
    } else {
      await enqueueMonitorRun(deps, undefined, m.id, new Date(m.next_run_at));
    }
  }
  return { requeued: lost.length };
}

/** Every minute: re-queue monitors whose run was lost (see reconcileMonitors). */
export const monitorReconcileHandler = handleJob(monitorReconcile, {
  handle: (deps) => reconcileMonitors(deps),
});

import { nextMonitorRunAt } from '@proxy/core';
import type { DbOrTx } from '@proxy/db';
import { monitors } from '@proxy/db/schema';
import { eq } from 'drizzle-orm';
import type { AppDeps } from '../context';
import type { PayloadOf } from '../jobs/contract';
import { monitorEvaluate } from '../jobs/definitions';

export type MonitorEvaluatePayload = PayloadOf<typeof monitorEvaluate>;

/**
 * Puts a monitor's next run on the queue and records it as `next_run_at`: on its phase after
 * `after`, or at `after` itself with `immediately` (a new or resumed monitor is checked right
 * away, so its owner sees a first value instead of waiting up to an interval). Any run of this
 * monitor still waiting in the queue is replaced. Called in the transaction that creates, edits,
 * resumes or evaluates the monitor, so the job exists exactly when that write commits.
 */
export async function scheduleMonitorRun(
  deps: Pick<AppDeps, 'jobs'>,
  tx: DbOrTx,
  monitor: { id: string; intervalMinutes: number },
  after: Date,
  options: { immediately?: boolean; replaceQueued?: boolean } = {},
): Promise<Date> {
  const at = options.immediately
    ? after
    : nextMonitorRunAt(monitor.id, monitor.intervalMinutes, after);
  await tx.update(monitors).set({ nextRunAt: at }).where(eq(monitors.id, monitor.id));
  await enqueueMonitorRun(deps, tx, monitor.id, at, {
    replaceQueued: options.replaceQueued ?? true,
  });
  return at;
}

/** The job for one run at `at`; a second waiting job for one monitor is refused by the queue. */
export async function enqueueMonitorRun(
  deps: Pick<AppDeps, 'jobs'>,
  tx: DbOrTx | undefined,
  monitorId: string,
  at: Date,
  options: { replaceQueued?: boolean } = {},
): Promise<void> {
  await deps.jobs.send(
    monitorEvaluate,
    { monitorId, slot: at.toISOString(), scheduledFor: at.toISOString() },
    { tx, startAfter: at, singletonKey: monitorId, replaceQueued: options.replaceQueued },
  );
}

import type { DbHandle } from '@proxy/db';
import type PgBoss from 'pg-boss';
import type { AppDeps } from '../context';
import { reassignStaleJob } from './delegation-reassign-stale';
import { routeQueuedJob } from './delegation-route-queued';
import { purgeRateLimitsJob } from './housekeeping';
import { monitorEvaluateJob } from './monitor-evaluate';
import { monitorReconcileJob } from './monitor-reconcile';
import { notificationDeliverJob, notificationSweepJob } from './notification-deliver';
import { createQueue, QUEUE_SCHEMA, transactionExecutor } from './queue';
import type { JobDefinition } from './types';

export { MONITOR_EVALUATE_JOB } from '../monitors/schedule';
export { reassignStaleJob } from './delegation-reassign-stale';
export { routeQueuedJob } from './delegation-route-queued';
export { purgeRateLimitsJob } from './housekeeping';
export {
  MONITOR_EVALUATE_DEAD_LETTER,
  MonitorBusyError,
  type MonitorEvaluateJobOptions,
  monitorEvaluateJob,
} from './monitor-evaluate';
export {
  MONITOR_RECONCILE_JOB,
  monitorReconcileJob,
  reconcileMonitors,
} from './monitor-reconcile';
export { notificationDeliverJob, notificationSweepJob } from './notification-deliver';
export { createQueue } from './queue';
export type { JobDefinition } from './types';

export const allJobs: JobDefinition<unknown>[] = [
  purgeRateLimitsJob,
  routeQueuedJob,
  reassignStaleJob,
  monitorEvaluateJob(),
  monitorReconcileJob,
  notificationDeliverJob,
  notificationSweepJob,
];

/** AppDeps.enqueue on a started pg-boss: in the caller's transaction when given one. */
export function enqueueVia(boss: PgBoss): NonNullable<AppDeps['enqueue']> {
  return async (name, payload, tx, opts) => {
    if (opts?.replaceQueued && opts.singletonKey) {
      // pg-boss has no "replace"; its job table is ours to query (the jobs view reads it too).
      const db = tx ? transactionExecutor(tx) : boss.getDb();
      await db.executeSql(
        `DELETE FROM ${QUEUE_SCHEMA}.job WHERE name = $1 AND singleton_key = $2 AND state = 'created'`,
        [name, opts.singletonKey],
      );
    }
    await boss.send(name, payload, {
      ...(tx ? { db: transactionExecutor(tx) } : {}),
      ...(opts?.startAfter ? { startAfter: opts.startAfter } : {}),
      ...(opts?.singletonKey ? { singletonKey: opts.singletonKey } : {}),
    });
  };
}

/** pg-boss stores a job's output as JSON; anything else is wrapped. */
function toOutput(result: unknown): object | undefined {
  if (result === undefined || result === null) return undefined;
  return typeof result === 'object' ? (result as object) : { value: result };
}

export interface Worker {
  boss: PgBoss;
  stop(): Promise<void>;
}

/**
 * Starts the job queue and registers every job handler and schedule. The same function runs in
 * the standalone worker process and inside the web server in embedded mode.
 */
export async function startWorker(
  handle: DbHandle,
  deps: AppDeps,
  options: {
    databaseUrl?: string | undefined;
    log?: (msg: string, extra?: object) => void;
    /**
     * Definitions that replace the registered job of the same name (or add one): e.g.
     * `monitorEvaluateJob({ expireInSeconds: 3 })` in tests. Default: `allJobs` as they are.
     */
    jobs?: JobDefinition<unknown>[];
    /** pg-boss maintenance interval (expiry checks); see createQueue. */
    maintenanceIntervalSeconds?: number;
  } = {},
): Promise<Worker> {
  const log = options.log ?? (() => {});
  const overrides = new Map((options.jobs ?? []).map((j) => [j.name, j]));
  const jobs = [
    ...allJobs.map((j) => overrides.get(j.name) ?? j),
    ...[...overrides.values()].filter((j) => !allJobs.some((a) => a.name === j.name)),
  ];
  const boss = createQueue(handle, {
    databaseUrl: options.databaseUrl,
    ...(options.maintenanceIntervalSeconds
      ? { maintenanceIntervalSeconds: options.maintenanceIntervalSeconds }
      : {}),
  });
  boss.on('error', (error) => log('queue error', { error: String(error) }));
  await boss.start();
  // This process has a queue now: services hand follow-up work to it instead of doing it inline.
  deps.enqueue ??= enqueueVia(boss);
  for (const job of jobs) {
    if (job.queue?.deadLetter) await boss.createQueue(job.queue.deadLetter);
    await boss.createQueue(job.name, { name: job.name, ...job.queue });
    // createQueue leaves an existing queue as it was: the options in code win, so a changed
    // retry or expiry setting (or a test's override) takes effect on an existing database too.
    if (job.queue) await boss.updateQueue(job.name, { name: job.name, ...job.queue });
    // A batch is handled concurrently; each job completes or fails on its own, so one bad job
    // does not send its batch-mates back to the queue.
    const { localConcurrency: loops = 1, ...workOptions } = job.work ?? {};
    // Embedded PGlite is one connection in the web server's own process: extra fetch loops add
    // no throughput there, only polling (a quiet local install should sit quiet). One loop, and
    // polling at most every second; a batch is still handled concurrently.
    const embedded = handle.kind !== 'postgres';
    const localConcurrency = embedded ? 1 : loops;
    if (embedded && workOptions.pollingIntervalSeconds !== undefined) {
      workOptions.pollingIntervalSeconds = Math.max(1, workOptions.pollingIntervalSeconds);
    }
    const handler = async (jobs: PgBoss.Job<unknown>[]) => {
      await Promise.all(
        jobs.map(async (j) => {
          try {
            const payload = job.payload.parse(j.data ?? {});
            const result = await job.handle(deps, payload);
            await boss.complete(job.name, j.id, toOutput(result));
            log('job done', { job: job.name, id: j.id, result });
          } catch (error) {
            log('job failed', { job: job.name, id: j.id, error: String(error) });
            await boss.fail(job.name, j.id, { message: String(error) });
          }
        }),
      );
    };
    for (let loop = 0; loop < localConcurrency; loop++) {
      await boss.work(job.name, workOptions, handler);
    }
    if (job.cron) await boss.schedule(job.name, job.cron, {}, { tz: 'UTC' });
  }
  log('worker started', { jobs: jobs.map((j) => j.name) });
  return {
    boss,
    async stop() {
      await boss.stop({ graceful: true, timeout: 10_000, wait: true });
      log('worker stopped');
    },
  };
}

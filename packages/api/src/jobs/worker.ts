import type { DbHandle } from '@proxy/db';
import type PgBoss from 'pg-boss';
import type { AppDeps } from '../context';
import type { JobContract, QueuePolicy } from './contract';
import type { JobHandler } from './handler';
import { allJobHandlers } from './handlers';
import { ensureQueues, openJobQueue, QUEUE_SCHEMA } from './queue';

export interface Worker {
  boss: PgBoss;
  stop(): Promise<void>;
}

export interface StartWorkerOptions {
  /** Required on PostgreSQL unless `boss` is given. */
  databaseUrl?: string | undefined;
  log?: (msg: string, extra?: object) => void;
  /**
   * A pg-boss already started with maintenance and cron on (the process's own queue, see
   * openJobQueue with `work: true`), which its owner closes; otherwise the worker opens its own
   * and closes it when it stops.
   */
  boss?: PgBoss;
  /** Handlers that replace the registered one of the same job (or add one), e.g. in tests. */
  handlers?: JobHandler<unknown>[];
  /** Queue policy overrides by job name, e.g. `{ 'monitor.evaluate': { expireInSeconds: 3 } }`. */
  queuePolicies?: Record<string, Partial<QueuePolicy>>;
  /** pg-boss maintenance interval (expiry checks); see openJobQueue. */
  maintenanceIntervalSeconds?: number;
}

/** pg-boss stores a job's output as JSON; anything else is wrapped. */
function toOutput(result: unknown): object | undefined {
  if (result === undefined || result === null) return undefined;
  return typeof result === 'object' ? (result as object) : { value: result };
}

/**
 * Registers every job handler and schedule on a pg-boss queue. The same function runs in the
 * standalone worker process and inside the web server in embedded mode.
 */
export async function startWorker(
  handle: DbHandle,
  deps: AppDeps,
  options: StartWorkerOptions = {},
): Promise<Worker> {
  const log = options.log ?? (() => {});
  const overrides = new Map((options.handlers ?? []).map((h) => [h.job.name, h]));
  const handlers = [
    ...allJobHandlers.map((h) => overrides.get(h.job.name) ?? h),
    ...[...overrides.values()].filter(
      (h) => !allJobHandlers.some((a) => a.job.name === h.job.name),
    ),
  ];
  const contracts = handlers.map((h) => h.job as JobContract<unknown>);
  const owned = options.boss
    ? undefined
    : await openJobQueue(handle, {
        databaseUrl: options.databaseUrl,
        work: true,
        contracts,
        ...(options.maintenanceIntervalSeconds
          ? { maintenanceIntervalSeconds: options.maintenanceIntervalSeconds }
          : {}),
      });
  const boss = options.boss ?? owned!.boss;
  boss.on('error', (error) => log('queue error', { error: String(error) }));
  const policies = new Map(Object.entries(options.queuePolicies ?? {}));
  await ensureQueues(boss, contracts, policies);

  // A schedule whose job no longer exists (renamed or removed) would keep sending into a queue
  // nobody works.
  const crons = new Set(contracts.filter((c) => c.cron).map((c) => c.name));
  for (const schedule of await boss.getSchedules()) {
    if (!crons.has(schedule.name)) await boss.unschedule(schedule.name);
  }

  const embedded = handle.kind !== 'postgres';
  for (const handler of handlers) {
    const { job } = handler;
    const expireSeconds = policies.get(job.name)?.expireInSeconds ?? job.queue.expireInSeconds;
    // A batch is handled concurrently; each job completes or fails on its own, so one bad job
    // does not send its batch-mates back to the queue.
    const { localConcurrency: loops = 1, ...workOptions } = handler.work ?? {};
    // Embedded PGlite is one connection in the web server's own process: extra fetch loops add
    // no throughput there, only polling (a quiet local install should sit quiet). One loop, and
    // polling at most every second; a batch is still handled concurrently.
    const localConcurrency = embedded ? 1 : loops;
    if (embedded && workOptions.pollingIntervalSeconds !== undefined) {
      workOptions.pollingIntervalSeconds = Math.max(1, workOptions.pollingIntervalSeconds);
    }
    const run = async (j: PgBoss.Job<unknown>) => {
      const beat =
        job.heartbeatSeconds && expireSeconds
          ? setInterval(() => {
              extendExpiry(boss, job.name, j.id, expireSeconds).catch((error: unknown) =>
                log('heartbeat failed', { job: job.name, id: j.id, error: String(error) }),
              );
            }, job.heartbeatSeconds * 1000)
          : undefined;
      try {
        const payload = job.payload.parse(j.data ?? {});
        const result = await handler.handle(deps, payload);
        await boss.complete(job.name, j.id, toOutput(result));
        log('job done', { job: job.name, id: j.id, result });
      } catch (error) {
        log('job failed', { job: job.name, id: j.id, error: String(error) });
        await boss.fail(job.name, j.id, { message: String(error) });
      } finally {
        if (beat) clearInterval(beat);
      }
    };
    for (let loop = 0; loop < localConcurrency; loop++) {
      await boss.work(job.name, workOptions, (jobs) => Promise.all(jobs.map(run)));
    }
    if (job.cron) await boss.schedule(job.name, job.cron, {}, { tz: 'UTC' });
  }
  log('worker started', { jobs: handlers.map((h) => h.job.name) });
  return {
    boss,
    async stop() {
      // A shared queue is stopped (gracefully) by its owner, after this.
      if (owned) await owned.close();
      log('worker stopped');
    },
  };
}

/**
 * A running job's heartbeat: its expiry is pushed to `seconds` from now. pg-boss (v10) fails a job
 * active past started_on + expire_in; this keeps a long run alive exactly while its process is.
 */
async function extendExpiry(boss: PgBoss, name: string, id: string, seconds: number) {
  await boss
    .getDb()
    .executeSql(
      `UPDATE ${QUEUE_SCHEMA}.job SET expire_in = (now() - started_on) + make_interval(secs => $3::int) WHERE name = $1 AND id = $2 AND state = 'active'`,
      [name, id, seconds],
    );
}

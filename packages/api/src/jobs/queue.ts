import type { DbHandle, DbOrTx } from '@proxy/db';
import { type SQL, sql } from 'drizzle-orm';
import PgBoss from 'pg-boss';
import type { JobContract } from './contract';

/** The PostgreSQL schema pg-boss keeps its tables in. */
export const QUEUE_SCHEMA = 'pgboss';

export interface SendOptions {
  /** Write the job in this transaction: it exists exactly when the write that caused it commits. */
  tx?: DbOrTx | undefined;
  /** Not before this time. */
  startAfter?: Date | undefined;
  /** pg-boss singleton key: with a stately queue, one queued and one active job per key. */
  singletonKey?: string | undefined;
  /**
   * Remove this key's job that is still waiting (not running) before sending, so the new time
   * wins: a changed interval or a resumed monitor must not wait for the old schedule.
   */
  replaceQueued?: boolean | undefined;
}

/**
 * Every process's way to hand work to the worker: the web server, the worker and tests alike
 * (the web server's queue only sends). Typed by contract, so a payload that does not fit its job
 * fails to compile, and is validated again before it is written.
 */
export interface JobQueue {
  /** The job's id, or null when a singleton key already holds a waiting job. */
  send<P>(job: JobContract<P>, payload: P, options?: SendOptions): Promise<string | null>;
  /** Removes this key's jobs that still wait (not running); answers how many went. */
  cancelWaiting(job: JobContract<unknown>, singletonKey: string, tx?: DbOrTx): Promise<number>;
}

export interface OpenQueueOptions {
  /** Required on PostgreSQL: pg-boss opens its own small pool from it. */
  databaseUrl?: string | undefined;
  /** Run pg-boss's maintenance (expiry, archiving) and cron: a process that also works jobs. */
  work?: boolean;
  /**
   * How often maintenance runs. It is what fails jobs active past their expiry, so it bounds
   * how soon a killed worker's job is retried; it runs once per interval across all workers.
   */
  maintenanceIntervalSeconds?: number;
  /** Connections of pg-boss's own pool on PostgreSQL. */
  poolSize?: number;
  /** Queues to create or update; every contract by default. */
  contracts: readonly JobContract<unknown>[];
}

export interface OpenQueue {
  boss: PgBoss;
  jobs: JobQueue;
  /** Stops pg-boss: workers on it finish what they hold first (up to 10 s). */
  close(): Promise<void>;
}

/** Maintenance every 5 s: expired jobs are failed (and retried) within seconds of their expiry. */
export const DEFAULT_MAINTENANCE_SECONDS = 5;

/**
 * Starts pg-boss on the app's database (creating its schema on first use) and makes sure every
 * queue exists with the policy its contract declares: a job sent to a queue that does not exist
 * would be dropped without a word, so no process sends before this ran.
 */
export async function openJobQueue(
  handle: DbHandle,
  options: OpenQueueOptions,
): Promise<OpenQueue> {
  const work = options.work ?? false;
  const common = {
    schema: QUEUE_SCHEMA,
    supervise: work,
    schedule: work,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? DEFAULT_MAINTENANCE_SECONDS,
    // Keep finished jobs a day for the jobs view; failed ones a week.
    deleteAfterDays: 7,
    archiveCompletedAfterSeconds: 24 * 60 * 60,
  };
  let boss: PgBoss;
  if (handle.kind === 'postgres') {
    if (!options.databaseUrl) throw new Error('openJobQueue needs databaseUrl on PostgreSQL');
    boss = new PgBoss({
      ...common,
      connectionString: options.databaseUrl,
      max: options.poolSize ?? (work ? 4 : 2),
    });
  } else {
    const pglite = handle.pglite;
    if (!pglite) throw new Error('PGlite handle without its instance');
    // Parameterless SQL may hold several statements, which only `exec` runs.
    boss = new PgBoss({
      ...common,
      db: {
        async executeSql(text: string, values?: unknown[]) {
          if (!values || values.length === 0) {
            const results = await pglite.exec(text);
            return { rows: results.at(-1)?.rows ?? [] };
          }
          return pglite.query(text, values);
        },
      },
    });
  }
  await boss.start();
  await ensureQueues(boss, options.contracts);
  return {
    boss,
    jobs: pgBossJobQueue(boss),
    async close() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}

/** Creates each contract's queue and dead-letter queue, and applies the policy in code. */
export async function ensureQueues(
  boss: PgBoss,
  contracts: readonly JobContract<unknown>[],
  overrides: ReadonlyMap<string, Partial<JobContract<unknown>['queue']>> = new Map(),
): Promise<void> {
  for (const job of contracts) {
    const policy = { ...job.queue, ...overrides.get(job.name) };
    if (policy.deadLetter) await boss.createQueue(policy.deadLetter);
    await boss.createQueue(job.name, { name: job.name, ...policy });
    // createQueue leaves an existing queue as it was: the policy in code wins, so a changed retry
    // or expiry setting (or a test's override) takes effect on an existing database too.
    await boss.updateQueue(job.name, { name: job.name, ...policy });
  }
}

/** JobQueue on a started pg-boss. */
export function pgBossJobQueue(boss: PgBoss): JobQueue {
  const executor = (tx: DbOrTx | undefined) => (tx ? transactionExecutor(tx) : boss.getDb());
  const cancelWaiting = async (name: string, key: string, tx: DbOrTx | undefined) => {
    // pg-boss has no "replace"; its job table is ours to query (the jobs view reads it too).
    const { rows } = await executor(tx).executeSql(
      `DELETE FROM ${QUEUE_SCHEMA}.job WHERE name = $1 AND singleton_key = $2 AND state = 'created' RETURNING id`,
      [name, key],
    );
    return rows.length;
  };
  return {
    async send(job, payload, options = {}) {
      const data = job.payload.parse(payload) as object;
      if (options.replaceQueued && options.singletonKey) {
        await cancelWaiting(job.name, options.singletonKey, options.tx);
      }
      return boss.send(job.name, data, {
        ...(options.tx ? { db: transactionExecutor(options.tx) } : {}),
        ...(options.startAfter ? { startAfter: options.startAfter } : {}),
        ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
      });
    },
    cancelWaiting: (job, key, tx) => cancelWaiting(job.name, key, tx),
  };
}

/**
 * pg-boss's SQL run through a drizzle transaction (its `db` send option), so a job is inserted
 * in the same transaction as the write that caused it. Objects and dates go as JSON/ISO text,
 * which both drivers accept for pg-boss's typed parameters.
 */
export function transactionExecutor(tx: DbOrTx) {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      const parts = text.split(/\$(\d+)/);
      const chunks: SQL[] = parts.map((part, i) => {
        if (i % 2 === 0) return sql.raw(part);
        const value = values[Number(part) - 1];
        // undefined would vanish from drizzle's SQL; pg-boss means NULL by it.
        const param =
          value === undefined
            ? null
            : value instanceof Date
              ? value.toISOString()
              : value !== null && typeof value === 'object'
                ? JSON.stringify(value)
                : value;
        return sql`${param}`;
      });
      const result: unknown = await tx.execute(sql.join(chunks));
      const rows = Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
      return { rows };
    },
  };
}

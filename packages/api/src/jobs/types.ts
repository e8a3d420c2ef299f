import type PgBoss from 'pg-boss';
import type { z } from 'zod';
import type { AppDeps } from '../context';

/** One kind of job: its queue name, payload schema, handler and (optionally) its schedule. */
export interface JobDefinition<Payload> {
  name: string;
  /** Cron expression (UTC) when the job runs on a schedule. */
  cron?: string;
  payload: z.ZodType<Payload>;
  /**
   * How the queue keeps its jobs: policy (stately = one queued and one active per singleton key),
   * retries with backoff, how long a job may run before it counts as failed (a killed worker's
   * job is retried after that), and where jobs go when their retries are spent. A dead-letter
   * queue named here is created with the queue.
   */
  queue?: Omit<PgBoss.Queue, 'name'>;
  /** How the worker fetches: jobs per fetch, handled concurrently, and how often it polls. */
  work?: {
    batchSize?: number;
    pollingIntervalSeconds?: number;
    /**
     * Fetch loops per process (default 1). pg-boss's loop waits for its whole batch, then for the
     * polling interval, so one loop tops out near batchSize / interval jobs per second; more loops
     * fetch while others are still busy.
     */
    localConcurrency?: number;
  };
  handle(deps: AppDeps, payload: Payload): Promise<unknown>;
}

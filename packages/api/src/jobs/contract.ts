import type PgBoss from 'pg-boss';
import type { z } from 'zod';

/**
 * How a queue keeps its jobs: policy (stately = one queued and one active per singleton key),
 * retries with backoff, how long a job may stay active before it counts as failed (a killed
 * worker's job is retried after that), and where jobs go when their retries are spent.
 */
export type QueuePolicy = Omit<PgBoss.Queue, 'name'>;

/**
 * One kind of job, as every process knows it: its name, payload schema and queue policy. Services
 * import contracts to enqueue (any process may send); only the worker registers handlers
 * (`jobs/handlers/`). Keeping the two apart lets the web server send jobs without loading what
 * runs them.
 */
export interface JobContract<Payload> {
  /** `<domain>.<action>` in lowercase with dashes: `monitor.evaluate`, `notification.deliver`. */
  readonly name: string;
  readonly payload: z.ZodType<Payload>;
  readonly queue: QueuePolicy;
  /** Cron expression (UTC) when the job also runs on a schedule; the worker registers it. */
  readonly cron?: string;
  /**
   * While a handler runs, the worker extends the job's expiry this often, so a long run is not
   * mistaken for a dead one and a killed worker's job is retried within `expireInSeconds`.
   */
  readonly heartbeatSeconds?: number;
}

/** One naming style for every job and dead-letter queue. */
export const JOB_NAME_PATTERN = /^[a-z]+(?:-[a-z]+)*(?:\.[a-z]+(?:-[a-z]+)*)+$/;

/** Declares a job kind; a bad name fails at import, not when the first job is sent. */
export function defineJob<Payload>(contract: JobContract<Payload>): JobContract<Payload> {
  for (const name of [contract.name, contract.queue.deadLetter].filter(Boolean)) {
    if (!JOB_NAME_PATTERN.test(name as string)) {
      throw new Error(`Job name "${name}" must look like "domain.action" (lowercase, dashes)`);
    }
  }
  if (
    contract.heartbeatSeconds !== undefined &&
    (contract.queue.expireInSeconds === undefined ||
      contract.heartbeatSeconds * 2 > contract.queue.expireInSeconds)
  ) {
    throw new Error(`Job ${contract.name}: a heartbeat needs an expiry at least twice as long`);
  }
  return Object.freeze(contract);
}

/** The payload type a contract carries. */
export type PayloadOf<C> = C extends JobContract<infer P> ? P : never;

/** The dead-letter queue's name for a job: `<name>.dead`. */
export const deadLetterOf = (name: string) => `${name}.dead`;

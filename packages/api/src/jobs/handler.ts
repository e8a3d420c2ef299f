import type { AppDeps } from '../context';
import type { JobContract } from './contract';

/** How the worker fetches one queue's jobs. */
export interface WorkOptions {
  /** Jobs per fetch, handled concurrently. */
  batchSize?: number;
  pollingIntervalSeconds?: number;
  /**
   * Fetch loops per process (default 1). pg-boss's loop waits for its whole batch, then for the
   * polling interval, so one loop tops out near batchSize / interval jobs per second; more loops
   * fetch while others are still busy.
   */
  localConcurrency?: number;
}

/** What runs a job kind: registered only by the worker (`startWorker`). */
export interface JobHandler<Payload> {
  readonly job: JobContract<Payload>;
  readonly work?: WorkOptions;
  handle(deps: AppDeps, payload: Payload): Promise<unknown>;
}

export function handleJob<Payload>(
  job: JobContract<Payload>,
  handler: Omit<JobHandler<Payload>, 'job'>,
): JobHandler<Payload> {
  return { job, ...handler };
}

import { evaluateMonitor } from '../monitors/evaluate';
import { monitorEvaluate } from './definitions';
import { handleJob } from './handler';

/**
 * A monitor run that found its monitor held by another evaluation (a manual run, or the lease of
 * a worker that died mid-run and has not run out yet). Thrown, not swallowed: the job fails and
 * pg-boss retries the same slot later with backoff, so the run is not lost.
 */
export class MonitorBusyError extends Error {
  constructor(monitorId: string) {
    super(`monitor ${monitorId} is being evaluated elsewhere; retrying later`);
    this.name = 'MonitorBusyError';
  }
}

/**
 * Evaluates one scheduled run of a monitor. The evaluation is idempotent per (monitor, slot) and
 * schedules the next run in its own transaction, so a run retried after a crash after its commit
 * stores nothing twice.
 *
 * A `busy` answer throws (MonitorBusyError) rather than re-enqueueing: a throw keeps the job's
 * slot and payload, uses pg-boss's retry with backoff, sits in the queue's separate `retry`
 * state so it does not block the monitor's next scheduled job, and, when the retries run out,
 * lands in the dead-letter queue where the jobs view shows it and the reconciler re-queues the
 * monitor. A re-enqueue from inside the handler would be refused by the stately queue whenever
 * the next run is already queued, silently losing the slot.
 */
export const monitorEvaluateHandler = handleJob(monitorEvaluate, {
  // Up to 4 × 50 runs in flight per process; about 400 runs/s before polling limits it.
  work: { batchSize: 50, pollingIntervalSeconds: 0.5, localConcurrency: 4 },
  async handle(deps, payload) {
    const result = await evaluateMonitor(deps, payload.monitorId, {
      slot: payload.slot,
      trigger: 'scheduled',
      scheduledFor: new Date(payload.scheduledFor),
    });
    if (result.status === 'busy') throw new MonitorBusyError(payload.monitorId);
    if (result.status === 'evaluated') {
      return {
        status: 'evaluated',
        monitorId: payload.monitorId,
        slot: payload.slot,
        evaluationId: result.evaluation.id,
      };
    }
    return { status: result.status, monitorId: payload.monitorId, slot: payload.slot };
  },
});

import { z } from 'zod';
import { deadLetterOf, defineJob } from '../contract';

const MONITOR_EVALUATE = 'monitor.evaluate';

/**
 * One scheduled run of a monitor. Stately and keyed by monitor id: at most one run of a monitor
 * is queued and one active. A run is short (fetch timeout plus a judge), and the worker beats
 * its heart while it runs, so a killed worker's run expires within 10 s and is retried.
 */
export const monitorEvaluate = defineJob({
  name: MONITOR_EVALUATE,
  payload: z.object({
    monitorId: z.uuid(),
    /** The run's idempotency key: its scheduled time as ISO text. */
    slot: z.string().min(1).max(100),
    scheduledFor: z.iso.datetime(),
  }),
  queue: {
    policy: 'stately',
    retryLimit: 3,
    retryDelay: 2,
    retryBackoff: true,
    expireInSeconds: 10,
    deadLetter: deadLetterOf(MONITOR_EVALUATE),
  },
  heartbeatSeconds: 3,
});

/** Every minute: re-queue monitors whose run was lost. */
export const monitorReconcile = defineJob({
  name: 'monitor.reconcile',
  cron: '* * * * *',
  payload: z.object({}).strict(),
  queue: { retryLimit: 0, expireInSeconds: 120 },
});

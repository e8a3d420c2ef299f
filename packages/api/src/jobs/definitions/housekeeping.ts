import { z } from 'zod';
import { defineJob } from '../contract';

/**
 * Every five minutes: purges rate-limit counters whose window has passed and monitor facts well
 * past their TTL. Quick and idempotent, so one try is enough; the next tick catches up.
 */
export const housekeepingPurge = defineJob({
  name: 'housekeeping.purge',
  cron: '*/5 * * * *',
  payload: z.object({ olderThan: z.iso.datetime().optional() }),
  queue: { retryLimit: 0, expireInSeconds: 120 },
});

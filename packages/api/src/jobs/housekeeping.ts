import { rateLimits } from '@proxy/db/schema';
import { lt } from 'drizzle-orm';
import { z } from 'zod';
import type { JobDefinition } from './types';

/**
 * Purges rate-limit counters whose window has passed. Scheduled every five minutes; idempotent
 * (deleting what is already gone changes nothing).
 */
export const purgeRateLimitsJob: JobDefinition<{ olderThan?: string }> = {
  name: 'housekeeping.purge-rate-limits',
  cron: '*/5 * * * *',
  payload: z.object({ olderThan: z.iso.datetime().optional() }),
  async handle({ db, now }, payload) {
    const cutoff = payload.olderThan ? new Date(payload.olderThan) : now();
    const deleted = await db
      .delete(rateLimits)
      .where(lt(rateLimits.expire, cutoff))
      .returning({ key: rateLimits.key });
    return { purged: deleted.length };
  },
};

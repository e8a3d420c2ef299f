import { facts, rateLimits } from '@proxy/db/schema';
import { lt } from 'drizzle-orm';
import { housekeepingPurge } from './definitions';
import { handleJob } from './handler';

/** Monitor facts are kept this long after they expire, for the evaluation log's links. */
export const FACT_RETENTION_MS = 24 * 60 * 60_000;

/**
 * Purges rate-limit counters whose window has passed, and monitor facts that expired more than a
 * day ago. Idempotent (deleting what is already gone changes nothing).
 */
export const housekeepingPurgeHandler = handleJob(housekeepingPurge, {
  async handle({ db, now }, payload) {
    const cutoff = payload.olderThan ? new Date(payload.olderThan) : now();
    const deleted = await db
      .delete(rateLimits)
      .where(lt(rateLimits.expire, cutoff))
      .returning({ key: rateLimits.key });
    const factsDeleted = await db
      .delete(facts)
      .where(lt(facts.expiresAt, new Date(cutoff.getTime() - FACT_RETENTION_MS)))
      .returning({ id: facts.id });
    return { purged: deleted.length, factsPurged: factsDeleted.length };
  },
});

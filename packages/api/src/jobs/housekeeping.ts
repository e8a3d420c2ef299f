import { accountTokens, events, facts, rateLimits } from '@proxy/db/schema';
import { and, isNotNull, lt, or } from 'drizzle-orm';
import { housekeepingPurge } from './definitions';
import { handleJob } from './handler';

/** Monitor facts are kept this long after they expire, for the evaluation log's links. */
export const FACT_RETENTION_MS = 24 * 60 * 60_000;

/**
 * Purges rate-limit counters whose window has passed, mailed account links that expired, monitor facts that expired more than a day
 * ago, and dispatched events older than their retention (EVENT_RETENTION_DAYS). Idempotent (deleting what is already gone changes nothing).
 */
const eventRetentionMs = (deps: { events: { retentionDays: number } }) =>
  deps.events.retentionDays * 24 * 60 * 60_000;

export const housekeepingPurgeHandler = handleJob(housekeepingPurge, {
  async handle(deps, payload) {
    const { db, now } = deps;
    const cutoff = payload.olderThan ? new Date(payload.olderThan) : now();
    const deleted = await db
      .delete(rateLimits)
      .where(lt(rateLimits.expire, cutoff))
      .returning({ key: rateLimits.key });
    const factsDeleted = await db
      .delete(facts)
      .where(lt(facts.expiresAt, new Date(cutoff.getTime() - FACT_RETENTION_MS)))
      .returning({ id: facts.id });
    // Dispatched events past their retention; an undispatched one stays until it is handled.
    const eventsDeleted = await db
      .delete(events)
      .where(
        and(
          isNotNull(events.dispatchedAt),
          lt(events.occurredAt, new Date(cutoff.getTime() - eventRetentionMs(deps))),
        ),
      )
      .returning({ id: events.id });
    // Mailed links past their expiry, and used ones a day after use (kept that long so a second
    // click can still be told "already used" rather than "not a link").
    const tokensDeleted = await db
      .delete(accountTokens)
      .where(
        or(
          lt(accountTokens.expiresAt, cutoff),
          lt(accountTokens.usedAt, new Date(cutoff.getTime() - 24 * 60 * 60_000)),
        ),
      )
      .returning({ id: accountTokens.id });
    return {
      purged: deleted.length,
      accountTokensPurged: tokensDeleted.length,
      factsPurged: factsDeleted.length,
      eventsPurged: eventsDeleted.length,
    };
  },
});

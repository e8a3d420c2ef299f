import { domainEventSchema, type StoredEvent } from '@proxy/core';
import { eventDeliveries, events } from '@proxy/db/schema';
import { and, asc, eq, isNull, lt } from 'drizzle-orm';
import type { AppDeps } from '../context';
import { type EventSubscriber, subscribes } from './subscriber';

export type DispatchResult =
  | { status: 'missing' }
  | { status: 'dispatched'; handled: string[]; skipped: string[] };

/** Thrown when some subscribers failed: the job is retried, and only they run again. */
export class SubscriberFailedError extends Error {
  override name = 'SubscriberFailedError';
  constructor(
    readonly eventId: string,
    readonly failures: { subscriber: string; error: string }[],
  ) {
    super(
      `event ${eventId}: ${failures.map((f) => `${f.subscriber} failed (${f.error})`).join('; ')}`,
    );
  }
}

/** Reads a stored event, validated against the event union. */
export async function loadEvent(
  deps: Pick<AppDeps, 'db'>,
  eventId: string,
): Promise<StoredEvent | null> {
  const [row] = await deps.db.select().from(events).where(eq(events.id, eventId));
  if (!row) return null;
  const parsed = domainEventSchema.parse({ type: row.type, version: row.version, data: row.data });
  return { ...parsed, id: row.id, userId: row.userId, occurredAt: row.occurredAt };
}

/**
 * Hands an event to each subscriber of its type, each in its own transaction that first claims
 * (event, subscriber): of two dispatches of one event, concurrent or not, one handles it and the
 * other finds the claim and skips. A subscriber's failure rolls back only its own work.
 */
export async function dispatchEvent(
  deps: AppDeps,
  eventId: string,
  subscribers: readonly EventSubscriber[],
): Promise<DispatchResult> {
  const event = await loadEvent(deps, eventId);
  if (!event) return { status: 'missing' };
  const handled: string[] = [];
  const skipped: string[] = [];
  const failures: { subscriber: string; error: string }[] = [];
  for (const subscriber of subscribers) {
    if (!subscribes(subscriber, event.type)) continue;
    try {
      const ran = await deps.db.transaction(async (tx) => {
        const [claim] = await tx
          .insert(eventDeliveries)
          .values({ eventId, subscriber: subscriber.name, handledAt: deps.now() })
          .onConflictDoNothing()
          .returning({ eventId: eventDeliveries.eventId });
        if (!claim) return false;
        await subscriber.handle({ ...deps, db: tx }, tx, event);
        return true;
      });
      (ran ? handled : skipped).push(subscriber.name);
    } catch (error) {
      failures.push({
        subscriber: subscriber.name,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  if (failures.length > 0) throw new SubscriberFailedError(eventId, failures);
  await deps.db
    .update(events)
    .set({ dispatchedAt: deps.now() })
    .where(and(eq(events.id, eventId), isNull(events.dispatchedAt)));
  return { status: 'dispatched', handled, skipped };
}

/** Events still undispatched a while after they happened: their job was lost or ran out. */
export async function undispatchedEvents(
  deps: Pick<AppDeps, 'db' | 'now'>,
  olderThanMs = 60_000,
  limit = 500,
): Promise<string[]> {
  const cutoff = new Date(deps.now().getTime() - olderThanMs);
  const rows = await deps.db
    .select({ id: events.id })
    .from(events)
    .where(and(isNull(events.dispatchedAt), lt(events.occurredAt, cutoff)))
    .orderBy(asc(events.occurredAt))
    .limit(limit);
  return rows.map((r) => r.id);
}

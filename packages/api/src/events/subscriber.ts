import { type DomainEventType, eventTypeMatches, type StoredEvent } from '@proxy/core';
import type { DbOrTx } from '@proxy/db';
import type { AppDeps } from '../context';

/**
 * Something that reacts to domain events: notifications now, XP, achievements and webhooks
 * later. `handle` runs inside a transaction that also records (event, subscriber) as handled, so
 * its writes happen once per event however often the dispatch runs. Work outside the database
 * (a mail, an HTTP call) is queued as a job in that transaction, never done inline.
 */
export interface EventSubscriber {
  /** Stable: it is part of the idempotency key. */
  readonly name: string;
  /** Event types or patterns (`task.*`). */
  readonly on: readonly string[];
  handle(deps: AppDeps, tx: DbOrTx, event: StoredEvent): Promise<void>;
}

export function subscribes(subscriber: EventSubscriber, type: DomainEventType): boolean {
  return subscriber.on.some((pattern) => eventTypeMatches(pattern, type));
}

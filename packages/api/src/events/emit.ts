import {
  type DomainEventType,
  domainEventSchema,
  EVENT_VERSIONS,
  type EventData,
} from '@proxy/core';
import type { DbOrTx } from '@proxy/db';
import { events } from '@proxy/db/schema';
import type { AppDeps } from '../context';
import { eventDispatch } from '../jobs/definitions/events';

export type EmitInput = {
  [T in DomainEventType]: {
    type: T;
    userId: string;
    data: EventData<T>;
    /** When it happened; the deps clock by default. */
    occurredAt?: Date;
  };
}[DomainEventType];

/**
 * Records a domain event in the caller's transaction, with the job that will dispatch it: both
 * exist exactly when the change they describe commits, and neither when it rolls back.
 */
export async function emit(
  deps: Pick<AppDeps, 'jobs' | 'now'>,
  tx: DbOrTx,
  input: EmitInput,
): Promise<string> {
  const event = domainEventSchema.parse({
    type: input.type,
    version: EVENT_VERSIONS[input.type],
    data: input.data,
  });
  const [row] = await tx
    .insert(events)
    .values({
      userId: input.userId,
      type: event.type,
      version: event.version,
      data: event.data,
      occurredAt: input.occurredAt ?? deps.now(),
    })
    .returning({ id: events.id });
  if (!row) throw new Error('the event was not stored');
  await deps.jobs.send(eventDispatch, { eventId: row.id }, { tx });
  return row.id;
}

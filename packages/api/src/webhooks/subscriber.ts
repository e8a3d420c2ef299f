import { webhookPayload } from '@proxy/core';
import type { EventSubscriber } from '../events/subscriber';
import { enqueueWebhookDeliveries } from './enqueue';

/**
 * Webhooks listen to every domain event and queue one delivery per endpoint that wants it. The
 * sending happens in the worker's `webhook.deliver` jobs, never here.
 */
export const webhooksSubscriber: EventSubscriber = {
  name: 'webhooks',
  on: ['*'],
  async handle(deps, tx, event) {
    await enqueueWebhookDeliveries(deps, tx, {
      userId: event.userId,
      eventId: event.id,
      cause: `event:${event.id}`,
      payload: webhookPayload({
        type: event.type,
        version: event.version,
        id: event.id,
        occurredAt: event.occurredAt,
        data: event.data as Record<string, unknown>,
      }),
    });
  },
};

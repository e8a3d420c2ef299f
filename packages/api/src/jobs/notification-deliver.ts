import { z } from 'zod';
import { deliverNotification, dueDeliveries } from '../notifications/deliver';
import {
  NOTIFICATION_DELIVER_JOB,
  type NotificationDeliverPayload,
  notificationDeliverPayloadSchema,
} from '../notifications/jobs';
import type { JobDefinition } from './types';

/**
 * Sends one delivery (a notification on one channel). A failed send throws, so the queue retries
 * it with backoff; the delivery row's claim keeps a retried or duplicated job from sending twice,
 * and after its last attempt the row is dead and the job completes.
 */
export const notificationDeliverJob: JobDefinition<NotificationDeliverPayload> = {
  name: NOTIFICATION_DELIVER_JOB,
  payload: notificationDeliverPayloadSchema,
  queue: {
    retryLimit: 5,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 120,
    deadLetter: 'notification-deliver-dead',
  },
  handle: (deps, { deliveryId }) => deliverNotification(deps, deliveryId),
};

/**
 * Every minute, the safety net: deliveries still pending or failed well past their due time with
 * no live claim (their job was lost) go back to the queue, or are sent inline without one.
 */
export const notificationSweepJob: JobDefinition<Record<string, never>> = {
  name: 'notification-sweep',
  cron: '* * * * *',
  payload: z.object({}).strict(),
  async handle(deps) {
    const ids = await dueDeliveries(deps);
    for (const deliveryId of ids) {
      if (deps.enqueue) await deps.enqueue(NOTIFICATION_DELIVER_JOB, { deliveryId });
      else await deliverNotification(deps, deliveryId).catch(() => undefined);
    }
    return { requeued: ids.length };
  },
};

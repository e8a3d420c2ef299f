import { deliverNotification, dueDeliveries } from '../notifications/deliver';
import { notificationDeliver, notificationSweep } from './definitions';
import { handleJob } from './handler';

/**
 * Sends one delivery. A failed send throws, so the queue retries it with backoff; the delivery
 * row's claim keeps a retried or duplicated job from sending twice, and after its last attempt
 * the row is dead and the job completes.
 */
export const notificationDeliverHandler = handleJob(notificationDeliver, {
  // Many mails at once over a pooled SMTP transport: the drain rate is the server's, not ours.
  work: { batchSize: 50, pollingIntervalSeconds: 0.5, localConcurrency: 2 },
  handle: (deps, { deliveryId }) => deliverNotification(deps, deliveryId),
});

/**
 * The safety net: deliveries still pending or failed well past their due time with no live
 * claim (their job was lost) go back to the queue.
 */
export const notificationSweepHandler = handleJob(notificationSweep, {
  async handle(deps) {
    const ids = await dueDeliveries(deps);
    for (const deliveryId of ids) await deps.jobs.send(notificationDeliver, { deliveryId });
    return { requeued: ids.length };
  },
});

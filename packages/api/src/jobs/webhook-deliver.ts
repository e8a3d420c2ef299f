import { deliverWebhook, dueWebhookDeliveries } from '../webhooks/deliver';
import { webhookDeliver, webhookSweep } from './definitions';
import { handleJob } from './handler';

/** One attempt of one delivery (see deliverWebhook). */
export const webhookDeliverHandler = handleJob(webhookDeliver, {
  // Attempts wait on other people's servers: many at once, so one slow receiver holds none back.
  work: { batchSize: 50, pollingIntervalSeconds: 0.5, localConcurrency: 2 },
  handle: (deps, { deliveryId, trigger }) => deliverWebhook(deps, deliveryId, trigger),
});

/** The safety net: deliveries due well past their time with no live claim go back to the queue. */
export const webhookSweepHandler = handleJob(webhookSweep, {
  async handle(deps) {
    const ids = await dueWebhookDeliveries(deps);
    for (const deliveryId of ids) {
      await deps.jobs.send(webhookDeliver, { deliveryId, trigger: 'schedule' });
    }
    return { requeued: ids.length };
  },
});

import { z } from 'zod';
import { deadLetterOf, defineJob } from '../contract';

const NOTIFICATION_DELIVER = 'notification.deliver';

/**
 * Sends one delivery (a notification on one external channel). The delivery row's claim keeps a
 * retried or duplicated job from sending twice; its own backoff and attempt count live on the
 * row, so the queue's retries only carry the job to the next attempt.
 */
export const notificationDeliver = defineJob({
  name: NOTIFICATION_DELIVER,
  payload: z.object({ deliveryId: z.uuid() }),
  queue: {
    retryLimit: 5,
    retryDelay: 30,
    retryBackoff: true,
    // A send can take a while (SMTP's socket timeout is 30 s): the heartbeat keeps a slow one
    // alive, and a killed worker's send is retried within 20 s.
    expireInSeconds: 20,
    deadLetter: deadLetterOf(NOTIFICATION_DELIVER),
  },
  heartbeatSeconds: 5,
});

/** Every minute: deliveries whose job was lost, and held ones whose quiet hours ended, go out. */
export const notificationSweep = defineJob({
  name: 'notification.sweep',
  cron: '* * * * *',
  payload: z.object({}).strict(),
  queue: { retryLimit: 0, expireInSeconds: 120 },
});

/** Every minute: digests whose time has come go out (one message per person and channel). */
export const notificationDigest = defineJob({
  name: 'notification.digest',
  cron: '* * * * *',
  payload: z.object({}).strict(),
  queue: { retryLimit: 1, expireInSeconds: 120 },
});

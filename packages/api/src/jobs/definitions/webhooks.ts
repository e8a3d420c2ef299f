import { WEBHOOK_ATTEMPT_TRIGGERS } from '@proxy/core';
import { z } from 'zod';
import { deadLetterOf, defineJob } from '../contract';

const WEBHOOK_DELIVER = 'webhook.deliver';

/**
 * One attempt of one webhook delivery. The schedule (5 s, 5 min, ... 24 h) lives on the delivery
 * row, which sends the next attempt's job itself; the queue's own retries only cover a crashed
 * worker. The row's claim keeps a doubled job from sending twice.
 */
export const webhookDeliver = defineJob({
  name: WEBHOOK_DELIVER,
  payload: z.object({
    deliveryId: z.uuid(),
    trigger: z.enum(WEBHOOK_ATTEMPT_TRIGGERS).default('schedule'),
  }),
  queue: {
    retryLimit: 3,
    retryDelay: 10,
    retryBackoff: true,
    // An attempt takes at most the 15 s timeout; the heartbeat keeps a slow one alive.
    expireInSeconds: 30,
    deadLetter: deadLetterOf(WEBHOOK_DELIVER),
  },
  heartbeatSeconds: 10,
});

/** Every minute: due deliveries whose job was lost go out again. */
export const webhookSweep = defineJob({
  name: 'webhook.sweep',
  cron: '* * * * *',
  payload: z.object({}).strict(),
  queue: { retryLimit: 0, expireInSeconds: 120 },
});

import { z } from 'zod';

/** The queue that sends one delivery (a notification on one channel). */
export const NOTIFICATION_DELIVER_JOB = 'notification-deliver';

export const notificationDeliverPayloadSchema = z.object({ deliveryId: z.uuid() });
export type NotificationDeliverPayload = z.infer<typeof notificationDeliverPayloadSchema>;

/** One notification per cause: the same evaluation can never tell twice. */
export const notificationDedupeKey = (cause: 'evaluation', id: string) => `${cause}:${id}`;
export const deliveryDedupeKey = (notificationKey: string, channel: 'in_app' | 'email') =>
  `${notificationKey}:${channel}`;

import type { DbOrTx } from '@proxy/db';
import { notificationDeliveries, notifications } from '@proxy/db/schema';

let counter = 0;

/**
 * Test fixture: a notification with an in-app delivery (sent, as the engine writes it) and,
 * when asked, an email delivery (pending), inserted directly.
 */
export async function insertNotification(
  db: DbOrTx,
  userId: string,
  options: {
    title?: string;
    body?: string;
    link?: string | null;
    email?: boolean;
    createdAt?: Date;
    readAt?: Date | null;
  } = {},
) {
  counter += 1;
  const key = `test:${counter}:${Math.random().toString(36).slice(2)}`;
  const [notification] = await db
    .insert(notifications)
    .values({
      userId,
      kind: 'monitor_triggered',
      title: options.title ?? `Bitcoin is above 100000 (${counter})`,
      body: options.body ?? 'Your monitor "Bitcoin price" fired: 101234 > 100000.',
      link:
        options.link === undefined
          ? '/monitors/00000000-0000-4000-8000-000000000001'
          : options.link,
      dedupeKey: key,
      ...(options.createdAt ? { createdAt: options.createdAt } : {}),
      ...(options.readAt ? { readAt: options.readAt } : {}),
    })
    .returning();
  const deliveries = await db
    .insert(notificationDeliveries)
    .values([
      {
        notificationId: notification!.id,
        userId,
        channel: 'in_app' as const,
        status: 'sent' as const,
        sentAt: notification!.createdAt,
        dedupeKey: `${key}:in_app`,
      },
      ...(options.email
        ? [
            {
              notificationId: notification!.id,
              userId,
              channel: 'email' as const,
              status: 'pending' as const,
              dedupeKey: `${key}:email`,
            },
          ]
        : []),
    ])
    .returning();
  return {
    notification: notification!,
    inApp: deliveries.find((d) => d.channel === 'in_app')!,
    email: deliveries.find((d) => d.channel === 'email'),
  };
}

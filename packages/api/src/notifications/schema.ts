import { z } from 'zod';

/** Input and output shapes of the `notifications` router (REST and tRPC take the same input). */

export const NOTIFICATION_LIST_LIMIT_MAX = 100;

export const listNotificationsInput = z.object({
  /** "true" or "false" (a query-string value, so REST and tRPC take the same input). */
  unreadOnly: z.stringbool().optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(NOTIFICATION_LIST_LIMIT_MAX).default(30),
});
export const NOTIFICATION_LIST_LIMIT_DEFAULT = 30;
export type ListNotificationsQuery = z.output<typeof listNotificationsInput>;

export const notificationKindSchema = z.enum([
  'monitor_triggered',
  'monitor_errors',
  'monitor_flapping',
  'monitor_recovered',
]);

export const deliverySummarySchema = z.object({
  channel: z.enum(['in_app', 'email']),
  status: z.enum(['pending', 'sent', 'failed', 'dead']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  sentAt: z.date().nullable(),
});

export const notificationSchema = z.object({
  id: z.uuid(),
  kind: notificationKindSchema,
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  monitorId: z.uuid().nullable(),
  readAt: z.date().nullable(),
  createdAt: z.date(),
  deliveries: z.array(deliverySummarySchema),
});
export type Notification = z.infer<typeof notificationSchema>;

export const notificationPageSchema = z.object({
  items: z.array(notificationSchema),
  nextCursor: z.string().nullable(),
});

export const notificationByIdInput = z.object({ id: z.uuid() });

import {
  deliveryChannelSchema,
  deliveryStatusSchema,
  notificationKindSchema,
  notificationPrioritySchema,
} from '@proxy/core';
import { z } from 'zod';

/** Input and output shapes of the `notifications` router (REST and tRPC take the same input). */

export const NOTIFICATION_LIST_LIMIT_MAX = 100;

export const listNotificationsInput = z.object({
  /** "true" or "false" (a query-string value, so REST and tRPC take the same input). */
  unreadOnly: z.stringbool().optional(),
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(NOTIFICATION_LIST_LIMIT_MAX).default(30),
});
export const NOTIFICATION_LIST_LIMIT_DEFAULT = 30;
export type ListNotificationsQuery = z.output<typeof listNotificationsInput>;

export const deliverySummarySchema = z.object({
  channel: deliveryChannelSchema,
  status: deliveryStatusSchema,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  /** When a pending, held or digest delivery is due. */
  nextAttemptAt: z.date().nullable(),
  sentAt: z.date().nullable(),
});

export const notificationSchema = z.object({
  id: z.uuid(),
  kind: notificationKindSchema,
  priority: notificationPrioritySchema,
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  /** What it is about: `{ type: 'monitor', id }`, an assignment, a task... */
  subject: z.object({ type: z.string(), id: z.uuid() }).nullable(),
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

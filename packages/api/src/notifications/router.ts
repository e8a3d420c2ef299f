import { externalChannelSchema } from '@proxy/core';
import { z } from 'zod';
import { createRouter, protectedProcedure } from '../trpc';
import {
  getPreferences,
  listPushDevices,
  preferencesSchema,
  pushDeviceSchema,
  subscribePush,
  subscribePushInput,
  unsubscribePush,
  unsubscribePushInput,
  updatePreferences,
  updatePreferencesInput,
} from './preferences';
import { listNotificationsInput, notificationByIdInput, notificationPageSchema } from './schema';
import {
  countUnread,
  listNotifications,
  markAllRead,
  markRead,
  sendTestNotification,
} from './service';

const tags = ['notifications'];

/** The in-app inbox: queries need the "read" scope, the marks need "write". */
export const notificationsRouter = createRouter({
  list: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/notifications',
        tags,
        summary: 'List notifications',
        description:
          "Newest first, each with its delivery state per channel. `unreadOnly=true` hides read ones; page with `cursor` = the previous page's `nextCursor`.",
      },
    })
    .input(listNotificationsInput.optional())
    .output(notificationPageSchema)
    .query(({ ctx, input }) => listNotifications(ctx, ctx.userId, input)),

  channels: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/notifications/channels',
        tags,
        summary: 'Which channels this server can deliver on',
        description:
          'The in-app inbox always; email only when the server has SMTP settings (SMTP_URL, MAIL_FROM); Web Push when it has VAPID keys (generated in embedded mode).',
      },
    })
    .input(z.object({}).optional())
    .output(z.object({ inApp: z.literal(true), email: z.boolean(), push: z.boolean() }))
    .query(({ ctx }) => ({
      inApp: true as const,
      email: Boolean(ctx.mailer),
      push: Boolean(ctx.push),
    })),

  preferences: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/notifications/preferences',
        tags,
        summary: 'Notification preferences',
        description:
          'Per kind and external channel (email, push, webhook): `instant`, `digest` or `off`, with the defaults; quiet hours and the digest rhythm in your timezone; which channels this server offers. The in-app inbox records everything.',
      },
    })
    .input(z.object({}).optional())
    .output(preferencesSchema)
    .query(({ ctx }) => getPreferences(ctx, ctx.userId)),

  updatePreferences: protectedProcedure
    .meta({
      openapi: {
        method: 'PATCH',
        path: '/notifications/preferences',
        tags,
        summary: 'Change notification preferences',
        description:
          'Any of: `modes` (kind, channel, mode), `quietHours` ({ enabled, start: "22:00", end: "07:00" }), `digest` ({ cadence: "hourly" | "daily", hour }). Answers the preferences as they are now.',
      },
    })
    .input(updatePreferencesInput)
    .output(preferencesSchema)
    .mutation(({ ctx, input }) => updatePreferences(ctx, ctx.userId, input)),

  sendTest: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/notifications/test',
        tags,
        summary: 'Send yourself a test notification',
        description:
          'On one channel (`email` or `push`), ignoring quiet hours and digests; it also lands in the inbox.',
      },
    })
    .input(z.object({ channel: externalChannelSchema }))
    .output(z.object({ notificationId: z.uuid(), channel: externalChannelSchema }))
    .mutation(({ ctx, input }) => sendTestNotification(ctx, ctx.userId, input.channel)),

  pushDevices: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/notifications/push/devices',
        tags,
        summary: 'Your devices subscribed to Web Push',
      },
    })
    .input(z.object({}).optional())
    .output(z.object({ items: z.array(pushDeviceSchema) }))
    .query(async ({ ctx }) => ({ items: await listPushDevices(ctx, ctx.userId) })),

  subscribePush: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/notifications/push/devices',
        tags,
        summary: 'Subscribe a browser to Web Push',
        description:
          "The browser's `PushSubscription.toJSON()` (`endpoint`, `keys.p256dh`, `keys.auth`) and a `label`. Subscribing an endpoint again updates it.",
      },
      created: { location: '/notifications/push/devices' },
    })
    .input(subscribePushInput)
    .output(pushDeviceSchema)
    .mutation(({ ctx, input }) => subscribePush(ctx, ctx.userId, input)),

  unsubscribePush: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/notifications/push/unsubscribe',
        tags,
        summary: 'Remove a device from Web Push',
        description: 'By its `id`, or by the `endpoint` the browser holds.',
      },
    })
    .input(unsubscribePushInput)
    .output(z.object({ removed: z.number().int() }))
    .mutation(({ ctx, input }) => unsubscribePush(ctx, ctx.userId, input)),

  unreadCount: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/notifications/unread-count',
        tags,
        summary: 'Count unread notifications',
      },
    })
    .input(z.object({}).optional())
    .output(z.object({ count: z.number().int() }))
    .query(({ ctx }) => countUnread(ctx, ctx.userId)),

  markRead: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/notifications/{id}/read',
        tags,
        summary: 'Mark a notification read',
        description: 'Idempotent: marking it again keeps the first read time.',
      },
    })
    .input(notificationByIdInput)
    .output(z.object({ id: z.uuid(), readAt: z.date() }))
    .mutation(({ ctx, input }) => markRead(ctx, ctx.userId, input.id)),

  markAllRead: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/notifications/read-all',
        tags,
        summary: 'Mark every notification read',
      },
    })
    .input(z.object({}).optional())
    .output(z.object({ count: z.number().int() }))
    .mutation(({ ctx }) => markAllRead(ctx, ctx.userId)),
});

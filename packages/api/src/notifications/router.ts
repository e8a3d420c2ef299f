import { z } from 'zod';
import { createRouter, protectedProcedure } from '../trpc';
import { listNotificationsInput, notificationByIdInput, notificationPageSchema } from './schema';
import { countUnread, listNotifications, markAllRead, markRead } from './service';

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
          'The in-app inbox always; email only when the server has SMTP settings (SMTP_URL, MAIL_FROM).',
      },
    })
    .input(z.object({}).optional())
    .output(z.object({ inApp: z.literal(true), email: z.boolean() }))
    .query(({ ctx }) => ({ inApp: true as const, email: Boolean(ctx.mailer) })),

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

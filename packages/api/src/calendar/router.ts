import { z } from 'zod';
import { createRouter, protectedProcedure } from '../trpc';
import {
  CALENDAR_REFRESH_SECONDS,
  calendarFeedInfo,
  regenerateCalendarFeed,
  revokeCalendarFeed,
} from './service';

const tags = ['calendar'];

const feedUrlSchema = z.url().describe('Subscribe to it from Google Calendar, Outlook or Apple');

export const calendarFeedSchema = z.object({
  url: feedUrlSchema.nullable(),
  createdAt: z.date().nullable(),
});

/** The private iCalendar feed: a secret URL to subscribe to; regenerating revokes the old one. */
export const calendarRouter = createRouter({
  get: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/calendar',
        tags,
        summary: 'Your private calendar feed URL; null until you make one',
        description: `Anyone with the URL can read the feed: your open tasks that have a due date and your planned focus blocks, in your timezone, from 30 days ago on. Calendars are asked to refresh it every ${CALENDAR_REFRESH_SECONDS / 60} minutes. POST /calendar makes a new URL; DELETE /calendar turns the feed off.`,
      },
    })
    .input(z.object({}).optional())
    .output(calendarFeedSchema)
    .query(({ ctx }) => calendarFeedInfo(ctx, ctx.userId)),

  regenerate: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/calendar',
        tags,
        summary: 'Make a new private feed URL (the old one stops working at once)',
      },
    })
    .input(z.object({}).optional())
    .output(z.object({ url: feedUrlSchema }))
    .mutation(({ ctx }) => regenerateCalendarFeed(ctx, ctx.userId)),

  revoke: protectedProcedure
    .meta({
      openapi: {
        method: 'DELETE',
        path: '/calendar',
        tags,
        summary: 'Turn the feed off (its URL stops working)',
      },
    })
    .input(z.object({}).optional())
    .output(z.object({ revoked: z.boolean() }))
    .mutation(({ ctx }) => revokeCalendarFeed(ctx, ctx.userId)),
});

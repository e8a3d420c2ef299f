import { eventTypePatternSchema } from '@proxy/core';
import { events } from '@proxy/db/schema';
import { and, desc, eq, like, lt, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { createRouter, protectedProcedure } from '../trpc';

const activityInput = z.object({
  /** An event type or a pattern such as `task.*`. */
  type: eventTypePatternSchema.optional(),
  /** The previous page's `nextCursor`. */
  cursor: z
    .string()
    .regex(/^\d{1,18}$/, 'Use the nextCursor of the previous page')
    .optional(),
  limit: z.number().int().min(1).max(100).default(30),
});

const activityItem = z.object({
  id: z.uuid(),
  type: z.string(),
  version: z.number().int(),
  data: z.record(z.string(), z.unknown()),
  occurredAt: z.date(),
});

/** The person's activity history: their domain events, newest first. */
export const activityRouter = createRouter({
  list: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/activity',
        tags: ['activity'],
        summary: 'Your activity',
        description:
          'What happened to your tasks, assignments and monitors, newest first: the same events webhooks and integrations see. Filter with `type` (`task.completed`, `task.*`); page with `cursor`.',
      },
    })
    .input(activityInput.optional())
    .output(z.object({ items: z.array(activityItem), nextCursor: z.string().nullable() }))
    .query(async ({ ctx, input }) => {
      const { type, cursor, limit } = activityInput.parse(input ?? {});
      const where: SQL[] = [eq(events.userId, ctx.userId)];
      if (type && type !== '*') {
        where.push(
          type.endsWith('.*') ? like(events.type, `${type.slice(0, -1)}%`) : eq(events.type, type),
        );
      }
      if (cursor) where.push(lt(events.seq, Number(cursor)));
      const rows = await ctx.db
        .select({
          id: events.id,
          type: events.type,
          version: events.version,
          data: events.data,
          occurredAt: events.occurredAt,
          seq: events.seq,
        })
        .from(events)
        .where(and(...where))
        .orderBy(desc(events.seq))
        .limit(limit + 1);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map(({ seq: _seq, ...r }) => ({
          ...r,
          data: r.data as Record<string, unknown>,
        })),
        nextCursor: rows.length > limit && last ? String(last.seq) : null,
      };
    }),
});

import { z } from 'zod';
import { adminProcedure, createRouter, protectedProcedure } from '../trpc';
import {
  deadLettersInput,
  deadLettersSchema,
  jobsOverview,
  jobsOverviewSchema,
  listDeadLetters,
} from './status';

const tags = ['jobs'];

/** The background queue: global counts for administrators, each person's own dead letters. */
export const jobsRouter = createRouter({
  overview: adminProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/jobs',
        tags,
        summary: 'Queue overview',
        description:
          'Per queue: jobs queued, due, active, retrying, failed, completed (last day), in the dead-letter queue, and the lag of the oldest due job in milliseconds. Counts cover every user, so only administrators (ADMIN_EMAILS; the first account of an embedded install) may read them; no payload is shown.',
      },
    })
    .input(z.object({}).optional())
    .output(jobsOverviewSchema)
    .query(({ ctx }) => jobsOverview(ctx)),

  deadLetters: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/jobs/dead-letters',
        tags,
        summary: 'Your dead-lettered jobs',
        description:
          "Jobs whose retries ran out, newest first: only those about the caller's own monitors or notification deliveries.",
      },
    })
    .input(deadLettersInput)
    .output(deadLettersSchema)
    .query(({ ctx, input }) => listDeadLetters(ctx, ctx.userId, input)),
});

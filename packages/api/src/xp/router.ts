import { XP_SOURCES, xpLedgerInput, xpLedgerPageSchema } from '@proxy/core';
import { z } from 'zod';
import { createRouter, protectedProcedure } from '../trpc';
import { verifyXp, xpLedger } from './service';

const tags = ['xp'];

const bySourceSchema = z.object(
  Object.fromEntries(XP_SOURCES.map((s) => [s, z.int()])) as Record<
    (typeof XP_SOURCES)[number],
    z.ZodInt
  >,
);

export const xpVerifySchema = z.object({
  ok: z.boolean(),
  stored: z.int(),
  recomputed: z.int(),
  difference: z.int(),
  awards: z.int(),
  bySource: bySourceSchema,
});

/** The XP ledger: every award a row, and the check that the total is their sum. */
export const xpRouter = createRouter({
  ledger: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/xp/ledger',
        tags,
        summary: 'Why did I get this XP? Awards, newest first',
        description: `Each award: its source (${XP_SOURCES.join(', ')}), the thing that earned it (sourceId), the base, the multiplier as a whole percentage (100 = ×1), the amount paid and the reason in words. One award per source: completing a task twice pays once. Page with nextCursor.`,
      },
    })
    .input(xpLedgerInput)
    .output(xpLedgerPageSchema)
    .query(({ ctx, input }) => xpLedger(ctx, ctx.userId, input)),

  verify: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/xp/verify',
        tags,
        summary: 'Check that your XP total is the sum of your ledger',
      },
    })
    .input(z.object({}).optional())
    .output(xpVerifySchema)
    .query(({ ctx }) => verifyXp(ctx, ctx.userId)),
});

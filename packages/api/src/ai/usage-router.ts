import {
  aiCallSchema,
  aiCallsInput,
  aiUsageInput,
  aiUsageSummarySchema,
  setAiBudgetInput,
} from '@proxy/core';
import { z } from 'zod';
import { createRouter, protectedProcedure } from '../trpc';
import { recentCalls, setBudget, usageSummary } from './usage-service';

const tags = ['ai'];

const budgetSchema = aiUsageSummarySchema.shape.budget;

/** AI spend and budget for the caller; never shows keys, base URLs or other people's use. */
export const aiUsageRouter = createRouter({
  usage: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/ai/usage',
        tags,
        summary: 'AI spend and budget',
        description:
          "Spend per day (in your timezone), per purpose and per provider over the last `days` days, this month's budget and what is left, and which providers are in rotation.",
      },
    })
    .input(aiUsageInput)
    .output(aiUsageSummarySchema)
    .query(({ ctx, input }) => usageSummary(ctx, ctx.userId, input)),

  calls: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/ai/calls',
        tags,
        summary: 'Recent AI attempts',
        description:
          'Every attempt (successful or not) with its provider, tokens, cost and outcome.',
      },
    })
    .input(aiCallsInput)
    .output(z.array(aiCallSchema))
    .query(({ ctx, input }) => recentCalls(ctx, ctx.userId, input)),

  setBudget: protectedProcedure
    .meta({
      openapi: {
        method: 'PUT',
        path: '/ai/budget',
        tags,
        summary: 'Set your monthly AI budget',
        description:
          'A cap in US dollars at or below the service default; `null` goes back to the default.',
      },
    })
    .input(setAiBudgetInput)
    .output(budgetSchema)
    .mutation(({ ctx, input }) => setBudget(ctx, ctx.userId, input)),
});

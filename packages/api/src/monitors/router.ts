import {
  compiledPlanSchema,
  compileMonitorInput,
  createMonitorInput,
  dryRunInput,
  dryRunResultSchema,
  evaluationPageSchema,
  evaluationSchema,
  evaluationsInput,
  historyInput,
  historySchema,
  monitorByIdInput,
  monitorSchema,
  updateMonitorInput,
} from '@proxy/core';
import { z } from 'zod';
import { createRouter, protectedProcedure } from '../trpc';
import {
  compileMonitorPlan,
  createMonitor,
  deleteMonitor,
  dryRunMonitor,
  evaluateMonitorNow,
  getMonitor,
  listEvaluations,
  listMonitors,
  monitorHistory,
  pauseMonitor,
  resumeMonitor,
  updateMonitor,
} from './service';

const tags = ['monitors'];

export const monitorsRouter = createRouter({
  compile: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/monitors/compile',
        tags,
        summary: 'Compile a prompt into a monitor plan',
        description:
          'Reads the condition with the rule parser when it can, else asks the AI router; sources come from `sources` or the URLs in the prompt. Stores nothing.',
      },
    })
    .input(compileMonitorInput)
    .output(compiledPlanSchema)
    .mutation(({ ctx, input }) => compileMonitorPlan(ctx, ctx.userId, input)),

  create: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/monitors',
        tags,
        summary: 'Create a monitor',
        description:
          'Without `plan`, the prompt is compiled; a given plan is validated and kept as written. Answers 201.',
        successDescription: 'Created',
      },
      created: { location: '/monitors/{id}' },
    })
    .input(createMonitorInput)
    .output(monitorSchema)
    .mutation(({ ctx, input }) => createMonitor(ctx, ctx.userId, input)),

  list: protectedProcedure
    .meta({ openapi: { method: 'GET', path: '/monitors', tags, summary: 'List monitors' } })
    .input(z.object({}).optional())
    .output(z.object({ items: z.array(monitorSchema) }))
    .query(({ ctx }) => listMonitors(ctx, ctx.userId)),

  get: protectedProcedure
    .meta({ openapi: { method: 'GET', path: '/monitors/{id}', tags, summary: 'Get a monitor' } })
    .input(monitorByIdInput)
    .output(monitorSchema)
    .query(({ ctx, input }) => getMonitor(ctx, ctx.userId, input.id)),

  update: protectedProcedure
    .meta({
      openapi: {
        method: 'PUT',
        path: '/monitors/{id}',
        tags,
        summary: 'Update a monitor',
        description:
          'A new prompt without a plan is recompiled; a changed plan resets the monitor state; a new interval reschedules it.',
      },
    })
    .input(updateMonitorInput)
    .output(monitorSchema)
    .mutation(({ ctx, input }) => updateMonitor(ctx, ctx.userId, input)),

  delete: protectedProcedure
    .meta({
      openapi: { method: 'DELETE', path: '/monitors/{id}', tags, summary: 'Delete a monitor' },
    })
    .input(monitorByIdInput)
    .output(z.object({ id: z.uuid() }))
    .mutation(({ ctx, input }) => deleteMonitor(ctx, ctx.userId, input.id)),

  pause: protectedProcedure
    .meta({
      openapi: { method: 'POST', path: '/monitors/{id}/pause', tags, summary: 'Pause a monitor' },
    })
    .input(monitorByIdInput)
    .output(monitorSchema)
    .mutation(({ ctx, input }) => pauseMonitor(ctx, ctx.userId, input.id)),

  resume: protectedProcedure
    .meta({
      openapi: { method: 'POST', path: '/monitors/{id}/resume', tags, summary: 'Resume a monitor' },
    })
    .input(monitorByIdInput)
    .output(monitorSchema)
    .mutation(({ ctx, input }) => resumeMonitor(ctx, ctx.userId, input.id)),

  evaluateNow: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/monitors/{id}/evaluate',
        tags,
        summary: 'Evaluate a monitor now',
        description:
          'Runs the plan once, stores the evaluation and notifies as a scheduled run would.',
      },
    })
    .input(monitorByIdInput)
    .output(evaluationSchema)
    .mutation(({ ctx, input }) => evaluateMonitorNow(ctx, ctx.userId, input.id)),

  dryRun: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/monitors/dry-run',
        tags,
        summary: 'Try a plan without storing an evaluation',
        description:
          'Give `id` (a monitor, with its state) or `plan`. Only the fetched facts are kept.',
      },
    })
    .input(dryRunInput)
    .output(dryRunResultSchema)
    .mutation(({ ctx, input }) => dryRunMonitor(ctx, ctx.userId, input)),

  evaluations: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/monitors/{id}/evaluations',
        tags,
        summary: "A monitor's evaluations",
        description: "Newest first; page with `cursor` = the previous page's `nextCursor`.",
      },
    })
    .input(evaluationsInput)
    .output(evaluationPageSchema)
    .query(({ ctx, input }) => listEvaluations(ctx, ctx.userId, input)),

  history: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/monitors/{id}/history',
        tags,
        summary: "A monitor's values over time",
        description:
          'The last `days` days (default 7, at most 90), at most 1000 points, oldest first.',
      },
    })
    .input(historyInput)
    .output(historySchema)
    .query(({ ctx, input }) => monitorHistory(ctx, ctx.userId, input)),
});

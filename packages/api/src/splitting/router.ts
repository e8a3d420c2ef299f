import {
  acceptSplitInput,
  acceptSplitOutput,
  complexitySchema,
  splitPreviewInput,
  splitPreviewSchema,
  taskByIdInput,
  taskSchema,
} from '@proxy/core';
import { z } from 'zod';
import { getTask } from '../tasks/service';
import { listSteps } from '../tasks/steps';
import { createRouter, protectedProcedure } from '../trpc';
import { acceptSplit, analyseTaskComplexity, previewSplit } from './service';

const tags = ['splitting'];

export const splittingRouter = createRouter({
  complexity: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/tasks/{id}/complexity',
        tags,
        summary: 'How complex a task is',
        description: 'A score from 1 to 5 with the factors behind it, and a suggested spiciness.',
      },
    })
    .input(taskByIdInput)
    .output(complexitySchema)
    .query(({ ctx, input }) => analyseTaskComplexity(ctx, ctx.userId, input.id)),

  preview: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/tasks/{id}/split/preview',
        tags,
        summary: 'Propose micro-steps for a task',
        description:
          'Steps of 2-15 minutes at `spiciness` 1-5 (more, smaller steps as it rises), from the AI provider when one is configured or the offline splitter, scaled by how long your finished steps really took. Nothing is saved: send the (edited) steps to `split/accept`.',
      },
    })
    .input(splitPreviewInput)
    .output(splitPreviewSchema)
    .mutation(({ ctx, input }) => previewSplit(ctx, ctx.userId, input)),

  accept: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/tasks/{id}/split/accept',
        tags,
        summary: 'Save steps as child tasks',
        description:
          'Creates one child task per step, in the given order, in one transaction. `replaceExisting` first removes the unfinished steps of an earlier split.',
      },
    })
    .input(acceptSplitInput)
    .output(acceptSplitOutput)
    .mutation(({ ctx, input }) => acceptSplit(ctx, ctx.userId, input)),

  steps: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/tasks/{id}/steps',
        tags,
        summary: "A task's steps, in order",
      },
    })
    .input(taskByIdInput)
    .output(z.array(taskSchema))
    .query(async ({ ctx, input }) => {
      await getTask(ctx, ctx.userId, input.id);
      return listSteps(ctx, ctx.userId, input.id);
    }),
});

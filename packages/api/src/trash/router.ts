import { purgedSchema, taskSchema, templateSchema, trashItemInput, trashSchema } from '@proxy/core';
import { z } from 'zod';
import { createRouter, protectedProcedure } from '../trpc';
import {
  emptyTrash,
  listTrash,
  purgeTask,
  purgeTemplate,
  restoreTask,
  restoreTemplate,
} from './service';

const tags = ['trash'];
const purgedOne = z.object({ id: z.uuid() });

export const trashRouter = createRouter({
  list: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/trash',
        tags,
        summary: 'What is in your trash: deleted tasks (with their steps) and templates',
        description:
          'Newest first. Each item has `purgeAt`: 30 days after it was deleted it is purged for good. A task counts the steps that went with it (`stepCount`).',
      },
    })
    .input(z.object({}))
    .output(trashSchema)
    .query(({ ctx }) => listTrash(ctx, ctx.userId)),

  restoreTask: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/trash/tasks/{id}/restore',
        tags,
        summary: 'Restore a deleted task with the steps that went with it',
      },
    })
    .input(trashItemInput)
    .output(taskSchema)
    .mutation(({ ctx, input }) => restoreTask(ctx, ctx.userId, input.id)),

  purgeTask: protectedProcedure
    .meta({
      openapi: {
        method: 'DELETE',
        path: '/trash/tasks/{id}',
        tags,
        summary: 'Delete a task in the trash for good, with its steps',
      },
    })
    .input(trashItemInput)
    .output(purgedOne)
    .mutation(({ ctx, input }) => purgeTask(ctx, ctx.userId, input.id)),

  restoreTemplate: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/trash/templates/{id}/restore',
        tags,
        summary: 'Restore a deleted template',
      },
    })
    .input(trashItemInput)
    .output(templateSchema)
    .mutation(({ ctx, input }) => restoreTemplate(ctx, ctx.userId, input.id)),

  purgeTemplate: protectedProcedure
    .meta({
      openapi: {
        method: 'DELETE',
        path: '/trash/templates/{id}',
        tags,
        summary: 'Delete a template in the trash for good',
      },
    })
    .input(trashItemInput)
    .output(purgedOne)
    .mutation(({ ctx, input }) => purgeTemplate(ctx, ctx.userId, input.id)),

  empty: protectedProcedure
    .meta({
      openapi: {
        method: 'DELETE',
        path: '/trash',
        tags,
        summary: 'Empty the trash: everything in it is deleted for good',
      },
    })
    .input(z.object({}))
    .output(purgedSchema)
    .mutation(({ ctx }) => emptyTrash(ctx, ctx.userId)),
});

import { dependenciesSchema, dependencyInput, dependencySchema, taskByIdInput } from '@proxy/core';
import { createRouter, protectedProcedure } from '../trpc';
import { addDependency, listDependencies, removeDependency } from './service';

const tags = ['tasks'];

export const dependenciesRouter = createRouter({
  list: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/tasks/{id}/dependencies',
        tags,
        summary: 'What a task waits on, and what waits on it',
      },
    })
    .input(taskByIdInput)
    .output(dependenciesSchema)
    .query(({ ctx, input }) => listDependencies(ctx, ctx.userId, input.id)),

  add: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/tasks/{id}/dependencies',
        tags,
        summary: 'Make a task wait on another',
      },
      created: { location: '/tasks/{id}/dependencies' },
    })
    .input(dependencyInput)
    .output(dependencySchema)
    .mutation(({ ctx, input }) => addDependency(ctx, ctx.userId, input)),

  remove: protectedProcedure
    .meta({
      openapi: {
        method: 'DELETE',
        path: '/tasks/{id}/dependencies/{dependsOnId}',
        tags,
        summary: 'Remove a dependency',
      },
    })
    .input(dependencyInput)
    .output(dependencySchema)
    .mutation(({ ctx, input }) => removeDependency(ctx, ctx.userId, input)),
});

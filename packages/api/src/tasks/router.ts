import {
  createTaskInput,
  listTasksInput,
  quickAddInput,
  taskByIdInput,
  taskPageSchema,
  taskSchema,
  updateTaskInput,
} from '@proxy/core';
import { z } from 'zod';
import { createRouter, protectedProcedure } from '../trpc';
import {
  countTasksByStatus,
  createTask,
  deleteTask,
  getTask,
  listTasks,
  quickAddTask,
  updateTask,
} from './service';

const tags = ['tasks'];

export const tasksRouter = createRouter({
  create: protectedProcedure
    .meta({
      openapi: { method: 'POST', path: '/tasks', tags, summary: 'Create a task' },
      created: { location: '/tasks/{id}' },
    })
    .input(createTaskInput)
    .output(taskSchema)
    .mutation(({ ctx, input }) => createTask(ctx, ctx.userId, input)),

  quickAdd: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/tasks/quick-add',
        tags,
        summary: 'Create a task from text as a person types it',
        description:
          'Reads `#tag`, `!high`/`!low`/`!urgent` or `p1`-`p4`, `~15m`/`~1h30m` estimates, and dates and times ("tomorrow 5pm", "next fri") in your timezone; the rest is the title. `ignoreDates` keeps date words in the title.',
      },
      created: { location: '/tasks/{id}' },
    })
    .input(quickAddInput)
    .output(taskSchema)
    .mutation(({ ctx, input }) => quickAddTask(ctx, ctx.userId, input)),

  list: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/tasks',
        tags,
        summary: 'List tasks',
        description:
          "Newest first. Filter by status, tag, due range and text; page with `cursor` = the previous page's `nextCursor`.",
      },
    })
    .input(listTasksInput)
    .output(taskPageSchema)
    .query(({ ctx, input }) => listTasks(ctx, ctx.userId, input)),

  get: protectedProcedure
    .meta({ openapi: { method: 'GET', path: '/tasks/{id}', tags, summary: 'Get a task' } })
    .input(taskByIdInput)
    .output(taskSchema)
    .query(({ ctx, input }) => getTask(ctx, ctx.userId, input.id)),

  update: protectedProcedure
    .meta({ openapi: { method: 'PATCH', path: '/tasks/{id}', tags, summary: 'Update a task' } })
    .input(updateTaskInput)
    .output(taskSchema)
    .mutation(({ ctx, input }) => updateTask(ctx, ctx.userId, input)),

  delete: protectedProcedure
    .meta({ openapi: { method: 'DELETE', path: '/tasks/{id}', tags, summary: 'Delete a task' } })
    .input(taskByIdInput)
    .output(z.object({ id: z.uuid() }))
    .mutation(({ ctx, input }) => deleteTask(ctx, ctx.userId, input.id)),

  counts: protectedProcedure
    .output(z.partialRecord(taskSchema.shape.status, z.number()))
    .query(({ ctx }) => countTasksByStatus(ctx, ctx.userId)),
});

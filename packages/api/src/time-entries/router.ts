import {
  addTimeEntryInput,
  listTimeEntriesInput,
  startTaskTimerInput,
  stopTaskTimerInput,
  timeEntryByIdInput,
} from '@proxy/core';
import { z } from 'zod';
import { taskTimeSchema, timeEntrySchema } from '../focus/views';
import { createRouter, protectedProcedure } from '../trpc';
import { addTimeEntry, deleteTimeEntry, startTaskTimer, stopTaskTimer, taskTime } from './service';

const tags = ['time tracking'];

export const timeEntriesRouter = createRouter({
  startTimer: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/tasks/{taskId}/timer',
        tags,
        summary: 'Start a timer on a task',
        description:
          'A timer running on another task is stopped first (and returned as `stopped`).',
      },
      created: { location: '/tasks/{taskId}/time-entries' },
    })
    .input(startTaskTimerInput)
    .output(z.object({ running: timeEntrySchema, stopped: timeEntrySchema.nullable() }))
    .mutation(({ ctx, input }) => startTaskTimer(ctx, ctx.userId, input.taskId)),

  stopTimer: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/time-entries/timer/stop',
        tags,
        summary: 'Stop the timer',
      },
    })
    .input(stopTaskTimerInput)
    .output(timeEntrySchema)
    .mutation(({ ctx }) => stopTaskTimer(ctx, ctx.userId)),

  add: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/tasks/{taskId}/time-entries',
        tags,
        summary: 'Add time spent on a task by hand',
      },
      created: { location: '/tasks/{taskId}/time-entries' },
    })
    .input(addTimeEntryInput)
    .output(timeEntrySchema)
    .mutation(({ ctx, input }) => addTimeEntry(ctx, ctx.userId, input)),

  forTask: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/tasks/{taskId}/time-entries',
        tags,
        summary: "A task's tracked time",
      },
    })
    .input(listTimeEntriesInput)
    .output(taskTimeSchema)
    .query(({ ctx, input }) => taskTime(ctx, ctx.userId, input.taskId)),

  delete: protectedProcedure
    .meta({
      openapi: {
        method: 'DELETE',
        path: '/time-entries/{id}',
        tags,
        summary: 'Delete a time entry',
      },
    })
    .input(timeEntryByIdInput)
    .output(z.object({ id: z.uuid() }))
    .mutation(({ ctx, input }) => deleteTimeEntry(ctx, ctx.userId, input.id)),
});

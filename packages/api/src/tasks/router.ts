import {
  addStepInput,
  createTaskInput,
  deletedSchema,
  deleteInput,
  listTasksInput,
  moveStepInput,
  quickAddInput,
  snoozeInput,
  taskByIdInput,
  taskPageSchema,
  taskSchema,
  todayInput,
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
import { addStep, moveStep } from './steps';
import { planForToday, snoozeTask, todayFor, unplanToday } from './today';

const tags = ['tasks'];

const todaySchema = z.object({
  date: z.string(),
  timeZone: z.string(),
  next: taskSchema.nullable(),
  today: z.array(taskSchema),
  earlier: z.array(taskSchema),
  fits: z.array(taskSchema).nullable(),
  suggestion: taskSchema.nullable(),
  /** The first open step of `next` (or of `suggestion`): the one small thing to do now. */
  nextStep: taskSchema.nullable(),
});

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
          "Newest first. Filter by status, tag, due range and text; `topLevel=true` leaves out steps (what the lists show). Each row carries `steps`: how many of its steps are done of how many. Page with `cursor` = the previous page's `nextCursor`.",
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
    .meta({
      openapi: {
        method: 'DELETE',
        path: '/tasks/{id}',
        tags,
        summary: 'Delete a task: to the trash, with its steps (restorable for 30 days)',
        description:
          'Moves the task and its steps to the trash: out of every list and search, restorable with `POST /trash/tasks/{id}/restore` until `purgeAt`, then purged. `permanent=true` deletes it for good at once.',
      },
    })
    .input(deleteInput)
    .output(deletedSchema)
    .mutation(({ ctx, input }) =>
      deleteTask(ctx, ctx.userId, input.id, { permanent: input.permanent }),
    ),

  today: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/today',
        tags,
        summary: 'Today: the next thing, today’s short list, and what is left from earlier',
        description:
          'In your timezone. On Today: started tasks, tasks picked for today and tasks due today. `earlier`: due or picked on an earlier day and not done, to carry over or let go. Give `minutes` and/or `energy` (low, medium, high) for "what can I do now?": `fits` is every open task that fits (unestimated counts as 15 minutes, unrated as medium energy) and `next` is its first. `nextStep` is the first open step of `next` (or of `suggestion`), for a task broken into steps.',
      },
    })
    .input(todayInput)
    .output(todaySchema)
    .query(({ ctx, input }) => todayFor(ctx, ctx.userId, input)),

  planToday: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/tasks/{id}/today',
        tags,
        summary: 'Pick a task for today (carries it over from an earlier day, wakes it if snoozed)',
      },
    })
    .input(taskByIdInput)
    .output(taskSchema)
    .mutation(({ ctx, input }) => planForToday(ctx, ctx.userId, input.id)),

  unplanToday: protectedProcedure
    .meta({
      openapi: {
        method: 'DELETE',
        path: '/tasks/{id}/today',
        tags,
        summary: 'Take a task off Today (without snoozing it)',
      },
    })
    .input(taskByIdInput)
    .output(taskSchema)
    .mutation(({ ctx, input }) => unplanToday(ctx, ctx.userId, input.id)),

  snooze: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/tasks/{id}/snooze',
        tags,
        summary: 'Not today: hide a task from Today until a later day (tomorrow by default)',
        description: '`until` is a day after today, YYYY-MM-DD, in your timezone.',
      },
    })
    .input(snoozeInput)
    .output(taskSchema)
    .mutation(({ ctx, input }) => snoozeTask(ctx, ctx.userId, input)),

  addStep: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/tasks/{id}/steps',
        tags,
        summary: 'Add a step to a task',
        description:
          'Last, or at `position` (0 first; the steps after it move down one). Steps are one level deep: a step cannot have steps of its own (400).',
      },
      created: { location: '/tasks/{id}' },
    })
    .input(addStepInput)
    .output(taskSchema)
    .mutation(({ ctx, input }) => addStep(ctx, ctx.userId, input)),

  moveStep: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/tasks/{id}/move',
        tags,
        summary: 'Move a step to a new place among its siblings',
        description:
          '`position` is 0 first; past the end means last. The siblings are renumbered 0..n-1 in the same transaction. Answers the steps in their new order.',
      },
    })
    .input(moveStepInput)
    .output(z.array(taskSchema))
    .mutation(({ ctx, input }) => moveStep(ctx, ctx.userId, input)),

  counts: protectedProcedure
    .output(z.partialRecord(taskSchema.shape.status, z.number()))
    .query(({ ctx }) => countTasksByStatus(ctx, ctx.userId)),
});

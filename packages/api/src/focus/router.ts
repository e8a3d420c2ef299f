import {
  energyCheckInInput,
  fixFocusLengthInput,
  focusAnalyticsInput,
  focusMoveRequest,
  focusSessionIdInput,
  planFocusBlockInput,
  startFocusInput,
} from '@proxy/core';
import { z } from 'zod';
import { createRouter, protectedProcedure } from '../trpc';
import { deletePlannedBlock, listPlannedBlocks, planFocusBlock } from './planned';
import {
  checkInFocus,
  currentFocus,
  fixFocusLength,
  focusAnalyticsFor,
  getFocusSession,
  listFocusSessions,
  moveFocus,
  startFocus,
} from './service';
import {
  focusAnalyticsSchema,
  focusSessionPageSchema,
  focusSessionSchema,
  listFocusSessionsInput,
  listPlannedBlocksInput,
  plannedBlockSchema,
} from './views';

const tags = ['focus'];

/** Focus sessions: thin procedures over the service; every one scoped to the caller. */
export const focusRouter = createRouter({
  start: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/focus/sessions',
        tags,
        summary: 'Start a focus session',
        description:
          'Settings by kind (pomodoro, deep_work, short_burst, flowtime, custom) with their bounds; optionally a task, the energy before (1-5) and the planned block it fulfils. 409 while another session is open (its id in `fieldErrors.runningSessionId`).',
      },
      created: { location: '/focus/sessions/{id}' },
    })
    .input(startFocusInput)
    .output(focusSessionSchema)
    .mutation(({ ctx, input }) => startFocus(ctx, ctx.userId, input)),

  current: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/focus/current',
        tags,
        summary: 'The open focus session, or null',
        description:
          'Count down to `state.blockEndsAt` (or up from `state.countUpFrom`), correcting your clock by `serverNow`.',
      },
    })
    .input(z.object({}).optional())
    .output(focusSessionSchema.nullable())
    .query(({ ctx }) => currentFocus(ctx, ctx.userId)),

  get: protectedProcedure
    .meta({
      openapi: { method: 'GET', path: '/focus/sessions/{id}', tags, summary: 'A focus session' },
    })
    .input(focusSessionIdInput)
    .output(focusSessionSchema)
    .query(({ ctx, input }) => getFocusSession(ctx, ctx.userId, input.id)),

  list: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/focus/sessions',
        tags,
        summary: 'Focus history, newest first',
      },
    })
    .input(listFocusSessionsInput)
    .output(focusSessionPageSchema)
    .query(({ ctx, input }) => listFocusSessions(ctx, ctx.userId, input)),

  move: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/focus/sessions/{id}/moves',
        tags,
        summary: 'Pause, resume, interrupt, extend, break, skip the break, stop or complete',
        description:
          'The server stamps the time. A move that cannot happen now (a pause while paused, anything after the end) is a 400 that says why, and changes nothing.',
      },
    })
    .input(focusMoveRequest)
    .output(focusSessionSchema)
    .mutation(({ ctx, input }) => moveFocus(ctx, ctx.userId, input)),

  checkIn: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/focus/sessions/{id}/check-ins',
        tags,
        summary: 'Energy before or after (1-5)',
      },
      created: { location: '/focus/sessions/{id}' },
    })
    .input(energyCheckInInput)
    .output(focusSessionSchema)
    .mutation(({ ctx, input }) => checkInFocus(ctx, ctx.userId, input)),

  fixLength: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/focus/sessions/{id}/length',
        tags,
        summary: "Fix an ended session's worked minutes",
      },
    })
    .input(fixFocusLengthInput)
    .output(focusSessionSchema)
    .mutation(({ ctx, input }) => fixFocusLength(ctx, ctx.userId, input)),

  analytics: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/focus/analytics',
        tags,
        summary: 'Focus analytics in your timezone',
        description:
          'Minutes per day and week, completion rate, average and median length, streaks, best hours (0-23) and energy before vs after.',
      },
    })
    .input(focusAnalyticsInput)
    .output(focusAnalyticsSchema)
    .query(({ ctx, input }) => focusAnalyticsFor(ctx, ctx.userId, input)),

  plan: protectedProcedure
    .meta({
      openapi: { method: 'POST', path: '/focus/planned', tags, summary: 'Plan a focus block' },
      created: { location: '/focus/planned' },
    })
    .input(planFocusBlockInput)
    .output(plannedBlockSchema)
    .mutation(({ ctx, input }) => planFocusBlock(ctx, ctx.userId, input)),

  planned: protectedProcedure
    .meta({
      openapi: { method: 'GET', path: '/focus/planned', tags, summary: 'Planned focus blocks' },
    })
    .input(listPlannedBlocksInput)
    .output(z.array(plannedBlockSchema))
    .query(({ ctx, input }) => listPlannedBlocks(ctx, ctx.userId, input)),

  unplan: protectedProcedure
    .meta({
      openapi: {
        method: 'DELETE',
        path: '/focus/planned/{id}',
        tags,
        summary: 'Remove a planned block',
      },
    })
    .input(z.object({ id: z.uuid({ error: 'Must be a planned block id (a UUID)' }) }))
    .output(z.object({ id: z.uuid() }))
    .mutation(({ ctx, input }) => deletePlannedBlock(ctx, ctx.userId, input.id)),
});

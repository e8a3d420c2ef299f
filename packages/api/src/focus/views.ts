import {
  FOCUS_CHECK_IN_MOMENTS,
  FOCUS_KINDS,
  FOCUS_MOVE_TYPES,
  FOCUS_OUTCOMES,
  FOCUS_PHASES,
  focusSettingsSchema,
  TIME_ENTRY_SOURCES,
} from '@proxy/core';
import { z } from 'zod';

/** What the API answers about focus: the read models, as zod schemas (outputs and OpenAPI). */

const blockType = z.enum(['work', 'short_break', 'long_break']);

const boundarySchema = z.object({
  type: z.enum(['work_end', 'break_end', 'hyperfocus']),
  at: z.date(),
  cycle: z.number().int(),
  key: z.string(),
});

export const focusStateSchema = z.object({
  phase: z.enum(FOCUS_PHASES),
  block: blockType.nullable(),
  cycle: z.number().int(),
  startedAt: z.date(),
  endedAt: z.date().nullable(),
  outcome: z.enum(FOCUS_OUTCOMES).nullable(),
  autoClosed: z.boolean(),
  blockStartedAt: z.date().nullable(),
  /** Count down to this instant (with `serverNow` to correct the client's clock). */
  blockEndsAt: z.date().nullable(),
  /** Count up from this instant (flowtime work, waiting after a break). */
  countUpFrom: z.date().nullable(),
  pausedAt: z.date().nullable(),
  timeLeftMs: z.number().nullable(),
  blockElapsedMs: z.number(),
  breakAfterMs: z.number().nullable(),
  workedMs: z.number(),
  pausedMs: z.number(),
  breakMs: z.number(),
  elapsedMs: z.number(),
  interruptions: z.array(
    z.object({
      at: z.date(),
      note: z.string(),
      cycle: z.number().int(),
      during: z.enum(['work', 'short_break', 'long_break', 'break_over']),
    }),
  ),
  blocks: z.array(
    z.object({
      type: blockType,
      cycle: z.number().int(),
      startedAt: z.date(),
      endedAt: z.date().nullable(),
      plannedMs: z.number().nullable(),
      activeMs: z.number(),
      pausedMs: z.number(),
      endedBy: z.enum(['time', 'move']).nullable(),
    }),
  ),
  next: boundarySchema.nullable(),
  hyperfocusNudgeAt: z.date().nullable(),
  allowedMoves: z.array(z.enum(FOCUS_MOVE_TYPES)),
  lastMoveAt: z.date(),
});

export const focusSessionSchema = z.object({
  id: z.uuid(),
  kind: z.enum(FOCUS_KINDS),
  settings: focusSettingsSchema,
  taskId: z.uuid().nullable(),
  taskTitle: z.string().nullable(),
  energyBefore: z.number().int().nullable(),
  energyAfter: z.number().int().nullable(),
  /** The length the person fixed afterwards, if any. */
  fixedMinutes: z.number().int().nullable(),
  /** Worked minutes as analytics count them: the fixed length, else the work time. */
  focusedMinutes: z.number(),
  /** Bumped by every move. */
  version: z.number().int(),
  /** The server's clock when this was read: a client counts with the difference to its own. */
  serverNow: z.date(),
  state: focusStateSchema,
  moves: z.array(
    z.object({
      type: z.enum(FOCUS_MOVE_TYPES),
      at: z.date(),
      note: z.string().nullish(),
      minutes: z.number().int().nullish(),
      auto: z.boolean().nullish(),
    }),
  ),
});
export type FocusSessionView = z.infer<typeof focusSessionSchema>;

export const focusSessionListItemSchema = z.object({
  id: z.uuid(),
  kind: z.enum(FOCUS_KINDS),
  taskId: z.uuid().nullable(),
  taskTitle: z.string().nullable(),
  startedAt: z.date(),
  endedAt: z.date().nullable(),
  outcome: z.enum(FOCUS_OUTCOMES).nullable(),
  autoClosed: z.boolean(),
  focusedMinutes: z.number(),
  fixedMinutes: z.number().int().nullable(),
  workBlocks: z.number().int(),
  interruptions: z.number().int(),
  energyBefore: z.number().int().nullable(),
  energyAfter: z.number().int().nullable(),
});

export const focusSessionPageSchema = z.object({
  items: z.array(focusSessionListItemSchema),
  nextCursor: z.string().nullable(),
});

export const listFocusSessionsInput = z.object({
  limit: z.number().int().min(1).max(100).default(20),
  /** The previous page's `nextCursor`. */
  cursor: z.string().max(200).optional(),
});

export const checkInMomentSchema = z.enum(FOCUS_CHECK_IN_MOMENTS);

export const plannedBlockSchema = z.object({
  id: z.uuid(),
  taskId: z.uuid().nullable(),
  title: z.string().nullable(),
  startsAt: z.date(),
  endsAt: z.date(),
  durationMinutes: z.number().int(),
  settings: focusSettingsSchema,
  sessionId: z.uuid().nullable(),
});

export const listPlannedBlocksInput = z.object({
  from: z.iso.datetime({ offset: true, error: 'from must be an ISO date-time' }).optional(),
  to: z.iso.datetime({ offset: true, error: 'to must be an ISO date-time' }).optional(),
});

export const timeEntrySchema = z.object({
  id: z.uuid(),
  taskId: z.uuid(),
  source: z.enum(TIME_ENTRY_SOURCES),
  startedAt: z.date(),
  endedAt: z.date().nullable(),
  minutes: z.number().int(),
  note: z.string(),
  focusSessionId: z.uuid().nullable(),
});

export const taskTimeSchema = z.object({
  taskId: z.uuid(),
  totalMinutes: z.number().int(),
  running: timeEntrySchema.nullable(),
  entries: z.array(timeEntrySchema),
});

const analyticsSchema = z.object({
  timeZone: z.string(),
  from: z.string(),
  to: z.string(),
  totals: z.object({
    sessions: z.number(),
    ended: z.number(),
    completed: z.number(),
    completionRate: z.number().nullable(),
    focusedMinutes: z.number(),
    averageMinutes: z.number().nullable(),
    medianMinutes: z.number().nullable(),
  }),
  days: z.array(z.object({ date: z.string(), minutes: z.number(), sessions: z.number() })),
  weeks: z.array(z.object({ weekStart: z.string(), minutes: z.number(), sessions: z.number() })),
  streak: z.object({
    current: z.number(),
    best: z.number(),
    bestEndedOn: z.string().nullable(),
    today: z.boolean(),
  }),
  bestHours: z.array(z.object({ hour: z.number(), minutes: z.number() })),
  energy: z.object({
    checkIns: z.number(),
    averageBefore: z.number().nullable(),
    averageAfter: z.number().nullable(),
    averageChange: z.number().nullable(),
    better: z.number(),
    same: z.number(),
    worse: z.number(),
  }),
  byKind: z.array(
    z.object({
      kind: z.enum(FOCUS_KINDS),
      sessions: z.number(),
      minutes: z.number(),
      completionRate: z.number().nullable(),
    }),
  ),
});
export const focusAnalyticsSchema = analyticsSchema;

import { z } from 'zod';
import { isoDateTimeSchema, taskIdSchema } from '../tasks/schema';
import { focusSettingsSchema } from './kinds';
import { energyCheckInSchema, focusMoveInput } from './moves';

/**
 * What the API accepts for focus. Every duration is bounded here (and in the settings), so a
 * negative or absurd length is a 400 that names the field, never a stored session.
 */

export const focusSessionIdSchema = z.uuid({ error: 'Must be a focus session id (a UUID)' });
export const focusSessionIdInput = z.object({ id: focusSessionIdSchema });

export const startFocusInput = z.object({
  settings: focusSettingsSchema,
  /** With a task or without one. */
  taskId: taskIdSchema.nullish(),
  energyBefore: energyCheckInSchema.nullish(),
  /** Starting a planned block turns it into this session. */
  plannedBlockId: z.uuid({ error: 'Must be a planned block id (a UUID)' }).nullish(),
});
export type StartFocusInput = z.input<typeof startFocusInput>;

export const focusMoveRequest = z.object({ id: focusSessionIdSchema, move: focusMoveInput });
export type FocusMoveRequest = z.input<typeof focusMoveRequest>;

export const FOCUS_CHECK_IN_MOMENTS = ['before', 'after'] as const;
export const energyCheckInInput = z.object({
  id: focusSessionIdSchema,
  moment: z.enum(FOCUS_CHECK_IN_MOMENTS, { error: 'A check-in is "before" or "after"' }),
  energy: energyCheckInSchema,
});

/** A day holds at most 24 hours of focus, whatever a closed session recorded. */
export const FIXED_LENGTH_MAX_MINUTES = 24 * 60;
export const fixFocusLengthInput = z.object({
  id: focusSessionIdSchema,
  workedMinutes: z
    .number({ error: 'Give the minutes you worked' })
    .int('Give whole minutes')
    .min(0, `Worked minutes are 0 to ${FIXED_LENGTH_MAX_MINUTES}`)
    .max(FIXED_LENGTH_MAX_MINUTES, `Worked minutes are 0 to ${FIXED_LENGTH_MAX_MINUTES}`),
});

export const PLANNED_BLOCK_MAX_MINUTES = 12 * 60;
export const PLANNED_TITLE_MAX = 200;
export const planFocusBlockInput = z.object({
  startsAt: isoDateTimeSchema,
  /** Omitted: the settings' own length (see plannedFocusMinutes). */
  durationMinutes: z
    .number({ error: 'Give the length in minutes' })
    .int('Give whole minutes')
    .min(5, `A planned block is 5 to ${PLANNED_BLOCK_MAX_MINUTES} minutes`)
    .max(PLANNED_BLOCK_MAX_MINUTES, `A planned block is 5 to ${PLANNED_BLOCK_MAX_MINUTES} minutes`)
    .nullish(),
  settings: focusSettingsSchema,
  taskId: taskIdSchema.nullish(),
  title: z
    .string()
    .trim()
    .max(PLANNED_TITLE_MAX, `A title can be at most ${PLANNED_TITLE_MAX} characters`)
    .nullish(),
});
export type PlanFocusBlockInput = z.input<typeof planFocusBlockInput>;

/** A calendar day in the person's timezone. */
export const localDateSchema = z.iso.date({ error: 'Must be a date, e.g. 2026-11-21' });

export const focusAnalyticsInput = z.object({
  /** First day of the daily and weekly series; omitted: the first day with a session. */
  from: localDateSchema.optional(),
  /** 0 = Sunday ... 6 = Saturday; weeks start on Monday unless said otherwise. */
  weekStartsOn: z
    .number()
    .int()
    .min(0, 'weekStartsOn is 0 (Sunday) to 6 (Saturday)')
    .max(6, 'weekStartsOn is 0 (Sunday) to 6 (Saturday)')
    .optional(),
});
export type FocusAnalyticsInput = z.input<typeof focusAnalyticsInput>;

import { z } from 'zod';
import { isoDateTimeSchema, taskIdSchema } from '../tasks/schema';

/**
 * Time tracked on a task: a running timer (started, not yet stopped), a finished timer, a manual
 * entry ("I spent 40 minutes on it yesterday"), or the work of a focus session on the task. Minutes
 * are what a person would say; the entry's start and end say when.
 */
export const TIME_ENTRY_SOURCES = ['timer', 'manual', 'focus'] as const;
export type TimeEntrySource = (typeof TIME_ENTRY_SOURCES)[number];

/** One entry is at most a day: a longer one is a timer left running, and is capped at this. */
export const TIME_ENTRY_MAX_MINUTES = 24 * 60;
export const TIME_ENTRY_NOTE_MAX = 500;

export const timeEntryIdSchema = z.uuid({ error: 'Must be a time entry id (a UUID)' });

export const startTaskTimerInput = z.object({ taskId: taskIdSchema });
export const stopTaskTimerInput = z.object({});

const minutesMessage = `A time entry is 1 to ${TIME_ENTRY_MAX_MINUTES} minutes`;
export const addTimeEntryInput = z.object({
  taskId: taskIdSchema,
  minutes: z
    .number({ error: 'Give the minutes spent' })
    .int('Give whole minutes')
    .min(1, minutesMessage)
    .max(TIME_ENTRY_MAX_MINUTES, minutesMessage),
  /** When the work ended; omitted: now. */
  endedAt: isoDateTimeSchema.nullish(),
  note: z
    .string()
    .trim()
    .max(TIME_ENTRY_NOTE_MAX, `A note can be at most ${TIME_ENTRY_NOTE_MAX} characters`)
    .default(''),
});
export type AddTimeEntryInput = z.input<typeof addTimeEntryInput>;

export const listTimeEntriesInput = z.object({ taskId: taskIdSchema });
export const timeEntryByIdInput = z.object({ id: timeEntryIdSchema });

/** Whole minutes a timer ran, capped at a day (a forgotten timer is not a day's work). */
export function timerMinutes(startedAt: Date, endedAt: Date): number {
  const ms = Math.max(0, endedAt.getTime() - startedAt.getTime());
  return Math.min(TIME_ENTRY_MAX_MINUTES, Math.round(ms / 60_000));
}

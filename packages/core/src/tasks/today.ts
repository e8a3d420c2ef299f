import { z } from 'zod';
import { DomainError } from '../errors';
import { zonedDayKey, zonedToInstant } from '../time/zoned';
import { ENERGY_LEVELS, energySchema, type TaskPriority } from './schema';

export type EnergyLevel = (typeof ENERGY_LEVELS)[number];

/**
 * Today: what a person is doing today, computed from their open tasks, their timezone and now.
 * A task is on Today when it is started, picked for today, or due today (in the person's day).
 * What was due or picked on an earlier day and is not done is "from earlier": offered to carry
 * over, never marked as failed. A snoozed task ("not today") stays out of everything until its
 * day comes. "What can I do now?" narrows every open task to what fits the minutes and the
 * energy the person has right now.
 */

export interface TodayTask {
  id: string;
  status: string;
  priority: TaskPriority;
  dueAt: Date | null;
  estimateMinutes: number | null;
  energy: EnergyLevel | null;
  parentId: string | null;
  /** The local day (YYYY-MM-DD) the person picked it for. */
  plannedOn: string | null;
  snoozedUntil: Date | null;
  createdAt: Date;
}

export const TODAY_MINUTES_MAX = 24 * 60;
/** What an unestimated task is taken to need, for "what can I do now?". */
export const UNKNOWN_ESTIMATE_MINUTES = 15;
/** An unrated task is taken as medium energy. */
export const UNKNOWN_ENERGY: EnergyLevel = 'medium';

export const todayInput = z.object({
  /** Minutes available now: only tasks that fit. */
  minutes: z
    .number({ error: 'Minutes must be a number' })
    .int('Minutes must be a whole number')
    .min(1, 'At least 1 minute')
    .max(TODAY_MINUTES_MAX, 'At most a day')
    .optional(),
  /** Energy now: only tasks that need no more than this. */
  energy: energySchema.optional(),
});
export type TodayInput = z.input<typeof todayInput>;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** "Not today": snooze until a day (YYYY-MM-DD, after today) or, by default, tomorrow. */
export const snoozeInput = z.object({
  id: z.uuid('That task id is not valid'),
  until: z
    .string()
    .regex(ISO_DAY, 'Give the day as YYYY-MM-DD')
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'That day does not exist')
    .optional(),
});
export type SnoozeInput = z.input<typeof snoozeInput>;

const PRIORITY_RANK: Record<TaskPriority, number> = { urgent: 0, high: 1, medium: 2, low: 3 };
const energyRank = (e: EnergyLevel | null) => ENERGY_LEVELS.indexOf(e ?? UNKNOWN_ENERGY);

export function isOpen(task: Pick<TodayTask, 'status'>): boolean {
  return task.status !== 'done' && task.status !== 'archived';
}

export function isSnoozed(task: Pick<TodayTask, 'snoozedUntil'>, now: Date): boolean {
  return task.snoozedUntil !== null && task.snoozedUntil.getTime() > now.getTime();
}

/** Started first, then by priority, then the earliest due, then the oldest. */
export function compareForToday(a: TodayTask, b: TodayTask): number {
  const started = Number(b.status === 'in_progress') - Number(a.status === 'in_progress');
  if (started !== 0) return started;
  const priority = PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority];
  if (priority !== 0) return priority;
  const due = (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity);
  if (due !== 0 && !Number.isNaN(due)) return due;
  return a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id);
}

export interface TodayPlan<T extends TodayTask> {
  /** The person's day, YYYY-MM-DD. */
  date: string;
  /** The one thing to do next: the first that fits now, or the first of today. */
  next: T | null;
  today: T[];
  /** Due or picked on an earlier day, not done: to carry over or let go, gently. */
  earlier: T[];
  /** With minutes or energy: every open task that fits now, today's first. Null without. */
  fits: T[] | null;
  /** When Today is empty: a good first pick from everything else. */
  suggestion: T | null;
}

export function fitsNow(task: TodayTask, input: { minutes?: number; energy?: EnergyLevel }) {
  if (input.minutes !== undefined) {
    if ((task.estimateMinutes ?? UNKNOWN_ESTIMATE_MINUTES) > input.minutes) return false;
  }
  if (input.energy !== undefined && energyRank(task.energy) > ENERGY_LEVELS.indexOf(input.energy)) {
    return false;
  }
  return true;
}

export function planToday<T extends TodayTask>(
  tasks: readonly T[],
  options: { now: Date; timeZone: string; minutes?: number; energy?: EnergyLevel },
): TodayPlan<T> {
  const date = zonedDayKey(options.now, options.timeZone);
  const open = tasks.filter((t) => t.parentId === null && isOpen(t) && !isSnoozed(t, options.now));
  const today: T[] = [];
  const earlier: T[] = [];
  const rest: T[] = [];
  for (const t of open) {
    const due = t.dueAt ? zonedDayKey(t.dueAt, options.timeZone) : null;
    if (t.status === 'in_progress' || t.plannedOn === date || due === date) today.push(t);
    else if ((due !== null && due < date) || (t.plannedOn !== null && t.plannedOn < date)) {
      earlier.push(t);
    } else rest.push(t);
  }
  today.sort(compareForToday);
  earlier.sort(compareForToday);
  rest.sort(compareForToday);
  const filtering = options.minutes !== undefined || options.energy !== undefined;
  const fits = filtering
    ? [...today, ...earlier, ...rest].filter((t) => fitsNow(t, options))
    : null;
  return {
    date,
    next: fits ? (fits[0] ?? null) : (today[0] ?? null),
    today,
    earlier,
    fits,
    suggestion: today.length === 0 ? (earlier[0] ?? rest[0] ?? null) : null,
  };
}

/** The instant a snooze ends: the start of `until` (or of tomorrow) in the person's day. */
export function snoozeUntil(
  input: { until?: string },
  now: Date,
  timeZone: string,
): { day: string; at: Date } {
  const today = zonedDayKey(now, timeZone);
  let day = input.until;
  if (!day) {
    const [y, m, d] = today.split('-').map(Number) as [number, number, number];
    const t = new Date(Date.UTC(y, m - 1, d + 1));
    day = t.toISOString().slice(0, 10);
  }
  if (day <= today) {
    const message = 'Pick a day after today';
    throw new DomainError('BAD_REQUEST', message, { fieldErrors: { until: [message] } });
  }
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return { day, at: zonedToInstant({ year: y, month: m, day: d }, timeZone) };
}

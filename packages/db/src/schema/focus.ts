import {
  FOCUS_CHECK_IN_MOMENTS,
  FOCUS_KINDS,
  FOCUS_MOVE_TYPES,
  FOCUS_OUTCOMES,
  type FocusSettings,
  TIME_ENTRY_SOURCES,
} from '@proxy/core';
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { tasks } from './tasks';
import { users } from './users';

export const focusKind = pgEnum('focus_kind', FOCUS_KINDS);
export const focusMoveType = pgEnum('focus_move_type', FOCUS_MOVE_TYPES);
export const focusOutcome = pgEnum('focus_outcome', FOCUS_OUTCOMES);
export const focusCheckInMoment = pgEnum('focus_check_in_moment', FOCUS_CHECK_IN_MOMENTS);
export const timeEntrySource = pgEnum('time_entry_source', TIME_ENTRY_SOURCES);

// Millisecond precision everywhere a move's time lands: the engine compares instants exactly.
const ms = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/**
 * A focus session: its settings and (in `focus_moves`) its moves. Everything a timer shows is
 * computed from those and the clock; the totals here are written when the session closes, so
 * lists and analytics read rows instead of replaying moves.
 */
export const focusSessions = pgTable(
  'focus_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Deleting the task keeps the session (its time still happened). */
    taskId: uuid('task_id').references(() => tasks.id, { onDelete: 'set null' }),
    kind: focusKind('kind').notNull(),
    settings: jsonb('settings').$type<FocusSettings>().notNull(),
    startedAt: ms('started_at').notNull(),
    lastMoveAt: ms('last_move_at').notNull(),
    /** Null while open. One open session per person (the partial unique index below). */
    outcome: focusOutcome('outcome'),
    endedAt: ms('ended_at'),
    autoClosed: boolean('auto_closed').notNull().default(false),
    /** Totals at the close (milliseconds, exact). */
    workedMs: integer('worked_ms').notNull().default(0),
    pausedMs: integer('paused_ms').notNull().default(0),
    breakMs: integer('break_ms').notNull().default(0),
    workBlocks: integer('work_blocks').notNull().default(0),
    interruptions: integer('interruptions').notNull().default(0),
    /** The length the person fixed afterwards; it wins over workedMs everywhere. */
    fixedMinutes: integer('fixed_minutes'),
    /** Bumped by every move: a cheap "has anything changed" for clients and jobs. */
    version: integer('version').notNull().default(1),
    createdAt: ms('created_at').notNull().defaultNow(),
    updatedAt: ms('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('focus_sessions_one_open_per_user').on(t.userId).where(sql`${t.outcome} is null`),
    index('focus_sessions_user_started_idx').on(t.userId, t.startedAt.desc()),
    index('focus_sessions_task_idx').on(t.taskId),
    check(
      'focus_sessions_fixed_minutes_range',
      sql`${t.fixedMinutes} is null or ${t.fixedMinutes} between 0 and 1440`,
    ),
  ],
);

/** A session's moves in order; `seq` is the position (0 = the start). */
export const focusMoves = pgTable(
  'focus_moves',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => focusSessions.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    type: focusMoveType('type').notNull(),
    at: ms('at').notNull(),
    /** An interruption's note. */
    note: text('note'),
    /** An extension's minutes. */
    minutes: integer('minutes'),
    /** A completion the worker made (the plan ran to its end). */
    auto: boolean('auto'),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.seq] })],
);

/** Energy (1-5) before and after a session. */
export const focusEnergyCheckIns = pgTable(
  'focus_energy_check_ins',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => focusSessions.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    moment: focusCheckInMoment('moment').notNull(),
    energy: smallint('energy').notNull(),
    at: ms('at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.moment] }),
    index('focus_energy_check_ins_user_idx').on(t.userId),
    check('focus_energy_check_ins_range', sql`${t.energy} between 1 and 5`),
  ],
);

/** A block of focus planned for a time (the calendar feed shows these). */
export const focusPlannedBlocks = pgTable(
  'focus_planned_blocks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    taskId: uuid('task_id').references(() => tasks.id, { onDelete: 'set null' }),
    title: text('title'),
    startsAt: ms('starts_at').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    settings: jsonb('settings').$type<FocusSettings>().notNull(),
    /** The session it became, once started. */
    sessionId: uuid('session_id').references(() => focusSessions.id, { onDelete: 'set null' }),
    createdAt: ms('created_at').notNull().defaultNow(),
  },
  (t) => [index('focus_planned_blocks_user_starts_idx').on(t.userId, t.startsAt)],
);

/**
 * Time tracked on a task. A running timer has no end (one per person); a focus session on a task
 * writes one entry when it closes (unique per session, so a retried close writes it once).
 */
export const taskTimeEntries = pgTable(
  'task_time_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    source: timeEntrySource('source').notNull(),
    startedAt: ms('started_at').notNull(),
    endedAt: ms('ended_at'),
    /** Whole minutes; 0 while a timer runs. */
    minutes: integer('minutes').notNull().default(0),
    note: text('note').notNull().default(''),
    focusSessionId: uuid('focus_session_id').references(() => focusSessions.id, {
      onDelete: 'cascade',
    }),
    createdAt: ms('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('task_time_entries_task_idx').on(t.taskId, t.startedAt),
    uniqueIndex('task_time_entries_one_timer_per_user')
      .on(t.userId)
      .where(sql`${t.endedAt} is null`),
    uniqueIndex('task_time_entries_focus_session').on(t.focusSessionId),
    check('task_time_entries_minutes_range', sql`${t.minutes} between 0 and 1440`),
  ],
);

export type FocusSessionRow = typeof focusSessions.$inferSelect;
export type FocusMoveRow = typeof focusMoves.$inferSelect;
export type TaskTimeEntryRow = typeof taskTimeEntries.$inferSelect;

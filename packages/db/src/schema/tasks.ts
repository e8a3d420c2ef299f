import { DELEGATION_MODES, ENERGY_LEVELS, TASK_PRIORITIES, TASK_STATUSES } from '@proxy/core';
import {
  type AnyPgColumn,
  boolean,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './users';

// The enumerations' one source is core: the database types are built from its tuples.
export const taskStatus = pgEnum('task_status', TASK_STATUSES);
export const taskPriority = pgEnum('task_priority', TASK_PRIORITIES);
export const energyLevel = pgEnum('energy_level', ENERGY_LEVELS);
export const delegationMode = pgEnum('delegation_mode', DELEGATION_MODES);

export const tasks = pgTable(
  'tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    notes: text('notes').notNull().default(''),
    status: taskStatus('status').notNull().default('inbox'),
    priority: taskPriority('priority').notNull().default('medium'),
    dueAt: timestamp('due_at', { withTimezone: true }),
    estimateMinutes: integer('estimate_minutes'),
    energy: energyLevel('energy'),
    tags: text('tags').array().notNull().default([]),
    /** Micro-steps form a tree; deleting a parent deletes its steps. */
    parentId: uuid('parent_id').references((): AnyPgColumn => tasks.id, { onDelete: 'cascade' }),
    /** A step's place among its parent's steps (0 first); top-level tasks keep 0. */
    position: integer('position').notNull().default(0),
    isMetaTask: boolean('is_meta_task').notNull().default(false),
    delegationMode: delegationMode('delegation_mode'),
    requiredCapabilities: text('required_capabilities').array().notNull().default([]),
    complexity: integer('complexity'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    /** The person's local day (YYYY-MM-DD) they picked it for: on Today that day. */
    plannedOn: date('planned_on', { mode: 'string' }),
    /** "Not today": out of Today and "what can I do now?" until this instant. */
    snoozedUntil: timestamp('snoozed_until', { withTimezone: true, precision: 3 }),
    /**
     * In the trash since then: out of every list and search, purged 30 days later. The steps that
     * went with it carry the same instant, so a restore brings back exactly those.
     */
    deletedAt: timestamp('deleted_at', { withTimezone: true, precision: 3 }),
    // Millisecond precision, as JS dates have: the list's keyset cursor compares it exactly.
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The list query: owner, newest first, keyset on (created_at, id).
    index('tasks_user_created_idx').on(t.userId, t.createdAt.desc(), t.id.desc()),
    index('tasks_user_status_idx').on(t.userId, t.status),
    index('tasks_user_due_idx').on(t.userId, t.dueAt),
    // A parent's steps in order, and its progress, come from one index range.
    index('tasks_parent_idx').on(t.parentId, t.position),
    index('tasks_tags_idx').using('gin', t.tags),
    index('tasks_deleted_idx').on(t.deletedAt),
  ],
);

export type TaskRow = typeof tasks.$inferSelect;

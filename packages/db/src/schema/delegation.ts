import { AGENT_STATUSES, ASSIGNMENT_MODES, ASSIGNMENT_STATUSES } from '@proxy/core';
import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { apiKeys } from './api-keys';
import { energyLevel, tasks } from './tasks';
import { users } from './users';

export const agentStatus = pgEnum('agent_status', AGENT_STATUSES);
export const assignmentStatus = pgEnum('assignment_status', ASSIGNMENT_STATUSES);
export const assignmentMode = pgEnum('assignment_mode', ASSIGNMENT_MODES);

/**
 * A registered agent. Owned by the user whose agent-scoped API key registered it; one key is one
 * agent, so an agent's identity on every later call is its key.
 */
export const agents = pgTable(
  'agents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    apiKeyId: uuid('api_key_id').references(() => apiKeys.id, { onDelete: 'set null' }),
    /** The name the agent registered with ("backend-agent-1"): unique per owner. */
    agentId: text('agent_id').notNull(),
    agentType: text('agent_type').notNull(),
    capabilities: text('capabilities').array().notNull().default([]),
    maxConcurrent: integer('max_concurrent').notNull().default(3),
    /** Assignments holding a slot (assigned, accepted, in_progress); kept in step by transitions. */
    activeCount: integer('active_count').notNull().default(0),
    status: agentStatus('status').notNull().default('online'),
    lastHeartbeatAt: timestamp('last_heartbeat_at', { withTimezone: true }),
    completedCount: integer('completed_count').notNull().default(0),
    failedCount: integer('failed_count').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('agents_user_agent_id_key').on(t.userId, t.agentId),
    uniqueIndex('agents_api_key_key').on(t.apiKeyId),
    index('agents_capabilities_idx').using('gin', t.capabilities),
    check('agents_active_within_limit', sql`${t.activeCount} >= 0`),
  ],
);

export interface ProgressNoteRow {
  at: string;
  note: string;
  percent: number | null;
}

export const assignments = pgTable(
  'assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    /** Null while queued (no agent fits yet). */
    agentId: uuid('agent_id').references(() => agents.id, { onDelete: 'set null' }),
    mode: assignmentMode('mode').notNull(),
    preferAgentType: text('prefer_agent_type'),
    status: assignmentStatus('status').notNull(),
    routingReason: text('routing_reason').notNull().default(''),
    progressNotes: jsonb('progress_notes').$type<ProgressNoteRow[]>().notNull().default([]),
    result: text('result'),
    failureReason: text('failure_reason'),
    reviewNote: text('review_note'),
    /** 1 for the first agent, +1 per reassignment after a timeout. */
    attempt: integer('attempt').notNull().default(1),
    /** Agents that let this task go (timed out or failed): not routed to again. */
    excludedAgentIds: uuid('excluded_agent_ids').array().notNull().default([]),
    assignedAt: timestamp('assigned_at', { withTimezone: true }),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    /** Last sign of life on this assignment (accept, progress); staleness is measured from it. */
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Delegating a task twice never makes two live assignments.
    uniqueIndex('assignments_live_task_key')
      .on(t.taskId)
      .where(sql`${t.status} in ('queued', 'assigned', 'accepted', 'in_progress', 'needs_review')`),
    index('assignments_agent_status_idx').on(t.agentId, t.status),
    index('assignments_user_status_idx').on(t.userId, t.status),
    // The worker's queries: the queue in order, and stale work by age.
    index('assignments_queued_idx').on(t.createdAt).where(sql`${t.status} = 'queued'`),
    index('assignments_active_activity_idx')
      .on(t.status, t.lastActivityAt)
      .where(sql`${t.status} in ('assigned', 'accepted', 'in_progress')`),
  ],
);

/** `taskId` cannot start before `dependsOnId` is done. Both tasks belong to `userId`. */
export const taskDependencies = pgTable(
  'task_dependencies',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    dependsOnId: uuid('depends_on_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.taskId, t.dependsOnId] }),
    index('task_dependencies_depends_on_idx').on(t.dependsOnId),
    index('task_dependencies_user_idx').on(t.userId),
    check('task_dependencies_not_self', sql`${t.taskId} <> ${t.dependsOnId}`),
  ],
);

/** Templates: a user's own (userId set) or built-in (userId null, `builtinKey` set). */
export const templates = pgTable(
  'templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    builtinKey: text('builtin_key'),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    tags: text('tags').array().notNull().default([]),
    /** In the trash since then (only a person's own templates); purged 30 days later. */
    deletedAt: timestamp('deleted_at', { withTimezone: true, precision: 3 }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('templates_builtin_key').on(t.builtinKey),
    index('templates_user_idx').on(t.userId, t.name),
    check('templates_owner_or_builtin', sql`(${t.userId} is null) <> (${t.builtinKey} is null)`),
  ],
);

export const templateSteps = pgTable(
  'template_steps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    templateId: uuid('template_id')
      .notNull()
      .references(() => templates.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    estimateMinutes: integer('estimate_minutes'),
    energy: energyLevel('energy'),
  },
  (t) => [uniqueIndex('template_steps_position_key').on(t.templateId, t.position)],
);

export type AgentRow = typeof agents.$inferSelect;
export type AssignmentRow = typeof assignments.$inferSelect;
export type TemplateRow = typeof templates.$inferSelect;

import { EVALUATION_OUTCOMES, MONITOR_STATUSES, SOURCE_KINDS } from '@proxy/core';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  doublePrecision,
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
import { users } from './users';

export const monitorStatus = pgEnum('monitor_status', MONITOR_STATUSES);
export const sourceKind = pgEnum('source_kind', SOURCE_KINDS);
export const evaluationOutcome = pgEnum('evaluation_outcome', EVALUATION_OUTCOMES);

/**
 * A monitor: the user's prompt, the plan it compiled into (see @proxy/core monitors/plan), the
 * temporal state the evaluator folds each run into, and the scheduling columns the worker reads.
 */
export const monitors = pgTable(
  'monitors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    prompt: text('prompt').notNull(),
    /** MonitorPlan (core): sources, condition, timing. */
    plan: jsonb('plan').notNull(),
    /** parser | ai | user: who wrote the plan last. */
    planOrigin: text('plan_origin').notNull(),
    intervalMinutes: integer('interval_minutes').notNull(),
    status: monitorStatus('status').notNull().default('active'),
    /** Why the monitor is in error, or a note on its state (flapping), in words. */
    statusReason: text('status_reason'),
    /** Channels a trigger goes to, besides the in-app inbox which is always on. */
    notifyEmail: boolean('notify_email').notNull().default(false),
    /** MonitorState (core temporal logic). */
    state: jsonb('state').notNull(),
    /** The last value judged (number or text), for the list view. */
    lastValue: jsonb('last_value'),
    lastOutcome: evaluationOutcome('last_outcome'),
    lastEvaluatedAt: timestamp('last_evaluated_at', { withTimezone: true }),
    lastTriggeredAt: timestamp('last_triggered_at', { withTimezone: true }),
    /** When the worker should evaluate next (on the monitor's phase); null while paused. */
    nextRunAt: timestamp('next_run_at', { withTimezone: true }),
    /** An evaluation in progress holds the monitor until this time: never two at once. */
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    leaseToken: uuid('lease_token'),
    metadata: jsonb('metadata').notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('monitors_user_created_idx').on(t.userId, t.createdAt),
    // The reconciler's scan: active monitors whose run is overdue.
    index('monitors_due_idx').on(t.nextRunAt).where(sql`${t.status} = 'active'`),
    check('monitors_interval_check', sql`${t.intervalMinutes} in (5, 15, 60, 360)`),
  ],
);

/**
 * A fetchable source, one per owner, kind and URL: monitors of one user that watch the same URL
 * share it, and so share its facts within their TTL.
 */
export const sources = pgTable(
  'sources',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: sourceKind('kind').notNull(),
    url: text('url').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('sources_user_kind_url_key').on(t.userId, t.kind, t.url)],
);

/** Which sources a monitor's current plan reads. */
export const monitorSources = pgTable(
  'monitor_sources',
  {
    monitorId: uuid('monitor_id')
      .notNull()
      .references(() => monitors.id, { onDelete: 'cascade' }),
    sourceId: uuid('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.monitorId, t.sourceId] }),
    index('monitor_sources_source_idx').on(t.sourceId),
  ],
);

/**
 * One fetch of a source: the body (capped by the fetcher) or the error, valid until expiresAt.
 * An evaluation reuses the newest unexpired fact of its source instead of fetching again.
 */
export const facts = pgTable(
  'facts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sourceId: uuid('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    fetchedAt: timestamp('fetched_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ok: boolean('ok').notNull(),
    httpStatus: integer('http_status'),
    contentType: text('content_type'),
    body: text('body'),
    bodySha256: text('body_sha256'),
    error: text('error'),
  },
  (t) => [
    index('facts_source_fetched_idx').on(t.sourceId, t.fetchedAt),
    index('facts_expires_idx').on(t.expiresAt),
  ],
);

/**
 * Every run of a monitor, errors included. `slot` makes a run idempotent: the scheduled time (or
 * a manual run's id), so a job retried after a crash that had already stored its run stores
 * nothing twice.
 */
export const evaluations = pgTable(
  'evaluations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    monitorId: uuid('monitor_id')
      .notNull()
      .references(() => monitors.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    slot: text('slot').notNull(),
    /** scheduled | manual */
    trigger: text('trigger').notNull(),
    /** When it was due (scheduled runs), for the scheduling lag. */
    scheduledFor: timestamp('scheduled_for', { withTimezone: true }),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }).notNull(),
    outcome: evaluationOutcome('outcome').notNull(),
    triggered: boolean('triggered').notNull().default(false),
    /** The notification this run sent, if any: trigger | flapping | errors | recovered */
    notified: text('notified'),
    reason: text('reason').notNull(),
    /** source | parse | budget | ai | internal, when the outcome is an error. */
    errorKind: text('error_kind'),
    /** The value judged: a number, a text, or the items seen. */
    value: jsonb('value'),
    /** The number judged, when there was one: the history chart's y. */
    valueNumber: doublePrecision('value_number'),
    /** The facts used: per source its URL, fact id, fetch time and the extracted value. */
    facts: jsonb('facts').notNull().default([]),
    provider: text('provider'),
    model: text('model'),
    inputTokens: integer('input_tokens').notNull().default(0),
    outputTokens: integer('output_tokens').notNull().default(0),
    costMicroUsd: bigint('cost_micro_usd', { mode: 'number' }).notNull().default(0),
    /** Whether a fuzzy judgement came from the cache. */
    cached: boolean('cached').notNull().default(false),
    latencyMs: integer('latency_ms').notNull(),
  },
  (t) => [
    uniqueIndex('evaluations_monitor_slot_key').on(t.monitorId, t.slot),
    index('evaluations_monitor_started_idx').on(t.monitorId, t.startedAt),
  ],
);

/**
 * A model's verdict on a fuzzy condition, keyed by hash(condition, facts): the same question on
 * the same facts is asked once per owner.
 */
export const monitorJudgements = pgTable(
  'monitor_judgements',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    keyHash: text('key_hash').notNull(),
    matched: boolean('matched').notNull(),
    reason: text('reason').notNull(),
    provider: text('provider').notNull(),
    model: text('model').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.keyHash] })],
);

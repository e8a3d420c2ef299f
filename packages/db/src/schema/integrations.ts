import {
  WEBHOOK_ATTEMPT_TRIGGERS,
  WEBHOOK_DELIVERY_STATUSES,
  WEBHOOK_ENDPOINT_SOURCES,
} from '@proxy/core';
import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { events } from './events';
import { users } from './users';

export const webhookEndpointSource = pgEnum('webhook_endpoint_source', WEBHOOK_ENDPOINT_SOURCES);
export const webhookDeliveryStatus = pgEnum('webhook_delivery_status', WEBHOOK_DELIVERY_STATUSES);
export const webhookAttemptTrigger = pgEnum('webhook_attempt_trigger', WEBHOOK_ATTEMPT_TRIGGERS);

const ms = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/**
 * Where a person's events go: a URL, the event types it wants, and its signing secret. The
 * secret must be readable to sign with, so it is stored encrypted (the secret box), never plain;
 * after a rotation the previous one signs too until `previous_secret_until`.
 */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    description: text('description').notNull().default(''),
    /** Exact types or patterns (`task.*`, `*`). */
    eventTypes: text('event_types').array().notNull(),
    source: webhookEndpointSource('source').notNull().default('settings'),
    secretCiphertext: text('secret_ciphertext').notNull(),
    previousSecretCiphertext: text('previous_secret_ciphertext'),
    previousSecretUntil: ms('previous_secret_until'),
    enabled: boolean('enabled').notNull().default(true),
    /** Why it was turned off, in words ("The endpoint answered 410 Gone"); null when on. */
    disabledReason: text('disabled_reason'),
    disabledAt: ms('disabled_at'),
    /** The first failure since the last success; cleared by a success. */
    failingSince: ms('failing_since'),
    lastSuccessAt: ms('last_success_at'),
    createdAt: ms('created_at').notNull().defaultNow(),
    updatedAt: ms('updated_at').notNull().defaultNow(),
  },
  (t) => [index('webhook_endpoints_user_idx').on(t.userId)],
);

/**
 * One message to one endpoint. Its id is the message's `webhook-id`, the same on every retry and
 * replay; its payload is stored as sent, so a replay is byte for byte the same body. Unique per
 * cause and endpoint (`dedupe_key`), so a doubled dispatch delivers once.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    /** The domain event it carries, while the event is kept (null for pings and notifications). */
    eventId: uuid('event_id').references(() => events.id, { onDelete: 'set null' }),
    /** "event:<event id>", "notification:<delivery id>" or "ping:<id>", with the endpoint. */
    dedupeKey: text('dedupe_key').notNull(),
    eventType: text('event_type').notNull(),
    /** The JSON body, exactly as signed and sent. */
    payload: text('payload').notNull(),
    status: webhookDeliveryStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ms('next_attempt_at'),
    /** A send in progress holds the row until this time, so two workers never send it together. */
    leaseUntil: ms('lease_until'),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    succeededAt: ms('succeeded_at'),
    createdAt: ms('created_at').notNull().defaultNow(),
    updatedAt: ms('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_endpoint_dedupe_key').on(t.endpointId, t.dedupeKey),
    index('webhook_deliveries_endpoint_created_idx').on(t.endpointId, t.createdAt.desc()),
    index('webhook_deliveries_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.nextAttemptAt} is not null`),
  ],
);

/** Every attempt of a delivery, for the log: what answered, how fast, and the start of its body. */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    deliveryId: uuid('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    trigger: webhookAttemptTrigger('trigger').notNull(),
    attemptedAt: ms('attempted_at').notNull(),
    statusCode: integer('status_code'),
    latencyMs: integer('latency_ms').notNull(),
    /** The first 500 characters of the answer. */
    responseExcerpt: text('response_excerpt'),
    /** A transport failure or refusal in words (timeout, refused address, ...). */
    error: text('error'),
  },
  (t) => [index('webhook_attempts_delivery_idx').on(t.deliveryId, t.attemptedAt)],
);

/**
 * A person's private calendar feed. The URL carries a secret token: looked up by its SHA-256,
 * and kept encrypted so the page can show the URL again; regenerating replaces both, and the old
 * URL stops answering.
 */
export const calendarFeeds = pgTable('calendar_feeds', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  tokenHash: text('token_hash').notNull().unique(),
  tokenCiphertext: text('token_ciphertext').notNull(),
  createdAt: ms('created_at').notNull().defaultNow(),
  lastFetchedAt: ms('last_fetched_at'),
});

import {
  CHANNEL_MODES,
  DELIVERY_CHANNELS,
  DELIVERY_STATUSES,
  DIGEST_CADENCES,
  NOTIFICATION_KINDS,
  NOTIFICATION_PRIORITIES,
} from '@proxy/core';
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { events } from './events';
import { users } from './users';

export const notificationKind = pgEnum('notification_kind', NOTIFICATION_KINDS);
export const notificationPriority = pgEnum('notification_priority', NOTIFICATION_PRIORITIES);
export const deliveryChannel = pgEnum('delivery_channel', DELIVERY_CHANNELS);
export const deliveryStatus = pgEnum('delivery_status', DELIVERY_STATUSES);
export const channelMode = pgEnum('channel_mode', CHANNEL_MODES);
export const digestCadence = pgEnum('digest_cadence', DIGEST_CADENCES);

/** The in-app inbox: one row per thing the person was told. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: notificationKind('kind').notNull(),
    priority: notificationPriority('priority').notNull().default('normal'),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** Where the notification leads in the web app ("/monitors/<id>"). */
    link: text('link'),
    /** What it is about: a monitor, a task, an assignment, ... and its id. */
    subjectType: text('subject_type'),
    subjectId: uuid('subject_id'),
    /** The domain event that caused it, while the event is kept. */
    eventId: uuid('event_id').references(() => events.id, { onDelete: 'set null' }),
    /** One notification per cause ("event:<id>:<kind>"): a retried job cannot tell twice. */
    dedupeKey: text('dedupe_key').notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('notifications_dedupe_key').on(t.dedupeKey),
    index('notifications_user_created_idx').on(t.userId, t.createdAt),
    index('notifications_user_unread_idx').on(t.userId).where(sql`${t.readAt} is null`),
    index('notifications_subject_idx').on(t.subjectType, t.subjectId),
  ],
);

/** One row per notification and channel: the delivery's progress, retries and last error. */
export const notificationDeliveries = pgTable(
  'notification_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    notificationId: uuid('notification_id')
      .notNull()
      .references(() => notifications.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    channel: deliveryChannel('channel').notNull(),
    status: deliveryStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** Pending: due now; held: when quiet hours end; digest: the digest it waits for; failed: the retry. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    /** A send in progress holds the row until this time, so two workers never send it twice. */
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** The digest notification that carried this one, when it went out in a digest. */
    digestId: uuid('digest_id').references((): AnyPgColumn => notifications.id, {
      onDelete: 'set null',
    }),
    /** "<notification dedupe key>:<channel>" */
    dedupeKey: text('dedupe_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('notification_deliveries_dedupe_key').on(t.dedupeKey),
    index('notification_deliveries_notification_idx').on(t.notificationId),
    // What the sweeper and the digest look for: by status, then by when it is due. (Not a partial
    // index on the new statuses: an enum value cannot be used in the migration that adds it.)
    index('notification_deliveries_status_due_idx').on(t.status, t.nextAttemptAt),
  ],
);

/** A person's choice for one kind on one channel; no row means the kind's default. */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: notificationKind('kind').notNull(),
    channel: deliveryChannel('channel').notNull(),
    mode: channelMode('mode').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind, t.channel] })],
);

/** Quiet hours and the digest rhythm, in the person's own timezone; no row means the defaults. */
export const notificationSettings = pgTable('notification_settings', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  quietEnabled: boolean('quiet_enabled').notNull().default(false),
  /** Minutes after local midnight. */
  quietStart: smallint('quiet_start')
    .notNull()
    .default(22 * 60),
  quietEnd: smallint('quiet_end')
    .notNull()
    .default(7 * 60),
  digestCadence: digestCadence('digest_cadence').notNull().default('daily'),
  digestHour: smallint('digest_hour').notNull().default(8),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A browser's Web Push subscription: its push service endpoint and keys. One person may have
 * several devices; a subscription the push service calls gone (404/410) is removed.
 */
export const pushSubscriptions = pgTable(
  'push_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    endpoint: text('endpoint').notNull(),
    p256dh: text('p256dh').notNull(),
    auth: text('auth').notNull(),
    /** What the person calls the device ("Firefox on my laptop"). */
    label: text('label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
    lastError: text('last_error'),
  },
  (t) => [
    uniqueIndex('push_subscriptions_endpoint_key').on(t.endpoint),
    index('push_subscriptions_user_idx').on(t.userId),
  ],
);

import {
  channelMode,
  DEFAULT_DIGEST,
  DEFAULT_QUIET_HOURS,
  type DigestSettings,
  EXTERNAL_CHANNELS,
  type ExternalChannel,
  isValidTimeZone,
  NOTIFICATION_KIND_INFO,
  type NotificationKind,
  type NotificationPriority,
  type PreferenceOverrides,
  planDelivery,
  type QuietHours,
} from '@proxy/core';
import type { DbOrTx } from '@proxy/db';
import {
  notificationDeliveries,
  notificationPreferences,
  notificationSettings,
  notifications,
  pushSubscriptions,
  users,
  webhookEndpoints,
} from '@proxy/db/schema';
import { and, arrayOverlaps, count, eq } from 'drizzle-orm';
import type { AppDeps } from '../context';
import { notificationDeliver } from '../jobs/definitions';

/** The subscriptions that take notifications as webhook messages. */
export const NOTIFICATION_WEBHOOK_PATTERNS = ['*', 'notification.*', 'notification.created'];

export interface NotifyInput {
  userId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  /** Where it leads in the web app ("/monitors/<id>"). */
  link?: string | null;
  /** The kind's own priority by default. */
  priority?: NotificationPriority;
  /** One notification per cause: a second notify with the same key does nothing. */
  dedupeKey: string;
  subject?: { type: string; id: string } | null;
  eventId?: string | null;
  /** Only these external channels (a monitor that does not want email); all by default. */
  channels?: readonly ExternalChannel[];
}

export type NotifyResult = {
  notificationId: string;
  deliveries: { channel: ExternalChannel; status: 'pending' | 'held' | 'digest'; at: Date }[];
} | null;

type Deps = Pick<AppDeps, 'jobs' | 'now' | 'mailer' | 'push'>;

/** Minutes after midnight as "HH:MM". */
export const clockText = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

export interface DeliverySettings {
  timeZone: string;
  quiet: QuietHours;
  digest: DigestSettings;
  overrides: PreferenceOverrides;
  pushDevices: number;
  /** Enabled webhook endpoints that take notifications (`notification.created`). */
  webhookEndpoints: number;
}

/** A person's timezone, quiet hours, digest rhythm, preferences (for one kind) and devices. */
export async function deliverySettings(
  db: DbOrTx,
  userId: string,
  kind?: NotificationKind,
): Promise<DeliverySettings | null> {
  const [user] = await db
    .select({
      timezone: users.timezone,
      quietEnabled: notificationSettings.quietEnabled,
      quietStart: notificationSettings.quietStart,
      quietEnd: notificationSettings.quietEnd,
      digestCadence: notificationSettings.digestCadence,
      digestHour: notificationSettings.digestHour,
    })
    .from(users)
    .leftJoin(notificationSettings, eq(notificationSettings.userId, users.id))
    .where(eq(users.id, userId));
  if (!user) return null;
  const prefs = await db
    .select({
      kind: notificationPreferences.kind,
      channel: notificationPreferences.channel,
      mode: notificationPreferences.mode,
    })
    .from(notificationPreferences)
    .where(
      kind
        ? and(eq(notificationPreferences.userId, userId), eq(notificationPreferences.kind, kind))
        : eq(notificationPreferences.userId, userId),
    );
  const overrides: PreferenceOverrides = {};
  for (const p of prefs) {
    if (p.channel === 'in_app') continue;
    overrides[p.kind] = { ...overrides[p.kind], [p.channel]: p.mode };
  }
  const [devices] = await db
    .select({ n: count() })
    .from(pushSubscriptions)
    .where(eq(pushSubscriptions.userId, userId));
  const [hooks] = await db
    .select({ n: count() })
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.userId, userId),
        eq(webhookEndpoints.enabled, true),
        arrayOverlaps(webhookEndpoints.eventTypes, NOTIFICATION_WEBHOOK_PATTERNS),
      ),
    );
  return {
    timeZone: isValidTimeZone(user.timezone) ? user.timezone : 'UTC',
    quiet:
      user.quietEnabled === null
        ? DEFAULT_QUIET_HOURS
        : {
            enabled: user.quietEnabled,
            start: clockText(user.quietStart ?? 0),
            end: clockText(user.quietEnd ?? 0),
          },
    digest:
      user.digestCadence === null
        ? DEFAULT_DIGEST
        : { cadence: user.digestCadence, hour: user.digestHour ?? DEFAULT_DIGEST.hour },
    overrides,
    pushDevices: Number(devices?.n ?? 0),
    webhookEndpoints: Number(hooks?.n ?? 0),
  };
}

/** Whether this server can deliver on a channel to this person at all. */
function channelAvailable(deps: Deps, channel: ExternalChannel, settings: DeliverySettings) {
  switch (channel) {
    case 'email':
      return Boolean(deps.mailer);
    case 'push':
      return Boolean(deps.push) && settings.pushDevices > 0;
    case 'webhook':
      return settings.webhookEndpoints > 0;
  }
}

/**
 * The one way anything tells a person something. In the caller's transaction: the inbox row (the
 * in-app delivery, recorded at once), and for each other channel the person wants this kind on, a
 * delivery that goes now, waits out their quiet hours, or joins their next digest, with the job
 * that sends it. Idempotent by `dedupeKey`.
 */
export async function notify(deps: Deps, tx: DbOrTx, input: NotifyInput): Promise<NotifyResult> {
  const now = deps.now();
  const info = NOTIFICATION_KIND_INFO[input.kind];
  const priority = input.priority ?? info.priority;
  const [notification] = await tx
    .insert(notifications)
    .values({
      userId: input.userId,
      kind: input.kind,
      priority,
      title: input.title.slice(0, 300),
      body: input.body.slice(0, 5000),
      link: input.link ?? null,
      subjectType: input.subject?.type ?? null,
      subjectId: input.subject?.id ?? null,
      eventId: input.eventId ?? null,
      dedupeKey: input.dedupeKey,
      createdAt: now,
    })
    .onConflictDoNothing({ target: notifications.dedupeKey })
    .returning({ id: notifications.id });
  if (!notification) return null;

  await tx.insert(notificationDeliveries).values({
    notificationId: notification.id,
    userId: input.userId,
    channel: 'in_app',
    status: 'sent',
    attempts: 1,
    sentAt: now,
    dedupeKey: `${input.dedupeKey}:in_app`,
    createdAt: now,
    updatedAt: now,
  });

  const settings = await deliverySettings(tx, input.userId, input.kind);
  const deliveries: NonNullable<NotifyResult>['deliveries'] = [];
  if (!settings) return { notificationId: notification.id, deliveries };
  for (const channel of EXTERNAL_CHANNELS) {
    if (input.channels && !input.channels.includes(channel)) continue;
    if (!channelAvailable(deps, channel, settings)) continue;
    const plan = planDelivery({
      mode:
        input.kind === 'test' ? 'instant' : channelMode(settings.overrides, input.kind, channel),
      priority,
      quiet: settings.quiet,
      digest: settings.digest,
      timeZone: settings.timeZone,
      now,
    });
    if (plan.status === 'skip') continue;
    const [delivery] = await tx
      .insert(notificationDeliveries)
      .values({
        notificationId: notification.id,
        userId: input.userId,
        channel,
        status: plan.status,
        nextAttemptAt: plan.at,
        dedupeKey: `${input.dedupeKey}:${channel}`,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: notificationDeliveries.id });
    if (!delivery) continue;
    deliveries.push({ channel, status: plan.status, at: plan.at });
    // A digest's deliveries wait for the digest job; the rest get their send job now.
    if (plan.status !== 'digest') {
      await deps.jobs.send(
        notificationDeliver,
        { deliveryId: delivery.id },
        { tx, ...(plan.status === 'held' ? { startAfter: plan.at } : {}) },
      );
    }
  }
  return { notificationId: notification.id, deliveries };
}

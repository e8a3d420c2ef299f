import { webhookPayload } from '@proxy/core';
import type { DbOrTx } from '@proxy/db';
import { notificationDeliveries, notifications, pushSubscriptions, users } from '@proxy/db/schema';
import { and, eq, inArray, isNull, lte, ne, or, sql } from 'drizzle-orm';
import type { AppDeps } from '../context';
import { enqueueWebhookDeliveries } from '../webhooks/enqueue';
import { MailSendError } from './mailer';
import { type PushOutcome, sendPush } from './push';

/** A claimed send holds its delivery this long; a crashed worker's claim runs out after it. */
export const DELIVERY_LEASE_MS = 60_000;
/** After this many failed attempts a delivery is dead: no more retries. */
export const MAX_DELIVERY_ATTEMPTS = 5;
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_CAP_MS = 60 * 60_000;

export const EMAIL_NOT_CONFIGURED = 'Email is not configured on this server (set SMTP_URL)';
export const PUSH_NOT_CONFIGURED = 'Web Push is not configured on this server';
export const NO_WEBHOOK_ENDPOINTS =
  'No webhook endpoint takes notifications (notification.created) any more';
export const NO_PUSH_DEVICES = 'No device is subscribed to push notifications any more';

type Deps = Pick<AppDeps, 'now' | 'mailer' | 'publicUrl' | 'push' | 'jobs'> & { db: DbOrTx };

export type DeliveryResult =
  | { status: 'skipped' }
  | { status: 'sent'; attempts: number }
  | { status: 'dead'; attempts: number; error: string }
  | { status: 'failed'; attempts: number; error: string; nextAttemptAt: Date };

/** Thrown after a failed attempt that will be retried, so the queue retries the job. */
export class DeliveryFailedError extends Error {
  override name = 'DeliveryFailedError';
  constructor(
    readonly deliveryId: string,
    readonly attempts: number,
    readonly lastError: string,
    readonly nextAttemptAt: Date,
  ) {
    super(`Delivery ${deliveryId} failed (attempt ${attempts}): ${lastError}`);
  }
}

/** 30 s, 60 s, 120 s, ... capped at an hour, each between 75% and 100% of its step. */
export function deliveryBackoffMs(attempts: number, random: () => number = Math.random): number {
  const step = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(step * (0.75 + 0.25 * random()));
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** The Message-ID's left part: stable per notification and channel, so a resend is the same mail. */
export const deliveryMessageId = (notificationId: string, channel: string) =>
  `notification-${notificationId}-${channel}`;

/**
 * Sends one delivery. First claims it with a conditional update (still pending, held past its
 * quiet hours, or failed, and no live lease), so a retried or duplicated job, or a second worker, cannot send it twice: an
 * unclaimed delivery answers `skipped`. A failed send records the error and the next attempt
 * time and throws (so the queue retries), until the attempts run out and it is `dead`.
 */
export async function deliverNotification(deps: Deps, deliveryId: string): Promise<DeliveryResult> {
  const now = deps.now();
  const [claimed] = await deps.db
    .update(notificationDeliveries)
    .set({
      leaseUntil: new Date(now.getTime() + DELIVERY_LEASE_MS),
      attempts: sql`${notificationDeliveries.attempts} + 1`,
      updatedAt: now,
    })
    .where(
      and(
        eq(notificationDeliveries.id, deliveryId),
        inArray(notificationDeliveries.status, ['pending', 'held', 'failed']),
        // Held for quiet hours: never before they end, whoever asks.
        or(
          ne(notificationDeliveries.status, 'held'),
          lte(notificationDeliveries.nextAttemptAt, now),
        ),
        or(isNull(notificationDeliveries.leaseUntil), lte(notificationDeliveries.leaseUntil, now)),
      ),
    )
    .returning();
  if (!claimed) return { status: 'skipped' };
  // Only the holder of this claim (same attempt number) may settle the row.
  const mine = and(
    eq(notificationDeliveries.id, deliveryId),
    eq(notificationDeliveries.attempts, claimed.attempts),
  );
  const settle = (patch: Partial<typeof notificationDeliveries.$inferInsert>) =>
    deps.db
      .update(notificationDeliveries)
      .set({ ...patch, leaseUntil: null, updatedAt: deps.now() })
      .where(mine);

  if (claimed.channel === 'in_app') {
    // The inbox row is the delivery itself: nothing to send.
    await settle({ status: 'sent', sentAt: claimed.sentAt ?? deps.now(), lastError: null });
    return { status: 'sent', attempts: claimed.attempts };
  }
  const dead = async (error: string): Promise<DeliveryResult> => {
    await settle({ status: 'dead', lastError: error, nextAttemptAt: null });
    return { status: 'dead', attempts: claimed.attempts, error };
  };
  /** A failed attempt: retried with backoff (the job throws) until the attempts run out. */
  const failed = async (error: string, permanent = false): Promise<DeliveryResult> => {
    if (permanent || claimed.attempts >= MAX_DELIVERY_ATTEMPTS) return dead(error);
    const nextAttemptAt = new Date(deps.now().getTime() + deliveryBackoffMs(claimed.attempts));
    await settle({ status: 'failed', lastError: error, nextAttemptAt });
    throw new DeliveryFailedError(deliveryId, claimed.attempts, error, nextAttemptAt);
  };

  const [row] = await deps.db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      priority: notifications.priority,
      title: notifications.title,
      body: notifications.body,
      link: notifications.link,
      subjectType: notifications.subjectType,
      subjectId: notifications.subjectId,
      createdAt: notifications.createdAt,
      email: users.email,
    })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .where(eq(notifications.id, claimed.notificationId));
  if (!row) return dead('The notification no longer exists');
  const url = row.link ? `${deps.publicUrl.replace(/\/+$/, '')}${row.link}` : null;

  if (claimed.channel === 'email') {
    if (!deps.mailer) return dead(EMAIL_NOT_CONFIGURED);
    const text = url ? `${row.body}\n\nOpen: ${url}` : row.body;
    const html = [
      `<p>${escapeHtml(row.body).replace(/\n/g, '<br>')}</p>`,
      url ? `<p><a href="${escapeHtml(url)}">Open in Proxy</a></p>` : '',
    ].join('');
    try {
      await deps.mailer.send({
        to: row.email,
        subject: row.title,
        text,
        html,
        messageId: deliveryMessageId(row.id, 'email'),
      });
    } catch (error) {
      return failed(shortError(error), error instanceof MailSendError && error.permanent);
    }
  } else if (claimed.channel === 'push') {
    if (!deps.push) return dead(PUSH_NOT_CONFIGURED);
    const problem = await pushToDevices(deps, claimed.userId, {
      title: row.title,
      body: row.body.length > 300 ? `${row.body.slice(0, 299)}…` : row.body,
      url: row.link,
      tag: row.id,
    });
    if (problem === 'gone') return dead(NO_PUSH_DEVICES);
    if (problem) return failed(problem);
  } else if (claimed.channel === 'webhook') {
    // Handed to the webhook endpoints that take notifications; they sign, send and retry.
    const queued = await enqueueWebhookDeliveries(deps, deps.db, {
      userId: claimed.userId,
      eventId: null,
      cause: `notification:${claimed.id}`,
      payload: webhookPayload({
        type: 'notification.created',
        version: 1,
        id: row.id,
        occurredAt: row.createdAt,
        data: {
          notificationId: row.id,
          kind: row.kind,
          priority: row.priority,
          title: row.title,
          body: row.body,
          url,
          subject: row.subjectType ? { type: row.subjectType, id: row.subjectId } : null,
        },
      }),
    });
    if (queued.length === 0) return dead(NO_WEBHOOK_ENDPOINTS);
  } else {
    return dead(`The ${claimed.channel} channel cannot send this notification`);
  }
  await settle({ status: 'sent', sentAt: deps.now(), lastError: null, nextAttemptAt: null });
  return { status: 'sent', attempts: claimed.attempts };
}

/**
 * Sends to every device the person subscribed. Answers null when at least one device took it,
 * 'gone' when none is left (gone ones are removed), or the first failure's text.
 */
async function pushToDevices(
  deps: Deps,
  userId: string,
  message: Parameters<typeof sendPush>[2],
): Promise<string | 'gone' | null> {
  const config = deps.push!;
  const devices = await deps.db
    .select()
    .from(pushSubscriptions)
    .where(eq(pushSubscriptions.userId, userId));
  if (devices.length === 0) return 'gone';
  const outcomes: PushOutcome[] = await Promise.all(
    devices.map((d) => sendPush(config, d, message)),
  );
  let delivered = false;
  let firstError: string | null = null;
  for (const [i, outcome] of outcomes.entries()) {
    const device = devices[i]!;
    if (outcome.status === 'sent') {
      delivered = true;
      await deps.db
        .update(pushSubscriptions)
        .set({ lastSuccessAt: deps.now(), lastError: null })
        .where(eq(pushSubscriptions.id, device.id));
    } else if (outcome.status === 'gone') {
      await deps.db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, device.id));
    } else {
      firstError ??= outcome.error;
      await deps.db
        .update(pushSubscriptions)
        .set({ lastError: outcome.error.slice(0, 300) })
        .where(eq(pushSubscriptions.id, device.id));
    }
  }
  if (delivered) return null;
  if (firstError) return firstError;
  return 'gone';
}

/** A one-line error for the row; MailSendError messages are already redacted by the mailer. */
function shortError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.replace(/\s+/g, ' ').trim() || 'Sending failed';
  // Drop any URL user-info a foreign error might carry.
  const clean = line.replace(/\b(smtps?:\/\/)[^/@\s]*@/gi, '$1***@');
  return clean.length > 300 ? `${clean.slice(0, 299)}…` : clean;
}

/** How long after its due time a delivery waits for the queue's own retry before the sweep. */
export const SWEEP_GRACE_MS = 2 * 60_000;

/**
 * Deliveries the queue seems to have lost: pending, held or failed external deliveries due (their next
 * attempt, or their creation, more than the grace ago) with no live lease. The sweeper hands
 * them back to the queue; the claim in deliverNotification keeps a duplicate from sending twice.
 */
export async function dueDeliveries(
  deps: Pick<AppDeps, 'now'> & { db: DbOrTx },
  limit = 100,
): Promise<string[]> {
  const now = deps.now();
  const cutoff = new Date(now.getTime() - SWEEP_GRACE_MS);
  const rows = await deps.db
    .select({ id: notificationDeliveries.id })
    .from(notificationDeliveries)
    .where(
      and(
        ne(notificationDeliveries.channel, 'in_app'),
        inArray(notificationDeliveries.status, ['pending', 'held', 'failed']),
        sql`coalesce(${notificationDeliveries.nextAttemptAt}, ${notificationDeliveries.updatedAt}) <= ${cutoff.toISOString()}::timestamptz`,
        or(isNull(notificationDeliveries.leaseUntil), lte(notificationDeliveries.leaseUntil, now)),
      ),
    )
    .orderBy(notificationDeliveries.nextAttemptAt)
    .limit(limit);
  return rows.map((r) => r.id);
}

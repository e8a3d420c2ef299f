import { randomUUID } from 'node:crypto';
import { DomainError, decodeTaskCursor, type ExternalChannel, encodeTaskCursor } from '@proxy/core';
import type { DbOrTx } from '@proxy/db';
import { notificationDeliveries, notifications } from '@proxy/db/schema';
import { and, asc, desc, eq, inArray, isNull, lt, ne, or, type SQL, sql } from 'drizzle-orm';
import type { AppDeps } from '../context';
import { notify } from './notify';
import {
  type ListNotificationsQuery,
  NOTIFICATION_LIST_LIMIT_DEFAULT,
  type Notification,
} from './schema';

type Deps = Pick<AppDeps, 'now'> & { db: DbOrTx };

/**
 * A test on one channel, now, whatever the quiet hours, so a person can see their settings work.
 * A channel this server or person cannot use is refused with what to do about it.
 */
export async function sendTestNotification(
  deps: Pick<AppDeps, 'db' | 'jobs' | 'now' | 'mailer' | 'push'>,
  userId: string,
  channel: ExternalChannel,
) {
  return deps.db.transaction(async (tx) => {
    const result = await notify(deps, tx, {
      userId,
      kind: 'test',
      title: `Test notification (${channel})`,
      body: `This is the test you asked for, sent on ${channel === 'push' ? 'Web Push' : channel}. If you see it, the channel works.`,
      link: '/settings#notifications',
      dedupeKey: `test:${userId}:${channel}:${randomUUID()}`,
      channels: [channel],
    });
    if (!result?.deliveries.some((d) => d.channel === channel)) {
      throw new DomainError('BAD_REQUEST', TEST_REFUSALS[channel], {
        fieldErrors: { channel: [TEST_REFUSALS[channel]] },
      });
    }
    return { notificationId: result.notificationId, channel };
  });
}

const TEST_REFUSALS: Record<ExternalChannel, string> = {
  email: 'Email is not set up on this server (the operator sets SMTP_URL and MAIL_FROM)',
  push: 'Turn on push notifications in this browser first (or this server has no Web Push keys)',
  webhook: 'Add a webhook endpoint that takes notifications (notification.created) first',
};

/**
 * created_at keeps microseconds but the cursor (shared with tasks) carries milliseconds, so the
 * keyset orders and compares on the millisecond-truncated time: no row is skipped or repeated.
 */
const createdMs = sql`date_trunc('milliseconds', ${notifications.createdAt})`;

/** The caller's inbox, newest first, each notification with its channels' delivery state. */
export async function listNotifications(
  deps: Deps,
  userId: string,
  query: Partial<ListNotificationsQuery> = {},
): Promise<{ items: Notification[]; nextCursor: string | null }> {
  const input = { ...query, limit: query.limit ?? NOTIFICATION_LIST_LIMIT_DEFAULT };
  // Digest messages are the emails that gathered inbox items; the inbox lists the items.
  const where: SQL[] = [eq(notifications.userId, userId), ne(notifications.kind, 'digest')];
  if (input.unreadOnly) where.push(isNull(notifications.readAt));
  if (input.cursor) {
    const cursor = decodeTaskCursor(input.cursor);
    const at = cursor.createdAt.toISOString();
    where.push(
      or(
        sql`${createdMs} < ${at}::timestamptz`,
        and(sql`${createdMs} = ${at}::timestamptz`, lt(notifications.id, cursor.id)),
      )!,
    );
  }
  const rows = await deps.db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      priority: notifications.priority,
      title: notifications.title,
      body: notifications.body,
      link: notifications.link,
      subjectType: notifications.subjectType,
      subjectId: notifications.subjectId,
      readAt: notifications.readAt,
      createdAt: notifications.createdAt,
    })
    .from(notifications)
    .where(and(...where))
    .orderBy(desc(createdMs), desc(notifications.id))
    .limit(input.limit + 1);
  const hasMore = rows.length > input.limit;
  const page = hasMore ? rows.slice(0, input.limit) : rows;

  const deliveries = page.length
    ? await deps.db
        .select({
          notificationId: notificationDeliveries.notificationId,
          channel: notificationDeliveries.channel,
          status: notificationDeliveries.status,
          attempts: notificationDeliveries.attempts,
          lastError: notificationDeliveries.lastError,
          nextAttemptAt: notificationDeliveries.nextAttemptAt,
          sentAt: notificationDeliveries.sentAt,
        })
        .from(notificationDeliveries)
        .where(
          and(
            eq(notificationDeliveries.userId, userId),
            inArray(
              notificationDeliveries.notificationId,
              page.map((n) => n.id),
            ),
          ),
        )
        .orderBy(asc(notificationDeliveries.channel))
    : [];
  const byNotification = new Map<string, Notification['deliveries']>();
  for (const { notificationId, ...d } of deliveries) {
    const list = byNotification.get(notificationId) ?? [];
    list.push(d);
    byNotification.set(notificationId, list);
  }
  const items = page.map(({ subjectType, subjectId, ...n }) => ({
    ...n,
    subject: subjectType && subjectId ? { type: subjectType, id: subjectId } : null,
    deliveries: byNotification.get(n.id) ?? [],
  }));
  const last = items.at(-1);
  return {
    items,
    nextCursor:
      hasMore && last ? encodeTaskCursor({ createdAt: last.createdAt, id: last.id }) : null,
  };
}

export async function countUnread(deps: Deps, userId: string): Promise<{ count: number }> {
  const [row] = await deps.db
    .select({ count: sql<number>`count(*)::int` })
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        ne(notifications.kind, 'digest'),
      ),
    );
  return { count: Number(row?.count ?? 0) };
}

/**
 * Marks one of the caller's notifications read. Idempotent: marking it again keeps the first
 * read time. Another user's notification (or none) is NOT_FOUND.
 */
export async function markRead(
  deps: Deps,
  userId: string,
  id: string,
): Promise<{ id: string; readAt: Date }> {
  const owned = and(eq(notifications.id, id), eq(notifications.userId, userId));
  const [updated] = await deps.db
    .update(notifications)
    .set({ readAt: deps.now() })
    .where(and(owned, isNull(notifications.readAt)))
    .returning({ id: notifications.id, readAt: notifications.readAt });
  if (updated?.readAt) return { id: updated.id, readAt: updated.readAt };
  const [existing] = await deps.db
    .select({ id: notifications.id, readAt: notifications.readAt })
    .from(notifications)
    .where(owned);
  if (!existing?.readAt) throw new DomainError('NOT_FOUND', 'No such notification');
  return { id: existing.id, readAt: existing.readAt };
}

/** Marks every unread notification of the caller read; answers how many changed. */
export async function markAllRead(deps: Deps, userId: string): Promise<{ count: number }> {
  const rows = await deps.db
    .update(notifications)
    .set({ readAt: deps.now() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return { count: rows.length };
}

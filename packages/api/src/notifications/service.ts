import { DomainError, decodeTaskCursor, encodeTaskCursor } from '@proxy/core';
import type { DbOrTx } from '@proxy/db';
import { notificationDeliveries, notifications } from '@proxy/db/schema';
import { and, asc, desc, eq, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { AppDeps } from '../context';
import {
  type ListNotificationsQuery,
  NOTIFICATION_LIST_LIMIT_DEFAULT,
  type Notification,
} from './schema';

type Deps = Pick<AppDeps, 'now'> & { db: DbOrTx };

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
  const where: SQL[] = [eq(notifications.userId, userId)];
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
      title: notifications.title,
      body: notifications.body,
      link: notifications.link,
      monitorId: notifications.monitorId,
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
  const items = page.map((n) => ({ ...n, deliveries: byNotification.get(n.id) ?? [] }));
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
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
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

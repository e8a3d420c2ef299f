import type { ExternalChannel } from '@proxy/core';
import { notificationDeliveries, notifications } from '@proxy/db/schema';
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { AppDeps } from '../context';
import { notificationDeliver } from '../jobs/definitions';
import { rowsOf } from '../jobs/sql-rows';

/** At most this many items are listed in one digest message; the rest wait for the next. */
const DIGEST_ITEMS_MAX = 50;

/**
 * Sends every digest whose time has come: per person and channel, the low-priority notifications
 * gathered since the last one become one message ("4 updates from Proxy") with one delivery, and
 * the gathered deliveries are marked sent through it. The rows are locked as they are taken, so
 * two workers never put one item in two digests.
 */
export async function sendDueDigests(
  deps: Pick<AppDeps, 'db' | 'jobs' | 'now' | 'publicUrl'>,
): Promise<{ digests: number; items: number }> {
  const now = deps.now();
  const due = rowsOf<{ user_id: string; channel: ExternalChannel }>(
    await deps.db.execute(sql`
      select distinct user_id, channel::text as channel from notification_deliveries
      where status = 'digest' and next_attempt_at <= ${now.toISOString()}::timestamptz
      limit 500`),
  );
  let digests = 0;
  let items = 0;
  for (const { user_id: userId, channel } of due) {
    const sent = await deps.db.transaction(async (tx) => {
      const rows = await tx
        .select({
          deliveryId: notificationDeliveries.id,
          title: notifications.title,
          link: notifications.link,
          createdAt: notifications.createdAt,
        })
        .from(notificationDeliveries)
        .innerJoin(notifications, eq(notifications.id, notificationDeliveries.notificationId))
        .where(
          and(
            eq(notificationDeliveries.userId, userId),
            eq(notificationDeliveries.channel, channel),
            eq(notificationDeliveries.status, 'digest'),
            lte(notificationDeliveries.nextAttemptAt, now),
          ),
        )
        .orderBy(asc(notifications.createdAt))
        .limit(DIGEST_ITEMS_MAX)
        .for('update', { of: notificationDeliveries, skipLocked: true });
      if (rows.length === 0) return 0;
      const base = deps.publicUrl.replace(/\/+$/, '');
      const body = rows
        .map((r) => `- ${r.title}${r.link ? `\n  ${base}${r.link}` : ''}`)
        .join('\n');
      const [digest] = await tx
        .insert(notifications)
        .values({
          userId,
          kind: 'digest',
          priority: 'normal',
          title: rows.length === 1 ? '1 update from Proxy' : `${rows.length} updates from Proxy`,
          body: `Since the last digest:\n\n${body}`,
          link: '/notifications',
          // The first item's delivery id names the batch: a digest can hold it only once.
          dedupeKey: `digest:${rows[0]!.deliveryId}`,
          createdAt: now,
        })
        .returning({ id: notifications.id });
      const [delivery] = await tx
        .insert(notificationDeliveries)
        .values({
          notificationId: digest!.id,
          userId,
          channel,
          status: 'pending',
          nextAttemptAt: now,
          dedupeKey: `digest:${rows[0]!.deliveryId}:${channel}`,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: notificationDeliveries.id });
      await tx
        .update(notificationDeliveries)
        .set({ status: 'sent', sentAt: now, digestId: digest!.id, updatedAt: now })
        .where(
          inArray(
            notificationDeliveries.id,
            rows.map((r) => r.deliveryId),
          ),
        );
      await deps.jobs.send(notificationDeliver, { deliveryId: delivery!.id }, { tx });
      return rows.length;
    });
    if (sent > 0) {
      digests += 1;
      items += sent;
    }
  }
  return { digests, items };
}

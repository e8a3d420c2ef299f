'use client';

import type { AppRouter } from '@proxy/api';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import Link from 'next/link';
import { useState } from 'react';
import { FormMessage } from '@/components/field';
import { LoadMore } from '@/components/load-more';
import { LocalDateTime } from '@/components/local-time';
import { apiErrorInfo } from '@/lib/form-errors';
import { useTRPC } from '@/trpc/client';

type Notification = inferRouterOutputs<AppRouter>['notifications']['list']['items'][number];

const PAGE = 20;

const DELIVERY_LABELS: Record<Notification['deliveries'][number]['status'], string> = {
  pending: 'sending',
  held: 'after quiet hours',
  digest: 'in the next digest',
  sent: 'sent',
  failed: 'failed, retrying',
  dead: 'not sent',
};

const CHANNEL_LABELS: Record<Notification['deliveries'][number]['channel'], string> = {
  in_app: 'Inbox',
  email: 'Email',
  push: 'Push',
  webhook: 'Webhook',
};

/** Everything Proxy told you, newest first; unread ones stand out until you have seen them. */
export function NotificationsInbox() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useInfiniteQuery(
    trpc.notifications.list.infiniteQueryOptions(
      { ...(unreadOnly ? { unreadOnly: 'true' } : {}), limit: PAGE },
      { getNextPageParam: (last) => last.nextCursor ?? undefined, refetchInterval: 30_000 },
    ),
  );
  const refresh = () => queryClient.invalidateQueries(trpc.notifications.pathFilter());
  const markRead = useMutation(trpc.notifications.markRead.mutationOptions({ onSuccess: refresh }));
  const markAll = useMutation(
    trpc.notifications.markAllRead.mutationOptions({ onSuccess: refresh }),
  );
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const anyUnread = items.some((n) => !n.readAt);
  const error = markRead.error ?? markAll.error;

  return (
    <>
      <div className="page-header">
        <h1>Notifications</h1>
        <div className="form-actions">
          <label className="checkbox-inline">
            <input
              type="checkbox"
              checked={unreadOnly}
              onChange={(e) => setUnreadOnly(e.target.checked)}
            />
            Unread only
          </label>
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={markAll.isPending || !anyUnread}
            onClick={() => markAll.mutate()}
          >
            Mark all read
          </button>
        </div>
      </div>
      {error ? <FormMessage kind="error">{apiErrorInfo(error).message}</FormMessage> : null}
      {markAll.isSuccess ? (
        <p className="visually-hidden" role="status">
          Marked {markAll.data.count} as read.
        </p>
      ) : null}
      {list.isPending ? (
        <p className="loading" role="status">
          Loading notifications…
        </p>
      ) : list.error ? (
        <FormMessage kind="error">{apiErrorInfo(list.error).message}</FormMessage>
      ) : items.length === 0 ? (
        <div className="empty-state">
          <h2>{unreadOnly ? 'All caught up' : 'Nothing here yet'}</h2>
          <p>
            {unreadOnly
              ? 'You have read everything. Nice.'
              : 'When a monitor spots something, an agent needs you, or a task comes due, it shows up here.'}
          </p>
          {!unreadOnly ? (
            <p>
              <Link href="/settings#notifications">Choose how you are told</Link>
            </p>
          ) : null}
        </div>
      ) : (
        <>
          <ul className="task-list" aria-label="Notifications">
            {items.map((n) => (
              <NotificationRow
                key={n.id}
                notification={n}
                pending={markRead.isPending && markRead.variables?.id === n.id}
                onRead={() => {
                  if (!n.readAt) markRead.mutate({ id: n.id });
                }}
              />
            ))}
          </ul>
          <LoadMore pages={list} />
        </>
      )}
    </>
  );
}

function NotificationRow({
  notification: n,
  pending,
  onRead,
}: {
  notification: Notification;
  pending: boolean;
  onRead: () => void;
}) {
  const unread = !n.readAt;
  const href = n.link;
  // In-app delivery is this list itself; only the other channels are worth a word.
  const deliveries = n.deliveries.filter((d) => d.channel !== 'in_app');
  return (
    <li
      className="task-row notification-row"
      data-unread={unread || undefined}
      data-pending={pending || undefined}
      data-testid="notification"
    >
      <span className="unread-dot" aria-hidden="true" />
      <div className="task-body">
        <p className="task-title" style={{ margin: 0 }}>
          {unread ? <span className="visually-hidden">Unread: </span> : null}
          {href ? (
            <Link href={href} onClick={onRead}>
              {n.title}
            </Link>
          ) : (
            n.title
          )}
        </p>
        {n.body ? <p style={{ margin: 0 }}>{n.body}</p> : null}
        <div className="task-meta">
          <LocalDateTime date={n.createdAt} />
          {deliveries.map((d) => (
            <span
              key={d.channel}
              className={`badge${d.status === 'sent' ? ' badge-success' : d.status === 'dead' ? ' badge-overdue' : ''}`}
              title={d.lastError ?? undefined}
            >
              {CHANNEL_LABELS[d.channel]}: {DELIVERY_LABELS[d.status]}
              {d.lastError && d.status !== 'sent' ? ` (${d.lastError})` : ''}
            </span>
          ))}
        </div>
      </div>
      {unread ? (
        <div className="task-actions">
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={pending}
            onClick={onRead}
            aria-label={`Mark read: "${n.title}"`}
          >
            Mark read
          </button>
        </div>
      ) : null}
    </li>
  );
}

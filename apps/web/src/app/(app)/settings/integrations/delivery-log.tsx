'use client';

import type { AppRouter } from '@proxy/api';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import { useId, useState } from 'react';
import { FormMessage } from '@/components/field';
import { LoadMore } from '@/components/load-more';
import { LocalDateTime } from '@/components/local-time';
import { apiErrorInfo } from '@/lib/form-errors';
import { useTRPC } from '@/trpc/client';
import styles from './integrations.module.css';

type Outputs = inferRouterOutputs<AppRouter>['webhooks'];
export type Delivery = Outputs['deliveries']['items'][number];
export type DeliveryDetail = Outputs['delivery'];
type Attempt = DeliveryDetail['attemptLog'][number];
type StatusFilter = '' | Delivery['status'];

const PAGE = 10;
export const POLL_MS = 2_000;

const FILTERS: { value: StatusFilter; label: string }[] = [
  { value: '', label: 'everything' },
  { value: 'succeeded', label: 'delivered' },
  { value: 'pending', label: 'still trying' },
  { value: 'dead', label: 'gave up' },
];

/** What the receiver said, short: the status code, or why there was none. */
const answer = (code: number | null, error: string | null) =>
  code !== null ? String(code) : (error ?? 'no answer');

/** A delivery's state in words (the dot's colour only repeats them). */
export function DeliveryState({ delivery }: { delivery: Delivery }) {
  const d = delivery;
  if (d.status === 'succeeded') {
    return (
      <span className={styles.state} data-state="good">
        Delivered{d.lastStatusCode !== null ? ` · ${d.lastStatusCode}` : ''}
      </span>
    );
  }
  if (d.status === 'dead') {
    return (
      <span className={styles.state} data-state="bad">
        Gave up · {d.lastStatusCode ?? 'no answer'}
      </span>
    );
  }
  if (d.attempts === 0) {
    return (
      <span className={styles.state} data-state="waiting">
        Sending…
      </span>
    );
  }
  return (
    <span className={styles.state} data-state="retrying">
      Retrying at <LocalDateTime date={d.nextAttemptAt} /> · {d.lastStatusCode ?? 'no answer yet'}
    </span>
  );
}

/** One attempt in words: "Delivered · 200 · 84 ms" or "503 · 1,204 ms: The endpoint answered 503". */
export function attemptWords(a: Attempt): string {
  const ms = `${a.latencyMs.toLocaleString()} ms`;
  if (a.error === null && a.statusCode !== null) return `Delivered · ${a.statusCode} · ${ms}`;
  return `Not delivered · ${answer(a.statusCode, null)} · ${ms}${a.error ? `: ${a.error}` : ''}`;
}

/** An endpoint's deliveries, newest first, refreshed every two seconds while a send is watched. */
export function DeliveryLog({
  endpointId,
  polling,
  replayingId,
  onReplay,
}: {
  endpointId: string;
  polling: boolean;
  replayingId: string | undefined;
  onReplay: (delivery: Delivery) => void;
}) {
  const trpc = useTRPC();
  const [status, setStatus] = useState<StatusFilter>('');
  const log = useInfiniteQuery(
    trpc.webhooks.deliveries.infiniteQueryOptions(
      { id: endpointId, limit: PAGE, ...(status ? { status } : {}) },
      {
        getNextPageParam: (last) => last.nextCursor ?? undefined,
        refetchInterval: polling ? POLL_MS : false,
      },
    ),
  );
  const items = log.data?.pages.flatMap((p) => p.items) ?? [];
  const headingId = useId();

  return (
    <section className={styles.log} aria-labelledby={headingId}>
      <div className={styles.logHead}>
        <h4 id={headingId}>Delivery log</h4>
        <div className={styles.logTools}>
          <label className={styles.inline}>
            Show
            <select value={status} onChange={(e) => setStatus(e.target.value as StatusFilter)}>
              {FILTERS.map((f) => (
                <option key={f.value} value={f.value}>
                  {f.label}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="button button-quiet button-small"
            disabled={log.isFetching}
            onClick={() => void log.refetch()}
          >
            {log.isFetching ? 'Refreshing…' : 'Refresh'}
          </button>
        </div>
      </div>
      {log.isPending ? (
        <p className="loading" role="status">
          Loading the log…
        </p>
      ) : log.error ? (
        <FormMessage kind="error">{apiErrorInfo(log.error).message}</FormMessage>
      ) : items.length === 0 ? (
        <p className={styles.help}>
          {status
            ? 'Nothing like that here.'
            : 'Nothing sent yet. “Send test” sends a first message to check the connection.'}
        </p>
      ) : (
        <>
          <ul className={styles.deliveries} aria-label="Deliveries">
            {items.map((d) => (
              <DeliveryRow
                key={d.id}
                delivery={d}
                polling={polling}
                replaying={replayingId === d.id}
                onReplay={() => onReplay(d)}
              />
            ))}
          </ul>
          <LoadMore pages={log} small />
        </>
      )}
    </section>
  );
}

function DeliveryRow({
  delivery,
  polling,
  replaying,
  onReplay,
}: {
  delivery: Delivery;
  polling: boolean;
  replaying: boolean;
  onReplay: () => void;
}) {
  const [open, setOpen] = useState(false);
  const detailId = useId();
  const d = delivery;
  return (
    <li className={styles.delivery} data-testid="webhook-delivery" data-status={d.status}>
      <div className={styles.deliveryMain}>
        <div className={styles.deliveryText}>
          <code className={styles.eventType}>{d.eventType}</code>
          <DeliveryState delivery={d} />
          <span className={styles.when}>
            <LocalDateTime date={d.createdAt} />
          </span>
          {d.status !== 'succeeded' && d.lastError ? (
            <span className={styles.deliveryError}>{d.lastError}</span>
          ) : null}
        </div>
        <div className={styles.rowButtons}>
          <button
            type="button"
            className="button button-quiet button-small"
            aria-expanded={open}
            aria-controls={detailId}
            aria-label={`${open ? 'Hide' : 'Show'} details of ${d.eventType}`}
            onClick={() => setOpen((o) => !o)}
          >
            {open ? 'Hide details' : 'Details'}
          </button>
          <button
            type="button"
            className="button button-secondary button-small"
            disabled={replaying}
            aria-label={`Send ${d.eventType} again`}
            onClick={onReplay}
          >
            {replaying ? 'Sending…' : 'Send again'}
          </button>
        </div>
      </div>
      <div id={detailId} hidden={!open}>
        {open ? <DeliveryDetails deliveryId={d.id} polling={polling} /> : null}
      </div>
    </li>
  );
}

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function DeliveryDetails({ deliveryId, polling }: { deliveryId: string; polling: boolean }) {
  const trpc = useTRPC();
  const detail = useQuery(
    trpc.webhooks.delivery.queryOptions(
      { deliveryId },
      { refetchInterval: polling ? POLL_MS : false },
    ),
  );
  if (detail.isPending) {
    return (
      <p className="loading" role="status">
        Loading the details…
      </p>
    );
  }
  if (detail.error) {
    return <FormMessage kind="error">{apiErrorInfo(detail.error).message}</FormMessage>;
  }
  const d = detail.data;
  return (
    <div className={styles.detail}>
      <dl className={styles.facts}>
        <dt>
          <code>webhook-id</code>
        </dt>
        <dd>
          <code>{d.messageId}</code> <span className={styles.help}>(the same on every try)</span>
        </dd>
        {d.eventId ? (
          <>
            <dt>Event id</dt>
            <dd>
              <code>{d.eventId}</code>
            </dd>
          </>
        ) : null}
        {d.succeededAt ? (
          <>
            <dt>Delivered</dt>
            <dd>
              <LocalDateTime date={d.succeededAt} />
            </dd>
          </>
        ) : null}
      </dl>
      <h5 className={styles.minorHeading}>Tries</h5>
      {d.attemptLog.length === 0 ? (
        <p className={styles.help}>Not tried yet.</p>
      ) : (
        <ol className={styles.attempts}>
          {d.attemptLog.map((a) => (
            <li key={a.id}>
              <span>
                <LocalDateTime date={a.attemptedAt} />
                {a.trigger === 'replay' ? ' · sent again by you' : ''}
              </span>
              <span>{attemptWords(a)}</span>
              {a.responseExcerpt ? (
                <span className={styles.excerpt}>
                  It answered: <code>{a.responseExcerpt}</code>
                </span>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      <h5 className={styles.minorHeading}>The message as sent</h5>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to be scrolled by keyboard */}
      <pre className={styles.payload} tabIndex={0}>
        <code>{prettyJson(d.payload)}</code>
      </pre>
    </div>
  );
}

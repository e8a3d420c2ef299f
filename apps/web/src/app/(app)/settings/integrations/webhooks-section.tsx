'use client';

import type { AppRouter } from '@proxy/api';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import { useEffect, useId, useMemo, useState } from 'react';
import { FormMessage } from '@/components/field';
import { LocalDateTime } from '@/components/local-time';
import { ConfirmDialog } from '@/components/modal';
import { apiErrorInfo } from '@/lib/form-errors';
import { useTRPC } from '@/trpc/client';
import { attemptWords, type Delivery, DeliveryLog, POLL_MS } from './delivery-log';
import { EndpointForm } from './endpoint-form';
import { describeChoice, type EventGroup, groupEventTypes } from './event-choice';
import styles from './integrations.module.css';
import { ShownOnceSecret } from './shown-once-secret';

type Endpoint = inferRouterOutputs<AppRouter>['webhooks']['list'][number];

/** How long the log keeps refreshing by itself after a test or a replay. */
const WATCH_MS = 20_000;

/** A test or replay being watched until its attempt shows up (or the watch runs out). */
type Watch = {
  kind: 'test' | 'replay';
  deliveryId: string;
  eventType: string;
  /** Tries already logged before this send; the next one is its answer. */
  attemptsBefore: number;
  until: number;
  settled: boolean;
  expired: boolean;
};

export function WebhooksSection() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const endpoints = useQuery(trpc.webhooks.list.queryOptions());
  const eventTypes = useQuery(trpc.webhooks.eventTypes.queryOptions());
  const groups = useMemo(() => groupEventTypes(eventTypes.data?.types ?? []), [eventTypes.data]);
  const [created, setCreated] = useState<{ url: string; secret: string }>();
  const [adding, setAdding] = useState(false);
  const create = useMutation(
    trpc.webhooks.create.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.webhooks.list.queryFilter()),
    }),
  );
  const none = endpoints.data?.length === 0;
  const showForm = !created && (adding || none);

  return (
    <section className="card settings-section" aria-labelledby="webhooks-heading">
      <h2 id="webhooks-heading">Webhooks</h2>
      <p className="lede">
        Proxy can tell another app when something happens, such as a task being added or a focus
        session ending. It sends a small signed message to a URL you choose, and tries again later
        if the app is not answering.
      </p>
      {created ? (
        <ShownOnceSecret
          title={`Endpoint added for ${created.url}`}
          secret={created.secret}
          onDone={() => setCreated(undefined)}
        />
      ) : null}
      {endpoints.data ? (
        <>
          {endpoints.data.length > 0 ? (
            <>
              <h3 className={styles.subheading}>Your endpoints</h3>
              <ul className={styles.endpoints}>
                {endpoints.data.map((e) => (
                  <EndpointItem key={e.id} endpoint={e} groups={groups} />
                ))}
              </ul>
            </>
          ) : null}
          {showForm ? (
            <div className={styles.addBox}>
              <h3 className={styles.subheading}>
                {none ? 'Add your first endpoint' : 'Add an endpoint'}
              </h3>
              <EndpointForm
                groups={groups}
                submitLabel="Add endpoint"
                pendingLabel="Adding…"
                pending={create.isPending}
                error={create.error}
                onSave={(values) =>
                  create.mutate(values, {
                    onSuccess: (result) => {
                      setAdding(false);
                      setCreated({ url: result.endpoint.url, secret: result.secret });
                    },
                  })
                }
                {...(none
                  ? {}
                  : {
                      onCancel: () => {
                        create.reset();
                        setAdding(false);
                      },
                    })}
              />
            </div>
          ) : !created ? (
            <div className={`form-actions ${styles.addButton}`}>
              <button
                type="button"
                className="button button-secondary"
                onClick={() => {
                  create.reset();
                  setAdding(true);
                }}
              >
                Add an endpoint
              </button>
            </div>
          ) : null}
        </>
      ) : endpoints.error ? (
        <FormMessage kind="error">{apiErrorInfo(endpoints.error).message}</FormMessage>
      ) : (
        <p className="loading" role="status">
          Loading your webhooks…
        </p>
      )}
    </section>
  );
}

/** "Turned off: it answered 410 Gone", or the reason as it stands when it says so itself. */
function offWords(reason: string | null): string {
  if (!reason) return 'Turned off';
  return /^turned off/i.test(reason) ? reason : `Turned off: ${reason}`;
}

function EndpointItem({ endpoint, groups }: { endpoint: Endpoint; groups: readonly EventGroup[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const e = endpoint;
  const [editing, setEditing] = useState(false);
  const [confirm, setConfirm] = useState<'delete' | 'rotate'>();
  const [rotated, setRotated] = useState<{ secret: string; until: Date }>();
  const [logOpen, setLogOpen] = useState(false);
  const [watch, setWatch] = useState<Watch>();
  const [saved, setSaved] = useState<string>();
  const logId = useId();

  const refreshList = () => queryClient.invalidateQueries(trpc.webhooks.list.queryFilter());
  const refreshLog = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.webhooks.deliveries.pathFilter()),
      queryClient.invalidateQueries(trpc.webhooks.delivery.pathFilter()),
    ]);
  const update = useMutation(trpc.webhooks.update.mutationOptions({ onSuccess: refreshList }));
  const remove = useMutation(trpc.webhooks.delete.mutationOptions({ onSuccess: refreshList }));
  const rotate = useMutation(
    trpc.webhooks.rotateSecret.mutationOptions({ onSuccess: refreshList }),
  );
  const test = useMutation(trpc.webhooks.test.mutationOptions());
  const replay = useMutation(trpc.webhooks.replay.mutationOptions());

  const polling = watch !== undefined && !watch.settled && !watch.expired;

  function startWatch(next: Omit<Watch, 'until' | 'settled' | 'expired'>) {
    setLogOpen(true);
    setWatch({ ...next, until: Date.now() + WATCH_MS, settled: false, expired: false });
    void refreshLog();
  }

  async function sendAgain(delivery: Delivery) {
    replay.reset();
    try {
      // The tries logged so far, so the watch knows which answer is the new one.
      const before = await queryClient.fetchQuery(
        trpc.webhooks.delivery.queryOptions({ deliveryId: delivery.id }, { staleTime: 0 }),
      );
      await replay.mutateAsync({ deliveryId: delivery.id });
      startWatch({
        kind: 'replay',
        deliveryId: delivery.id,
        eventType: delivery.eventType,
        attemptsBefore: before.attemptLog.length,
      });
    } catch {
      // The mutation's error is shown below; a failed look-up before it is shown the same way.
    }
  }

  const actionError = test.error ?? replay.error ?? update.error;

  return (
    <li className={styles.endpoint} data-testid="webhook-endpoint" data-enabled={e.enabled}>
      <div className={styles.endpointHead}>
        <div className={styles.endpointText}>
          <code className={styles.url}>{e.url}</code>
          {e.description ? <p className={styles.description}>{e.description}</p> : null}
          <p className={styles.meta}>
            {e.enabled ? (
              e.failingSince ? (
                <span className={styles.state} data-state="retrying">
                  On · not answering since <LocalDateTime date={e.failingSince} />
                </span>
              ) : (
                <span className={styles.state} data-state="good">
                  On
                  {e.lastSuccessAt ? (
                    <>
                      {' '}
                      · last delivered <LocalDateTime date={e.lastSuccessAt} />
                    </>
                  ) : (
                    ' · nothing delivered yet'
                  )}
                </span>
              )
            ) : (
              <span className={styles.state} data-state="off" data-testid="endpoint-off">
                {offWords(e.disabledReason)}
                {e.disabledAt ? (
                  <>
                    {' '}
                    · <LocalDateTime date={e.disabledAt} />
                  </>
                ) : null}
              </span>
            )}
          </p>
          <p className={styles.meta}>
            Sends: {describeChoice(e.eventTypes, groups)}
            {e.source === 'rest_hook' ? ' · added by another app (REST hook)' : ''}
          </p>
          {e.previousSecretValidUntil ? (
            <p className={styles.meta}>
              The old secret also signs until <LocalDateTime date={e.previousSecretValidUntil} />.
            </p>
          ) : null}
          {!e.enabled ? (
            <p className={styles.help}>Turn it on again once the receiving app is ready.</p>
          ) : null}
        </div>
      </div>

      <div className={styles.actions}>
        <button
          type="button"
          className="button button-small"
          disabled={!e.enabled || test.isPending}
          title={e.enabled ? undefined : 'Turn the endpoint on to send a test'}
          onClick={() => {
            test.reset();
            test.mutate(
              { id: e.id },
              {
                onSuccess: (r) =>
                  startWatch({
                    kind: 'test',
                    deliveryId: r.deliveryId,
                    eventType: 'webhook.test',
                    attemptsBefore: 0,
                  }),
              },
            );
          }}
        >
          {test.isPending ? 'Sending…' : 'Send test'}
        </button>
        <button
          type="button"
          className="button button-secondary button-small"
          aria-expanded={editing}
          onClick={() => {
            update.reset();
            setEditing((v) => !v);
          }}
        >
          {editing ? 'Stop editing' : 'Edit'}
        </button>
        <button
          type="button"
          className="button button-secondary button-small"
          disabled={update.isPending}
          onClick={() =>
            update.mutate(
              { id: e.id, enabled: !e.enabled },
              {
                onSuccess: (u) => {
                  setWatch(undefined);
                  setSaved(u.enabled ? 'Turned on.' : 'Turned off.');
                },
              },
            )
          }
        >
          {e.enabled ? 'Turn off' : 'Turn on'}
        </button>
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => {
            rotate.reset();
            setConfirm('rotate');
          }}
        >
          New secret
        </button>
        <button
          type="button"
          className="button button-quiet button-small"
          aria-label={`Remove the endpoint ${e.url}`}
          onClick={() => {
            remove.reset();
            setConfirm('delete');
          }}
        >
          Remove
        </button>
      </div>

      {actionError ? (
        <FormMessage kind="error">{apiErrorInfo(actionError).message}</FormMessage>
      ) : null}
      {/* Always present, so screen readers hear each change of the result. */}
      <div className={styles.result} role="status" aria-live="polite">
        {watch ? (
          <WatchResult
            watch={watch}
            onSettled={() => {
              setWatch((w) => (w ? { ...w, settled: true } : w));
              void refreshLog();
              void refreshList();
            }}
            onExpired={() => setWatch((w) => (w ? { ...w, expired: true } : w))}
          />
        ) : saved ? (
          saved
        ) : null}
      </div>

      {rotated ? (
        <ShownOnceSecret
          title="New secret made"
          secret={rotated.secret}
          onDone={() => setRotated(undefined)}
        >
          <p className={styles.help}>
            The old secret keeps signing messages too until <LocalDateTime date={rotated.until} />,
            so the receiving app can switch over without missing any.
          </p>
        </ShownOnceSecret>
      ) : null}

      {editing ? (
        <div className={styles.addBox}>
          <EndpointForm
            groups={groups}
            initial={{ url: e.url, description: e.description, eventTypes: e.eventTypes }}
            submitLabel="Save changes"
            pendingLabel="Saving…"
            pending={update.isPending}
            error={update.error}
            onSave={(values) =>
              update.mutate(
                { id: e.id, ...values },
                {
                  onSuccess: () => {
                    setEditing(false);
                    setWatch(undefined);
                    setSaved('Changes saved.');
                  },
                },
              )
            }
            onCancel={() => setEditing(false)}
          />
        </div>
      ) : null}

      <button
        type="button"
        className={`button button-quiet button-small ${styles.logToggle}`}
        aria-expanded={logOpen}
        aria-controls={logId}
        onClick={() => setLogOpen((v) => !v)}
      >
        {logOpen ? 'Hide the delivery log' : 'Show the delivery log'}
      </button>
      <div id={logId} hidden={!logOpen}>
        {logOpen ? (
          <DeliveryLog
            endpointId={e.id}
            polling={polling}
            replayingId={replay.isPending ? replay.variables?.deliveryId : undefined}
            onReplay={(d) => void sendAgain(d)}
          />
        ) : null}
      </div>

      <ConfirmDialog
        open={confirm === 'delete'}
        title="Remove this endpoint?"
        confirmLabel="Remove endpoint"
        pending={remove.isPending}
        error={remove.error ? apiErrorInfo(remove.error).message : undefined}
        onCancel={() => setConfirm(undefined)}
        onConfirm={() => remove.mutate({ id: e.id }, { onSuccess: () => setConfirm(undefined) })}
      >
        <p>
          Proxy stops sending to <code className={styles.url}>{e.url}</code> and forgets its
          delivery log. This cannot be undone, but you can always add it again.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm === 'rotate'}
        title="Make a new secret?"
        confirmLabel="Make a new secret"
        pending={rotate.isPending}
        error={rotate.error ? apiErrorInfo(rotate.error).message : undefined}
        onCancel={() => setConfirm(undefined)}
        onConfirm={() =>
          rotate.mutate(
            { id: e.id },
            {
              onSuccess: (r) => {
                setConfirm(undefined);
                setRotated({ secret: r.secret, until: r.previousSecretValidUntil });
              },
            },
          )
        }
      >
        <p>
          You will see the new secret once. For the next 24 hours every message is signed with both
          the old and the new one, so nothing breaks while you update the receiving app.
        </p>
      </ConfirmDialog>
    </li>
  );
}

/** The answer to a test or replay, as soon as its try is logged. */
function WatchResult({
  watch,
  onSettled,
  onExpired,
}: {
  watch: Watch;
  onSettled: () => void;
  onExpired: () => void;
}) {
  const trpc = useTRPC();
  const active = !watch.settled && !watch.expired;
  const detail = useQuery(
    trpc.webhooks.delivery.queryOptions(
      { deliveryId: watch.deliveryId },
      { refetchInterval: active ? POLL_MS : false },
    ),
  );
  const attempt =
    detail.data && detail.data.attemptLog.length > watch.attemptsBefore
      ? detail.data.attemptLog.at(-1)
      : undefined;

  useEffect(() => {
    if (attempt && !watch.settled) onSettled();
  }, [attempt, watch.settled, onSettled]);
  useEffect(() => {
    if (!active) return;
    const timer = setTimeout(onExpired, Math.max(0, watch.until - Date.now()));
    return () => clearTimeout(timer);
  }, [active, watch.until, onExpired]);

  const what = watch.kind === 'test' ? 'Test' : `${watch.eventType}, sent again`;
  if (attempt) {
    const next =
      detail.data?.status === 'pending' && detail.data.nextAttemptAt ? (
        <>
          {' '}
          Proxy tries again at <LocalDateTime date={detail.data.nextAttemptAt} />.
        </>
      ) : null;
    return (
      <p className={styles.resultLine} data-testid="watch-result">
        {what}: {attemptWords(attempt)}.{next}
      </p>
    );
  }
  if (watch.expired) {
    return (
      <p className={styles.resultLine} data-testid="watch-result">
        {what}: no answer yet. It may still be on its way; press Refresh on the log in a moment.
      </p>
    );
  }
  return (
    <p className={styles.resultLine} data-testid="watch-result">
      {watch.kind === 'test' ? 'Sending the test…' : `Sending ${watch.eventType} again…`}
    </p>
  );
}

'use client';

import type { AppRouter } from '@proxy/api';
import { type ChannelMode, quietHoursSchema } from '@proxy/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import { type FormEvent, useEffect, useState } from 'react';
import { FormMessage } from '@/components/field';
import { apiErrorInfo } from '@/lib/form-errors';
import { useTRPC } from '@/trpc/client';
import styles from './notifications-section.module.css';

type Preferences = inferRouterOutputs<AppRouter>['notifications']['preferences'];
type Channel = 'email' | 'push' | 'webhook';

const MODE_LABELS: Record<ChannelMode, string> = {
  instant: 'Right away',
  digest: 'In the digest',
  off: 'Off',
};

/**
 * How Proxy tells you things: per kind and channel, quiet hours, the digest, this browser's push
 * subscription and a test per channel. The inbox always records everything.
 */
export function NotificationsSection() {
  const trpc = useTRPC();
  const prefs = useQuery(trpc.notifications.preferences.queryOptions());
  return (
    <section
      className="card settings-section"
      aria-labelledby="notifications-heading"
      id="notifications"
    >
      <h2 id="notifications-heading">Notifications</h2>
      <p className="lede">
        Everything lands in your inbox. Choose what also reaches you by email or push, and when
        things can wait.
      </p>
      {prefs.data ? (
        <div className="stack">
          <PushDevice prefs={prefs.data} />
          <KindTable prefs={prefs.data} />
          <QuietHoursForm prefs={prefs.data} />
          <DigestForm prefs={prefs.data} />
        </div>
      ) : prefs.error ? (
        <FormMessage kind="error">{apiErrorInfo(prefs.error).message}</FormMessage>
      ) : (
        <p className="loading" role="status">
          Loading your notification settings…
        </p>
      )}
    </section>
  );
}

function usePreferencesUpdate() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.notifications.updatePreferences.mutationOptions({
      onSuccess: (updated) =>
        queryClient.setQueryData(trpc.notifications.preferences.queryKey(), updated),
    }),
  );
}

function KindTable({ prefs }: { prefs: Preferences }) {
  const update = usePreferencesUpdate();
  const [saved, setSaved] = useState<string | null>(null);
  const channels: { channel: Channel; label: string; available: boolean; hint: string }[] = [
    {
      channel: 'email',
      label: 'Email',
      available: prefs.channels.email.available,
      hint: 'Email is not set up on this server.',
    },
    {
      channel: 'push',
      label: 'Push',
      available: prefs.channels.push.available,
      hint: 'Push is not available on this server.',
    },
    // Webhooks join the table once an endpoint takes notifications (Settings, Integrations).
    ...(prefs.channels.webhook.available
      ? [
          {
            channel: 'webhook' as const,
            label: 'Webhook',
            available: true,
            hint: 'Sent to your endpoints that take notification.created.',
          },
        ]
      : []),
  ];
  return (
    <div>
      <h3 className={styles.subheading}>What reaches you where</h3>
      <div className={styles.tableWrap}>
        <table className={styles.kinds}>
          <thead>
            <tr>
              <th scope="col">When</th>
              {channels.map((c) => (
                <th scope="col" key={c.channel}>
                  {c.label}
                  {!c.available ? <span className={styles.unavailable}> (off here)</span> : null}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {prefs.kinds.map((k) => (
              <tr key={k.kind}>
                <th scope="row">
                  <span className={styles.kindLabel}>{k.label}</span>
                  <span className={styles.kindHelp}>{k.description}</span>
                </th>
                {channels.map((c) => (
                  <td key={c.channel}>
                    <select
                      aria-label={`${k.label}: ${c.label}`}
                      value={k.modes[c.channel]}
                      disabled={!c.available || update.isPending}
                      title={c.available ? undefined : c.hint}
                      onChange={(e) => {
                        const mode = e.target.value as ChannelMode;
                        update.mutate(
                          { modes: [{ kind: k.kind, channel: c.channel, mode }] },
                          {
                            onSuccess: () =>
                              setSaved(
                                `${k.label}: ${c.label} ${MODE_LABELS[mode].toLowerCase()}.`,
                              ),
                          },
                        );
                      }}
                    >
                      {(['instant', 'digest', 'off'] as const).map((m) => (
                        <option key={m} value={m}>
                          {MODE_LABELS[m]}
                          {m === k.defaults[c.channel] ? ' (default)' : ''}
                        </option>
                      ))}
                    </select>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {update.error ? (
        <FormMessage kind="error">{apiErrorInfo(update.error).message}</FormMessage>
      ) : saved ? (
        <p className={styles.status} role="status">
          Saved. {saved}
        </p>
      ) : null}
    </div>
  );
}

function QuietHoursForm({ prefs }: { prefs: Preferences }) {
  const update = usePreferencesUpdate();
  const [enabled, setEnabled] = useState(prefs.quietHours.enabled);
  const [start, setStart] = useState(prefs.quietHours.start);
  const [end, setEnd] = useState(prefs.quietHours.end);
  const [problem, setProblem] = useState<string | null>(null);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = quietHoursSchema.safeParse({ enabled, start, end });
    if (!parsed.success) {
      setProblem(parsed.error.issues[0]?.message ?? 'Check the times');
      return;
    }
    setProblem(null);
    update.mutate({ quietHours: parsed.data });
  }
  return (
    <form onSubmit={onSubmit} aria-labelledby="quiet-heading">
      <h3 className={styles.subheading} id="quiet-heading">
        Quiet hours
      </h3>
      <p className={styles.help}>
        Email and push wait until quiet hours end ({prefs.timeZone} time); break reminders for a
        session you started still reach you.
      </p>
      <div className={styles.row}>
        <label className="checkbox-inline">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
          Quiet hours on
        </label>
        <label className={styles.inline}>
          From
          <input
            type="time"
            value={start}
            required
            onChange={(e) => setStart(e.target.value)}
            disabled={!enabled}
          />
        </label>
        <label className={styles.inline}>
          until
          <input
            type="time"
            value={end}
            required
            onChange={(e) => setEnd(e.target.value)}
            disabled={!enabled}
          />
        </label>
        <button type="submit" className="button button-secondary" disabled={update.isPending}>
          Save quiet hours
        </button>
      </div>
      {problem ? <FormMessage kind="error">{problem}</FormMessage> : null}
      {update.error ? (
        <FormMessage kind="error">{apiErrorInfo(update.error).message}</FormMessage>
      ) : update.isSuccess ? (
        <p className={styles.status} role="status">
          Quiet hours saved.
        </p>
      ) : null}
    </form>
  );
}

function DigestForm({ prefs }: { prefs: Preferences }) {
  const update = usePreferencesUpdate();
  const [cadence, setCadence] = useState(prefs.digest.cadence);
  const [hour, setHour] = useState(prefs.digest.hour);
  return (
    <form
      aria-labelledby="digest-heading"
      onSubmit={(e) => {
        e.preventDefault();
        update.mutate({ digest: { cadence, hour } });
      }}
    >
      <h3 className={styles.subheading} id="digest-heading">
        Digest
      </h3>
      <p className={styles.help}>
        Things set to “In the digest” are gathered into one message instead of one each.
      </p>
      <div className={styles.row}>
        <label className={styles.inline}>
          Send it
          <select
            value={cadence}
            onChange={(e) => setCadence(e.target.value as Preferences['digest']['cadence'])}
          >
            <option value="hourly">every hour</option>
            <option value="daily">once a day</option>
          </select>
        </label>
        {cadence === 'daily' ? (
          <label className={styles.inline}>
            at
            <select value={hour} onChange={(e) => setHour(Number(e.target.value))}>
              {Array.from({ length: 24 }, (_, h) => (
                <option key={h} value={h}>
                  {String(h).padStart(2, '0')}:00
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <button type="submit" className="button button-secondary" disabled={update.isPending}>
          Save digest
        </button>
      </div>
      {update.error ? (
        <FormMessage kind="error">{apiErrorInfo(update.error).message}</FormMessage>
      ) : update.isSuccess ? (
        <p className={styles.status} role="status">
          Digest saved.
        </p>
      ) : null}
    </form>
  );
}

/** The VAPID public key as the bytes `pushManager.subscribe` wants. */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const padded = `${base64url}${'='.repeat((4 - (base64url.length % 4)) % 4)}`
    .replace(/-/g, '+')
    .replace(/_/g, '/');
  const raw = atob(padded);
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

function deviceLabel(): string {
  const ua = navigator.userAgent;
  const browser = /Firefox\//.test(ua)
    ? 'Firefox'
    : /Edg\//.test(ua)
      ? 'Edge'
      : /Chrome\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : 'Browser';
  const system = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad/.test(ua)
      ? 'iOS'
      : /Mac OS X/.test(ua)
        ? 'macOS'
        : /Windows/.test(ua)
          ? 'Windows'
          : /Linux/.test(ua)
            ? 'Linux'
            : 'this device';
  return `${browser} on ${system}`;
}

function PushDevice({ prefs }: { prefs: Preferences }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const devices = useQuery(trpc.notifications.pushDevices.queryOptions());
  const [endpoint, setEndpoint] = useState<string | null>(null);
  const [supported, setSupported] = useState<boolean | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.notifications.pushDevices.queryFilter()),
      queryClient.invalidateQueries(trpc.notifications.preferences.queryFilter()),
    ]);
  const subscribe = useMutation(trpc.notifications.subscribePush.mutationOptions());
  const unsubscribe = useMutation(
    trpc.notifications.unsubscribePush.mutationOptions({ onSuccess: () => void refresh() }),
  );
  const test = useMutation(trpc.notifications.sendTest.mutationOptions());

  useEffect(() => {
    const ok = 'serviceWorker' in navigator && 'PushManager' in window;
    setSupported(ok);
    if (!ok) return;
    void navigator.serviceWorker
      .getRegistration('/')
      .then((reg) => reg?.pushManager.getSubscription())
      .then((sub) => setEndpoint(sub?.endpoint ?? null));
  }, []);

  async function turnOn() {
    setProblem(null);
    setBusy(true);
    try {
      if (!prefs.channels.push.publicKey) throw new Error('This server has no Web Push keys.');
      const permission = await Notification.requestPermission();
      if (permission !== 'granted') {
        throw new Error('Notifications are blocked for this site in your browser settings.');
      }
      const reg = await navigator.serviceWorker.register('/sw.js', { scope: '/' });
      await navigator.serviceWorker.ready;
      const sub =
        (await reg.pushManager.getSubscription()) ??
        (await reg.pushManager.subscribe({
          userVisibleOnly: true,
          applicationServerKey: keyBytes(prefs.channels.push.publicKey),
        }));
      const json = sub.toJSON();
      await subscribe.mutateAsync({
        endpoint: sub.endpoint,
        keys: { p256dh: json.keys?.p256dh ?? '', auth: json.keys?.auth ?? '' },
        label: deviceLabel(),
      });
      setEndpoint(sub.endpoint);
      await refresh();
    } catch (error) {
      setProblem(
        error instanceof Error && !('data' in error) ? error.message : apiErrorInfo(error).message,
      );
    } finally {
      setBusy(false);
    }
  }

  async function turnOff() {
    setBusy(true);
    try {
      const reg = await navigator.serviceWorker.getRegistration('/');
      const sub = await reg?.pushManager.getSubscription();
      if (sub) {
        await unsubscribe.mutateAsync({ endpoint: sub.endpoint });
        await sub.unsubscribe();
      }
      setEndpoint(null);
    } finally {
      setBusy(false);
    }
  }

  const here = endpoint !== null && (devices.data?.items.length ?? 0) > 0;
  return (
    <div>
      <h3 className={styles.subheading}>Channels</h3>
      <ul className={styles.channels}>
        <li>
          <span>
            <strong>Email</strong>{' '}
            {prefs.channels.email.available ? 'is set up.' : 'is not set up on this server.'}
          </span>
          {prefs.channels.email.available ? (
            <button
              type="button"
              className="button button-secondary button-small"
              disabled={test.isPending}
              onClick={() => test.mutate({ channel: 'email' })}
            >
              Send me a test email
            </button>
          ) : null}
        </li>
        <li>
          <span>
            <strong>Push</strong>{' '}
            {!prefs.channels.push.available
              ? 'is not available on this server.'
              : supported === false
                ? 'is not supported by this browser.'
                : here
                  ? 'is on in this browser.'
                  : 'is off in this browser.'}
          </span>
          {prefs.channels.push.available && supported ? (
            here ? (
              <span className={styles.buttons}>
                <button
                  type="button"
                  className="button button-secondary button-small"
                  disabled={test.isPending}
                  onClick={() => test.mutate({ channel: 'push' })}
                >
                  Send me a test push
                </button>
                <button
                  type="button"
                  className="button button-secondary button-small"
                  disabled={busy}
                  onClick={() => void turnOff()}
                >
                  Turn off here
                </button>
              </span>
            ) : (
              <button
                type="button"
                className="button button-small"
                disabled={busy}
                onClick={() => void turnOn()}
              >
                Turn on push in this browser
              </button>
            )
          ) : null}
        </li>
      </ul>
      {devices.data && devices.data.items.length > 0 ? (
        <>
          <p className={styles.help}>Devices that get push notifications:</p>
          <ul className={styles.devices} aria-label="Push devices">
            {devices.data.items.map((d) => (
              <li key={d.id}>
                <span>
                  {d.label} <span className={styles.muted}>via {d.service}</span>
                  {d.lastError ? (
                    <span className={styles.muted}> · last problem: {d.lastError}</span>
                  ) : null}
                </span>
                <button
                  type="button"
                  className="button button-secondary button-small"
                  disabled={unsubscribe.isPending}
                  onClick={() => unsubscribe.mutate({ id: d.id })}
                  aria-label={`Remove ${d.label}`}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {problem ? <FormMessage kind="error">{problem}</FormMessage> : null}
      {test.error ? (
        <FormMessage kind="error">{apiErrorInfo(test.error).message}</FormMessage>
      ) : test.isSuccess ? (
        <p className={styles.status} role="status">
          Test sent by {test.data.channel === 'push' ? 'push' : 'email'}; it is in your inbox too.
        </p>
      ) : null}
    </div>
  );
}

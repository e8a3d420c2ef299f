import type { Metadata } from 'next';
import Link from 'next/link';
import { getQueryClient, HydrateClient, serverTrpc } from '@/trpc/server';
import { CalendarSection } from './calendar-section';
import styles from './integrations.module.css';
import { WebhooksSection } from './webhooks-section';

export const metadata: Metadata = { title: 'Integrations' };

export default async function IntegrationsPage() {
  const queryClient = getQueryClient();
  await Promise.all([
    queryClient.prefetchQuery(serverTrpc.webhooks.list.queryOptions()),
    queryClient.prefetchQuery(serverTrpc.webhooks.eventTypes.queryOptions()),
    queryClient.prefetchQuery(serverTrpc.calendar.get.queryOptions()),
  ]);
  return (
    <HydrateClient>
      <div className="page-header">
        <div>
          <p className="muted" style={{ margin: 0 }}>
            <Link href="/settings">← Settings</Link>
          </p>
          <h1>Integrations</h1>
        </div>
      </div>
      <p className="lede">
        Connect Proxy to the other tools you use. Nothing here is needed day to day; set it up once
        and let it run.
      </p>
      <div className="stack">
        <WebhooksSection />
        <CalendarSection />
        <section className="card settings-section" aria-labelledby="automation-heading">
          <h2 id="automation-heading">For Zapier, Make and scripts</h2>
          <p className="lede">
            Automation tools can connect without this page, with an{' '}
            <Link href="/settings#api-keys-heading">API key</Link>:
          </p>
          <ul className={styles.steps}>
            <li>
              <strong>REST hooks</strong>: <code>POST /api/v1/hooks</code> with a{' '}
              <code>target_url</code> and an <code>event</code> (such as <code>task.*</code>)
              subscribes; <code>DELETE /api/v1/hooks/&#123;id&#125;</code> unsubscribes. They show
              up in the list above too.
            </li>
            <li>
              <strong>Polling triggers</strong>: <code>GET /api/v1/triggers/task-created</code>,{' '}
              <code>task-completed</code>, <code>focus-completed</code> and{' '}
              <code>monitor-triggered</code> list recent items, newest first, each with a stable{' '}
              <code>id</code>.
            </li>
          </ul>
          <p className={styles.help}>
            Messages are signed the same way as webhooks. The details are in the{' '}
            <Link href="/docs/api#tag-integrations">API reference</Link> (see also{' '}
            <Link href="/docs/api#tag-webhooks">webhooks</Link>).
          </p>
        </section>
      </div>
    </HydrateClient>
  );
}

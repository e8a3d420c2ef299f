import type { Metadata } from 'next';
import Link from 'next/link';
import { getQueryClient, HydrateClient, serverTrpc } from '@/trpc/server';
import { AccountSection } from './account-section';
import { ApiKeysSection } from './api-keys-section';
import { NotificationsSection } from './notifications-section';
import { PasswordSection } from './password-section';
import { ProfileSection } from './profile-section';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  const queryClient = getQueryClient();
  await Promise.all([
    queryClient.prefetchQuery(serverTrpc.profile.get.queryOptions()),
    queryClient.prefetchQuery(serverTrpc.apiKeys.list.queryOptions()),
    queryClient.prefetchQuery(serverTrpc.notifications.preferences.queryOptions()),
  ]);
  return (
    <HydrateClient>
      <div className="page-header">
        <h1>Settings</h1>
      </div>
      <div className="stack">
        <ProfileSection />
        <NotificationsSection />
        <PasswordSection />
        <ApiKeysSection />
        <section className="card settings-section" aria-labelledby="integrations-heading">
          <h2 id="integrations-heading">Integrations</h2>
          <p className="lede">
            Webhooks that tell other apps what happens in Proxy, and a calendar address for your due
            tasks and focus blocks.
          </p>
          <Link className="button button-secondary" href="/settings/integrations">
            Open integrations
          </Link>
        </section>
        <section className="card settings-section" aria-labelledby="trash-heading">
          <h2 id="trash-heading">Trash</h2>
          <p className="lede">
            Deleted tasks and templates stay restorable for 30 days, then they are purged.
          </p>
          <Link className="button button-secondary" href="/trash">
            Open the trash
          </Link>
        </section>
        <AccountSection />
      </div>
    </HydrateClient>
  );
}

import type { Metadata } from 'next';
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
        <AccountSection />
      </div>
    </HydrateClient>
  );
}

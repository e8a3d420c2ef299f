import type { Metadata } from 'next';
import { getQueryClient, HydrateClient, serverTrpc } from '@/trpc/server';
import { DEFAULT_DAYS, RECENT_CALLS } from './usage-input';
import { UsageView } from './usage-view';

export const metadata: Metadata = { title: 'AI usage' };

export default async function UsagePage() {
  const queryClient = getQueryClient();
  await Promise.all([
    queryClient.prefetchQuery(serverTrpc.ai.usage.queryOptions({ days: DEFAULT_DAYS })),
    queryClient.prefetchQuery(serverTrpc.ai.calls.queryOptions({ limit: RECENT_CALLS })),
  ]);
  return (
    <HydrateClient>
      <UsageView />
    </HydrateClient>
  );
}

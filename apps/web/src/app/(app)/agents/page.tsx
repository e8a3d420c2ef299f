import type { Metadata } from 'next';
import { getQueryClient, HydrateClient, serverTrpc } from '@/trpc/server';
import { Agents } from './agents';

export const metadata: Metadata = { title: 'Agents' };

export default async function AgentsPage() {
  const queryClient = getQueryClient();
  await Promise.all([
    queryClient.prefetchQuery(serverTrpc.delegation.agents.list.queryOptions({})),
    queryClient.prefetchQuery(serverTrpc.delegation.assignments.list.queryOptions({})),
  ]);
  return (
    <HydrateClient>
      <Agents />
    </HydrateClient>
  );
}

import type { Metadata } from 'next';
import { getQueryClient, HydrateClient, serverTrpc } from '@/trpc/server';
import { CreaturePage } from './creature-page';

export const metadata: Metadata = { title: 'Your creature' };

/** The creature arrives with the HTML (drawn on the server), so it is there before any script. */
export default async function Page() {
  const queryClient = getQueryClient();
  await Promise.all([
    queryClient.prefetchQuery(serverTrpc.pets.get.queryOptions()),
    queryClient.prefetchQuery(serverTrpc.pets.level.queryOptions()),
  ]);
  return (
    <HydrateClient>
      <CreaturePage />
    </HydrateClient>
  );
}

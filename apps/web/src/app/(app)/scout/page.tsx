import type { Metadata } from 'next';
import { getQueryClient, HydrateClient, serverTrpc } from '@/trpc/server';
import { Scout } from './scout';
import { NO_SCOUT_FILTERS, scoutListInput } from './scout-filters';

export const metadata: Metadata = { title: 'Scout' };

export default async function ScoutPage() {
  const queryClient = getQueryClient();
  await queryClient.prefetchInfiniteQuery(
    serverTrpc.tasks.list.infiniteQueryOptions(scoutListInput(NO_SCOUT_FILTERS), {
      getNextPageParam: (page) => page.nextCursor,
    }),
  );
  return (
    <HydrateClient>
      <Scout />
    </HydrateClient>
  );
}

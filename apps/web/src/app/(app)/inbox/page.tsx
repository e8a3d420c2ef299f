import type { Metadata } from 'next';
import { getQueryClient, HydrateClient, serverTrpc } from '@/trpc/server';
import { Inbox } from './inbox';
import { listInput, NO_FILTERS } from './list-input';

export const metadata: Metadata = { title: 'Inbox' };

export default async function InboxPage() {
  const queryClient = getQueryClient();
  // The first page and the counts arrive with the HTML; later pages and filters load client-side.
  await Promise.all([
    queryClient.prefetchInfiniteQuery(
      serverTrpc.tasks.list.infiniteQueryOptions(listInput(NO_FILTERS), {
        getNextPageParam: (page) => page.nextCursor,
      }),
    ),
    queryClient.prefetchQuery(serverTrpc.tasks.counts.queryOptions()),
  ]);
  return (
    <HydrateClient>
      <Inbox />
    </HydrateClient>
  );
}

import type { Metadata } from 'next';
import { getQueryClient, HydrateClient, serverTrpc } from '@/trpc/server';
import { MAPPER_LIST_INPUT } from './columns';
import { Mapper } from './mapper';

export const metadata: Metadata = { title: 'Mapper' };

export default async function MapperPage() {
  // The first page arrives with the HTML; the board pages through the rest in the browser.
  await getQueryClient().prefetchInfiniteQuery(
    serverTrpc.tasks.list.infiniteQueryOptions(MAPPER_LIST_INPUT, {
      getNextPageParam: (page) => page.nextCursor,
    }),
  );
  return (
    <HydrateClient>
      <Mapper />
    </HydrateClient>
  );
}

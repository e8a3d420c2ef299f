import type { Metadata } from 'next';
import { getQueryClient, HydrateClient, serverTrpc } from '@/trpc/server';
import { TrashView } from './trash-view';

export const metadata: Metadata = { title: 'Trash' };

export default async function TrashPage() {
  await getQueryClient().prefetchQuery(serverTrpc.trash.list.queryOptions({}));
  return (
    <HydrateClient>
      <TrashView />
    </HydrateClient>
  );
}

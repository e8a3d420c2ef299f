import type { Metadata } from 'next';
import { getQueryClient, HydrateClient, serverTrpc } from '@/trpc/server';
import { MAPPER_LIST_INPUT, Mapper } from './mapper';

export const metadata: Metadata = { title: 'Mapper' };

export default async function MapperPage() {
  await getQueryClient().prefetchQuery(serverTrpc.tasks.list.queryOptions(MAPPER_LIST_INPUT));
  return (
    <HydrateClient>
      <Mapper />
    </HydrateClient>
  );
}

import type { Metadata } from 'next';
import { getQueryClient, HydrateClient, serverTrpc } from '@/trpc/server';
import { Templates } from './templates';

export const metadata: Metadata = { title: 'Templates' };

export default async function TemplatesPage() {
  await getQueryClient().prefetchQuery(serverTrpc.templates.list.queryOptions({}));
  return (
    <HydrateClient>
      <Templates />
    </HydrateClient>
  );
}

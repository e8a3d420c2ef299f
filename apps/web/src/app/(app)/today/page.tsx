import type { Metadata } from 'next';
import { getQueryClient, HydrateClient, serverTrpc } from '@/trpc/server';
import { TodayPage } from './today-page';

export const metadata: Metadata = { title: 'Today' };

/** Today arrives with the HTML: the next thing is on screen before any script runs. */
export default async function Page({
  searchParams,
}: {
  searchParams: Promise<{ welcome?: string | string[] }>;
}) {
  const { welcome } = await searchParams;
  const queryClient = getQueryClient();
  await queryClient.prefetchQuery(serverTrpc.tasks.today.queryOptions({}));
  return (
    <HydrateClient>
      <TodayPage welcome={welcome === '1'} />
    </HydrateClient>
  );
}

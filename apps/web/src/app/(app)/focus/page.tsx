import type { Metadata } from 'next';
import { getQueryClient, HydrateClient, serverTrpc } from '@/trpc/server';
import { FocusPage } from './focus-page';

export const metadata: Metadata = { title: 'Focus' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The open session arrives with the HTML, so a reload shows the running timer at once. */
export default async function Page({
  searchParams,
}: {
  searchParams: Promise<{ task?: string | string[] }>;
}) {
  const { task } = await searchParams;
  const taskId = typeof task === 'string' && UUID.test(task) ? task : null;
  const queryClient = getQueryClient();
  await Promise.all([
    queryClient.prefetchQuery(serverTrpc.focus.current.queryOptions()),
    queryClient.prefetchQuery(serverTrpc.focus.analytics.queryOptions({})),
  ]);
  return (
    <HydrateClient>
      <FocusPage initialTaskId={taskId} />
    </HydrateClient>
  );
}

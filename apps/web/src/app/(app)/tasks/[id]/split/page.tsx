import { taskIdSchema } from '@proxy/core';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getQueryClient, HydrateClient, serverTrpc } from '@/trpc/server';
import { SplitFlow } from './split-flow';

export const metadata: Metadata = { title: 'Break it down' };

export default async function SplitPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!taskIdSchema.safeParse(id).success) notFound();
  const queryClient = getQueryClient();
  try {
    // Someone else's task, or a deleted one, is simply not found.
    await queryClient.fetchQuery(serverTrpc.tasks.get.queryOptions({ id }));
  } catch {
    notFound();
  }
  await Promise.all([
    queryClient.prefetchQuery(serverTrpc.splitting.complexity.queryOptions({ id })),
    queryClient.prefetchQuery(serverTrpc.splitting.steps.queryOptions({ id })),
  ]);
  return (
    <HydrateClient>
      <SplitFlow taskId={id} />
    </HydrateClient>
  );
}

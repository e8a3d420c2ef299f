import 'server-only';
import { type AppRouter, appRouter, type Context, createContext } from '@proxy/api';
import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import { createTRPCOptionsProxy, type TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import type { ReactNode } from 'react';
import { cache } from 'react';
import { currentUserId } from '@/auth';
import { appDeps } from '@/server/db';
import { makeQueryClient } from './query-client';

/** One QueryClient per server request, shared by every component that prefetches in it. */
export const getQueryClient = cache(makeQueryClient);

/** Server components call procedures directly (no HTTP) as the signed-in user. */
async function createServerContext(): Promise<Context> {
  return createContext({
    deps: await appDeps(),
    headers: new Headers({ 'x-real-ip': 'server-render' }),
    getSessionUserId: currentUserId,
  });
}

export const serverTrpc: TRPCOptionsProxy<AppRouter> = createTRPCOptionsProxy<AppRouter>({
  router: appRouter,
  ctx: createServerContext,
  queryClient: getQueryClient,
});

/** Hands whatever this request prefetched to the client components below. */
export function HydrateClient({ children }: { children: ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}

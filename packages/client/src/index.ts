import type { AppRouter } from '@proxy/api';
import { TRPC_MAX_BATCH_SIZE } from '@proxy/core';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import superjson from 'superjson';

export type { AppRouter };

export interface ProxyClientOptions {
  /** Where Proxy runs, e.g. http://localhost:3000 */
  url: string;
  /** An API key from Settings → API keys (`pxy_...`). */
  apiKey: string;
  /** A fetch to use instead of the global one (tests, proxies). */
  fetch?: typeof globalThis.fetch;
}

/**
 * The typed client for internal tools and agents: every procedure of the app router, with its
 * input and output types, over HTTP with an API key.
 *
 *   const proxy = createProxyClient({ url, apiKey });
 *   const page = await proxy.tasks.list.query({ status: 'inbox' });
 */
export function createProxyClient(options: ProxyClientOptions) {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: new URL('/api/trpc', options.url).toString(),
        transformer: superjson,
        maxItems: TRPC_MAX_BATCH_SIZE,
        headers: () => ({ authorization: `Bearer ${options.apiKey}` }),
        ...(options.fetch ? { fetch: options.fetch } : {}),
      }),
    ],
  });
}

export type ProxyClient = ReturnType<typeof createProxyClient>;

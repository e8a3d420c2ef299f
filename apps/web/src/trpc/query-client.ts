import { defaultShouldDehydrateQuery, QueryClient } from '@tanstack/react-query';
import superjson from 'superjson';

/**
 * One QueryClient recipe for the browser and for server prefetching. Dehydrated data goes
 * through superjson so dates survive the trip from a server component to the client.
 */
export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // A 4xx will not change by asking again; only retry what may be transient. A server
        // render never retries: its waits (1 s, then 2 s) would hold the whole page, and the
        // browser asks again anyway when a prefetch is missing.
        retry: (failureCount, error) => {
          if (typeof window === 'undefined') return false;
          const status = (error as { data?: { httpStatus?: number } }).data?.httpStatus;
          if (status !== undefined && status < 500) return false;
          return failureCount < 2;
        },
      },
      dehydrate: {
        serializeData: superjson.serialize,
        shouldDehydrateQuery: (query) =>
          defaultShouldDehydrateQuery(query) || query.state.status === 'pending',
      },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}

/** The API the Node server answers itself (api-fast-path.ts), by the first segments of the path. */
export type ApiRoute = 'trpc' | 'rest';

/**
 * Which fast path a request URL (path and query, as node gives it) takes, or null for Next.
 * The OpenAPI document stays a Next route (it is cached and read rarely).
 */
export function fastApiRoute(url: string): ApiRoute | null {
  if (url.startsWith('/api/trpc/')) return 'trpc';
  if (url.startsWith('/api/v1/') && !url.startsWith('/api/v1/openapi.json')) return 'rest';
  return null;
}

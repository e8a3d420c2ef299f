import 'server-only';
import type { RequestOptions } from '@proxy/api';
import { auth } from '@/auth';
import { appDeps } from './db';

/** What the tRPC and REST handlers need from the web app: services, session, error log. */
export async function apiRequestOptions(): Promise<RequestOptions> {
  return {
    deps: await appDeps(),
    getSessionUserId: async () => (await auth())?.user?.id ?? null,
    onInternalError: (error, path) => {
      // The error, never the request: no headers, cookies or bodies in the log.
      console.error(`[api] internal error on ${path ?? 'unknown path'}`, error);
    },
  };
}

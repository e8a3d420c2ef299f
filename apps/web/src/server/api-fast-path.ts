import 'server-only';
import type { RequestListener } from 'node:http';
import { handleRestRequest, handleTrpcRequest, type RequestOptions, sessionUser } from '@proxy/api';
import { createRequestListener } from '@remix-run/node-fetch-server';
import { appDeps } from './db';
import { serverEnv } from './env';
import { type ApiRoute, fastApiRoute } from './fast-api-route';
import { sessionClaimsFrom } from './session-cookie';

/**
 * `/api/trpc/*` and `/api/v1/*` served straight from the Node server (server.mjs), in front of
 * Next. Going through Next's router, its request wrapping and a route handler cost more than the
 * procedure behind them: the tasks.list benchmark measured the API at a fifth of a bare Node
 * server. Pages, `/api/auth` (Auth.js), `/api/mcp`, `/api/calendar` and the OpenAPI document
 * stay on Next. The handlers are the same ones the route handlers call, so the two paths answer
 * alike; `next dev` (no server.mjs) uses the route handlers.
 */
/** The same options as the route handlers' (request-options.ts), with the session read here. */
async function fastRequestOptions(request: Request): Promise<RequestOptions> {
  const deps = await appDeps();
  return {
    deps,
    getSessionUserId: async () => {
      const claims = await sessionClaimsFrom(request.headers, serverEnv().authSecret);
      if (!claims) return null;
      const user = await sessionUser(deps, claims.userId, claims.sessionVersion);
      return user?.id ?? null;
    },
    onInternalError: (error, path) => {
      console.error(`[api] internal error on ${path ?? 'unknown path'}`, error);
    },
  };
}

async function answer(request: Request): Promise<Response> {
  const route = fastApiRoute(new URL(request.url).pathname);
  const options = await fastRequestOptions(request);
  return route === 'trpc'
    ? handleTrpcRequest(request, options)
    : handleRestRequest(request, options);
}

export const apiListener: RequestListener = createRequestListener(answer, {
  onError: (error) => {
    console.error('[api] request failed before a handler answered', error);
    return Response.json(
      { message: 'Something went wrong on our side', code: 'INTERNAL_SERVER_ERROR' },
      { status: 500 },
    );
  },
});

/** What server.mjs looks up on globalThis; a Symbol.for key, so both sides name it alike. */
export const FAST_API_KEY = Symbol.for('proxy.fastApi');

export interface FastApi {
  route: (url: string) => ApiRoute | null;
  listener: RequestListener;
}

/** Called from instrumentation (once, when Next prepares): server.mjs finds it there. */
export function registerFastApi(): void {
  (globalThis as Record<symbol, FastApi>)[FAST_API_KEY] = {
    route: fastApiRoute,
    listener: apiListener,
  };
}
